import type { Anchor } from '../read/dom';
import { LANGS } from '../read/vocab';
import { defineVenue, instrumentOf, segment } from './define';
import { LEVERAGE_LABEL, semanticAnchors } from './semantic-anchors';

/**
 * OKX swaps and futures: www.okx.com/(<locale>/)trade-swap/<inst> and trade-futures/<inst>.
 * Symbol is the instId (BTC-USDT-SWAP, BTC-USD-250328). Sizes default to contracts ("张",
 * "Cont"), or coin / USDT by the unit selector. Facts from an OKX hotkey extension's
 * selectors, 2025–26 (idx:53301115160, idx:56870961016, idx:53574009190), summarised in
 * research/extension-anchors.md §3.2: okui-* classes and data-testid are stable, hashed
 * ids (#_r_4o_) and index_*__hash classes are not and are never used here.
 */
const X = 'OKX hotkey extension';
const base = semanticAnchors();
const seen = '2025-26';

const size: Anchor[] = [
  { css: '.okui-input', text: 'quantity', exclude: 'tpsl', seen, source: `${X}: a11y label " size"` },
  ...base.quantity,
];

function route(url: URL): { kind: 'swap' | 'futures'; inst: string | null } | null {
  if (url.hostname !== 'www.okx.com') return null;
  const parts = url.pathname.split('/').filter(Boolean);
  const at = parts.findIndex((p) => p === 'trade-swap' || p === 'trade-futures');
  if (at < 0 || at > 1) return null;
  return { kind: parts[at] === 'trade-swap' ? 'swap' : 'futures', inst: segment(url, at + 1) };
}

export const okx = defineVenue({
  id: 'okx',
  venue: 'okx',
  label: 'OKX',
  matches: ['https://www.okx.com/*trade-swap/*', 'https://www.okx.com/*trade-futures/*'],
  languages: LANGS,
  quantityUnits: ['contracts', 'base', 'quote'],
  positionModes: ['oneway', 'hedge'],
  anchors: {
    ...base,
    form: [
      { css: '.place-order-container-common', seen, source: X },
      { css: '#leftPoForm', seen, source: X },
      { css: '.common-form-box', seen, source: X },
      ...base.form,
    ],
    price: [
      { css: '.price-input input.okui-input-input', seen, source: X },
      { css: '.okui-input', text: 'price', exclude: 'tpsl', seen, source: `${X}: a11y label " price"` },
      ...base.price,
    ],
    quantity: size,
    orderType: [
      { css: '.okui-tabs-pane-spacing[role="tab"]', text: ['limit', 'market', 'conditional'], seen, source: X },
      { css: '.okui-tabs-pane-underline[role="tab"]', text: ['limit', 'market', 'conditional'], seen, source: X },
      ...base.orderType,
    ],
    leverage: [{ css: 'button', pattern: LEVERAGE_LABEL, seen, source: X }, ...base.leverage],
    sideTabs: [{ css: '.okui-tabs-pane-segmented[role="tab"]', text: ['buy', 'sell'], seen, source: X }],
    positionTabs: [{ css: '.okui-tabs-pane-segmented[role="tab"]', text: ['open', 'close'], seen, source: X }, ...base.positionTabs],
    sideButtons: [
      { css: 'button.okui-positivebutton', side: 'long', seen, source: X },
      { css: 'button.okui-negativebutton', side: 'short', seen, source: X },
      ...base.sideButtons,
    ],
    balance: [{ css: '[data-testid="max-asset"]', seen, source: X }, ...base.balance],
    lastPrice: [{ css: 'span.last', seen, source: X }, ...base.lastPrice],
  },
  isOrderPage: (url) => route(url)?.inst != null,
  instrument(url) {
    const r = route(url);
    return instrumentOf(r?.inst ?? null, (name) => {
      const m = (r?.kind === 'swap' ? /^([A-Z0-9]+)-(USDT|USDC|USD)-SWAP$/ : /^([A-Z0-9]+)-(USDT|USDC|USD)-\d{6}$/).exec(name);
      return m?.[1] && m[2] ? { parts: { base: m[1], quote: m[2] }, contract: m[2] === 'USD' ? 'inverse' : 'linear' } : `is not an OKX ${r?.kind ?? 'swap'} instrument`;
    });
  },
});

/* Test URLs:
https://www.okx.com/trade-swap/btc-usdt-swap
https://www.okx.com/zh-hans/trade-swap/eth-usdt-swap
https://www.okx.com/trade-swap/btc-usd-swap
https://www.okx.com/trade-futures/btc-usd-250328
*/
