import { describe, expect, it } from 'vitest';
import { D } from '../../decimal';
import { assess } from '../assess';
import type { Assessment, PositionInput, TierTable } from '../types';
import { docInverseLiquidationPrice, docLinearLiquidationPrice } from './okx';

function ok(input: PositionInput, ctx = {}): Assessment {
  const r = assess(input, ctx);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.assessment;
}

describe('OKX swap formulas (help-center 6997123251341; fee next to the maintenance rate)', () => {
  it('linear isolated matches (EP − s·M/(N·ctVal)) / (1 − s·(MMR + f))', () => {
    for (const side of ['long', 'short'] as const) {
      const a = ok({ venue: 'okx', symbol: 'BTC-USDT-SWAP', contract: 'linear', contractSize: '0.01', marginMode: 'isolated', side, entryPrice: '60000', markPrice: '60000', quantity: '100', quantityUnit: 'contracts', leverage: '20', maintenanceMarginRate: '0.004', takerFeeRate: '0.0005' });
      const doc = docLinearLiquidationPrice({ side: side === 'long' ? 1 : -1, EP: new D(60000), M: new D(3000), N: new D(100), ctVal: new D('0.01'), MMR: new D('0.004'), f: new D('0.0005') });
      expect(a.liquidationPrice).toBe(doc.toString());
    }
  });

  it('inverse isolated matches (1 ± (MMR + f)) / (1/EP ± M/(ctVal·N))', () => {
    for (const side of ['long', 'short'] as const) {
      const a = ok({ venue: 'okx', symbol: 'BTC-USD-SWAP', contract: 'inverse', marginMode: 'isolated', side, entryPrice: '60000', markPrice: '60000', quantity: '50', quantityUnit: 'contracts', leverage: '10', maintenanceMarginRate: '0.005', takerFeeRate: '0.0005' });
      // 50 × 100 USD = 5,000 USD = 0.083… BTC; M = 0.0083… BTC.
      const M = new D(5000).div(60000).div(10);
      const doc = docInverseLiquidationPrice({ side: side === 'long' ? 1 : -1, EP: new D(60000), M, N: new D(50), ctVal: new D(100), MMR: new D('0.005'), f: new D('0.0005') });
      expect(new D(a.liquidationPrice ?? '0').minus(doc).abs().lt('1e-25')).toBe(true);
    }
  });

  it('chooses the tier by number of contracts, not by notional', () => {
    const table: TierTable = {
      venue: 'okx', symbol: 'BTC-USDT-SWAP', basis: 'contracts', source: 'live', capturedAt: '2026-11-20',
      tiers: [
        { floor: '0', cap: '500', maintenanceMarginRate: '0.004', maintenanceAmount: '0', maxLeverage: '100' },
        { floor: '500', cap: null, maintenanceMarginRate: '0.006', maintenanceAmount: '0', maxLeverage: '50' },
      ],
    };
    const base: PositionInput = { venue: 'okx', symbol: 'BTC-USDT-SWAP', contract: 'linear', contractSize: '0.01', marginMode: 'isolated', side: 'long', entryPrice: '60000', markPrice: '60000', quantityUnit: 'contracts', leverage: '20' };
    // 400 contracts = 4 BTC = 240,000 USDT notional: a notional lookup would leave tier 1 far behind; contracts say tier 1.
    expect(ok({ ...base, quantity: '400' }, { tiers: table }).tier).toMatchObject({ index: 0, measuredAt: 'contracts', basisValue: '400' });
    expect(ok({ ...base, quantity: '600' }, { tiers: table }).tier).toMatchObject({ index: 1, maintenanceMarginRate: '0.006' });
  });

  it('needs the contract size when tiers are counted in contracts', () => {
    const table: TierTable = { venue: 'okx', symbol: 'ETH-USDT-SWAP', basis: 'contracts', source: 'live', capturedAt: '2026-11-20', tiers: [{ floor: '0', cap: null, maintenanceMarginRate: '0.005', maintenanceAmount: '0', maxLeverage: '50' }] };
    const r = assess({ venue: 'okx', symbol: 'ETH-USDT-SWAP', contract: 'linear', marginMode: 'isolated', side: 'long', entryPrice: '3000', markPrice: '3000', quantity: '1', quantityUnit: 'base', leverage: '10' }, { tiers: table });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ field: 'contractSize', code: 'required' });
  });
});
