import { startWith } from '../main';
import { mexc } from '../venues/mexc';

startWith([mexc], {});
