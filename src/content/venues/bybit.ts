import type { QuantityUnit } from '../../shared/form-snapshot';
import { classifyUnit } from '../read/fields';
import { LANGS } from '../read/vocab';
import { defineVenue, instrumentOf, segment, splitSymbol } from './define';
import { semanticAnchors } from './semantic-anchors';

/**
 * Bybit derivatives: www.bybit.com/(<locale>/)trade/{usdt,usdc,inverse}/<SYMBOL>. Symbol is
 * the v5 API symbol (BTCUSDT, BTCPERP, BTCUSD). Confidence: the form anchors are
 * UNVERIFIED semantic anchors: the team has no current Bybit form selectors
 * (research/extension-anchors.md §3.2). Dated facts used: `.ob__market-price` (order-book
 * middle price, 0xpeti v1.12, 2023) and `span.oc__tp-sl-chk-text` inside the form
 * (greasyfork 548078, 2026). Inverse sizes are whole USD contracts, shown as "USD".
 */
const base = semanticAnchors();

function route(url: URL): { product: 'usdt' | 'usdc' | 'inverse'; symbol: string | null } | null {
  if (url.hostname !== 'www.bybit.com') return null;
  const parts = url.pathname.split('/').filter(Boolean);
  const at = parts.indexOf('trade');
  const product = parts[at + 1];
  if (at < 0 || at > 1 || (product !== 'usdt' && product !== 'usdc' && product !== 'inverse')) return null;
  return { product, symbol: segment(url, at + 2) };
}

export const bybit = defineVenue({
  id: 'bybit',
  venue: 'bybit',
  label: 'Bybit',
  matches: ['https://www.bybit.com/*trade/usdt/*', 'https://www.bybit.com/*trade/usdc/*', 'https://www.bybit.com/*trade/inverse/*'],
  languages: LANGS,
  quantityUnits: ['base', 'quote', 'contracts'],
  positionModes: ['oneway', 'hedge'],
  anchors: {
    ...base,
    form: [{ css: 'span.oc__tp-sl-chk-text', seen: '2026', source: 'greasyfork 548078' }, ...base.form],
    lastPrice: [{ css: '.ob__market-price', seen: '2023', source: '0xpeti v1.12' }, ...base.lastPrice],
  },
  isOrderPage: (url) => route(url)?.symbol != null,
  instrument(url) {
    const r = route(url);
    const product = r?.product ?? 'usdt';
    return instrumentOf(
      r?.symbol ?? null,
      (name) => {
        // USDC perpetuals are named BTCPERP; USDC-settled dated futures BTC-28MAR25.
        const usdc = /^([A-Z0-9]+?)(?:PERP|-\d{2}[A-Z]{3}\d{2})$/.exec(name);
        const parts = product === 'usdc' ? (usdc?.[1] ? { base: usdc[1], quote: 'USDC' } : null) : splitSymbol(name, product === 'inverse' ? ['USD'] : ['USDT']);
        return parts ? { parts, contract: product === 'inverse' ? 'inverse' : 'linear' } : `is not a Bybit ${product} symbol`;
      },
      { product },
    );
  },
  unitOf(label, symbol, langs): QuantityUnit | null {
    // Inverse contracts are worth 1 USD each and Bybit labels the size "USD".
    if (symbol.quote === 'USD' && label.trim().toUpperCase() === 'USD') return 'contracts';
    return classifyUnit(label, symbol, langs);
  },
});

/* Test URLs:
https://www.bybit.com/trade/usdt/BTCUSDT
https://www.bybit.com/en/trade/usdt/ETHUSDT
https://www.bybit.com/trade/usdc/BTCPERP
https://www.bybit.com/trade/inverse/BTCUSD
*/
