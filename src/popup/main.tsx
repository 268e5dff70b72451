import { render } from 'preact';
import { App } from './App';
import './popup.css';

const app = document.getElementById('app');
if (app) {
  render(<App />, app);
  // The first view is in the DOM (render is synchronous): the E2E benchmark reads this mark.
  performance.mark('liqguard:popup-first-render');
}
