import { hyperliquidAccount } from '../account/venues';
import { startWith } from '../main';
import { hyperliquid } from '../venues/hyperliquid';

startWith([hyperliquid], { hyperliquid: hyperliquidAccount });
