import { describe, expect, it } from 'vitest';
import { D } from '../../decimal';
import { assess } from '../assess';
import { docLiquidationPrice } from './bitget';

describe('Bitget isolated (support article 12560603808759, 2025-09-18)', () => {
  it('matches LP = (M − Q·EP·s) / (Q·(MMR + f − s)) for both sides', () => {
    for (const side of ['long', 'short'] as const) {
      const r = assess({ venue: 'bitget', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'isolated', side, entryPrice: '65000', markPrice: '65000', quantity: '0.3', quantityUnit: 'base', leverage: '25', maintenanceMarginRate: '0.004', takerFeeRate: '0.0006' });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      const doc = docLiquidationPrice({ side: side === 'long' ? 1 : -1, M: new D('0.3').mul(65000).div(25), Q: new D('0.3'), EP: new D(65000), MMR: new D('0.004'), f: new D('0.0006') });
      expect(r.assessment.liquidationPrice).toBe(doc.toString());
      expect(r.assessment.assumptions.some((a) => a.code === 'bitget-2025-algorithm')).toBe(true);
    }
  });

  it('cross mode uses wallet + others’ uPnL − others’ requirement in place of the margin', () => {
    const r = assess({
      venue: 'bitget', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'cross', side: 'long', entryPrice: '65000', markPrice: '65000', quantity: '0.3', quantityUnit: 'base', leverage: '25', walletBalance: '2000', maintenanceMarginRate: '0.004', takerFeeRate: '0.0006',
      otherPositions: [{ symbol: 'ETHUSDT', side: 'short', quantity: '2', quantityUnit: 'base', entryPrice: '3000', markPrice: '3100', maintenanceMarginRate: '0.005' }],
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    // X = 2000 + (−200) − 2·3100·(0.005 + 0.0006)
    const X = new D(2000).minus(200).minus(new D(6200).mul('0.0056'));
    const doc = docLiquidationPrice({ side: 1, M: X, Q: new D('0.3'), EP: new D(65000), MMR: new D('0.004'), f: new D('0.0006') });
    expect(r.assessment.liquidationPrice).toBe(doc.toString());
  });
});
