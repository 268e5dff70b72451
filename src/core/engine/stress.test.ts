import { describe, expect, it } from 'vitest';
import { D } from '../decimal';
import { assess } from './assess';
import { fundingDrift, gapStress } from './stress';
import type { PositionInput } from './types';

const long: PositionInput = {
  venue: 'generic', contract: 'linear', marginMode: 'isolated', side: 'long', entryPrice: '100', markPrice: '100',
  quantity: '10', quantityUnit: 'base', leverage: '10', maintenanceMarginRate: '0.01', takerFeeRate: '0.001',
};

describe('gap stress', () => {
  it('measures loss and deficit X % past the bankruptcy price', () => {
    const r = gapStress(long, {}, ['0', '10']);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    // BP = 90; margin 100. At BP the loss is the margin plus the closing fee 10·90·0.1 % = 0.9.
    expect(r.value[0]).toEqual({ gapPercent: '0', price: '90', loss: '100.9', deficit: '0.9' });
    // 10 % past BP: price 81, loss 190 + 0.81, deficit beyond the 100 margin 90.81.
    expect(r.value[1]).toEqual({ gapPercent: '10', price: '81', loss: '190.81', deficit: '90.81' });
  });

  it('mirrors upwards for a short and skips bad gap values with a warning', () => {
    const r = gapStress({ ...long, side: 'short' }, {}, ['5', 'x', '-1']);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value).toHaveLength(1);
    expect(r.value[0]?.price).toBe('115.5');
    expect(r.warnings.filter((w) => w.code === 'ignored-value')).toHaveLength(2);
  });

  it('is part of every assessment (default 0, 1, 2, 5, 10 %)', () => {
    const a = assess(long);
    expect(a.ok && a.assessment.gapStress.map((g) => g.gapPercent)).toEqual(['0', '1', '2', '5', '10']);
  });
});

describe('funding drift', () => {
  it('isolated margin shrinks by the funding paid each interval and the liquidation price moves towards the mark', () => {
    const r = fundingDrift({ ...long, fundingRate: '0.001' }, {}, ['8', '24']);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    // One interval of 8 h: 10 × 100 × 0.1 % = 1 paid; 3 intervals in 24 h.
    expect(r.value[0]).toMatchObject({ hours: '8', intervals: '1', fundingPaid: '1', marginAfter: '99' });
    expect(r.value[1]).toMatchObject({ intervals: '3', fundingPaid: '3', marginAfter: '97' });
    const direct = assess({ ...long, isolatedMargin: '97' });
    expect(direct.ok && direct.assessment.liquidationPrice).toBe(r.value[1]?.liquidationPrice);
    expect(new D(r.value[1]?.shift ?? '0').gt(0)).toBe(true);
  });

  it('a short receives positive funding: its margin grows', () => {
    const r = fundingDrift({ ...long, side: 'short', fundingRate: '0.001' }, {}, ['8']);
    expect(r.ok && r.value[0]).toMatchObject({ fundingPaid: '-1', marginAfter: '101' });
  });

  it('needs a funding rate', () => {
    const r = fundingDrift(long);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ field: 'fundingRate', code: 'required' });
  });
});
