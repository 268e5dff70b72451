import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, severityOf } from './severity';

describe('severityOf: the level follows the distance', () => {
  it('levels by distance with the default thresholds, and every level says why', () => {
    const at = (d: string) => severityOf({ distancePercent: d, leverage: '2', marginMode: 'isolated' });
    expect([at('30'), at('12'), at('4'), at('1.5'), at('-1')].map((r) => r.level)).toEqual(['ok', 'caution', 'danger', 'critical', 'critical']);
    for (const d of ['30', '12', '4', '1.5', '-1']) expect(at(d).reasons.length).toBeGreaterThan(0);
    expect(at('30').reasons[0]?.message).toMatch(/30 % away from the mark, beyond the 15 % caution threshold/);
  });

  it('leverage raises the level one step above the distance at most, and names itself first', () => {
    const r = severityOf({ distancePercent: '40', leverage: '80', marginMode: 'isolated' });
    expect(r.level).toBe('caution');
    expect(r.reasons.map((x) => x.code)).toEqual(['leverage', 'distance']);
    expect(r.reasons[0]?.message).toMatch(/^Leverage 80x is at or above the 75x critical threshold: raised one level above what the distance alone gives \(ok\)/);
  });

  it('a leverage below the distance’s level adds nothing', () => {
    const r = severityOf({ distancePercent: '0.55', leverage: '100', marginMode: 'isolated' });
    expect(r.level).toBe('critical');
    expect(r.reasons.map((x) => x.code)).toEqual(['distance']);
  });

  it('cross margin never raises the level on its own; its leverage rule uses the effective leverage', () => {
    expect(severityOf({ distancePercent: '356', leverage: '20', effectiveLeverage: '0.3', marginMode: 'cross' }).level).toBe('ok');
    expect(severityOf({ distancePercent: '11.5', leverage: '25', effectiveLeverage: '8.2', marginMode: 'cross' }).level).toBe('caution');
    // The form's 25x does not count in cross; an effective 30x does.
    const high = severityOf({ distancePercent: '11.5', leverage: '2', effectiveLeverage: '30', marginMode: 'cross' });
    expect(high.level).toBe('danger');
    expect(high.reasons[0]?.message).toMatch(/^Effective leverage 30x \(position value ÷ account equity\)/);
    // Without a known equity there is no leverage rule in cross.
    expect(severityOf({ distancePercent: '11.5', leverage: '100', marginMode: 'cross' }).level).toBe('caution');
  });

  it('thresholds come from settings; the retired cross flag changes nothing', () => {
    const strict = { ...DEFAULT_THRESHOLDS, distancePercent: { critical: '10', danger: '20', caution: '30' } };
    expect(severityOf({ distancePercent: '12', leverage: '2', marginMode: 'isolated' }, strict).level).toBe('danger');
    const flagOn = { ...DEFAULT_THRESHOLDS, crossMarginRaisesLevel: true };
    const flagOff = { ...DEFAULT_THRESHOLDS, crossMarginRaisesLevel: false };
    const input = { distancePercent: '12', leverage: '2', effectiveLeverage: '3', marginMode: 'cross' as const };
    expect(severityOf(input, flagOn)).toEqual(severityOf(input, flagOff));
    expect(severityOf(input, flagOn).level).toBe('caution');
  });

  it('no liquidation price: neutral `none` when price cannot liquidate, critical when already below maintenance', () => {
    const never = severityOf({ distancePercent: null, noLiquidation: 'never', leverage: '100', marginMode: 'cross' });
    expect(never).toEqual({ level: 'none', reasons: [{ code: 'not-liquidatable', message: 'No liquidation price: this position cannot be liquidated by a price move alone.' }] });
    expect(severityOf({ distancePercent: null, noLiquidation: 'always', leverage: '1', marginMode: 'isolated' }).level).toBe('critical');
  });

  it('an order liquidated on fill is critical, whatever its distance from the mark', () => {
    const r = severityOf({ distancePercent: '7.38', liquidatedOnFill: true, leverage: '60', marginMode: 'isolated' });
    expect(r.level).toBe('critical');
    expect(r.reasons[0]?.code).toBe('liquidated-on-fill');
  });

  it('says what the distance is measured from', () => {
    const r = severityOf({ distancePercent: '1.6', distanceFrom: 'fill', leverage: '2', marginMode: 'isolated' });
    expect(r.reasons[0]?.message).toMatch(/from the price your order fills at/);
  });

  it('bad threshold values fall back to the defaults instead of NaN', () => {
    const bad = { ...DEFAULT_THRESHOLDS, distancePercent: { critical: 'x', danger: '', caution: '-3' } };
    expect(severityOf({ distancePercent: '4', leverage: '2', marginMode: 'isolated' }, bad).level).toBe('danger');
    const wrongTypes = { distancePercent: 5, leverage: 'high' } as unknown as typeof DEFAULT_THRESHOLDS;
    expect(severityOf({ distancePercent: '4', leverage: '2', marginMode: 'isolated' }, wrongTypes).level).toBe('danger');
  });
});
