import { bybitAccount } from '../account/venues';
import { startWith } from '../main';
import { bybit } from '../venues/bybit';

startWith([bybit], { bybit: bybitAccount });
