/**
 * Public types of the risk engine. Everything a caller sends in or gets back is plain JSON:
 * money and prices are decimal strings, so an assessment crosses extension messaging unchanged
 * and no binary float ever touches a figure the trader reads.
 */

export type VenueId =
  | 'binance-usdm'
  | 'binance-coinm'
  | 'bybit'
  | 'okx'
  | 'bitget'
  | 'gate'
  | 'hyperliquid'
  | 'phemex'
  | 'bitmex'
  | 'deribit'
  | 'kraken-futures'
  | 'mexc'
  | 'generic';

export type ContractType = 'linear' | 'inverse';
export type MarginMode = 'isolated' | 'cross';
export type PositionMode = 'oneway' | 'hedge';
export type Side = 'long' | 'short';
export type QuantityUnit = 'base' | 'quote' | 'contracts';

/** A number as the caller has it: a decimal string ("1153.26") or a JS number (converted via its shortest text form). */
export type NumberLike = string | number;

/** Another position in the same cross account. Frozen at its mark unless it is the other leg of a hedge on this symbol. */
export interface OtherPositionInput {
  symbol?: string;
  side?: Side | string;
  quantity?: NumberLike;
  quantityUnit?: QuantityUnit | string;
  /** Needed when quantityUnit is `contracts` (base units per contract for linear, USD per contract for inverse). */
  contractSize?: NumberLike;
  entryPrice?: NumberLike;
  markPrice?: NumberLike;
  maintenanceMarginRate?: NumberLike;
  maintenanceAmount?: NumberLike;
  /** Hyperliquid: the asset's max leverage gives its maintenance rate when no rate is given. */
  maxLeverage?: NumberLike;
}

/** The position already open on this symbol, for assessing "the net position after this order". */
export interface ExistingPositionInput {
  side?: Side | string;
  quantity?: NumberLike;
  quantityUnit?: QuantityUnit | string;
  entryPrice?: NumberLike;
  /** Isolated margin already in the existing position, if known. */
  isolatedMargin?: NumberLike;
}

/** The raw input: the CLI's JSON shape. Every field is checked; nothing is trusted. */
export interface PositionInput {
  venue?: VenueId | 'binance' | string;
  symbol?: string;
  contract?: ContractType | string;
  contractSize?: NumberLike;
  marginMode?: MarginMode | string;
  positionMode?: PositionMode | string;
  side?: Side | string;
  entryPrice?: NumberLike;
  markPrice?: NumberLike;
  quantity?: NumberLike;
  quantityUnit?: QuantityUnit | string;
  leverage?: NumberLike;
  isolatedMargin?: NumberLike;
  walletBalance?: NumberLike;
  maintenanceMarginRate?: NumberLike;
  maintenanceAmount?: NumberLike;
  maxLeverage?: NumberLike;
  takerFeeRate?: NumberLike;
  /** Funding rate per funding interval (0.0001 = 0.01 %). Positive: longs pay shorts. */
  fundingRate?: NumberLike;
  fundingIntervalHours?: NumberLike;
  /** Price tick of the symbol, for display rounding and the numeric solvers' stopping rule. */
  tickSize?: NumberLike;
  otherPositions?: OtherPositionInput[];
  existingPosition?: ExistingPositionInput;
  /**
   * `order` (default): an order about to be placed; its distance is measured from where it fills (the limit
   * price when that is further from liquidation's trigger side than the mark is), and an order past its own
   * liquidation price at the fill is "liquidated on fill". `open`: a position already held (e.g. from the
   * venue's positions table); its distance is from the mark and its entry may be far from the mark.
   */
  positionStatus?: PositionStatus | string;
}

export type PositionStatus = 'order' | 'open';

export interface FieldError {
  /** The input field, e.g. `entryPrice` or `otherPositions[1].markPrice`. */
  field: string;
  code: string;
  message: string;
}

export interface Warning {
  code: string;
  field?: string;
  message: string;
}

export interface Assumption {
  code: string;
  message: string;
}

/** One maintenance-margin tier. Strings so tables are JSON. `cap: null` means no upper bound. */
export interface Tier {
  floor: string;
  cap: string | null;
  maintenanceMarginRate: string;
  /** Binance "cum", Bybit "MM deduction", Hyperliquid "maintenance deduction"; "0" where the venue has none. */
  maintenanceAmount: string;
  maxLeverage: string;
}

