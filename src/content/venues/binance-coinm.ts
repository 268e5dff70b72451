import { BINANCE_ANCHORS, BINANCE_LANGS, binanceRoute } from './binance-shared';
import { defineVenue, instrumentOf, splitSymbol } from './define';

/**
 * Binance COIN-M (inverse) futures: www.binance.com/<locale>/delivery/<SYMBOL>, e.g.
 * BTCUSD_PERP or BTCUSD_250328 (the dapi symbol). Quantity is in contracts ("Cont",
 * fixed USD face value: research/extension-anchors.md §5) or in the base coin.
 */
export const binanceCoinm = defineVenue({
  id: 'binance-coinm',
  venue: 'binance',
  product: 'coinm',
  label: 'Binance COIN-M',
  matches: ['https://www.binance.com/*/delivery/*', 'https://www.binance.com/delivery/*'],
  languages: BINANCE_LANGS,
  quantityUnits: ['contracts', 'base'],
  positionModes: ['oneway', 'hedge'],
  anchors: BINANCE_ANCHORS,
  isOrderPage: (url) => binanceRoute(url, 'delivery') !== null,
  instrument: (url) =>
    instrumentOf(binanceRoute(url, 'delivery'), (name) => {
      const parts = /^[A-Z0-9]+USD_(?:PERP|\d{6})$/.test(name) ? splitSymbol(name, ['USD']) : null;
      return parts ? { parts, contract: 'inverse' } : 'is not a COIN-M symbol';
    }),
});

/* Test URLs:
https://www.binance.com/en/delivery/BTCUSD_PERP
https://www.binance.com/zh-CN/delivery/ETHUSD_PERP
https://www.binance.com/delivery/BTCUSD_250328
*/
