/**
 * Probability that the mark touches a barrier (the liquidation price) within a horizon.
 *
 * Model (stated with every figure): the log price is a driftless Brownian motion with daily volatility σ, so by
 * the reflection principle P(touch within T days) = 2 · (1 − Φ(|ln(B/S)| / (σ·√T))). Fat tails, jumps, funding
 * and mark-price smoothing are not modelled. Without a volatility figure nothing is computed: no guessing.
 *
 * Φ is computed on Decimals: erf by its Taylor series for small arguments, and erfc by its continued fraction
 * for large ones (where 1 − erf would cancel away every significant digit).
 */
import { D } from '../decimal';
import { decimalFrom } from './decimal-text';
import { ONE, TWO, ZERO } from './model';

const HALF = new D('0.5');
/** Beyond this many standard deviations the probability is below 1e-30: report it as 0. */
const Z_CUTOFF = new D(12);
/** Series terms below this are dropped: far below the 12 significant digits reported (absolute 1e-24). */
const SERIES_STOP = new D('1e-24');
const CF_FROM = new D(3);
/** 32 terms give a relative error below 1e-16 at x = 3, and far less beyond. */
const CF_TERMS = 32;
const HALF_K: D[] = Array.from({ length: CF_TERMS + 1 }, (_, k) => new D(k).mul('0.5'));
const LN_SERIES_MAX = new D('0.5');
let TWO_OVER_SQRT_PI: D | null = null;
let INV_SQRT_PI: D | null = null;
let INV_SQRT2: D | null = null;

/** 1/n as cached Decimals: the series multiply instead of dividing (a Decimal division costs several multiplications). */
const reciprocals: D[] = [];
function recip(n: number): D {
  let r = reciprocals[n];
  if (!r) {
    r = ONE.div(n);
    reciprocals[n] = r;
  }
  return r;
}

/** erf(x) = 2/√π · Σ (−1)^n x^(2n+1) / (n! (2n+1)), for 0 ≤ x < 3. */
function erf(x: D): D {
  const x2 = x.mul(x).neg();
  let term = x; // (−1)^n x^(2n+1)/n!
  let sum = x;
  for (let n = 1; n < 400; n++) {
    term = term.mul(x2).mul(recip(n));
    const add = term.mul(recip(2 * n + 1));
    sum = sum.plus(add);
    if (add.abs().lt(SERIES_STOP)) break;
  }
  TWO_OVER_SQRT_PI ??= TWO.div(D.acos(-1).sqrt());
  return sum.mul(TWO_OVER_SQRT_PI);
}

/** erfc(x) for x ≥ 0: 1 − erf below 3; from 3 on the continued fraction, evaluated backwards. */
function erfc(x: D): D {
  if (x.lt(CF_FROM)) return ONE.minus(erf(x));
  // erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …)))))
  let t = x;
  for (let k = CF_TERMS; k >= 1; k--) t = x.plus((HALF_K[k] ?? ONE).div(t));
  INV_SQRT_PI ??= ONE.div(D.acos(-1).sqrt());
  return x.mul(x).neg().exp().mul(INV_SQRT_PI).div(t);
}

/** Standard normal CDF on Decimals. */
export function normalCdf(z: D): D {
  INV_SQRT2 ??= ONE.div(TWO.sqrt());
  const u = z.mul(INV_SQRT2);
  return u.isNeg() ? HALF.mul(erfc(u.neg())) : ONE.minus(HALF.mul(erfc(u)));
}

/** |ln(r)| for r > 0: the atanh series when r is near 1 (the usual case), decimal.js's ln otherwise. */
function absLn(r: D): D {
  const t = r.minus(ONE).div(r.plus(ONE));
  if (t.abs().gt(LN_SERIES_MAX)) return r.ln().abs();
  // ln r = 2·atanh(t) = 2·(t + t³/3 + t⁵/5 + …)
  const t2 = t.mul(t);
  let power = t;
  let sum = t;
  for (let k = 1; k < 200; k++) {
    power = power.mul(t2);
    const add = power.mul(recip(2 * k + 1));
    sum = sum.plus(add);
    if (add.abs().lt(SERIES_STOP)) break;
  }
  return sum.mul(TWO).abs();
}

export interface TouchInput {
  mark: string | D;
  barrier: string | D;
  /** Daily volatility of log price, as a fraction (0.03 = 3 % a day). */
  sigmaDaily: string | D;
  horizonHours: string | D;
}

export const TOUCH_MODEL = 'driftless log-normal price, reflection principle: P = 2·(1 − Φ(|ln(barrier/mark)| / (σ_daily·√(hours/24))))';

function pos(v: string | D): D | null {
  const d = v instanceof D ? v : typeof v === 'string' ? decimalFrom(v) : null;
  return d && d.isFinite() && d.gt(ZERO) ? d : null;
}

/** Touch probability as a decimal string in [0, 1], or null when an input is missing or not positive. */
export function touchProbability(input: TouchInput): { probability: string; model: string } | null {
  const mark = pos(input.mark);
  const barrier = pos(input.barrier);
  const sigma = pos(input.sigmaDaily);
  const hours = pos(input.horizonHours);
  if (!mark || !barrier || !sigma || !hours) return null;
  const distance = absLn(barrier.div(mark));
  const days = hours.div(24);
  const z = distance.div(days.eq(ONE) ? sigma : sigma.mul(days.sqrt()));
  if (z.gt(Z_CUTOFF)) return { probability: '0', model: TOUCH_MODEL };
  INV_SQRT2 ??= ONE.div(TWO.sqrt());
  const p = erfc(z.mul(INV_SQRT2));
  const clamped = p.lt(ZERO) ? new D(0) : p.gt(ONE) ? ONE : p;
  return { probability: clamped.toSignificantDigits(12).toString(), model: TOUCH_MODEL };
}
