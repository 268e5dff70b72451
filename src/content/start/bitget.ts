import { startWith } from '../main';
import { bitget } from '../venues/bitget';

startWith([bitget]);
