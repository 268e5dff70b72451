import { describe, expect, it } from 'vitest';
import { D } from '../../decimal';
import { assess } from '../assess';

describe('Generic venue (user-supplied maintenance rate and amount)', () => {
  it('linear: equity = N(LP)·MMR − amount, no fee in the trigger', () => {
    const r = assess({ venue: 'generic', contract: 'linear', marginMode: 'isolated', side: 'long', entryPrice: '100', markPrice: '100', quantity: '10', quantityUnit: 'base', leverage: '10', maintenanceMarginRate: '0.01', maintenanceAmount: '1', takerFeeRate: '0.001' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    // 100 + 10·(P − 100) = 10·P·0.01 − 1  →  P = 899/9.9
    expect(r.assessment.liquidationPrice).toBe(new D(899).div('9.9').toString());
  });

  it('inverse: F·(MMR + s) / (K + s·F/EP + amount)', () => {
    const r = assess({ venue: 'generic', contract: 'inverse', marginMode: 'isolated', side: 'short', entryPrice: '100', markPrice: '100', quantity: '1000', quantityUnit: 'quote', leverage: '5', maintenanceMarginRate: '0.02' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const F = new D(1000);
    const expected = F.mul(new D('0.02').minus(1)).div(new D(2).minus(F.div(100)));
    expect(r.assessment.liquidationPrice).toBe(expected.toString());
  });

  it('without a rate it asks for one', () => {
    const r = assess({ venue: 'generic', contract: 'linear', marginMode: 'isolated', side: 'long', entryPrice: '100', markPrice: '100', quantity: '10', quantityUnit: 'base', leverage: '10' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ field: 'maintenanceMarginRate', code: 'missing-tier-data' });
  });
});
