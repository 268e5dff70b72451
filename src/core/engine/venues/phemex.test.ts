import { describe, expect, it } from 'vitest';
import { D } from '../../decimal';
import { assess } from '../assess';
import { docLinearLiquidationPrice } from './phemex';

describe('Phemex USDT-M (help-center/liq-price-for-USDTM)', () => {
  it('500 @ 0.4, 5×, MMR 1 %, f 0.06 % → LP 0.3232…', () => {
    const r = assess({ venue: 'phemex', symbol: 'XRPUSDT', contract: 'linear', marginMode: 'isolated', side: 'long', entryPrice: '0.4', markPrice: '0.4', quantity: '500', quantityUnit: 'base', leverage: '5', maintenanceMarginRate: '0.01', takerFeeRate: '0.0006' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.assessment.liquidationPrice?.startsWith('0.3232')).toBe(true);
    const doc = docLinearLiquidationPrice({ side: 1, size: new D(500), EP: new D('0.4'), lev: new D(5), MMR: new D('0.01'), f: new D('0.0006'), mmAmount: new D(0) });
    expect(new D(r.assessment.liquidationPrice ?? '0').minus(doc).abs().lt('1e-35')).toBe(true);
    // The position margin includes the fee to close at the bankruptcy price: 40 + 500 × 0.32 × 0.06 %.
    expect(r.assessment.marginAtRisk.amount).toBe('40.096');
  });

  it('short side of the same example mirrors it', () => {
    const r = assess({ venue: 'phemex', symbol: 'XRPUSDT', contract: 'linear', marginMode: 'isolated', side: 'short', entryPrice: '0.4', markPrice: '0.4', quantity: '500', quantityUnit: 'base', leverage: '5', maintenanceMarginRate: '0.01', takerFeeRate: '0.0006' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const doc = docLinearLiquidationPrice({ side: -1, size: new D(500), EP: new D('0.4'), lev: new D(5), MMR: new D('0.01'), f: new D('0.0006'), mmAmount: new D(0) });
    expect(new D(r.assessment.liquidationPrice ?? '0').minus(doc).abs().lt('1e-35')).toBe(true);
  });
});

describe('Phemex inverse (help-center/liquidation-price)', () => {
  it('long: LP = contracts·size / (OV − OV·MMR + OV/lev); short mirrored', () => {
    for (const side of ['long', 'short'] as const) {
      const r = assess({ venue: 'phemex', symbol: 'BTCUSD', contract: 'inverse', marginMode: 'isolated', side, entryPrice: '40000', markPrice: '40000', quantity: '20000', quantityUnit: 'contracts', leverage: '20', maintenanceMarginRate: '0.005', takerFeeRate: '0.00075' });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      const ov = new D(20000).div(40000);
      const value = side === 'long' ? ov.minus(ov.mul('0.005')).plus(ov.div(20)) : ov.plus(ov.mul('0.005')).minus(ov.div(20));
      expect(new D(r.assessment.liquidationPrice ?? '0').minus(new D(20000).div(value)).abs().lt('1e-30')).toBe(true);
    }
  });
});
