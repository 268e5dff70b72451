import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { D } from '../decimal';
import type { Candle } from './types';
import { realizedVolatility, sigmaFromCandles } from './volatility';

const H = 3_600_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 1);

/** Closes whose log returns are exactly the given values (computed with decimal.js). */
function series(returns: string[], step: number, start = '100'): Candle[] {
  const out: Candle[] = [{ openTime: T0, close: start }];
  let c = new D(start);
  returns.forEach((r, i) => {
    c = c.mul(new D(r).exp());
    out.push({ openTime: T0 + (i + 1) * step, close: c.toSignificantDigits(30).toFixed() });
  });
  return out;
}

describe('realized volatility', () => {
  it('gives |r|·√24 for hourly returns of constant size ±r (zero-mean estimator)', () => {
    const s = sigmaFromCandles(series(Array.from({ length: 168 }, (_, i) => (i % 2 ? '-0.01' : '0.01')), H), '1h');
    expect(s?.returns).toBe(168);
    expect(s?.sigmaDaily.toSignificantDigits(12).toFixed()).toBe(new D('0.01').mul(new D(24).sqrt()).toSignificantDigits(12).toFixed());
  });
  it('takes daily returns as they are', () => {
    const s = sigmaFromCandles(series(Array.from({ length: 30 }, (_, i) => (i % 3 ? '0.02' : '-0.02')), DAY), '1d');
    expect(s?.sigmaDaily.toSignificantDigits(10).toFixed()).toBe('0.02');
  });
  it('skips pairs across a gap instead of treating them as one return', () => {
    const c = series(Array.from({ length: 60 }, () => '0.01'), H);
    // Move the second half 5 hours later: one huge "return" would appear if the gap were not skipped.
    const gapped = c.map((x, i) => (i > 30 ? { openTime: x.openTime + 5 * H, close: new D(x.close).mul(10).toFixed() } : x));
    const s = sigmaFromCandles(gapped, '1h');
    expect(s?.returns).toBe(59); // 60 returns, minus the one across the gap
    expect(s?.sigmaDaily.lt('0.1')).toBe(true);
  });
  it('has no figure with too few candles, or with absurd moves', () => {
    expect(sigmaFromCandles(series(Array.from({ length: 20 }, () => '0.01'), H), '1h')).toBeNull();
    expect(sigmaFromCandles(series(Array.from({ length: 60 }, (_, i) => (i % 2 ? '-1' : '1')), H), '1h')).toBeNull();
    expect(realizedVolatility(null, null, 'x')).toBeNull();
    expect(realizedVolatility([], [], 'x')).toBeNull();
  });
  it('reports the larger of hourly and daily, naming both windows', () => {
    const hourly = series(Array.from({ length: 168 }, (_, i) => (i % 2 ? '-0.005' : '0.005')), H);
    const daily = series(Array.from({ length: 30 }, (_, i) => (i % 2 ? '-0.05' : '0.05')), DAY);
    const v = realizedVolatility(hourly, daily, 'binance-usdm BTCUSDT candles');
    expect(v?.sigmaDaily).toBe('0.05');
    expect(v?.window).toMatch(/30 daily close-to-close returns.*168 hourly/);
    expect(v?.source).toMatch(/binance-usdm BTCUSDT/);
  });
  it('does not depend on the price level (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -300, max: 300 }), { minLength: 50, maxLength: 80 }), fc.integer({ min: 1, max: 100000 }), (bp, scale) => {
        const rets = bp.map((b) => new D(b).div(10000).toFixed());
        const a = sigmaFromCandles(series(rets, H, '100'), '1h');
        const b = sigmaFromCandles(series(rets, H, String(100 * scale)), '1h');
        if (a === null || b === null) return a === b;
        return a.sigmaDaily.minus(b.sigmaDaily).abs().lt('1e-20');
      }),
      { numRuns: 40 },
    );
    // 40 runs of exact decimal logs: a harness limit for a loaded machine, not a speed assertion.
  }, 60_000);
});
