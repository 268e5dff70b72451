import { BINANCE_ANCHORS, BINANCE_LANGS, binanceRoute } from './binance-shared';
import { defineVenue, instrumentOf, splitSymbol } from './define';

/**
 * Binance USDⓈ-M perpetuals: www.binance.com/<locale>/futures/<SYMBOL>. Symbol is the
 * fapi symbol (BTCUSDT). Quantity is in the base coin, in USDT (the unit selector's
 * "USDT" = order cost/value) or a percentage of the balance from the slider.
 */
export const binanceUsdm = defineVenue({
  id: 'binance-usdm',
  venue: 'binance',
  product: 'usdm',
  label: 'Binance USDⓈ-M',
  matches: ['https://www.binance.com/*/futures/*', 'https://www.binance.com/futures/*'],
  languages: BINANCE_LANGS,
  quantityUnits: ['base', 'quote', 'percent'],
  positionModes: ['oneway', 'hedge'],
  anchors: BINANCE_ANCHORS,
  isOrderPage: (url) => binanceRoute(url, 'futures') !== null,
  instrument: (url) =>
    instrumentOf(binanceRoute(url, 'futures'), (name) => {
      const parts = splitSymbol(name, ['USDT', 'USDC', 'BUSD', 'FDUSD']);
      return parts ? { parts, contract: 'linear' } : 'is not a USDⓈ-M symbol';
    }),
});

/* Test URLs:
https://www.binance.com/en/futures/BTCUSDT
https://www.binance.com/zh-CN/futures/ETHUSDT
https://www.binance.com/futures/1000PEPEUSDT
*/
