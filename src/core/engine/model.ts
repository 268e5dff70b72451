/**
 * Internal, validated position model: every number is a Decimal, every choice resolved.
 * Nothing outside the engine sees these types; the public API speaks strings.
 */
import { D } from '../decimal';
import type {
  Assumption,
  ContractType,
  MarginMode,
  PositionMode,
  PositionStatus,
  Side,
  TierBasis,
  TierSource,
  VenueId,
  Warning,
} from './types';

export const ZERO = new D(0);
export const ONE = new D(1);
export const TWO = new D(2);
export const HUNDRED = new D(100);

/** A maintenance tier with Decimal fields, `index` into its table (null for overrides and functions). */
export interface ParsedTier {
  index: number | null;
  floor: D;
  cap: D | null;
  mmr: D;
  amount: D;
  maxLev: D | null;
}

export interface ResolvedTiers {
  tiers: ParsedTier[];
  basis: TierBasis;
  /** Whether maintenance margin is continuous across boundaries (cum-consistent): enables the fast walk. */
  continuous: boolean;
  capInclusive: boolean;
  source: TierSource;
  capturedAt: string | null;
  symbol: string | null;
  url?: string;
  /** How the table was chosen, for the assumptions list. */
  note: string;
  /** An override's rate was derived from the maximum leverage entered (Hyperliquid's rule), not entered itself. */
  fromMaxLeverage?: true;
}

/** A position that moves with this symbol's mark: the main position, or the other leg of a hedge. */
export interface MovingLeg {
  s: 1 | -1;
  /** Base units (linear) or USD face value (inverse). */
  size: D;
  entry: D;
  mmr: D;
  amount: D;
}

/** Another position of the cross account, frozen at its own mark. */
export interface FrozenLeg {
  s: 1 | -1;
  size: D;
  entry: D;
  mark: D;
  mmr: D;
  amount: D;
}

export interface Norm {
  venue: VenueId;
  symbol: string | null;
  /** Base coin of the symbol ("BTC" for BTCUSDT), when it can be read. */
  coin: string | null;
  contract: ContractType;
  marginMode: MarginMode;
  positionMode: PositionMode;
  /** `order`: about to be placed (distance from the fill, liquidated-on-fill check); `open`: already held. */
  status: PositionStatus;
  side: Side;
  s: 1 | -1;
  entry: D;
  mark: D;
  /** Base units (linear) or USD face value (inverse). */
  size: D;
  contractSize: D | null;
  contracts: D | null;
  /** Null only in cross margin when none was given: it then sets no figure but the initial margin and order cost. */
  leverage: D | null;
  /** Isolated margin (isolated mode), in settlement currency. */
  margin: D | null;
  /** Cross wallet balance (cross mode), or the wallet given alongside an isolated position. */
  wallet: D | null;
  fee: D;
  funding: D | null;
  fundingIntervalHours: D;
  tick: D | null;
  /** Other hedge legs on this symbol (cross hedge mode): they move with the same mark. */
  coLegs: MovingLeg[];
  others: FrozenLeg[];
  /** Tiers for the main position (overrides already applied). */
  tiers: ResolvedTiers;
  maxLeverageOverride: D | null;
  /** The order part when the input carried an existing position, for "added by this order". */
  orderSize: D | null;
  orderEntry: D | null;
  /** Side of the order when an existing position was given (the net side may differ). */
  orderS: 1 | -1 | null;
  currency: string;
  assumptions: Assumption[];
  warnings: Warning[];
}

/** Position value in settlement currency at a price: linear Q·P (quote), inverse F/P (coin). */
export function notionalAt(contract: ContractType, size: D, price: D): D {
  return contract === 'linear' ? size.mul(price) : size.div(price);
}

/** Signed PnL of a leg at a price, in settlement currency. */
export function pnlOf(contract: ContractType, s: 1 | -1, size: D, entry: D, price: D): D {
  if (contract === 'linear') {
    const move = price.minus(entry).mul(size);
    return s === 1 ? move : move.neg();
  }
  // Inverse: F·(1/EP − 1/P) for a long, in coin.
  const move = size.div(entry).minus(size.div(price));
  return s === 1 ? move : move.neg();
}

/**
 * The leverage where the code path needs one: every isolated position has one (given, or notional ÷ margin).
 * Reaching here without one is a defect: it throws, and the assessment's guard shows no figure rather than
 * one computed from a made-up leverage.
 */
export function leverageOf(p: Norm): D {
  if (!p.leverage) throw new Error('leverage required on this path');
  return p.leverage;
}
