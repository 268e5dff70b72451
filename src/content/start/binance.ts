import { binanceUsdmAccount, binanceCoinmAccount } from '../account/venues';
import { startWith } from '../main';
import { binanceCoinm } from '../venues/binance-coinm';
import { binanceUsdm } from '../venues/binance-usdm';

// Binance's hosts serve USDⓈ-M and COIN-M: one tab can move between them without a reload.
startWith([binanceUsdm, binanceCoinm], { 'binance-usdm': binanceUsdmAccount, 'binance-coinm': binanceCoinmAccount });
