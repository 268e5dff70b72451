import { gateAccount } from '../account/venues';
import { startWith } from '../main';
import { gate } from '../venues/gate';

startWith([gate], { gate: gateAccount });
