import { render } from 'preact';

function Popup() {
  return <main><h1>LiqGuard</h1><p data-testid="popup-ready">Ready.</p></main>;
}

const app = document.getElementById('app');
if (app) render(<Popup />, app);
