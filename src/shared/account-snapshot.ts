import type { AdapterVenue, Read, Side } from './form-snapshot';
import type { Note } from './overlay-state';

/**
 * What a content script read from a venue page's positions table and account panel, and what the
 * background made of it. Read from the page only (never from the venue's private API), kept in memory
 * and storage.session per tab, dropped when the tab closes, never sent anywhere. Numbers are normalised
 * decimal strings, as in the form snapshot.
 */

export interface Money {
  value: string;
  asset: string;
}

/** One open position as the venue's positions table shows it. */
export interface PositionRow {
  /** The venue's symbol in the order adapter's convention (BTCUSDT, BTCUSD_PERP, BTC-USDT-SWAP, BTC_USDT, BTC, XBTUSD). */
  symbol: string;
  side: Side;
  /** How the side was told: a word or tag, the sign of the size, or where the venue's liquidation price lies (a single row per symbol). */
  sideFrom: 'word' | 'sign' | 'liquidation-price';
  /** Absolute size as shown, with its unit. */
  size: { value: string; unit: 'base' | 'quote' | 'contracts'; label: string };
  entryPrice: string;
  markPrice: string | null;
  marginMode: 'cross' | 'isolated' | null;
  leverage: string | null;
  /** The margin the row shows (for an isolated position, its margin). */
  margin: string | null;
  unrealizedPnl: string | null;
  /** The venue's own liquidation price as shown; null when it shows none ("--"). */
  liquidationPrice: string | null;
}

export type RowRead = { ok: true; row: PositionRow } | { ok: false; reason: string; symbol?: string };

export interface PositionsTable {
  rows: RowRead[];
  /** How many positions the venue says there are (a "Positions(3)" tab), when it says. */
  count?: number;
  /** Why these rows may not be every open position: other symbols hidden, more pages, fewer rows than the count. */
  incomplete?: string;
}

export interface AccountSnapshot {
  venue: AdapterVenue;
  product?: string;
  url: string;
  positions: Read<PositionsTable>;
  /** Wallet balance: deposits and realised profit, without unrealised PnL. */
  wallet?: Read<Money>;
  /** Margin balance (equity): wallet plus unrealised PnL. */
  marginBalance?: Read<Money>;
  unrealizedPnl?: Read<Money>;
  /** The account's margin ratio as the venue shows it, in percent. */
  marginRatio?: Read<string>;
  readAt: number;
}

/** The result of comparing LiqGuard's liquidation price for an open position with the venue's. */
export type CheckVerdict = 'match' | 'mismatch';

export interface PositionCheck {
  symbol: string;
  side: Side;
  marginMode: 'cross' | 'isolated';
  /** The venue's liquidation price as shown, or null when it shows none. */
  venueLiquidationPrice: string | null;
  /** LiqGuard's liquidation price for the position as it is, display-rounded; null when there is none or it could not be computed. */
  ours: string | null;
  /** Null when no comparison was possible (`reason` says why). */
  verdict: CheckVerdict | null;
  gapPercent?: string;
  likelyCause?: string;
  reason?: string;
  /** Cross positions, while an order is assessed: this position's liquidation price once the order is filled, per side of the order. */
  afterOrder?: Partial<Record<Side, string | null>>;
}

/** What the overlay and the popup show about the account. */
export interface AccountView {
  /** The venue's name, as the trader knows it ("Binance"). */
  venue: string;
  /** `read`: the positions were read and their figures used; `not-read`: the old single-position assumption stays. */
  status: 'read' | 'not-read';
  /** One line: "3 open positions read (2 cross)" or why they were not. */
  summary: string;
  wallet: (Money & { from: string }) | null;
  positions: PositionCheck[];
  /** Maintenance margin ÷ margin balance of the cross account, in percent (liquidation at 100 %). */
  marginRatio: { now: string | null; afterOrder: Partial<Record<Side, string | null>>; venue: string | null } | null;
  /** Self-check mismatches and reading problems: always shown, never collapsed. */
  warnings: Note[];
}
