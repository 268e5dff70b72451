import { startWith } from '../main';
import { okx } from '../venues/okx';

startWith([okx]);
