/**
 * Bounded root finding on Decimals, for the venues that publish a margin function but no closed form
 * (Deribit, Kraken Futures) and for the inverse questions (largest size, leverage for a distance).
 *
 * Illinois-modified regula falsi: superlinear on the smooth functions margin rules produce, with a bisection
 * step whenever an interpolation fails to shrink the bracket enough, so the worst case is bisection's.
 * Every loop has a fixed iteration cap; nothing here can spin.
 */
import { D } from '../decimal';
import { TWO, ZERO } from './model';

export interface RootResult {
  /** Bracket end where g ≤ 0 (the "liquidated" side, the conservative answer). */
  atOrBelowZero: D;
  /** Bracket end where g > 0. */
  aboveZero: D;
  iterations: number;
  converged: boolean;
}

const HALF = new D('0.5');

/**
 * Find where g crosses zero between `a` and `b`, where g(a) ≤ 0 < g(b) (either order of a, b on the line).
 * Stops when the bracket is narrower than `tolerance` or after `maxIterations`.
 */
export function findRoot(g: (x: D) => D, a: D, b: D, tolerance: D, maxIterations = 300): RootResult {
  let lo = a; // g(lo) ≤ 0
  let hi = b; // g(hi) > 0
  let gLo = g(lo);
  let gHi = g(hi);
  if (gLo.gt(ZERO) || gHi.lte(ZERO)) {
    return { atOrBelowZero: lo, aboveZero: hi, iterations: 0, converged: false };
  }
  const halfTol = tolerance.mul(HALF);
  let side = 0; // which end moved last time (Illinois: halve the stale end's value when the same end moves twice)
  let iterations = 0;
  // Widths up to three steps back: the bracket must halve at least every three steps, or the next step bisects.
  // Worst case is therefore three times bisection's count; on smooth margin functions it is a handful of steps.
  let width1 = hi.minus(lo).abs();
  let width2 = width1.mul(TWO);
  let width3 = width2.mul(TWO);
  while (iterations < maxIterations) {
    const width = hi.minus(lo).abs();
    if (width.lt(tolerance)) return { atOrBelowZero: lo, aboveZero: hi, iterations, converged: true };
    iterations++;
    let x: D;
    const stalled = width.gt(width3.mul(HALF));
    width3 = width2;
    width2 = width1;
    width1 = width;
    const denom = gHi.minus(gLo);
    if (stalled || denom.isZero()) {
      x = lo.plus(hi).mul(HALF);
    } else {
      x = lo.minus(gLo.mul(hi.minus(lo)).div(denom));
      if (x.minus(lo).mul(x.minus(hi)).gte(ZERO)) x = lo.plus(hi).mul(HALF); // not strictly inside
    }
    // Keep at least half a tolerance from both ends, so a point next to the root also closes the bracket.
    const up = hi.gt(lo);
    if (x.minus(lo).abs().lt(halfTol)) x = up ? lo.plus(halfTol) : lo.minus(halfTol);
    else if (hi.minus(x).abs().lt(halfTol)) x = up ? hi.minus(halfTol) : hi.plus(halfTol);
    const gx = g(x);
    if (gx.lte(ZERO)) {
      lo = x;
      gLo = gx;
      if (side === -1) gHi = gHi.mul(HALF);
      side = -1;
    } else {
      hi = x;
      gHi = gx;
      if (side === 1) gLo = gLo.mul(HALF);
      side = 1;
    }
  }
  return { atOrBelowZero: lo, aboveZero: hi, iterations, converged: hi.minus(lo).abs().lt(tolerance) };
}

/**
 * Walk outward from `start` by doubling the distance (multiplicatively for prices) until g changes sign.
 * Returns the last point on `start`'s side and the first point past the change, or null within `maxSteps`.
 */
export function bracketOutward(
  g: (x: D) => D,
  start: D,
  direction: 'down' | 'up',
  wantSignNonPositive: boolean,
  maxSteps = 80,
): { inside: D; outside: D } | null {
  let prev = start;
  let x = start;
  for (let i = 0; i < maxSteps; i++) {
    x = direction === 'down' ? x.mul(HALF) : x.mul(TWO);
    const v = g(x);
    if (wantSignNonPositive ? v.lte(ZERO) : v.gt(ZERO)) return { inside: prev, outside: x };
    prev = x;
  }
  return null;
}
