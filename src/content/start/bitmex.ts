import { startWith } from '../main';
import { bitmex } from '../venues/bitmex';

startWith([bitmex]);
