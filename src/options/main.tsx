import { render } from 'preact';
import { Options } from './Options';
import '../popup/popup.css';
import './options.css';

const app = document.getElementById('app');
if (app) render(<Options />, app);
