/**
 * Realized volatility of the log price from closed candles, for the engine's "chance of touching the
 * liquidation price within 24 hours" (the engine states the model; this module only measures sigma).
 *
 * Estimator: close-to-close log returns r_i = ln(C_i / C_{i−1}) between consecutive candles, zero-mean
 * (the touch model is driftless, so the mean is not estimated): sigma = sqrt(Σ r_i² / n). Hourly sigma is
 * scaled to a day by sqrt(24); daily candles give a daily sigma directly. When both are available the
 * larger is reported, because underestimating volatility understates the risk the trader is shown.
 * All arithmetic is decimal.js (D.ln, D.sqrt): a statistic, but it feeds a figure on screen, so it follows
 * the same no-float rule as money.
 */
import { D } from '../decimal';
import type { Candle, CandleInterval, VolatilityEstimate } from './types';

export const INTERVAL_MS: Record<CandleInterval, number> = { '1h': 3_600_000, '1d': 86_400_000 };

/** Returns wanted per interval, and the fewest we accept before saying "no figure". */
export const WINDOW: Record<CandleInterval, { wanted: number; minimum: number }> = {
  '1h': { wanted: 168, minimum: 48 },
  '1d': { wanted: 30, minimum: 14 },
};

/** A daily sigma above this (100 %/day) is treated as bad data rather than reported. */
const MAX_SIGMA_DAILY = new D(1);

export interface IntervalSigma {
  interval: CandleInterval;
  sigmaDaily: D;
  returns: number;
  fromMs: number;
  toMs: number;
}

/**
 * Sigma from one candle series (oldest first). Only returns between candles exactly one interval apart
 * count, so a gap in the venue's data never becomes one giant "hourly" return. Null when too few.
 */
export function sigmaFromCandles(candles: Candle[], interval: CandleInterval): IntervalSigma | null {
  const step = INTERVAL_MS[interval];
  const { wanted, minimum } = WINDOW[interval];
  const recent = candles.slice(-(wanted + 1));
  let sumSq = new D(0);
  let n = 0;
  for (let i = 1; i < recent.length; i++) {
    const a = recent[i - 1];
    const b = recent[i];
    if (!a || !b || b.openTime - a.openTime !== step) continue;
    const ca = new D(a.close);
    const cb = new D(b.close);
    if (!ca.isFinite() || !cb.isFinite() || ca.lte(0) || cb.lte(0)) continue;
    const r = cb.div(ca).ln();
    sumSq = sumSq.plus(r.mul(r));
    n++;
  }
  const first = recent[0];
  const last = recent[recent.length - 1];
  if (n < minimum || !first || !last) return null;
  let sigma = sumSq.div(n).sqrt();
  if (interval === '1h') sigma = sigma.mul(new D(24).sqrt());
  if (!sigma.isFinite() || sigma.lte(0) || sigma.gt(MAX_SIGMA_DAILY)) return null;
  return { interval, sigmaDaily: sigma, returns: n, fromMs: first.openTime, toMs: last.openTime + step };
}

function describe(s: IntervalSigma): string {
  const from = new Date(s.fromMs).toISOString().slice(0, 16);
  const to = new Date(s.toMs).toISOString().slice(0, 16);
  return s.interval === '1h'
    ? `${s.returns} hourly close-to-close returns ${from}Z to ${to}Z, scaled by √24`
    : `${s.returns} daily close-to-close returns ${from}Z to ${to}Z`;
}

/**
 * The estimate handed to the engine: the larger of the hourly and daily sigmas available, with both named.
 * Null when neither series has enough clean returns: the probability is then absent, never guessed.
 */
export function realizedVolatility(
  hourly: Candle[] | null,
  daily: Candle[] | null,
  sourceLabel: string,
): VolatilityEstimate | null {
  const estimates = [hourly ? sigmaFromCandles(hourly, '1h') : null, daily ? sigmaFromCandles(daily, '1d') : null].filter(
    (s): s is IntervalSigma => s !== null,
  );
  if (estimates.length === 0) return null;
  const chosen = estimates.reduce((a, b) => (b.sigmaDaily.gt(a.sigmaDaily) ? b : a));
  const others = estimates.filter((e) => e !== chosen);
  const window =
    describe(chosen) +
    (others.length ? `; the larger of this and ${others.map((o) => `${describe(o)} (σ ${o.sigmaDaily.toSignificantDigits(4).toFixed()})`).join(', ')}` : '');
  return {
    sigmaDaily: chosen.sigmaDaily.toSignificantDigits(6).toFixed(),
    source: `${sourceLabel}: realized volatility, zero-mean close-to-close log returns`,
    window,
  };
}
