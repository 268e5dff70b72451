import type { QuantityUnit } from '../../shared/form-snapshot';
import { classifyUnit } from '../read/fields';
import { LANGS } from '../read/vocab';
import { defineVenue, instrumentOf, segment } from './define';
import { semanticAnchors } from './semantic-anchors';

/**
 * BitMEX: www.bitmex.com/app/trade/<SYMBOL>. XBTUSD (and XBTEUR) are inverse, sized in USD
 * (EUR) contracts; *USDT contracts are linear, sized in the coin; every other *USD
 * perpetual (ETHUSD, SOLUSD…) is a quanto contract, which LiqGuard does not assess, so the
 * contract field fails closed for it. BitMEX has no hedge mode. Confidence: UNVERIFIED
 * semantic anchors only: the team found no BitMEX DOM sources (research/extension-anchors.md §3.2).
 */
export const bitmex = defineVenue({
  id: 'bitmex',
  venue: 'bitmex',
  label: 'BitMEX',
  matches: ['https://www.bitmex.com/app/trade/*'],
  languages: LANGS,
  quantityUnits: ['contracts', 'base'],
  positionModes: ['oneway'],
  anchors: semanticAnchors(),
  isOrderPage: (url) => url.hostname === 'www.bitmex.com' && /^\/app\/trade\/[^/]+\/?$/.test(url.pathname),
  instrument: (url) =>
    instrumentOf(url.hostname === 'www.bitmex.com' && url.pathname.startsWith('/app/trade/') ? segment(url, 2) : null, (name) => {
      const inverse = /^XBT(USD|EUR)$/.exec(name);
      if (inverse?.[1]) return { parts: { base: 'XBT', quote: inverse[1] }, contract: 'inverse' };
      const linear = /^([A-Z0-9]+)(USDT|USDC)$/.exec(name);
      if (linear?.[1] && linear[2]) return { parts: { base: linear[1], quote: linear[2] }, contract: 'linear' };
      return /USD$/.test(name) ? 'is a quanto contract, which LiqGuard cannot assess' : 'is not a BitMEX contract LiqGuard knows';
    }),
  unitOf(label, symbol, langs): QuantityUnit | null {
    // XBTUSD is sized in whole USD contracts, labelled "USD" ("Cont" on some layouts).
    if (symbol.base === 'XBT' && label.trim().toUpperCase() === symbol.quote) return 'contracts';
    const unit = classifyUnit(label, symbol, langs);
    return unit === 'quote' && symbol.base === 'XBT' ? 'contracts' : unit;
  },
});

/* Test URLs:
https://www.bitmex.com/app/trade/XBTUSD
https://www.bitmex.com/app/trade/XBTUSDT
https://www.bitmex.com/app/trade/ETHUSD
*/
