import { bitgetAccount } from '../account/venues';
import { startWith } from '../main';
import { bitget } from '../venues/bitget';

startWith([bitget], { bitget: bitgetAccount });
