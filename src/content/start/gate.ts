import { startWith } from '../main';
import { gate } from '../venues/gate';

startWith([gate]);