/**
 * What the tier floors and caps count.
 * - `notional`: position value in the quote/settlement currency (linear).
 * - `coin-notional`: position value in coin (inverse, e.g. Binance COIN-M brackets in BTC).
 * - `contracts`: number of contracts (OKX position tiers).
 * Where the value is measured (at the liquidation price, at entry) is the venue's rule, kept in the venue registry.
 */
export type TierBasis = 'notional' | 'coin-notional' | 'contracts';

/** `pasted`: a table the trader copied from the venue's own page into LiqGuard (dated when pasted). */
export type TierSource = 'bundled' | 'live' | 'override' | 'venue-default' | 'pasted';

export interface TierTable {
  venue: VenueId;
  symbol: string;
  basis: TierBasis;
  tiers: Tier[];
  source: TierSource;
  /** ISO date or date-time the table was captured (or the doc page's version date). */
  capturedAt: string;
  url?: string;
  /** Which tier owns an exact boundary value. Default `cap-inclusive` (floor < v ≤ cap). */
  boundary?: 'cap-inclusive' | 'floor-inclusive';
}

/** Where market-data code plugs in bundled and live tables. */
export interface TierProvider {
  tableFor(venue: VenueId, symbol: string, contract: ContractType): TierTable | null;
}

/** `none`: there is no liquidation price (a price move alone cannot liquidate the position): a neutral level. */
export type SeverityLevel = 'none' | 'ok' | 'caution' | 'danger' | 'critical';

export interface SeverityThresholds {
  /** Distance from mark to liquidation, in percent: at or below each value the level is at least that level. */
  distancePercent: { critical: string; danger: string; caution: string };
  /**
   * A leverage at or above each value may raise the level one step above what the distance gives, never more
   * (cross margin: the account's effective leverage, notional ÷ equity, not the form's setting).
   */
  leverage: { caution: string; danger: string; critical: string };
  /** No longer used: the level follows distance in either margin mode. Still accepted so older settings parse. */
  crossMarginRaisesLevel?: boolean;
}

export interface AssessContext {
  /** The tier table for this venue and symbol, if the caller has already resolved it. */
  tiers?: TierTable;
  /** Otherwise the engine asks this provider (bundled or live tables). */
  tierProvider?: TierProvider;
  /** ISO time "now", for the tier table's age. Without it the age is reported as unknown. */
  now?: string;
  thresholds?: SeverityThresholds;
  /** Daily volatility of the log price (0.03 = 3 %), for the touch probability. Absent: no probability is given. */
  volatility?: { sigmaDaily: string; source: string; window: string };
  /** PnL and ROE at this price. */
  priceFor?: string;
  /** Gap stress: percent moves past the bankruptcy price. Default 0, 1, 2, 5, 10. */
  gapPercents?: string[];
  /** Funding drift horizons in hours. Default 8, 24, 72, 168 (only when a funding rate is given). */
  fundingHours?: string[];
}

export interface TierUsed {
  /** 0-based index in the table, or null when the rate came from an override or a venue function. */
  index: number | null;
  maintenanceMarginRate: string;
  maintenanceAmount: string;
  maxLeverage: string | null;
  basis: TierBasis | 'function';
  /** The basis quantity at which the tier was chosen (e.g. notional at the liquidation price). */
  basisValue: string | null;
  measuredAt: 'liquidation-price' | 'entry' | 'contracts' | 'override' | 'function';
}

export interface TierTableInfo {
  source: TierSource;
  capturedAt: string | null;
  ageDays: string | null;
  symbol: string | null;
  url?: string;
}

export interface GapStressRow {
  gapPercent: string;
  /** Price the position is closed at: the bankruptcy price moved this far further against the position. */
  price: string;
  /** Loss of the position closed there, including the closing taker fee. */
  loss: string;
  /** How much of that loss the margin (isolated) or cross equity cannot cover. */
  deficit: string;
}

export interface FundingDriftRow {
  hours: string;
  intervals: string;
  /** Funding this position pays over the horizon (negative: it receives), at the current mark. */
  fundingPaid: string;
  /** Isolated margin or cross equity left after paying it. */
  marginAfter: string;
  liquidationPrice: string | null;
  /** Liquidation price move versus now (positive: towards the mark). */
  shift: string | null;
}

