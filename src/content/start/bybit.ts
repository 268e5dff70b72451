import { startWith } from '../main';
import { bybit } from '../venues/bybit';

startWith([bybit]);
