/**
 * Per venue: where its positions list and account panel are, how it shows a short position, how it
 * names a contract, and the switch that hides other symbols' positions. Every fact carries its date
 * and source; none has been checked on a live page by us. What is not known per venue falls back to
 * the generic reader (table.ts: headers naming entry and liquidation prices), which fails closed.
 *
 * Sources
 *   J   jackhai9/userscripts (Binance, 2026-07): account section tabs `[role="tab"]` "Positions(N)" /
 *       "仓位(N)", `aria-controls` to their pane, `[role="checkbox"][name="hideOtherSymbol"]` with
 *       aria-checked ("隐藏其他合约", hide other symbols), position rows `[data-testid*="position"] tr`
 *       and `[role="row"]`, row text "HYPEUSDT 永续" (symbol and "Perpetual").
 *   BY  Bybit help centre, "How to navigate Bybit perpetual futures contract trading page" (2025):
 *       columns Contracts (pair, margin mode, leverage), Qty (green long, red short), Value, Entry Price,
 *       Mark Price, Est. Liquidation Price; "Show All Positions" shows other pairs' positions.
 *   GT  Gate help centre, "Futures Operation Manual" (updated 2025-05-21): columns Contract, Qty
 *       (positive long, negative short; contracts or currency), Value; "Currently Market only" hides
 *       other markets; rise/fall colours can be swapped (so colour never tells the side).
 *   HL  GuillaumeRacine/brave-capture-v2 HYPERLIQUID_VERIFICATION_REPORT.md (2025-11-15): a `<table>`
 *       with headers Coin, Size, Position Value, Entry Price, Mark Price, PNL (ROE %), Liq. Price,
 *       Margin, Funding; cells "ETH  20x", "9.3792 ETH", "3,438.8", "$1,474.08 (Cross)"; plus
 *       `#accountTable` from the Hyperliquid Light Theme userscript DOM dump (2026-08-26).
 *   OX  OKX hotkey extension (2025-26): `.position-box .okui-table-row`; OKX help copies: sizes in
 *       contracts or coin.
 *   BM  BitMEX support, "How to read the margin widget": Wallet Balance (no unrealised PNL),
 *       Unrealised PNL, Margin Balance = wallet + unrealised PNL.
 */
import type { Anchor } from '../read/dom';
import { splitSymbol } from '../venues/define';
import { symbolTokens } from './cells';

export interface ScopeSwitch {
  anchor: Anchor;
  /** The switch hides other symbols when it is `checked` ("Hide other symbols") or `unchecked` ("Show all positions"). */
  hidesWhen: 'checked' | 'unchecked';
}

export interface AccountSpec {
  /** Containers of the positions list, most trusted first; the generic header search runs inside the first found, else the whole page. */
  table: readonly Anchor[];
  scope: readonly ScopeSwitch[];
  /** The venue writes a short position's size with a minus sign. */
  signedSize: boolean;
  /** Unit of a size shown without one: BitMEX counts contracts; Bybit writes the coin for USDT/USDC contracts and USD for inverse ones (`native`). */
  bareUnit?: 'contracts' | 'native';
  /** The venue's contract name for a row, in the order adapter's convention, or null. */
  symbol(cellText: string): string | null;
  /** The asset a "$" amount stands for, on a venue that settles in one stablecoin. */
  dollar?: string;
  /** Labels of the account panel, folded; each venue adds the names it uses. */
  panel: Partial<Record<PanelField, RegExp>>;
}

export type PanelField = 'wallet' | 'marginBalance' | 'unrealizedPnl' | 'marginRatio';

const QUOTES = ['USDT', 'USDC', 'USD'];

/** Base and quote of the first symbol-like token that has them ("BTCUSDT", "BTC-USDT-SWAP", "BTC_USDT"). */
const firstPair = (text: string): [string, string] | null => {
  for (const t of symbolTokens(text)) {
    const p = splitSymbol(t, QUOTES);
    if (p) return [p.base, p.quote];
  }
  return null;
};

/** A venue's name for the first pair a cell shows, from its base, quote and the cell's text (null: not one of its contracts). */
const named =
  (name: (base: string, quote: string, text: string) => string | null) =>
  (text: string): string | null => {
    const p = firstPair(text);
    return p ? name(p[0], p[1], text) : null;
  };

const J = 'jackhai9/userscripts';
const semantic = 'semantic (label words)';

/** Panel labels the venues share (en, zh); a venue adds its own. */
const PANEL: Record<PanelField, RegExp> = {
  wallet: /^(?:wallet balance|钱包余额)$/,
  marginBalance: /^(?:margin balance|equity|account equity|保证金余额|权益|账户权益)$/,
  unrealizedPnl: /^(?:unreali[sz]ed (?:pnl|p&l|profit)|未实现盈亏)$/,
  marginRatio: /^(?:margin ratio|保证金率|保证金比率)$/,
};

