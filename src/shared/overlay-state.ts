import type { AssessContext, PositionInput } from '../core/engine/types';
import type { AccountView } from './account-snapshot';
import type { FormSnapshot, Side } from './form-snapshot';

/**
 * What the background tells the overlay (and the popup's "This tab" view) to show. All
 * figures are decimal strings already rounded for display on the venue's tick where the
 * background knows it; the UI only formats them in the trader's locale. The overlay does
 * no arithmetic.
 */
export type Severity = 'ok' | 'caution' | 'danger' | 'critical' | 'none';

export interface Note {
  code: string;
  message: string;
  field?: string;
}

/**
 * One comparison of what LiqGuard read with what the page itself shows or says: the URL's symbol
 * with the page's header, the size and price with the venue's order value and cost, the leverage
 * with its maximum size, LiqGuard's liquidation price with the venue's own estimate. Every check is
 * listed in the popup's This tab; a contradiction withholds the figure and names both sides.
 */
export interface Check {
  /** `symbol`, `order-value`, `cost`, `max-open`, `venue-liquidation`, `reading` (a field that reads two ways), `confirmed` (the trader vouched for guessed fields). */
  code: string;
  /** The snapshot fields the check rests on. */
  fields: string[];
  side?: Side;
  /** `agrees`: the page bears the fields out; `disagrees`: it contradicts them; `unchecked`: the page shows nothing to compare with. */
  result: 'agrees' | 'disagrees' | 'unchecked';
  /** The check in the trader's words, both figures included ("Size 0.25 BTC at 65,000.5 is 16,250.13 USDT; the page shows Order Value 16,250.13 USDT."). */
  message: string;
  /** The page's figure as shown. */
  page?: string;
  /** LiqGuard's own figure from the fields it read (a decimal string). */
  computed?: string;
}

/** The venue's own liquidation estimate for this side, shown on the order form, beside LiqGuard's. */
export interface VenueEstimate {
  /** The venue's name as the trader knows it ("Bitget"). */
  venue: string;
  /** The venue's figure (decimal string). */
  price: string;
  /** LiqGuard's minus the venue's, in price and in percent of the venue's (decimal strings). */
  gap: string;
  gapPercent: string;
  /** Within what the two models and the page's rounding can explain: the overlay says "matches <venue>'s estimate". */
  matches: boolean;
}

export interface SideFigures {
  side: Side;
  liquidationPrice: string | null;
  /** Why there is no liquidation price (e.g. a 1x long cannot be liquidated above zero). */
  liquidationNullReason?: string;
  bankruptcyPrice: string | null;
  markPrice: string;
  distancePrice: string | null;
  distancePercent: string | null;
  /** `none`: no liquidation price, "cannot be liquidated by price alone" (a neutral state, never a warning colour). */
  severity: Severity;
  /** Why this level; whatever raised it comes first. */
  severityReasons: string[];
  /** Loss at the liquidation price (price move and fees); with no liquidation price, the worst move (see lossIfLiquidated). */
  lossAtLiquidation: string;
  /**
   * What a liquidation costs under the venue's mechanics, rounded up: `whole-margin` (the venue keeps what is
   * left: the headline), `at-liquidation-price` (the venue returns it), `worst-move` (no liquidation price).
   * `note` says what the amount includes, in words.
   */
  lossIfLiquidated?: { amount: string; basis: 'whole-margin' | 'at-liquidation-price' | 'worst-move'; note: string };
  /** The order is at or past its liquidation price where it fills: it would be liquidated as it opens. */
  liquidatedOnFill?: boolean;
  /** What the distance is measured from: the mark, or the order's own price where it fills (a resting limit order). */
  distanceFrom?: 'mark' | 'fill';
  /** Cross margin: the account's effective leverage, position values ÷ equity, to 2 decimals. */
  effectiveLeverage?: string;
  marginAtRisk: { amount: string; scope: 'position' | 'cross-wallet'; addedByThisOrder?: string };
  /** Settlement currency of the money figures (USDT, USD, BTC…). */
  currency: string;
  notional: string;
  initialMargin: string;
  maintenanceMargin: string;
  touchProbability24h?: string;
  assumptions: Note[];
  warnings: Note[];
  /** The venue's own estimate for this side, when its form shows one. */
  venueEstimate?: VenueEstimate;
  /** The engine's unrounded values behind these figures, for tests and the popup's detail view (the popup's copy of an answer, not the page's: see `tick`). */
  raw?: SideRaw;
  /**
   * The page's copy of an answer (the reply on its port, src/background/handlers/form.ts) carries the venue tick
   * its prices were rounded to here, null when unknown, and no `raw`: the overlay needs nothing else of it, and
   * the unrounded figures change with every keystroke, so they were about half of each keystroke's reply.
   */
  tick?: string | null;
}

