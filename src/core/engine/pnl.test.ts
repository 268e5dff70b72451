import { describe, expect, it } from 'vitest';
import { D } from '../decimal';
import { lossCurve, pnlAt } from './pnl';
import type { PositionInput } from './types';

const cross: PositionInput = {
  venue: 'binance-usdm', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'cross', side: 'long', entryPrice: '60000', markPrice: '60000',
  quantity: '1', quantityUnit: 'base', leverage: '20', walletBalance: '8000', maintenanceMarginRate: '0.004', takerFeeRate: '0.0005',
  otherPositions: Array.from({ length: 10 }, (_, i) => ({
    symbol: `ALT${i}USDT`, side: i % 2 ? 'long' : 'short', quantity: '100', quantityUnit: 'base', entryPrice: '10', markPrice: i % 2 ? '10.5' : '9.5', maintenanceMarginRate: '0.01',
  })),
};

describe('pnlAt', () => {
  it('linear long: PnL and ROE on initial margin', () => {
    const r = pnlAt(cross, {}, '63000');
    expect(r.ok && r.value).toMatchObject({ pnl: '3000', roePercent: '100', currency: 'USDT' });
  });
  it('inverse short pays out in coin', () => {
    const r = pnlAt({ venue: 'generic', contract: 'inverse', marginMode: 'isolated', side: 'short', entryPrice: '50000', markPrice: '50000', quantity: '10000', quantityUnit: 'quote', leverage: '10', maintenanceMarginRate: '0.005' }, {}, '40000');
    // 10,000·(1/40,000 − 1/50,000) = 0.05 coin
    expect(r.ok && r.value.pnl).toBe('0.05');
  });
  it('a bad price is a field error', () => {
    const r = pnlAt(cross, {}, '-1');
    expect(!r.ok && r.errors[0]?.field).toBe('priceFor');
  });
});

describe('lossCurve (10-position cross account)', () => {
  it('gives the requested points, flagged liquidated exactly beyond the liquidation price', () => {
    const r = lossCurve(cross, {}, { from: '40000', to: '70000', points: 256 });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.points).toHaveLength(256);
    const lp = new D(r.value.liquidationPrice ?? '0');
    for (const p of r.value.points) {
      expect(p.liquidated).toBe(new D(p.price).lte(lp));
      expect(new D(p.loss).eq(new D(p.pnl).neg().plus(new D(p.price).mul('0.0005')))).toBe(true);
    }
    expect(r.value.points[255]?.price).toBe('70000');
  });
  it('refuses nonsense ranges', () => {
    const r = lossCurve(cross, {}, { from: 'a', to: '0', points: 1 });
    expect(!r.ok && r.errors.map((e) => e.field)).toEqual(['from', 'to', 'points']);
  });
});