const SWITCH = 'label, [role="checkbox"], [role="switch"]';
const showAll = (pattern: RegExp, seen: string, source: string): ScopeSwitch => ({ anchor: { css: SWITCH, pattern, seen, source }, hidesWhen: 'unchecked' });
const hideOthers = (css: string, seen: string, source: string, pattern?: RegExp): ScopeSwitch => ({ anchor: { css, seen, source, ...(pattern ? { pattern } : {}) }, hidesWhen: 'checked' });

// Each venue's spec is exported alone, its helper calls marked pure: a venue's content script imports only
// its own (src/content/start/<venue>.ts), and the bundler leaves the other venues' specs out of it.
export const binanceUsdmAccount: AccountSpec = {
  table: [
    { css: '[data-testid*="position"]', seen: '2026', source: J },
  ],
  scope: [/* @__PURE__ */ hideOthers('[role="checkbox"][name="hideOtherSymbol"]', '2026', J), /* @__PURE__ */ hideOthers(SWITCH, 'unverified', semantic, /hide other (?:symbols|contracts)|隐藏其他合约/i)],
  signedSize: true,
  symbol: /* @__PURE__ */ named((b, q) => (q !== 'USD' ? b + q : null)),
  panel: PANEL,
};

export const binanceCoinmAccount: AccountSpec = {
  ...binanceUsdmAccount,
  // COIN-M perpetuals show as "BTCUSD Perp"; dated contracts are named by delivery date, which this reader does not map.
  symbol: /* @__PURE__ */ named((b, q, text) => (q === 'USD' && /perp|永续/i.test(text) ? `${b}USD_PERP` : null)),
};

export const bybitAccount: AccountSpec = {
  table: [],
  scope: [/* @__PURE__ */ showAll(/show all positions/i, '2025', 'Bybit help centre')],
  signedSize: false,
  bareUnit: 'native',
  symbol: (text) => {
    const p = firstPair(text);
    return p ? `${p[0]}${p[1]}` : (symbolTokens(text).find((t) => /^[A-Z0-9]+PERP$/.test(t)) ?? null);
  },
  panel: PANEL,
};

export const okxAccount: AccountSpec = {
  table: [{ css: '.position-box', seen: '2025-26', source: 'OKX hotkey extension' }],
  scope: [],
  signedSize: false,
  symbol: /* @__PURE__ */ named((b, q, text) => (/swap|perp|永续/i.test(text) ? `${b}-${q}-SWAP` : null)),
  panel: PANEL,
};

export const bitgetAccount: AccountSpec = {
  table: [],
  scope: [],
  signedSize: false,
  symbol: /* @__PURE__ */ named((b, q) => b + q),
  panel: PANEL,
};

export const gateAccount: AccountSpec = {
  table: [],
  scope: [/* @__PURE__ */ hideOthers(SWITCH, '2025-05-21', 'Gate Futures Operation Manual', /currently market only/i)],
  signedSize: true,
  symbol: /* @__PURE__ */ named((b, q) => `${b}_${q}`),
  panel: PANEL,
};

export const hyperliquidAccount: AccountSpec = {
  table: [{ css: '#accountTable', seen: '2026-08-26', source: 'Hyperliquid Light Theme userscript' }],
  scope: [],
  signedSize: false,
  // "ETH  20x", "kPEPE 10x": the coin is the first word.
  symbol: (text) => symbolTokens(text)[0] ?? null,
  dollar: 'USDC',
  panel: { ...PANEL, wallet: /^(?:balance|wallet balance)$/, marginBalance: /^(?:account equity|account value|equity)$/, marginRatio: /^(?:cross margin ratio|margin ratio)$/ },
};

export const bitmexAccount: AccountSpec = {
  table: [],
  scope: [],
  signedSize: true,
  bareUnit: 'contracts',
  symbol: (text) => symbolTokens(text).map((t) => t.toUpperCase()).find((t) => /^(?:XBT|[A-Z0-9]{2,})(?:USDT|USDC|USD|EUR)$/.test(t)) ?? null,
  panel: PANEL,
};

/** Every venue's spec, by adapter id: for the page report (which reads any venue's page) and the tests. */
export const ACCOUNT_SPECS: Record<string, AccountSpec> = {
  'binance-usdm': binanceUsdmAccount,
  'binance-coinm': binanceCoinmAccount,
  bybit: bybitAccount,
  okx: okxAccount,
  bitget: bitgetAccount,
  gate: gateAccount,
  hyperliquid: hyperliquidAccount,
  bitmex: bitmexAccount,
};

let installed: Record<string, AccountSpec> = {};

/** The specs this copy of the content script knows: each venue's content script installs its own (src/content/main.ts). */
export function installAccountSpecs(specs: Record<string, AccountSpec>): void {
  installed = specs;
}

/** The installed spec for an adapter, if its venue's positions list and panel are known. */
export const accountSpecFor = (adapterId: string): AccountSpec | undefined => installed[adapterId];
