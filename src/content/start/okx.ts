import { okxAccount } from '../account/venues';
import { startWith } from '../main';
import { okx } from '../venues/okx';

startWith([okx], { okx: okxAccount });
