import { describe, expect, it } from 'vitest';
import { D } from '../../decimal';
import { assess } from '../assess';
import type { TierTable } from '../types';
import { docInverseLiquidationPrice, docLinearLiquidationPrice } from './gate';

describe('Gate (help/futures/27724, liquidation & bankruptcy price)', () => {
  it('linear: (EP − s·M/multiplier/size) / (1 − s·(MMR + f))', () => {
    for (const side of ['long', 'short'] as const) {
      const r = assess({ venue: 'gate', symbol: 'BTC_USDT', contract: 'linear', contractSize: '0.0001', marginMode: 'isolated', side, entryPrice: '60000', markPrice: '60000', quantity: '1000', quantityUnit: 'contracts', leverage: '10', maintenanceMarginRate: '0.005', takerFeeRate: '0.00075' });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      const doc = docLinearLiquidationPrice({ side: side === 'long' ? 1 : -1, EP: new D(60000), M: new D(600), multiplier: new D('0.0001'), size: new D(1000), MMR: new D('0.005'), f: new D('0.00075') });
      expect(r.assessment.liquidationPrice).toBe(doc.toString());
    }
  });

  it('inverse: size·EP·(1 + s·(MMR + f)) / (size + s·M·EP)', () => {
    for (const side of ['long', 'short'] as const) {
      const r = assess({ venue: 'gate', symbol: 'BTC_USD', contract: 'inverse', marginMode: 'isolated', side, entryPrice: '60000', markPrice: '60000', quantity: '6000', quantityUnit: 'contracts', leverage: '5', maintenanceMarginRate: '0.005', takerFeeRate: '0.00075' });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      const doc = docInverseLiquidationPrice({ side: side === 'long' ? 1 : -1, EP: new D(60000), M: new D(6000).div(60000).div(5), size: new D(6000), MMR: new D('0.005'), f: new D('0.00075') });
      expect(new D(r.assessment.liquidationPrice ?? '0').minus(doc).abs().lt('1e-25')).toBe(true);
    }
  });

  it('risk-limit tiers without a deduction jump at a boundary: the most conservative crossing wins', () => {
    // 10 BTC long at 10,000 (notional 100,000): tier 1 up to 95,000 at 0.5 %, above it 5 %.
    const table: TierTable = {
      venue: 'gate', symbol: 'BTC_USDT', basis: 'notional', source: 'live', capturedAt: '2026-11-20',
      tiers: [
        { floor: '0', cap: '95000', maintenanceMarginRate: '0.005', maintenanceAmount: '0', maxLeverage: '100' },
        { floor: '95000', cap: null, maintenanceMarginRate: '0.05', maintenanceAmount: '0', maxLeverage: '20' },
      ],
    };
    const r = assess({ venue: 'gate', symbol: 'BTC_USDT', contract: 'linear', marginMode: 'isolated', side: 'long', entryPrice: '10000', markPrice: '10000', quantity: '10', quantityUnit: 'base', leverage: '12', takerFeeRate: '0' }, { tiers: table });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const lp = new D(r.assessment.liquidationPrice ?? '0');
    // In the upper tier: (EP − M/Q)/(1 − 0.05) = 9,166.67/0.95 ≈ 9,649 → notional 96,491 > 95,000: self-consistent there.
    expect(lp.mul(10).gt(95000)).toBe(true);
    expect(r.assessment.tier.index).toBe(1);
  });
});
