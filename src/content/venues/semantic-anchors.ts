import type { Anchor } from '../read/dom';
import type { VenueAnchors } from './types';

/**
 * Label-based anchors for venues whose order-form DOM nobody on the team has seen
 * (Bybit, Bitget, Gate, Hyperliquid, MEXC and BitMEX inputs: research/extension-anchors.md
 * "Open gaps"). They rely only on what accessible forms expose whatever the framework:
 * name, aria-label, <label for>, placeholder, role=tab with aria-selected, button text.
 * Confidence: unverified. Venue files put their own dated facts in front of these.
 */
export const SEMANTIC = 'semantic (label words, roles)';

export const LEVERAGE_LABEL = /^\s*(?:[x×]\s*\d{1,3}(?:[.,]\d{1,2})?|\d{1,3}(?:[.,]\d{1,2})?\s*[x×倍배])\s*$/i;

const FIGURE_ROWS = 'div, span, p, dd, dt, li, label';

const u = (css: string, extra: Omit<Anchor, 'css' | 'seen' | 'source'> = {}): Anchor => ({ css, seen: 'unverified', source: SEMANTIC, ...extra });

/** A box the trader types a number in: a slider's position ("Size" 25 of 0–100 %) is no price or size. */
const BOX = 'input:not([type="range"])';

/** A control's text of one or two short words ("Limit", "Buy/Long", "Cross"): a plain div that is a control, not a container. */
const SHORT = /^\s*[^\s/]{1,20}(?:\s*\/\s*[^\s/]{1,20}|\s[^\s/]{1,12})?\s*$/;

export function semanticAnchors(): Required<VenueAnchors> {
  const quantity = [
    u('input[name="qty"], input[name="quantity"], input[name="size"], input[name="amount"]'),
    u(BOX, { text: 'quantity', exclude: 'tpsl' }),
  ];
  return {
    form: quantity,
    price: [u('input[name="price"]'), u(BOX, { text: 'price', exclude: 'tpsl' })],
    quantity,
    quantityUnit: [u('select[name*="unit" i], [role="combobox"][aria-label*="unit" i]')],
    // Plain divs come last: tabs whose chosen state is only a class ("active", "tab--selected").
    // A native <select> is read by its chosen option (dom.ts chosenOf), never by its list of options.
    orderType: [
      u('[role="tab"]', { text: ['limit', 'market', 'conditional'] }),
      u('select', { text: ['limit', 'market', 'conditional'] }),
      u('button', { text: ['limit', 'market'], pattern: /^\s*\S+(?:\s\S+)?\s*$/ }),
      u('div, span, li, a', { text: ['limit', 'market', 'conditional'], pattern: SHORT }),
    ],
    // The margin mode and the leverage in one button ("Cross 20x", "Isolated 10X", "全仓 20倍") come before any "10x" beside the form (a position's).
    leverage: [
      u('button, [role="button"], [role="combobox"]', { pattern: LEVERAGE_LABEL }),
      u('button, [role="button"]', { text: ['cross', 'isolated'], pattern: /^\D{1,30}\d{1,3}(?:[.,]\d{1,2})?\s*[xX×倍배]\s*$/ }),
      u('input, select', { text: 'leverage' }),
      u('div, span', { pattern: LEVERAGE_LABEL }),
    ],
    marginMode: [
      u('[role="tab"], [role="radio"], button, [role="button"], [role="combobox"]', { text: ['cross', 'isolated'], pattern: /^.{0,30}$/ }),
      u('select', { text: ['cross', 'isolated'] }),
      u('div, span, li', { text: ['cross', 'isolated'], pattern: SHORT }),
    ],
    sideButtons: [u('button', { text: ['buy', 'sell'], exclude: 'tpsl' }), u('div, span, a', { text: ['buy', 'sell'], exclude: 'tpsl', pattern: SHORT })],
    sideTabs: [u('[role="tab"], [role="radio"]', { text: ['buy', 'sell'] }), u('div, span, li', { text: ['buy', 'sell'], exclude: 'tpsl', pattern: SHORT })],
    positionTabs: [u('[role="tab"]', { text: ['open', 'close'] }), u('div, span, li', { text: ['open', 'close'], pattern: SHORT })],
    // Bybit's own checkbox is a div marked chosen by its class only (`by-checkbox--checked`, mmintel content.ts 2022).
    // An icon toggle or a text-less checkbox is named only by its aria-label or title (Hyperliquid's compact layout, design-system checkboxes).
    reduceOnly: [u('label, [role="checkbox"], [role="switch"], input[type="checkbox"], button', { text: 'reduceOnly' }), u('div, span, li', { text: 'reduceOnly', pattern: SHORT })],
    markPrice: [u('div, span, p, dd, td', { text: 'markPrice', maxText: 40 })],
    lastPrice: [u('div, span, p, dd, td', { text: 'lastPrice', maxText: 40 })],
    balance: [u('div, span, p, dd, li', { text: 'available', maxText: 60 })],
    // The page's own market name, checked against the URL's (the title is always checked too).
    symbol: [u('h1, [data-testid*="symbol" i], [aria-label*="symbol" i]')],
    // The figures venues print beside the form: label rows with a number ("Cost 25.00 USDT").
    orderValue: [u(FIGURE_ROWS, { text: 'orderValue', maxText: 60 })],
    // "Стоимость ордера" is the order value, though "стоимость" alone is the cost; "Max leverage" is no size.
    // A bare "Margin" is the order's margin; the maintenance margin, the margin ratio and the available margin are not,
    // nor the account's margin by mode ("Isolated margin 1,203.40 USDT": what its isolated positions hold).
    cost: [u(FIGURE_ROWS, { text: 'cost', exclude: ['orderValue', 'notCost', 'available', 'cross', 'isolated'], maxText: 60 })],
    maxOpen: [u(FIGURE_ROWS, { text: 'maxOpen', exclude: 'leverage', maxText: 60 })],
    liquidation: [u(FIGURE_ROWS, { text: 'liqPrice', maxText: 60 })],
  };
}
