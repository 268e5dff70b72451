import { bitmexAccount } from '../account/venues';
import { startWith } from '../main';
import { bitmex } from '../venues/bitmex';

startWith([bitmex], { bitmex: bitmexAccount });
