import { render } from 'preact';
import { loadSettings, readUnkept } from '../shared/settings-store';
import { App, readActiveTab } from './App';
import { startEarly } from './early-reads';
import { readSavedForm } from './use-calculator';
import './popup.css';

const app = document.getElementById('app');
if (app) {
  render(<App />, app);
  // The first view is in the DOM (render is synchronous): the E2E benchmark reads this mark.
  performance.mark('liqguard:popup-first-render');
  // What fills it in, asked for now rather than in the effects, which run after the first frame is drawn.
  startEarly(loadSettings, readUnkept, readSavedForm, readActiveTab);
}