export interface Assessment {
  venue: VenueId;
  symbol: string | null;
  contract: ContractType;
  marginMode: MarginMode;
  positionMode: PositionMode;
  side: Side;
  /** Currency of margin, PnL and fees: the quote asset (linear) or the coin (inverse). */
  currency: string;
  entryPrice: string;
  markPrice: string;
  /** Size in base units (linear) or USD face value (inverse), and in contracts when the contract size is known. */
  size: { base: string | null; faceValue: string | null; contracts: string | null };
  /** Null in cross margin when none was given: it moves no liquidation figure, only those in `needsLeverage`. */
  leverage: string | null;
  /** Position value at entry, in `currency`. */
  notional: string;
  liquidationPrice: string | null;
  liquidationNullReason: { code: string; message: string } | null;
  /** `down`: liquidated when the mark falls to the liquidation price; `up`: when it rises to it. */
  liquidationDirection: 'down' | 'up';
  bankruptcyPrice: string | null;
  /**
   * Move from the reference price to liquidation: positive while there is room, zero or negative when it is
   * already past it. The reference is the mark, or for an order that fills at a price nearer liquidation than
   * the mark (a limit long below the mark, a limit short above it), that fill price (`from: 'fill'`).
   */
  distance: { price: string; percent: string; from: 'mark' | 'fill'; reference: string } | null;
  /** An order whose liquidation price is at or past the price it fills at: it would be liquidated as it opens. */
  liquidatedOnFill: boolean;
  positionStatus: PositionStatus;
  /** Null without a leverage (cross margin only). */
  initialMargin: string | null;
  /** Figures not given because no leverage was: empty when there is one. */
  needsLeverage: ('initialMargin' | 'marginAtRisk.addedByThisOrder' | 'pnlAtPrice.roePercent')[];
  /** Maintenance margin now (at the mark), with the tier that holds it. */
  maintenanceMargin: string;
  maintenanceMarginAtLiquidation: string | null;
  tier: TierUsed;
  tierTable: TierTableInfo | null;
  /**
   * Loss when liquidated at the liquidation price: price move plus opening and closing taker fees. An order
   * liquidated on fill is closed at its fill price. Never negative.
   */
  lossAtLiquidation: string | null;
  /** What the trader loses if liquidated, under the venue's mechanics: see LossIfLiquidated. */
  lossIfLiquidated: LossIfLiquidated;
  /** Cross: the account's effective leverage, notional at mark ÷ equity (null in isolated, or when equity ≤ 0). */
  effectiveLeverage: string | null;
  feesAtLiquidation: string | null;
  marginAtRisk: { amount: string; scope: 'position' | 'cross-wallet'; addedByThisOrder: string | null };
  severity: { level: SeverityLevel; reasons: { code: string; message: string }[] };
  gapStress: GapStressRow[];
  fundingDrift: FundingDriftRow[] | null;
  pnlAtPrice: { price: string; pnl: string; roePercent: string | null } | null;
  touchProbability24h: { probability: string; model: string; sigmaDaily: string; source: string; window: string } | null;
  /** Prices rounded for display at the edge: to the tick when known, towards the mark (the conservative side). */
  display: { liquidationPrice: string | null; bankruptcyPrice: string | null; tick: string | null };
  method: 'closed-form' | 'numeric';
  formula: { venue: VenueId; doc: string; version: string; confidence: 'high' | 'medium' | 'low' };
  assumptions: Assumption[];
  warnings: Warning[];
}

/**
 * - `whole-margin`: the venue keeps whatever margin is left at liquidation (insurance or clearance fee, a
 *   takeover at the bankruptcy price): the isolated margin plus the opening fee, or in cross the whole cross
 *   equity.
 * - `at-liquidation-price`: the venue closes at the market and returns what is left: the loss at the
 *   liquidation price (plus the venue's liquidation fee where it has one).
 * - `worst-move`: there is no liquidation price: the position's own worst move (a long to zero), bounded by
 *   what backs it (the isolated margin, or the cross wallet).
 */
export interface LossIfLiquidated {
  amount: string;
  basis: 'whole-margin' | 'at-liquidation-price' | 'worst-move';
  /** What the amount includes and why this basis, in words, with the venue rule's source. */
  note: string;
  source: string | null;
}

export type AssessResult = { ok: true; assessment: Assessment } | { ok: false; errors: FieldError[] };

/** Result shape of the helper functions: a value with what it assumed, or the errors that stopped it. */
export type EngineResult<T> =
  | { ok: true; value: T; assumptions: Assumption[]; warnings: Warning[] }
  | { ok: false; errors: FieldError[] };
