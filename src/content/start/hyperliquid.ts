import { startWith } from '../main';
import { hyperliquid } from '../venues/hyperliquid';

startWith([hyperliquid]);
