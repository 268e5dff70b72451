import { describe, expect, it } from 'vitest';
import { D } from '../../decimal';
import { assess } from '../assess';
import type { PositionInput } from '../types';

/**
 * MEXC's own worked example, "Liquidation in Futures", https://blog.mexc.fm/liquidation-in-futures-2 (undated,
 * read 2026-12, commission excluded): buy 0.1 BTC of BTCUSDT at 50,000 with 25x; maintenance margin
 * 50,000 × 0.1 × 0.4 % = 20 USDT; position margin 200 USDT; long liquidation price 48,200 USDT.
 */
describe('MEXC: its own worked example (blog.mexc.fm, liquidation-in-futures-2)', () => {
  const example: PositionInput = {
    venue: 'mexc', symbol: 'BTC_USDT', contract: 'linear', marginMode: 'isolated', side: 'long', entryPrice: '50000', markPrice: '50000',
    quantity: '0.1', quantityUnit: 'base', leverage: '25', maintenanceMarginRate: '0.004', takerFeeRate: '0',
  };
  const ok = (input: PositionInput) => {
    const r = assess(input);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.assessment;
  };

  it('long 0.1 BTC at 50,000, 25x, maintenance 0.4 %: liquidation at 48,200, maintenance margin 20 at entry value', () => {
    const a = ok(example);
    expect(a.liquidationPrice).toBe('48200');
    expect(a.initialMargin).toBe('200');
    expect(a.maintenanceMarginAtLiquidation).toBe('20');
    expect(a.formula.confidence).toBe('medium');
  });

  it('the short by the same page’s short formula: (50,000 × 0.1 − 20 + 200) / 0.1 = 51,800', () => {
    expect(ok({ ...example, side: 'short' }).liquidationPrice).toBe('51800');
  });

  it('with a taker fee, the liquidation fee in the trigger brings it slightly closer', () => {
    const a = ok({ ...example, takerFeeRate: '0.0002' });
    // (20 + 1 of fee − 200 + 5,000) / 0.1 = 48,210.
    expect(a.liquidationPrice).toBe('48210');
    expect(a.assumptions.map((x) => x.code)).toEqual(expect.arrayContaining(['mm-at-entry-value', 'fee-in-trigger']));
  });

  it('the group-A form the engine used before gives 48,192.77, off MEXC’s own figure', () => {
    const groupA = new D(50000).minus(new D(200).div('0.1')).div(new D(1).minus('0.004'));
    expect(groupA.toDecimalPlaces(2).toString()).toBe('48192.77');
    expect(ok(example).liquidationPrice).not.toBe(groupA.toString());
  });

  it('requires the maintenance rate when no MEXC table is loaded', () => {
    const { maintenanceMarginRate: _m, ...rest } = example;
    const r = assess(rest);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.code).toBe('missing-tier-data');
  });
});
