/**
 * Probability that the mark touches a barrier (the liquidation price) within a horizon.
 *
 * Model (stated with every figure): the log price is a driftless Brownian motion with daily volatility σ, so by
 * the reflection principle P(touch within T days) = 2 · (1 − Φ(|ln(B/S)| / (σ·√T))). Fat tails, jumps, funding
 * and mark-price smoothing are not modelled. Without a volatility figure nothing is computed: no guessing.
 *
 * Φ is computed on Decimals: erf by its Taylor series for small arguments, and erfc by its continued fraction
 * for large ones (where 1 − erf would cancel away every significant digit).
 *
 * Working precision: 28 significant digits (four of decimal.js's seven-digit words, against six for the
 * engine's 40), not 40. The figure is a model's estimate reported to 12 significant digits (and shown to a
 * hundredth of a percent), computed at every keystroke for every side; the worst loss of digits on the way is
 * the series' cancellation below erfc(3) ≈ 2.2e-5 (terms up to about 190 summing to nearly 1): with 28 digits
 * that leaves more than 15 correct, so the 12 reported are those of the 40-digit computation (the tests
 * compare both over a spread of inputs). Only this module uses the clone; what it returns is the engine's D.
 */
import type Decimal from 'decimal.js';
import { D, decimalAtPrecision } from '../decimal';
import { decimalFrom } from './decimal-text';

type Ctor = typeof Decimal;
type W = Decimal;

/** The working precision (see the header); a private clone, as the engine's own. */
export const TOUCH_PRECISION = 28;

/** The functions below at one working precision (`Ctor`): the shipped one, or a finer one for the tests' reference. */
function atPrecision(P: Ctor) {
  const ZERO = new P(0);
  const ONE = new P(1);
  const TWO = new P(2);
  const HALF = new P('0.5');
  /** Beyond this many standard deviations the probability is below 1e-30: report it as 0. */
  const Z_CUTOFF = new P(12);
  /** Series terms below 1e-24 (decimal exponent −25 or less) are dropped: far below the 12 significant digits reported. */
  const SERIES_STOP_EXPONENT = -24;
  const CF_FROM = new P(3);
  /** 32 terms give a relative error below 1e-16 at x = 3, and far less beyond. */
  const CF_TERMS = 32;
  const HALF_K: W[] = Array.from({ length: CF_TERMS + 1 }, (_, k) => new P(k).mul('0.5'));
  const LN_SERIES_MAX = new P('0.5');
  let TWO_OVER_SQRT_PI: W | null = null;
  let INV_SQRT_PI: W | null = null;
  let INV_SQRT2: W | null = null;

  /** 1/n as cached Decimals: the series multiply instead of dividing (a Decimal division costs several multiplications). */
  const reciprocals: W[] = [];
  function recip(n: number): W {
    let r = reciprocals[n];
    if (!r) {
      r = ONE.div(n);
      reciprocals[n] = r;
    }
    return r;
  }

  /** The series' coefficients (−1)^n / (n! (2n+1)), worked out once each: an iteration is then two multiplications. */
  const coefficients: W[] = [ONE];
  let factorial = ONE;
  function coefficient(n: number): W {
    while (coefficients.length <= n) {
      const k = coefficients.length;
      factorial = factorial.mul(k);
      const c = ONE.div(factorial.mul(2 * k + 1));
      coefficients.push(k % 2 === 0 ? c : c.neg());
    }
    return coefficients[n] as W;
  }
  /** Whether a series term is below 1e-24: its decimal exponent, without a new Decimal for |term|. */
  const negligible = (add: W) => add.isZero() || add.e < SERIES_STOP_EXPONENT;

  /** erf(x) = 2/√π · Σ (−1)^n x^(2n+1) / (n! (2n+1)), for 0 ≤ x < 3. */
  function erf(x: W): W {
    const x2 = x.mul(x);
    let power = x; // x^(2n+1)
    let sum = x;
    for (let n = 1; n < 400; n++) {
      power = power.mul(x2);
      const add = power.mul(coefficient(n));
      sum = sum.plus(add);
      if (negligible(add)) break;
    }
    TWO_OVER_SQRT_PI ??= TWO.div(P.acos(-1).sqrt());
    return sum.mul(TWO_OVER_SQRT_PI);
  }

  /** erfc(x) for x ≥ 0: 1 − erf below 3; from 3 on the continued fraction, evaluated backwards. */
  function erfc(x: W): W {
    if (x.lt(CF_FROM)) return ONE.minus(erf(x));
    // erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …)))))
    let t = x;
    for (let k = CF_TERMS; k >= 1; k--) t = x.plus((HALF_K[k] ?? ONE).div(t));
    INV_SQRT_PI ??= ONE.div(P.acos(-1).sqrt());
    return x.mul(x).neg().exp().mul(INV_SQRT_PI).div(t);
  }

  /** Standard normal CDF. */
  function normalCdf(z: W): W {
    INV_SQRT2 ??= ONE.div(TWO.sqrt());
    const u = z.mul(INV_SQRT2);
    return u.isNeg() ? HALF.mul(erfc(u.neg())) : ONE.minus(HALF.mul(erfc(u)));
  }

  /** |ln(r)| for r > 0: the atanh series when r is near 1 (the usual case), decimal.js's ln otherwise. */
  function absLn(r: W): W {
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
      if (negligible(add)) break;
    }
    return sum.mul(TWO).abs();
  }

  /** The probability (see touchProbability), unrounded; null when an input is missing or not positive. */
  function touch(input: TouchInput): W | null {
    const pos = (v: string | D): W | null => {
      const d = v instanceof D ? v : typeof v === 'string' ? decimalFrom(v) : null;
      return d && d.isFinite() && d.gt(0) ? new P(d) : null;
    };
    const mark = pos(input.mark);
    const barrier = pos(input.barrier);
    const sigma = pos(input.sigmaDaily);
    const hours = pos(input.horizonHours);
    if (!mark || !barrier || !sigma || !hours) return null;
    const distance = absLn(barrier.div(mark));
    const days = hours.div(24);
    const z = distance.div(days.eq(ONE) ? sigma : sigma.mul(days.sqrt()));
    if (z.gt(Z_CUTOFF)) return ZERO;
    INV_SQRT2 ??= ONE.div(TWO.sqrt());
    const p = erfc(z.mul(INV_SQRT2));
    return p.lt(ZERO) ? ZERO : p.gt(ONE) ? ONE : p;
  }

  return { normalCdf, touch };
}

