import type { Anchor } from '../read/dom';
import { LANGS } from '../read/vocab';
import { semanticAnchors } from './semantic-anchors';
import type { VenueAnchors } from './types';

/**
 * Order-form anchors shared by Binance USDⓈ-M and COIN-M (same web app, same form).
 * Facts: jackhai9/userscripts 2026 (src/binance-orderbook-trade/index.user.js,
 * dom/trade-form.js, scripts/binance-close-qty-preset.user.js), summarised in
 * research/extension-anchors.md §3.2. Not checked live by us. Anchors marked
 * 'unverified' are our own semantic guesses (label words, roles), not observed facts.
 */
const J = 'jackhai9/userscripts';
const SEMANTIC = 'semantic (label words, roles)';

export const BINANCE_LANGS = LANGS;
const semantic = semanticAnchors();

const quantity: Anchor[] = [
  { css: 'input[id^="unitAmount-"]', seen: '2026', source: J },
  { css: 'input[aria-label="数量"]', seen: '2026', source: J },
  { css: 'input[placeholder="数量"]', seen: '2026', source: J },
  { css: 'input', text: 'quantity', exclude: 'tpsl', seen: 'unverified', source: SEMANTIC },
];

export const BINANCE_ANCHORS: VenueAnchors = {
  form: quantity,
  price: [
    { css: 'input[id^="limitPrice-"]', seen: '2026', source: J },
    { css: 'input[aria-label="委托价格"]', seen: '2026', source: J },
    { css: 'input[placeholder="委托价格"]', seen: '2026', source: J },
    { css: 'input', text: 'price', exclude: 'tpsl', seen: 'unverified', source: SEMANTIC },
  ],
  quantity,
  orderType: [
    { css: '[role="tab"][data-tab-key]', seen: '2026', source: J },
    { css: '[role="tab"]', text: ['limit', 'market'], seen: 'unverified', source: SEMANTIC },
  ],
  // One button reads e.g. "Cross 20x" / "全仓 20x" (jackhai9 regex), or two buttons "Cross" and "20x".
  leverage: [
    { css: 'button, [role="button"]', pattern: /^\s*(?:全仓|逐仓|cross|isolated)?\s*\d{1,3}\s*[xX]\s*$/i, seen: '2026', source: J },
    // The same button in Binance's other UI languages ("Cruzado 20x", "متقاطع 20x").
    { css: 'button, [role="button"]', text: ['cross', 'isolated'], pattern: /^[^\d]{1,30}\d{1,3}\s*[xX×]\s*$/, seen: 'unverified', source: SEMANTIC },
  ],
  marginMode: [
    { css: 'button, [role="button"]', pattern: /^\s*(?:全仓|逐仓|cross|isolated)(?:\s*\d{1,3}\s*[xX])?\s*$/i, seen: '2026', source: J },
    { css: 'button, [role="button"]', text: ['cross', 'isolated'], seen: 'unverified', source: SEMANTIC },
  ],
  // No dated source names the Buy/Sell buttons: their text, in the UI language, is the anchor.
  sideButtons: [{ css: 'button', text: ['buy', 'sell'], exclude: 'tpsl', seen: 'unverified', source: SEMANTIC }],
  positionTabs: [
    { css: '#position-direction [role="tab"]', seen: '2026', source: J },
    { css: '.bn-tabs__buySell [role="tab"]', seen: '2026', source: J },
    { css: '[role="tab"].bn-tab__buySell', seen: '2026', source: J },
  ],
  reduceOnly: [
    { css: 'label, [role="checkbox"]', text: 'reduceOnly', seen: 'unverified', source: SEMANTIC },
  ],
  balance: [{ css: 'div, span, p', text: 'available', maxText: 60, seen: 'unverified', source: SEMANTIC }],
  markPrice: [{ css: 'div, span, p', text: 'markPrice', maxText: 40, seen: 'unverified', source: SEMANTIC }],
  lastPrice: [{ css: 'div, span, p', text: 'lastPrice', maxText: 40, seen: 'unverified', source: SEMANTIC }],
  // Binance prints "Cost" and "Max" under each of the Buy and Sell buttons (its FAQ 87fa7ee3… defines the cost);
  // no dated hook names them, so they are found by their labels.
  symbol: semantic.symbol,
  cost: semantic.cost,
  orderValue: semantic.orderValue,
  maxOpen: semantic.maxOpen,
  liquidation: semantic.liquidation,
};

/** `/(<locale>/)?futures/<SYMBOL>` (jackhai9 src/shared/binance-futures-route.js, 2026) and the same for `delivery`. */
export function binanceRoute(url: URL, section: 'futures' | 'delivery'): string | null {
  if (url.hostname !== 'www.binance.com') return null;
  const m = new RegExp(`^/(?:[a-z]{2}(?:-[A-Za-z]{2,4})?/)?${section}/([^/]+)/?$`).exec(url.pathname);
  if (!m?.[1]) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return null;
  }
}
