/**
 * Venues whose price step depends on the price. Hyperliquid: "Prices can have up to 5 significant figures,
 * but no more than MAX_DECIMALS − szDecimals decimal places where MAX_DECIMALS is 6 for perps. Integer
 * prices are always allowed, regardless of the number of significant figures" (Hyperliquid docs, "Tick and
 * lot size"). So BTC (szDecimals 5) moves in 0.1 below 10,000 and in whole dollars from 10,000 up: a fixed
 * tick of 0.1 at 84,000 would show prices the venue cannot have.
 */
import { D } from '../decimal';

export interface PriceRule {
  /** At most this many significant figures... */
  significantFigures: number;
  /** ...and at most this many decimals. */
  maxDecimals: number;
}

/**
 * The step a price of this size moves in under the rule: 10^(e − figures + 1) for a price with leading digit at
 * 10^e, never finer than 10^−maxDecimals, and never coarser than 1 (integers are always allowed). Null for
 * a price that is not positive.
 */
export function tickAt(rule: PriceRule, price: D | string): D | null {
  const p = new D(price);
  if (!p.isFinite() || !p.gt(0)) return null;
  const exponent = p.abs().log(10).floor().toNumber();
  // log10 of an exact power of ten can come out a hair low; correct with the digits themselves.
  const e = new D(10).pow(exponent + 1).lte(p) ? exponent + 1 : new D(10).pow(exponent).gt(p) ? exponent - 1 : exponent;
  const bySigFigs = new D(10).pow(e - rule.significantFigures + 1);
  const finest = new D(10).pow(-rule.maxDecimals);
  const step = D.max(bySigFigs, finest);
  return D.min(step, new D(1));
}
