import { describe, expect, it } from 'vitest';
import { D } from '../decimal';
import fc from 'fast-check';
import { normalCdf, touchProbability, touchProbabilityAt } from './touch-probability';

describe('normalCdf on Decimals', () => {
  it('matches known values', () => {
    expect(normalCdf(new D(0)).toString()).toBe('0.5');
    expect(normalCdf(new D('1.959963984540054')).toDecimalPlaces(12).toString()).toBe('0.975');
    expect(normalCdf(new D(-1)).toDecimalPlaces(12).toString()).toBe('0.158655253931');
    expect(normalCdf(new D(5)).toDecimalPlaces(15).toString()).toBe('0.999999713348428');
  });
});

describe('touchProbability (driftless log-normal, reflection principle)', () => {
  it('one standard deviation away in one day → 2·(1 − Φ(1)) ≈ 31.73 %', () => {
    const barrier = new D(100).mul(new D('-0.03').exp()).toString();
    const p = touchProbability({ mark: '100', barrier, sigmaDaily: '0.03', horizonHours: '24' });
    expect(new D(p?.probability ?? '0').toDecimalPlaces(4).toString()).toBe('0.3173');
    expect(p?.model).toMatch(/driftless log-normal/);
  });
  it('grows with the horizon and the volatility, and is 1 at the barrier', () => {
    const at = (h: string, s: string) => new D(touchProbability({ mark: '100', barrier: '90', sigmaDaily: s, horizonHours: h })?.probability ?? '0');
    expect(at('48', '0.03').gt(at('24', '0.03'))).toBe(true);
    expect(at('24', '0.05').gt(at('24', '0.03'))).toBe(true);
    expect(touchProbability({ mark: '100', barrier: '100', sigmaDaily: '0.03', horizonHours: '24' })?.probability).toBe('1');
  });
  it('far barriers give tiny, non-negative probabilities, never NaN', () => {
    const p = touchProbability({ mark: '100', barrier: '10', sigmaDaily: '0.02', horizonHours: '24' });
    expect(p?.probability).toBe('0');
    const q = touchProbability({ mark: '100', barrier: '80', sigmaDaily: '0.03', horizonHours: '24' });
    expect(new D(q?.probability ?? '-1').gt(0) && new D(q?.probability ?? '1').lt('1e-10')).toBe(true);
  });
  it('without a volatility (or with a bad one) there is no figure', () => {
    expect(touchProbability({ mark: '100', barrier: '90', sigmaDaily: '', horizonHours: '24' })).toBeNull();
    expect(touchProbability({ mark: '100', barrier: '90', sigmaDaily: '-0.1', horizonHours: '24' })).toBeNull();
  });
});

describe('touchProbability at its working precision', () => {
  // The figure is worked out at TOUCH_PRECISION digits (see the module's header): its 12 reported digits must be
  // those of the engine's 40-digit computation and of a 60-digit one, on both sides of erfc's switch at 3 (the
  // series' cancellation just below it is the worst case), near the barrier and out to the 12σ cut-off.
  const input = (barrier: string, sigmaDaily: string, horizonHours = '24') => ({ mark: '65010.3', barrier, sigmaDaily, horizonHours });
  it('reports the same 12 significant digits as 40 and 60 digits would, over a spread of barriers, volatilities and horizons', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -0.6, max: 0.6, noNaN: true }).filter((x) => Math.abs(x) > 1e-9),
        fc.constantFrom('0.004', '0.012', '0.0275', '0.031', '0.05', '0.13'),
        fc.constantFrom('1', '8', '24', '72'),
        (move, sigma, hours) => {
          const barrier = new D('65010.3').mul(new D(1).plus(new D(move.toPrecision(12)))).toSignificantDigits(10).toString();
          const shipped = touchProbability(input(barrier, sigma, hours));
          expect(shipped).toEqual(touchProbabilityAt(40, input(barrier, sigma, hours)));
          expect(shipped).toEqual(touchProbabilityAt(60, input(barrier, sigma, hours)));
        },
      ),
      { numRuns: 300, seed: 20261207 },
    );
  });
  it('and at the series/continued-fraction switch (|z|/√2 = 3) and the cut-off (z = 12), where the digits are fewest', () => {
    for (const z of ['4.2', '4.2426', '4.2427', '4.3', '2.9', '11.99', '12']) {
      // ln(B/S) = −z·σ for σ = 0.02 over one day.
      const barrier = new D('65010.3').mul(new D(z).mul('-0.02').exp()).toSignificantDigits(20).toString();
      expect(touchProbability(input(barrier, '0.02'))).toEqual(touchProbabilityAt(60, input(barrier, '0.02')));
    }
  });
});

describe('touchProbability: the latest answers kept by their exact inputs', () => {
  it('gives the same answer asked again, after others, after being pushed out, and as a copy', () => {
    const ask = (barrier: string) => touchProbability({ mark: '65010.3', barrier, sigmaDaily: '0.0245', horizonHours: '24' });
    const first = ask('60000');
    expect(first).toEqual(touchProbabilityAt(60, { mark: '65010.3', barrier: '60000', sigmaDaily: '0.0245', horizonHours: '24' }));
    if (first) first.probability = 'changed by a caller';
    expect(ask('60000')).toEqual(touchProbabilityAt(40, { mark: '65010.3', barrier: '60000', sigmaDaily: '0.0245', horizonHours: '24' }));
    for (let i = 0; i < 20; i++) ask(String(59000 + i));
    expect(ask('60000')).toEqual(touchProbabilityAt(40, { mark: '65010.3', barrier: '60000', sigmaDaily: '0.0245', horizonHours: '24' }));
    // A Decimal and its text are the same input.
    expect(touchProbability({ mark: new D('65010.3'), barrier: new D('59007'), sigmaDaily: '0.0245', horizonHours: '24' })).toEqual(ask('59007'));
  });
});
