import { describe, expect, it } from 'vitest';
import { D } from '../../decimal';
import { assess } from '../assess';
import { docLinearLiquidationPrice } from './gate';

describe('MEXC (no published formula: Gate/OKX form assumed, low confidence)', () => {
  it('uses the group-A form with the fee in the trigger and flags low confidence', () => {
    const r = assess({ venue: 'mexc', symbol: 'BTC_USDT', contract: 'linear', marginMode: 'isolated', side: 'long', entryPrice: '60000', markPrice: '60000', quantity: '0.5', quantityUnit: 'base', leverage: '50', maintenanceMarginRate: '0.004', takerFeeRate: '0.0002' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const doc = docLinearLiquidationPrice({ side: 1, EP: new D(60000), M: new D(600), multiplier: new D(1), size: new D('0.5'), MMR: new D('0.004'), f: new D('0.0002') });
    expect(r.assessment.liquidationPrice).toBe(doc.toString());
    expect(r.assessment.formula.confidence).toBe('low');
    expect(r.assessment.assumptions.some((a) => a.code === 'low-confidence-formula')).toBe(true);
  });

  it('requires the maintenance rate (no MEXC tables are bundled)', () => {
    const r = assess({ venue: 'mexc', symbol: 'BTC_USDT', contract: 'linear', marginMode: 'isolated', side: 'long', entryPrice: '60000', markPrice: '60000', quantity: '0.5', quantityUnit: 'base', leverage: '50' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.code).toBe('missing-tier-data');
  });
});
