import { describe, expect, it } from 'vitest';
import { D } from '../../decimal';
import { assess } from '../assess';
import type { Assessment, PositionInput } from '../types';
import { docInverseCrossLong, docInverseLiquidationPrice, docLinearLiquidationPrice } from './bybit';

function ok(input: PositionInput): Assessment {
  const r = assess(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.assessment;
}
const near = (v: string | null, expected: string, tol: string): boolean => new D(v ?? 'NaN').minus(expected).abs().lte(tol);

describe('Bybit inverse isolated (UTA isolated doc, 2024-09-10)', () => {
  it('60,000 USD long @ 50,000, 10×, MMR 0.5 % → 45,662.10', () => {
    const a = ok({ venue: 'bybit', contract: 'inverse', symbol: 'BTCUSD', marginMode: 'isolated', side: 'long', entryPrice: '50000', markPrice: '50000', quantity: '60000', quantityUnit: 'contracts', leverage: '10', maintenanceMarginRate: '0.005' });
    expect(near(a.liquidationPrice, '45662.10', '0.01')).toBe(true);
    expect(a.liquidationPrice).toBe(docInverseLiquidationPrice({ side: 1, EP: new D(50000), Q: new D(60000), lev: new D(10), MMR: new D('0.005'), deduction: new D(0), extraMargin: new D(0) }).toString());
  });
});

describe('Bybit inverse cross (legacy help article 360039261334)', () => {
  const input: PositionInput = { venue: 'bybit', contract: 'inverse', symbol: 'BTCUSD', marginMode: 'cross', side: 'long', entryPrice: '8000', markPrice: '8000', quantity: '10000', quantityUnit: 'contracts', leverage: '10', walletBalance: '0.5', maintenanceMarginRate: '0.005', takerFeeRate: '0.00075', tickSize: '0.5' };

  it('bankruptcy price 5,718.57 with the fee to close', () => {
    expect(near(ok(input).bankruptcyPrice, '5718.57', '0.01')).toBe(true);
  });

  it('liquidation price 5,739.08 exactly; the doc shows 5,739.50 after rounding up to the 0.5 tick', () => {
    const a = ok(input);
    expect(near(a.liquidationPrice, '5739.08', '0.01')).toBe(true);
    expect(a.display.liquidationPrice).toBe('5739.5');
    const doc = docInverseCrossLong({ balance: new D('0.5'), Q: new D(10000), EP: new D(8000), MMR: new D('0.005'), f: new D('0.00075') });
    expect(new D(a.liquidationPrice ?? '0').minus(doc.LP).abs().lt('1e-25')).toBe(true);
  });
});

describe('Bybit linear (UTA isolated doc 2024-09-10; bankruptcy price help text)', () => {
  it('bankruptcy price: 1 BTC long @ 10,000 at 50× → 9,800', () => {
    const a = ok({ venue: 'bybit', contract: 'linear', symbol: 'BTCUSDT', marginMode: 'isolated', side: 'long', entryPrice: '10000', markPrice: '10000', quantity: '1', quantityUnit: 'base', leverage: '50', maintenanceMarginRate: '0.005' });
    expect(a.bankruptcyPrice).toBe('9800');
  });

  it('keeps maintenance margin at entry value (group B), as Bybit defines it', () => {
    const input: PositionInput = { venue: 'bybit', contract: 'linear', symbol: 'BTCUSDT', marginMode: 'isolated', side: 'short', entryPrice: '60000', markPrice: '60000', quantity: '2', quantityUnit: 'base', leverage: '25', maintenanceMarginRate: '0.005', maintenanceAmount: '0' };
    const a = ok(input);
    const doc = docLinearLiquidationPrice({ side: -1, EP: new D(60000), Q: new D(2), lev: new D(25), MMR: new D('0.005'), deduction: new D(0), extraMargin: new D(0) });
    expect(a.liquidationPrice).toBe(doc.toString());
    // EP·(1 + 1/lev − MMR) = 62,100; the group-A form would give (EP + M/Q)/(1 + MMR) ≈ 62,089.55.
    expect(a.liquidationPrice).toBe('62100');
    expect(a.assumptions.some((x) => x.code === 'mm-at-entry-value')).toBe(true);
  });

  it('charges the closing fee at the bankruptcy price in the loss', () => {
    const a = ok({ venue: 'bybit', contract: 'linear', symbol: 'BTCUSDT', marginMode: 'isolated', side: 'long', entryPrice: '10000', markPrice: '10000', quantity: '1', quantityUnit: 'base', leverage: '50', maintenanceMarginRate: '0.005', takerFeeRate: '0.00055' });
    // Fees: open 10,000 × 0.055 % = 5.5; close at BP 9,800 × 0.055 % = 5.39.
    expect(a.feesAtLiquidation).toBe('10.89');
  });

  it('linear cross applies the isolated formula to the cross equity and says so', () => {
    const a = ok({ venue: 'bybit', contract: 'linear', symbol: 'BTCUSDT', marginMode: 'cross', side: 'long', entryPrice: '10000', markPrice: '10000', quantity: '1', quantityUnit: 'base', leverage: '10', walletBalance: '2000', maintenanceMarginRate: '0.005' });
    // EP − (WB − MM)/Q = 10,000 − (2,000 − 50) = 8,050.
    expect(a.liquidationPrice).toBe('8050');
    expect(a.assumptions.some((x) => x.code === 'bybit-cross-per-position')).toBe(true);
  });
});
