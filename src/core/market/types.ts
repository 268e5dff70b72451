/**
 * Market data as the rest of LiqGuard sees it: tier tables (the engine's own type), contract specs, mark
 * prices and candles. Every number is a canonical decimal string that has passed a range check; anything
 * that fails a check never becomes one of these values.
 */
import type { TierSource, TierTable, VenueId } from '../engine/types';
import type { PriceRule } from './price-rule';

export type { Tier, TierBasis, TierSource, TierTable, VenueId } from '../engine/types';

/** The outcome of parsing one response: a value, or one sentence saying what was wrong with it. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

export function ok<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

export function fail<T = never>(error: string): ParseResult<T> {
  return { ok: false, error };
}

export interface ContractSpec {
  venue: VenueId;
  symbol: string;
  contract: 'linear' | 'inverse';
  /**
   * What one contract is: base units for a linear contract (OKX ctVal 0.01 BTC, Gate quanto_multiplier),
   * USD face value for an inverse one (Binance COIN-M BTCUSD 100). "1" where the venue counts in base units.
   */
  contractSize: string;
  /** Price tick. */
  tickSize: string;
  /** Quantity step, in the venue's order unit (contracts or base units); null when the answer does not say. */
  lotSize: string | null;
  /** The venue's maximum leverage for the smallest tier, when the response carries it. */
  maxLeverage: string | null;
  /**
   * A price step that depends on the price (Hyperliquid: 5 significant figures, at most 6 − szDecimals
   * decimals); `tickSize` is then the finest step the rule allows. See price-rule.ts.
   */
  priceRule?: PriceRule;
  source: TierSource;
  capturedAt: string;
  url: string;
}

export interface MarkPrice {
  venue: VenueId;
  symbol: string;
  price: string;
  /** ISO time the venue stamped, or the fetch time when the response has none. */
  at: string;
  url: string;
}

export type CandleInterval = '1h' | '1d';

export interface Candle {
  /** Open time, ms since epoch (UTC). */
  openTime: number;
  /** Close price, decimal string > 0. */
  close: string;
}

export interface CandleSeries {
  venue: VenueId;
  symbol: string;
  interval: CandleInterval;
  /** Oldest first, closed candles only, no duplicates. */
  candles: Candle[];
  url: string;
}

/** What the engine's AssessContext.volatility takes. */
export interface VolatilityEstimate {
  sigmaDaily: string;
  source: string;
  window: string;
}

/** Context every parser needs to stamp its output. */
export interface ParseContext {
  venue: VenueId;
  symbol: string;
  url: string;
  /** ISO time of the fetch: the capture date of a live table. */
  fetchedAt: string;
}

export function liveTable(ctx: ParseContext, basis: TierTable['basis'], tiers: TierTable['tiers'], boundary?: TierTable['boundary']): TierTable {
  const table: TierTable = { venue: ctx.venue, symbol: ctx.symbol, basis, tiers, source: 'live', capturedAt: ctx.fetchedAt, url: ctx.url };
  if (boundary) table.boundary = boundary;
  return table;
}
