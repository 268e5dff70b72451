import { LANGS } from '../read/vocab';
import { defineVenue, instrumentOf, segment } from './define';
import { semanticAnchors } from './semantic-anchors';

/**
 * MEXC futures: www.mexc.com/(<locale>/)futures/<SYMBOL> and futures.mexc.com/exchange/<SYMBOL>.
 * Symbol is the contract API symbol (BTC_USDT). Sizes are in contracts ("Cont", "张"), or coin
 * or USDT by the unit selector. The form container id `mexc-web-inspection-futures-exchange-orderForm`
 * is a QA-inspection id, which is why it is stable (duplonicus/mexc-futures-liquidation-
 * calculator-chrome-extension content_script.js, undated; research/extension-anchors.md §3.2).
 * Everything inside the form is an UNVERIFIED semantic anchor.
 */
const base = semanticAnchors();
const D = 'duplonicus content_script.js';

function symbolFrom(url: URL): string | null {
  const parts = url.pathname.split('/').filter(Boolean);
  if (url.hostname === 'futures.mexc.com') return parts[0] === 'exchange' ? segment(url, 1) : null;
  if (url.hostname !== 'www.mexc.com') return null;
  const at = parts.indexOf('futures');
  return at >= 0 && at <= 1 ? segment(url, at + 1) : null;
}

export const mexc = defineVenue({
  id: 'mexc',
  venue: 'mexc',
  label: 'MEXC',
  matches: ['https://www.mexc.com/*futures/*', 'https://futures.mexc.com/exchange/*'],
  languages: LANGS,
  quantityUnits: ['contracts', 'base', 'quote'],
  positionModes: ['oneway', 'hedge'],
  anchors: {
    ...base,
    form: [{ css: '#mexc-web-inspection-futures-exchange-orderForm', seen: 'undated', source: D }, ...base.form],
  },
  isOrderPage: (url) => symbolFrom(url) !== null,
  instrument: (url) =>
    instrumentOf(symbolFrom(url), (name) => {
      const m = /^([A-Z0-9]+)_(USDT|USDC|USD)$/.exec(name);
      return m?.[1] && m[2] ? { parts: { base: m[1], quote: m[2] }, contract: m[2] === 'USD' ? 'inverse' : 'linear' } : 'is not a MEXC contract';
    }),
});

/* Test URLs:
https://www.mexc.com/futures/BTC_USDT
https://www.mexc.com/en-US/futures/ETH_USDT
https://futures.mexc.com/exchange/BTC_USDT
*/
