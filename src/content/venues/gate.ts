import { quote } from '../read/dom';
import { LANGS } from '../read/vocab';
import { defineVenue, instrumentOf, segment } from './define';
import { semanticAnchors } from './semantic-anchors';

/**
 * Gate futures: www.gate.com or www.gate.io, (<locale>/)futures/<SETTLE>/<CONTRACT>, e.g.
 * /futures/USDT/BTC_USDT (linear) and /futures/BTC/BTC_USD (inverse). Symbol is the API
 * contract name (BTC_USDT). Sizes are in contracts ("张", "Cont") or, by the unit
 * selector, in coin or USDT. Confidence: UNVERIFIED: the research holds no Gate order-form
 * DOM facts, so every form anchor here is semantic (label words, roles, names).
 */
function route(url: URL): { settle: string; contract: string | null } | null {
  if (url.hostname !== 'www.gate.com' && url.hostname !== 'www.gate.io') return null;
  const parts = url.pathname.split('/').filter(Boolean);
  const at = parts.indexOf('futures');
  const settle = parts[at + 1];
  if (at < 0 || at > 1 || !settle || !/^[A-Za-z]{2,6}$/.test(settle)) return null;
  return { settle: settle.toUpperCase(), contract: segment(url, at + 2) };
}

export const gate = defineVenue({
  id: 'gate',
  venue: 'gate',
  label: 'Gate',
  matches: ['https://www.gate.com/*futures/*', 'https://www.gate.io/*futures/*'],
  languages: LANGS,
  quantityUnits: ['contracts', 'base', 'quote'],
  positionModes: ['oneway', 'hedge'],
  anchors: semanticAnchors(),
  isOrderPage: (url) => route(url)?.contract != null,
  instrument(url) {
    const r = route(url);
    return instrumentOf(r?.contract ?? null, (name) => {
      const m = /^([A-Z0-9]+)_(USDT|USD)$/.exec(name);
      const parts = m?.[1] && m[2] ? { base: m[1], quote: m[2] } : null;
      // The settle segment must agree: USDT for linear, the base coin for inverse.
      if (parts?.quote === 'USDT' && r?.settle === 'USDT') return { parts, contract: 'linear' };
      if (parts?.quote === 'USD' && r?.settle === parts.base) return { parts, contract: 'inverse' };
      return `settled in ${quote(r?.settle ?? '')} is not a Gate contract LiqGuard knows`;
    });
  },
});

/* Test URLs:
https://www.gate.com/futures/USDT/BTC_USDT
https://www.gate.io/futures/USDT/ETH_USDT
https://www.gate.com/zh/futures/USDT/BTC_USDT
https://www.gate.com/futures/BTC/BTC_USD
*/