const WORKING = atPrecision(decimalAtPrecision(TOUCH_PRECISION));

/** Standard normal CDF on Decimals (at the working precision; the engine's D out). */
export function normalCdf(z: D): D {
  return new D(WORKING.normalCdf(z));
}

export interface TouchInput {
  mark: string | D;
  barrier: string | D;
  /** Daily volatility of log price, as a fraction (0.03 = 3 % a day). */
  sigmaDaily: string | D;
  horizonHours: string | D;
}

export const TOUCH_MODEL = 'driftless log-normal price, reflection principle: P = 2·(1 − Φ(|ln(barrier/mark)| / (σ_daily·√(hours/24))))';

/**
 * The latest answers by their exact inputs, newest first: the same figure comes back when the trader types a
 * digit and takes it back, moves between the buy and sell buttons (each a new snapshot of the same order) or
 * the page's positions are read again, and each costs a series, a continued fraction and an exponential.
 */
const recent: { key: string; answer: { probability: string; model: string } | null }[] = [];
const RECENT_ANSWERS = 8;
const text = (v: string | D) => (typeof v === 'string' ? v : v.toString());

/** Touch probability as a decimal string in [0, 1], or null when an input is missing or not positive. */
export function touchProbability(input: TouchInput): { probability: string; model: string } | null {
  const key = `${text(input.mark)}|${text(input.barrier)}|${text(input.sigmaDaily)}|${text(input.horizonHours)}`;
  const i = recent.findIndex((r) => r.key === key);
  if (i >= 0) {
    const hit = recent[i] as (typeof recent)[number];
    if (i > 0) recent.unshift(...recent.splice(i, 1));
    return hit.answer && { ...hit.answer };
  }
  const answer = reported(WORKING.touch(input));
  recent.unshift({ key, answer });
  recent.length = Math.min(recent.length, RECENT_ANSWERS);
  return answer && { ...answer };
}

const reported = (p: W | null) => (p === null ? null : { probability: p.isZero() ? '0' : p.toSignificantDigits(12).toString(), model: TOUCH_MODEL });

/** The same at another working precision: the tests' reference. */
export function touchProbabilityAt(precision: number, input: TouchInput): { probability: string; model: string } | null {
  return reported(atPrecision(decimalAtPrecision(precision)).touch(input));
}
