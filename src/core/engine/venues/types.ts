/**
 * What a venue module tells the engine. Most venues share one structure and differ only in a few choices:
 *
 *   equity(P)      = K + Σ legs' PnL at P            (K: isolated margin, or cross wallet + frozen others)
 *   requirement(P) = Σ legs' N·(MMR + φ) − cum + extra
 *
 * where N is the position value either at the price P (group A: Binance, OKX, Gate, Bitget, Hyperliquid,
 * Phemex linear) or at entry (group B: Bybit, BitMEX, Phemex inverse), and φ is the taker fee where the venue
 * puts it next to the maintenance rate. Liquidation is equity = requirement. Linear PnL is affine in P and
 * inverse PnL is affine in 1/P, so every such venue has a closed form; each venue file writes that form in its
 * documentation's own notation (`docLiquidationPrice`) and the tests check the shared solver against it.
 * Deribit and Kraken publish margin functions but no closed form: they are solved numerically.
 */
import type { D } from '../../decimal';
import type { Norm, ResolvedTiers } from '../model';
import type { Assumption, ContractType, MarginMode, PositionMode, TierBasis, VenueId } from '../types';

export type Confidence = 'high' | 'medium' | 'low';

export type TierMeasure = 'liquidation-price' | 'entry';

export interface DefaultTierArgs {
  symbol: string | null;
  contract: ContractType;
  maxLeverage: D | null;
}

export interface VenueFormula {
  method: 'closed-form' | 'numeric';
  /** Group A values maintenance margin at the price of the moment; group B at entry value. */
  mmAt(contract: ContractType): 'price' | 'entry';
  /** Rate added to the maintenance rate in the trigger (the taker fee on OKX, Gate, Bitget, Phemex, MEXC). */
  triggerFeeRate(p: Norm): D;
  /** A constant extra requirement given the account constant K (Bybit legacy inverse cross: close fee at BP). */
  extraRequirement?(p: Norm, K: D): D;
  /** Isolated margin when the user gives none. Default notional at entry ÷ leverage. */
  defaultIsolatedMargin?(p: Norm): D;
  /** The venue's own bankruptcy price where it differs from "equity = 0"; undefined means use the generic one. */
  bankruptcyPrice?(p: Norm, K: D): D | null | undefined;
  /** Numeric venues: maintenance margin of the main position at price P (its own margin function). */
  requirementAt?(p: Norm, price: D, notional?: D): { mm: D; rate: D };
  /** Where the venue closes a liquidated position, for the closing fee in the loss. */
  closeFeeAt: 'liquidation' | 'bankruptcy';
  /** Assumptions specific to this venue and position. */
  assumptions(p: Norm): Assumption[];
}

/**
 * What the venue does with the margin left when it liquidates a position: keeps it (a takeover at the
 * bankruptcy price, an insurance or clearance fee) or closes at the market and returns the rest. Decides the
 * basis of "if liquidated you lose" (see LossIfLiquidated in ../types.ts).
 */
export interface LiquidationRemainder {
  kept: boolean;
  /** The rule in words, as the venue states it, with any caveat (partial liquidation, backstop, fees). */
  note: string;
  /** The venue's own page, with its date or "undated". */
  source: string;
}

export interface VenueSpec {
  id: VenueId;
  name: string;
  contracts: ContractType[];
  marginModes: MarginMode[];
  positionModes: PositionMode[];
  defaultTakerFee: { rate: string; source: string; asOf: string; confidence: Confidence };
  defaultFundingIntervalHours: string;
  /** What tier tables count, and where the venue measures it. */
  tierBasis: Record<ContractType, TierBasis>;
  tierMeasure: Record<ContractType, TierMeasure>;
  /** The tier amount follows the cum recurrence (continuous maintenance margin). */
  cumulativeAmounts: boolean;
  /** Venue-wide contract size where one applies to every symbol (or a known symbol), with where it comes from. */
  defaultContractSize(contract: ContractType, symbol: string | null): { value: string; note: string } | null;
  /** Settlement currency of linear contracts when the symbol does not say. */
  linearCurrency: string;
  /** Built-in tiers or margin functions from the venue's documentation, when no table is supplied. */
  defaultTiers?(args: DefaultTierArgs): ResolvedTiers | null;
  formula: VenueFormula;
  liquidationRemainder: LiquidationRemainder;
  doc: { url: string; version: string };
  confidence: Confidence;
}
