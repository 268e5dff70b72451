import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, severityOf } from './severity';

describe('severityOf', () => {
  it('levels by distance with the default thresholds', () => {
    const at = (d: string) => severityOf({ distancePercent: d, leverage: '2', marginMode: 'isolated' }).level;
    expect([at('30'), at('12'), at('4'), at('1.5'), at('-1')]).toEqual(['ok', 'caution', 'danger', 'critical', 'critical']);
  });
  it('leverage raises the level on its own', () => {
    const r = severityOf({ distancePercent: '40', leverage: '60', marginMode: 'isolated' });
    expect(r.level).toBe('danger');
    expect(r.reasons[0]).toMatchObject({ code: 'leverage' });
  });
  it('cross margin raises any non-ok level by one step and says why', () => {
    const r = severityOf({ distancePercent: '12', leverage: '2', marginMode: 'cross' });
    expect(r.level).toBe('danger');
    expect(r.reasons.map((x) => x.code)).toContain('cross-margin');
    expect(severityOf({ distancePercent: '40', leverage: '2', marginMode: 'cross' }).level).toBe('ok');
  });
  it('thresholds come from settings', () => {
    const strict = { ...DEFAULT_THRESHOLDS, distancePercent: { critical: '10', danger: '20', caution: '30' } };
    expect(severityOf({ distancePercent: '12', leverage: '2', marginMode: 'isolated' }, strict).level).toBe('danger');
    const noCross = { ...DEFAULT_THRESHOLDS, crossMarginRaisesLevel: false };
    expect(severityOf({ distancePercent: '12', leverage: '2', marginMode: 'cross' }, noCross).level).toBe('caution');
  });
  it('no liquidation price: ok when price cannot liquidate, critical when already below maintenance', () => {
    expect(severityOf({ distancePercent: null, noLiquidation: 'never', leverage: '1', marginMode: 'isolated' }).level).toBe('ok');
    expect(severityOf({ distancePercent: null, noLiquidation: 'always', leverage: '1', marginMode: 'isolated' }).level).toBe('critical');
  });
  it('bad threshold values fall back to the defaults instead of NaN', () => {
    const bad = { ...DEFAULT_THRESHOLDS, distancePercent: { critical: 'x', danger: '', caution: '-3' } };
    expect(severityOf({ distancePercent: '4', leverage: '2', marginMode: 'isolated' }, bad).level).toBe('danger');
  });
});
