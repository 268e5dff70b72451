import { describe, expect, it } from 'vitest';
import { D } from '../../decimal';
import { assess } from '../assess';
import { validateTierTable } from '../tiers';
import { krakenInverseTiers } from './kraken-futures';

describe('Kraken Futures inverse margin schedule (support article 15579128794772)', () => {
  it('BTC levels: 1 % to 500k contracts, 2 % to 1M, … 20 % above 50M, contiguous', () => {
    const tiers = krakenInverseTiers('BTC') ?? [];
    expect(tiers.map((t) => t.maintenanceMarginRate)).toEqual(['0.01', '0.02', '0.03', '0.05', '0.075', '0.125', '0.15', '0.2']);
    expect(validateTierTable({ venue: 'kraken-futures', symbol: 'PI_XBTUSD', basis: 'contracts', source: 'venue-default', capturedAt: '2026-11-22', tiers })).toEqual([]);
  });

  it('numeric solve lands on the closed form of its own margin rule (MM at entry value), within one tick', () => {
    const r = assess({ venue: 'kraken-futures', symbol: 'PI_XBTUSD', contract: 'inverse', marginMode: 'isolated', side: 'long', entryPrice: '60000', markPrice: '60000', quantity: '100000', quantityUnit: 'contracts', leverage: '10', tickSize: '0.5' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    // M + F/EP − F/P = F/EP·1 %  →  P = F / (M + F/EP·0.99)
    const F = new D(100000);
    const closed = F.div(F.div(60000).div(10).plus(F.div(60000).mul('0.99')));
    const lp = new D(r.assessment.liquidationPrice ?? '0');
    expect(lp.minus(closed).abs().lt('0.5')).toBe(true);
    expect(lp.gte(closed)).toBe(true); // the conservative side (towards the mark)
    expect(r.assessment.method).toBe('numeric');
  });

  it('linear multi-collateral needs a maintenance rate (the class rates were not readable)', () => {
    const r = assess({ venue: 'kraken-futures', symbol: 'PF_XBTUSD', contract: 'linear', marginMode: 'cross', side: 'long', entryPrice: '60000', markPrice: '60000', quantity: '1', quantityUnit: 'base', leverage: '10', walletBalance: '10000' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ field: 'maintenanceMarginRate', code: 'missing-tier-data' });
  });
});
