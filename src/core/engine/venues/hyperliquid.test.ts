import { describe, expect, it } from 'vitest';
import { D } from '../../decimal';
import { assess } from '../assess';
import { parseTierTable, validateTierTable } from '../tiers';
import { docLiquidationPrice, hyperliquidTiers, mainnetSteps, maintenanceRateFromMaxLeverage } from './hyperliquid';

describe('Hyperliquid (gitbook trading/liquidations and trading/margin-tiers)', () => {
  it('MMR = 1/(2·maxLev): 1 % at 50×, 16.7 % at 3×, 2.5 % at 20×', () => {
    expect(maintenanceRateFromMaxLeverage(new D(50)).toString()).toBe('0.01');
    expect(maintenanceRateFromMaxLeverage(new D(3)).toDecimalPlaces(3).toString()).toBe('0.167');
    expect(maintenanceRateFromMaxLeverage(new D(20)).toString()).toBe('0.025');
  });

  it('the engine equals the documented LP = EP − s·margin_available/Q/(1 − l·s)', () => {
    for (const side of ['long', 'short'] as const) {
      const r = assess({ venue: 'hyperliquid', symbol: 'ETH', marginMode: 'isolated', side, entryPrice: '3000', markPrice: '3000', quantity: '2', quantityUnit: 'base', leverage: '10', maxLeverage: '25' });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      const doc = docLiquidationPrice({ side: side === 'long' ? 1 : -1, EP: new D(3000), Q: new D(2), margin: new D(600), maxLeverage: new D(25) });
      expect(new D(r.assessment.liquidationPrice ?? '0').minus(doc).abs().lt('1e-30')).toBe(true);
    }
  });

  it('the built-in mainnet margin table for BTC (40× to 150M, then 20×) is continuous and cum-consistent', () => {
    const tiers = hyperliquidTiers(mainnetSteps('BTC') ?? []);
    const table = { venue: 'hyperliquid' as const, symbol: 'BTC', basis: 'notional' as const, source: 'venue-default' as const, capturedAt: '2026-11-22', tiers };
    expect(validateTierTable(table, { cumulativeAmounts: true })).toEqual([]);
    const parsed = parseTierTable(table);
    expect(Array.isArray(parsed) ? false : parsed.continuous).toBe(true);
    expect(tiers[1]).toMatchObject({ maintenanceMarginRate: '0.025', maxLeverage: '20' });
    // deduction = 150M × (2.5 % − 1.25 %)
    expect(tiers[1]?.maintenanceAmount).toBe('1875000');
  });

  it('an asset without a built-in table needs its max leverage or a rate', () => {
    const r = assess({ venue: 'hyperliquid', symbol: 'NEWCOIN', marginMode: 'isolated', side: 'long', entryPrice: '1', markPrice: '1', quantity: '100', quantityUnit: 'base', leverage: '3' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ field: 'maintenanceMarginRate', code: 'missing-tier-data' });
  });
});
