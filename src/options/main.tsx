import { render } from 'preact';

function Options() {
  return <main><h1>LiqGuard options</h1><p data-testid="options-ready">Settings will live here.</p><p><a href="../diagnostics/index.html">Market data: sources, age and errors</a></p></main>;
}

const app = document.getElementById('app');
if (app) render(<Options />, app);
