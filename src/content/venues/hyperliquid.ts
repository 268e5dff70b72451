import { failed } from '../read/fields';
import { defineVenue, instrumentOf, segment } from './define';
import { semanticAnchors } from './semantic-anchors';

/**
 * Hyperliquid perps: app.hyperliquid.xyz/trade/<COIN> (e.g. BTC, kPEPE). Symbol is the
 * coin name used by the info API; every perp is linear in USDC and one-way.
 * Confidence: the order inputs are UNVERIFIED semantic anchors. The only dated facts are
 * layout ones from the "Hyperliquid Light Theme" userscript DOM dump, 2026-08-26
 * (idx:59033443892): styled-components hashed classes (sc-*) everywhere, which we never
 * use, and `button[color="primary"]` for the submit button. Size is in the coin or in
 * USDC (the unit toggle); a Buy/Long | Sell/Short toggle picks the one side.
 */
const base = semanticAnchors();

function coin(url: URL): string | null {
  if (url.hostname !== 'app.hyperliquid.xyz') return null;
  const parts = url.pathname.split('/').filter(Boolean);
  if (parts[0] !== 'trade') return null;
  return segment(url, 1);
}

export const hyperliquid = defineVenue({
  id: 'hyperliquid',
  venue: 'hyperliquid',
  label: 'Hyperliquid',
  matches: ['https://app.hyperliquid.xyz/trade*'],
  languages: ['en', 'zh', 'ko', 'ja'],
  quantityUnits: ['base', 'quote'],
  positionModes: ['oneway'],
  anchors: {
    ...base,
    form: [{ css: 'button[color="primary"]', seen: '2026-08-26', source: 'HL Light Theme userscript' }, ...base.form],
  },
  isOrderPage: (url) => url.hostname === 'app.hyperliquid.xyz' && url.pathname.startsWith('/trade'),
  instrument(url) {
    const name = coin(url);
    // The bare /trade page shows the last market the trader used, which the URL does not name.
    const inst = instrumentOf(name, (n) => (/^[A-Za-z0-9]{1,20}$/.test(n) ? { parts: { base: n.toUpperCase(), quote: 'USDC' }, contract: 'linear' } : 'is not a Hyperliquid perp'), { keepCase: true });
    if (name === null) inst.symbol = failed('symbol: the URL names no coin (open the market from its /trade/<COIN> link)');
    // Hyperliquid's market selector names its USDC-settled perps "BTC-USD".
    inst.pageQuotes = ['USD'];
    return inst;
  },
});

/* Test URLs:
https://app.hyperliquid.xyz/trade/BTC
https://app.hyperliquid.xyz/trade/ETH
https://app.hyperliquid.xyz/trade/kPEPE
*/
