import Decimal from 'decimal.js';

/**
 * The one Decimal constructor the core uses. A private clone so that no other code
 * (a page, a library) can change its precision or rounding under us.
 * 40 significant digits keep every figure exact to far below a tick for prices up to
 * 1e15 and rates down to 1e-8; ROUND_HALF_EVEN avoids a drift in repeated rounding.
 */
export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -30, toExpPos: 40 });
export type D = Decimal;

/**
 * Another private clone, at another working precision with the same rounding and notation: only for a model's
 * estimate that is reported to far fewer digits than money needs (touch-probability.ts says why it may).
 * Its results go back to D before they leave the module that uses it.
 */
export function decimalAtPrecision(precision: number): typeof Decimal {
  return Decimal.clone({ precision, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -30, toExpPos: 40 });
}
