import { describe, expect, it } from 'vitest';
import { D } from '../../decimal';
import { assess } from '../assess';
import { validateTierTable } from '../tiers';
import { krakenInverseTiers } from './kraken-futures';

/**
 * Kraken's own worked example, "Equity Protection Process", EXAMPLE: LIQUIDATION,
 * https://support.kraken.com/hc/en-us/articles/360022835671-Equity-Protection-Process (copy last updated
 * 2026-03-17; the same example is in the older single-collateral copies): a long of 1,000 contracts (1 USD each)
 * at an average entry of 8,000, position value 0.125 BTC, margin 0.01 BTC, maintenance level 1 %: "the price at
 * which you will be liquidated is 7481"; the liquidation order is placed at 7,407, where the account value is just
 * above zero (the bankruptcy price).
 */
describe('Kraken Futures: its own worked example (Equity Protection Process, updated 2026-03-17)', () => {
  const example = { venue: 'kraken-futures', symbol: 'PI_XBTUSD', contract: 'inverse', side: 'long', entryPrice: '8000', markPrice: '8000', quantity: '1000', quantityUnit: 'contracts', takerFeeRate: '0' } as const;

  it('liquidates at 7,481 and goes bankrupt at 7,407, with 0.01 BTC of isolated margin or of cross wallet', () => {
    for (const margin of [{ marginMode: 'isolated', isolatedMargin: '0.01' }, { marginMode: 'cross', walletBalance: '0.01' }] as const) {
      const r = assess({ ...example, ...margin });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      const lp = new D(r.assessment.liquidationPrice ?? '0');
      // 0.135 BTC of margin plus position value at entry = 1,010 / P: P = 7,481.48…, shown by Kraken as 7481.
      expect(lp.floor().toString()).toBe('7481');
      expect(lp.minus(new D(1010).div('0.135')).abs().lt('0.01')).toBe(true);
      expect(new D(r.assessment.bankruptcyPrice ?? '0').floor().toString()).toBe('7407');
      // Kraken keeps nothing beyond a fill better than bankruptcy: the loss is the one at the liquidation price.
      expect(r.assessment.lossIfLiquidated.basis).toBe('at-liquidation-price');
    }
  });

  it('valuing the maintenance margin at entry (as the schedule page words it) would miss the example', () => {
    // 0.135 − 1,000/P = 0.00125 → P = 7,476.64: more than a tick away from Kraken's 7,481.
    const atEntry = new D(1000).div(new D('0.135').minus('0.00125'));
    expect(atEntry.toDecimalPlaces(2).toString()).toBe('7476.64');
    const r = assess({ ...example, marginMode: 'isolated', isolatedMargin: '0.01' });
    expect(r.ok && new D(r.assessment.liquidationPrice ?? '0').minus(atEntry).gt(4)).toBe(true);
  });
});

describe('Kraken Futures inverse margin schedule (support article 15579128794772)', () => {
  it('BTC levels: 1 % to 500k contracts, 2 % to 1M, … 20 % above 50M, contiguous', () => {
    const tiers = krakenInverseTiers('BTC') ?? [];
    expect(tiers.map((t) => t.maintenanceMarginRate)).toEqual(['0.01', '0.02', '0.03', '0.05', '0.075', '0.125', '0.15', '0.2']);
    expect(validateTierTable({ venue: 'kraken-futures', symbol: 'PI_XBTUSD', basis: 'contracts', source: 'venue-default', capturedAt: '2026-11-22', tiers })).toEqual([]);
  });

  it('numeric solve lands on the closed form of its own margin rule (MM on the value at the price), within one tick', () => {
    const r = assess({ venue: 'kraken-futures', symbol: 'PI_XBTUSD', contract: 'inverse', marginMode: 'isolated', side: 'long', entryPrice: '60000', markPrice: '60000', quantity: '100000', quantityUnit: 'contracts', leverage: '10', tickSize: '0.5' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    // M + F/EP − F/P = 1 % · F/P  →  P = 1.01 · F / (M + F/EP)
    const F = new D(100000);
    const closed = F.mul('1.01').div(F.div(60000).div(10).plus(F.div(60000)));
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
