import { describe, expect, it } from 'vitest';
import { D } from '../decimal';
import { normalCdf, touchProbability } from './touch-probability';

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
