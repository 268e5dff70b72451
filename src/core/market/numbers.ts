/**
 * Turning venue JSON into decimal strings we are willing to compute with. Venues send numbers as strings
 * ("0.005") or as JSON numbers (Bybit documents maintenanceMargin as a number); both are accepted, read
 * through decimal.js, and rejected unless finite and inside a range that makes sense for the field.
 * A rate outside its range is not "clamped": the table is refused, because a venue that sends an absurd
 * rate is either broken or not the venue. The ranges are what must hold, not what is usual: a venue's
 * deepest tier can charge 60 % maintenance at 1× (Bitget's BTCUSDT, announced 2025-09-26), so the ceiling
 * is "below 1", and what keeps a table honest is the cross-field checks (rate below 1 / leverage,
 * initial rate × leverage ≈ 1, the deduction recurrence) in the parsers and tier-checks.ts.
 */
import { D } from '../decimal';

const DECIMAL_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d{1,3})?$/;

/** The largest quantity, notional or price we accept anywhere (no venue publishes a tier past 1e15). */
export const MAX_MAGNITUDE = new D('1e15');

export interface Bounds {
  /** Inclusive lower bound unless `minExclusive`. */
  min?: string;
  minExclusive?: boolean;
  max?: string;
  /** Exclusive upper bound when true. */
  maxExclusive?: boolean;
}

/** Reads a decimal from a JSON value. Null when it is not a finite number inside the bounds. */
export function readDecimal(value: unknown, bounds: Bounds = {}): D | null {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
    if (text.length === 0 || text.length > 60 || !DECIMAL_TEXT.test(text)) return null;
  } else {
    return null;
  }
  const d = new D(text);
  if (!d.isFinite() || d.abs().gt(MAX_MAGNITUDE)) return null;
  if (bounds.min !== undefined) {
    const min = new D(bounds.min);
    if (bounds.minExclusive ? d.lte(min) : d.lt(min)) return null;
  }
  if (bounds.max !== undefined) {
    const max = new D(bounds.max);
    if (bounds.maxExclusive ? d.gte(max) : d.gt(max)) return null;
  }
  return d;
}

/** Canonical text of a decimal: no exponent, no trailing zeros ("0.0050" → "0.005", "1e3" → "1000"). */
export function canonical(d: D): string {
  return d.toFixed();
}

/**
 * Maintenance margin rate: in [0.0001, 1). Below 1 because at 100 % the position is liquidated when opened.
 * The floor of 0.01 % sits four to five times under the lowest rate any venue publishes (MEXC's 0.05–0.1 %
 * at 500×–1000×) and far above a rate read in the wrong unit: a table scaled ÷100 or a parsing accident such
 * as 1e-30 is refused rather than shown as room the trader does not have.
 */
export const MMR_BOUNDS: Bounds = { min: '0.0001', max: '1', maxExclusive: true };
/** Initial margin rate: in (0, 1]. */
export const IMR_BOUNDS: Bounds = { min: '0', minExclusive: true, max: '1' };
/** Leverage: in [1, 1000]. */
export const LEVERAGE_BOUNDS: Bounds = { min: '1', max: '1000' };
/** Tier bounds, deductions: ≥ 0. */
export const NON_NEGATIVE: Bounds = { min: '0' };
/** Prices, sizes, steps: > 0. */
export const POSITIVE: Bounds = { min: '0', minExclusive: true };
