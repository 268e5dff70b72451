import { describe, expect, it } from 'vitest';
import { D } from '../decimal';
import { assess } from './assess';
import { leverageForDistance, maxSizeForMaxLoss, priceForTargetRoe } from './inverse';
import { pnlAt } from './pnl';
import type { PositionInput } from './types';

const base: PositionInput = {
  venue: 'generic', contract: 'linear', marginMode: 'isolated', side: 'long', entryPrice: '100', markPrice: '100',
  quantity: '1', quantityUnit: 'base', leverage: '10', maintenanceMarginRate: '0.01', takerFeeRate: '0',
};

describe('maxSizeForMaxLoss', () => {
  it('without fees the worst isolated loss is the margin: Q = maxLoss × leverage ÷ entry', () => {
    const r = maxSizeForMaxLoss(base, {}, { maxLoss: '250' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(new D(r.value.quantity).minus(25).abs().lt('1e-9')).toBe(true);
  });

  it('with fees the answer is the largest size whose worst loss fits', () => {
    const input = { ...base, takerFeeRate: '0.0005', quantityUnit: 'quote', quantity: '1000' };
    const r = maxSizeForMaxLoss(input, {}, { maxLoss: '100' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.quantityUnit).toBe('quote');
    expect(new D(r.value.worstLoss).lte(100)).toBe(true);
    // Margin + opening fee + closing fee at the bankruptcy price, per 1 USDT of notional at 10×: 0.1 + 0.0005 + 0.9·0.0005.
    const perUnit = new D('0.1').plus('0.0005').plus(new D('0.9').mul('0.0005'));
    expect(new D(r.value.quantity).minus(new D(100).div(perUnit)).abs().lt('1e-6')).toBe(true);
  });

  it('rejects a non-positive limit', () => {
    const r = maxSizeForMaxLoss(base, {}, { maxLoss: '0' });
    expect(!r.ok && r.errors[0]).toMatchObject({ field: 'maxLoss', code: 'not-positive' });
  });
});

describe('leverageForDistance', () => {
  it('returns the highest leverage keeping liquidation at least D % from the mark', () => {
    const r = leverageForDistance(base, {}, { distancePercent: '10' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const lev = new D(r.value.leverage);
    const at = (l: D) => {
      const a = assess({ ...base, leverage: l.toString() });
      return a.ok ? new D(a.assessment.distance?.percent ?? '0') : new D(0);
    };
    expect(at(lev).gte(10)).toBe(true);
    expect(at(lev.plus('0.001')).lt(10)).toBe(true);
    expect(r.value.wholeLeverage).toBe(lev.floor().toString());
  });

  it('says when even 1x is too close, and refuses cross margin', () => {
    // A 1x short is liquidated near twice the entry price: 150 % away is out of reach.
    const far = leverageForDistance({ ...base, side: 'short' }, {}, { distancePercent: '150' });
    expect(!far.ok && far.errors[0]?.code).toBe('unreachable');
    const cross = leverageForDistance({ ...base, marginMode: 'cross', walletBalance: '100' }, {}, { distancePercent: '5' });
    expect(!cross.ok && cross.errors[0]).toMatchObject({ field: 'marginMode', code: 'unsupported' });
  });
});

describe('priceForTargetRoe', () => {
  it('linear long at 10×: +100 % ROE at entry × 1.1', () => {
    const r = priceForTargetRoe(base, {}, { roePercent: '100' });
    expect(r.ok && r.value.price).toBe('110');
  });

  it('inverse short: the price found gives the target ROE back through pnlAt', () => {
    const input: PositionInput = { ...base, contract: 'inverse', side: 'short', quantity: '1000', quantityUnit: 'quote', leverage: '5' };
    const r = priceForTargetRoe(input, {}, { roePercent: '40' });
    if (!r.ok || !r.value.price) throw new Error('no price');
    const back = pnlAt(input, {}, r.value.price);
    expect(back.ok && new D(back.value.roePercent ?? 'NaN').minus(40).abs().lt('1e-30')).toBe(true);
  });

  it('an ROE beyond reach gives no price, with a reason', () => {
    const r = priceForTargetRoe({ ...base, contract: 'inverse', quantity: '100', quantityUnit: 'quote' }, {}, { roePercent: '2000' });
    expect(r.ok && r.value).toMatchObject({ price: null, reason: expect.stringMatching(/No positive price/) });
  });
});