/** Unrounded engine values (decimal strings, full precision) and how the display figures were rounded. */
export interface SideRaw {
  liquidationPrice: string | null;
  bankruptcyPrice: string | null;
  entryPrice: string;
  markPrice: string;
  distancePrice: string | null;
  distancePercent: string | null;
  lossAtLiquidation: string | null;
  /** The engine's lossIfLiquidated amount, unrounded. */
  lossIfLiquidated?: string;
  /** The price the distance is measured from (the mark, or the order's fill price). */
  distanceReference?: string;
  marginAtRisk: string;
  notional: string;
  initialMargin: string;
  maintenanceMargin: string;
  /** The venue tick the prices were rounded to, or null when unknown. */
  tick: string | null;
  /** `tick`: prices rounded to the tick; `significant-digits`: to 10 significant digits (no tick known). */
  rounding: 'tick' | 'significant-digits';
}

export interface PolicyBrief {
  /** Machine verdict from the policy module (no, only-if-fund-and-adl-fail, yes-you-owe, protocol-bounded, depends, unknown). */
  verdict: string;
  headline: string;
  reasons: string;
  /** Deep link into the popup's venue view. */
  venueId: string;
  caveats: Note[];
}

export type OverlayState =
  /** The form is empty or has no size yet: nothing to warn about. */
  | { kind: 'idle'; message: string }
  /**
   * Fail closed: these fields are missing, unreadable or ambiguous, so no number is shown. `withheld`:
   * they were read, but the page's own figures contradict them (the reasons name the field and the
   * page figure); `checks`: every comparison made, for the popup.
   */
  | { kind: 'unreadable'; reasons: Note[]; withheld?: boolean; checks?: Check[] }
  /** The generic reader is not sure these are the order form's fields: the trader confirms once. */
  | { kind: 'confirm'; found: Note[] }
  | {
      kind: 'assessed';
      venue: string;
      symbol: string;
      sides: SideFigures[];
      policy: PolicyBrief | null;
      /** Which tier table the figures rest on, where from and how old. */
      table: { source: string; capturedAt: string; ageDays: number | null } | null;
      assumptions: Note[];
      /** What changes a decision (the venue would refuse the order, an old table, a contradiction, a failed self-check): shown above the fold. */
      warnings: Note[];
      /** What the page's own figures said about the fields behind these figures. */
      checks?: Check[];
      /** The account read from the page (positions list, panel), when the venue's page shows one. */
      account?: AccountView;
      /** The distance thresholds the severity used (percent, decimal strings), for the overlay's distance bar. */
      distanceThresholds?: { caution: string; danger: string; critical: string };
    }
  | { kind: 'error'; message: string };

/**
 * A form the overlay shows no figure for, decided on the page: fields missing or unreadable, no order
 * form found, or guessed fields waiting for the trader's confirmation. Nothing reached the calculator,
 * but the background keeps it per tab so the popup's This tab and the badge say what the overlay says
 * (no figure, why, what to do) instead of nothing.
 */
export interface UnreadTab {
  tabId: number;
  /** The overlay's own state: `unreadable` (a `no-form` reason when no order form was found) or `confirm`. */
  state: Extract<OverlayState, { kind: 'unreadable' } | { kind: 'confirm' }>;
  /** What the reader did read, field by field, when it found a form. */
  snapshot?: FormSnapshot;
  /** The page, as the browser reported the sender. */
  url: string;
  /** The venue of that page (`binance`, `okx`…; the snapshot's `product` tells Binance's two apart). */
  venue: string;
  updatedAt: number;
}

/** The latest result the background keeps per tab (storage.session), for the popup. */
export interface TabState {
  tabId: number;
  seq: number;
  snapshot: FormSnapshot;
  state: OverlayState;
  updatedAt: number;
  /**
   * The exact engine inputs and context behind `state` (one input per side, in `state.sides`
   * order): `{...inputs[i], context}` is a line for `npm run calc`, which must give the same raw figures.
   */
  replay?: { inputs: PositionInput[]; context: AssessContext };
}
