import { LANGS } from '../read/vocab';
import { defineVenue, instrumentOf, segment, splitSymbol } from './define';
import { semanticAnchors } from './semantic-anchors';

/**
 * Bitget futures: www.bitget.com/(<locale>/)futures/{usdt,usdc,coin}/<SYMBOL>
 * (URL pattern from several link builders, e.g. idx:56680048869; `coin` for coin-margined
 * is an assumption). Symbol is the v2 API symbol (BTCUSDT, BTCPERP, BTCUSD).
 * Confidence: UNVERIFIED. The team found no Bitget DOM sources (research/extension-anchors.md
 * §3.2), so every form anchor here is a semantic one (label words, roles, names).
 */
type Product = 'usdt' | 'usdc' | 'coin';

function route(url: URL): { product: Product; symbol: string | null } | null {
  if (url.hostname !== 'www.bitget.com') return null;
  const parts = url.pathname.split('/').filter(Boolean);
  const at = parts.indexOf('futures');
  const product = parts[at + 1]?.toLowerCase();
  if (at < 0 || at > 1 || (product !== 'usdt' && product !== 'usdc' && product !== 'coin')) return null;
  return { product, symbol: segment(url, at + 2) };
}

export const bitget = defineVenue({
  id: 'bitget',
  venue: 'bitget',
  label: 'Bitget',
  matches: ['https://www.bitget.com/*futures/*'],
  languages: LANGS,
  quantityUnits: ['base', 'quote'],
  positionModes: ['oneway', 'hedge'],
  anchors: semanticAnchors(),
  isOrderPage: (url) => route(url)?.symbol != null,
  instrument(url) {
    const r = route(url);
    const product = r?.product ?? 'usdt';
    return instrumentOf(
      r?.symbol ?? null,
      (name) => {
        const parts =
          product === 'usdc' ? (/^[A-Z0-9]+PERP$/.test(name) ? { base: name.slice(0, -4), quote: 'USDC' } : splitSymbol(name, ['USDC'])) : splitSymbol(name, product === 'coin' ? ['USD'] : ['USDT']);
        return parts ? { parts, contract: product === 'coin' ? 'inverse' : 'linear' } : `is not a Bitget ${product} symbol`;
      },
      { product },
    );
  },
});

/* Test URLs:
https://www.bitget.com/futures/usdt/BTCUSDT
https://www.bitget.com/zh-CN/futures/usdt/ETHUSDT
https://www.bitget.com/futures/usdc/BTCPERP
*/
