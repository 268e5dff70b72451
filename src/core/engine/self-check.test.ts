import { describe, expect, it } from 'vitest';
import { D } from '../decimal';
import { assess } from './assess';
import { selfCheck, selfCheckPositions } from './self-check';
import type { AssessContext, PositionInput, TierTable } from './types';

/** Binance BTCUSDT's first four brackets (the cum recurrence holds), dated as the bundled table is. */
const table: TierTable = {
  venue: 'binance-usdm', symbol: 'BTCUSDT', basis: 'notional', source: 'bundled', capturedAt: '2024-10-24',
  tiers: [
    { floor: '0', cap: '50000', maintenanceMarginRate: '0.004', maintenanceAmount: '0', maxLeverage: '125' },
    { floor: '50000', cap: '250000', maintenanceMarginRate: '0.005', maintenanceAmount: '50', maxLeverage: '100' },
    { floor: '250000', cap: '1000000', maintenanceMarginRate: '0.01', maintenanceAmount: '1300', maxLeverage: '50' },
    { floor: '1000000', cap: null, maintenanceMarginRate: '0.025', maintenanceAmount: '16300', maxLeverage: '20' },
  ],
};
const ctx: AssessContext = { tiers: table, now: '2026-12-01T00:00:00Z' };
// 0.5 BTC long at 60,000, 20x isolated: 30,000 notional, tier 1; LiqGuard's price 57,228.91…, shown 57,229.0.
const position: PositionInput = {
  venue: 'binance-usdm', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'isolated', side: 'long', entryPrice: '60000', markPrice: '61000',
  quantity: '0.5', quantityUnit: 'base', leverage: '20', tickSize: '0.1',
};

function check(venueLp: string | number | unknown, input: PositionInput = position, c: AssessContext = ctx) {
  const r = selfCheck(input, venueLp, c);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.selfCheck;
}

describe('selfCheck: LiqGuard’s liquidation price against the venue’s own', () => {
  it('within the venue’s display rounding it is a match, with no cause', () => {
    const c = check('57228.9');
    expect(c).toMatchObject({ verdict: 'match', venue: '57228.9', ours: '57229.0', tolerance: '0.1', likelyCause: null });
    expect(new D(c.gapPercent ?? '1').abs().lt('0.001')).toBe(true);
  });

  it('the tolerance is the coarser of the tick and the last digit the venue shows', () => {
    expect(check('57229').tolerance).toBe('1');
    expect(check('57229.12', { ...position, tickSize: undefined }).tolerance).toBe('0.01');
  });

  it('a gap the caller’s page rounding explains is a match with no cause looked for; asked only beyond the tolerance', () => {
    const asked: string[] = [];
    const withinRounding = (yes: boolean) => (a: { liquidationPrice: string | null }, tolerance: string) => (asked.push(`${a.liquidationPrice?.slice(0, 8)} ${tolerance}`), yes);
    const run = (venue: string, yes: boolean) => {
      const r = selfCheck(position, venue, ctx, { withinRounding: withinRounding(yes) });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      return r.selfCheck;
    };
    expect(run('57229', true).verdict).toBe('match');
    expect(asked).toEqual([]);
    const explained = run('57100', true);
    expect(explained).toMatchObject({ verdict: 'match', likelyCause: null, implied: { maintenanceMarginRate: null, tier: null } });
    expect(explained.gapPercent).not.toBeNull();
    expect(asked).toEqual(['57228.91 1']);
    expect(run('57100', false)).toMatchObject({ verdict: 'mismatch', likelyCause: { code: expect.any(String) } });
    expect(run('57100', false)).toEqual(check('57100'));
  });

  it('names the tier of our table that reproduces the venue’s figure (a newer venue table)', () => {
    const tier2 = assess({ ...position, maintenanceMarginRate: '0.005', maintenanceAmount: '50' });
    const venue = tier2.ok ? (tier2.assessment.display.liquidationPrice ?? '') : '';
    const c = check(venue);
    expect(c.verdict).toBe('mismatch');
    expect(c.likelyCause?.code).toBe('tier-table');
    expect(c.implied.tier).toEqual({ index: 1, maintenanceMarginRate: '0.005', maintenanceAmount: '50' });
    expect(c.likelyCause?.message).toMatch(/with tier 2 \(maintenance 0\.5 %, deduction 50\) of LiqGuard's bundled table \(captured 2024-10-24\), not with tier 1 \(maintenance 0\.4 %\)/);
  });

  it('otherwise solves for the maintenance rate the venue must be using', () => {
    // A 0.6 % rate, which no tier of ours has at any size.
    const venueAssess = assess({ ...position, maintenanceMarginRate: '0.006' });
    const venue = venueAssess.ok ? (venueAssess.assessment.display.liquidationPrice ?? '') : '';
    const c = check(venue);
    expect(c.likelyCause?.code).toBe('maintenance-rate');
    expect(new D(c.implied.maintenanceMarginRate ?? '0').minus('0.006').abs().lt('0.00001')).toBe(true);
    expect(c.likelyCause?.message).toMatch(/implies a maintenance rate of 0\.6\d* % at this size, where LiqGuard used tier 1 \(maintenance 0\.4 %\)/);
    // The margin was LiqGuard's default from the leverage, so added margin is named as the other explanation.
    expect(c.likelyCause?.message).toMatch(/enter isolatedMargin/);
  });

  it('a gap no plausible rate explains but a larger margin does: added or auto-added margin', () => {
    const c = check('55000');
    expect(c.likelyCause?.code).toBe('isolated-margin');
    // At 55,000 the 0.4 % maintenance is 110: 2,500 of loss + 110 = 2,610 of margin.
    expect(c.implied.isolatedMargin).toBe('2610');
  });

  it('in cross margin a gap is put down to positions and collateral LiqGuard was not given', () => {
    const c = check('50400.0', { ...position, marginMode: 'cross', walletBalance: '5000' });
    expect(c.verdict).toBe('mismatch');
    expect(c.likelyCause?.code).toBe('cross-account-not-visible');
    expect(c.likelyCause?.message).toMatch(/counted the wallet given and no other positions/);
  });

  it('the venue showing a price where LiqGuard finds none is a mismatch that says so', () => {
    const c = check('30000', { ...position, leverage: '1' });
    expect(c).toMatchObject({ verdict: 'mismatch', ours: null, gapPercent: null });
    expect(c.likelyCause?.message).toMatch(/^LiqGuard finds no liquidation price/);
  });

  it('Binance’s own cross example matches its published 1,153.26 (FAQ b3c689c1…, via freqtrade c9ae5e1, 2024-10-24)', () => {
    const eth: PositionInput = {
      venue: 'binance-usdm', contract: 'linear', marginMode: 'cross', leverage: '20', walletBalance: '1535443.01', tickSize: '0.01',
      symbol: 'ETHUSDT', side: 'long', quantity: '3683.979', quantityUnit: 'base', entryPrice: '1456.84', markPrice: '1335.18', maintenanceMarginRate: '0.1', maintenanceAmount: '135365',
      otherPositions: [{ symbol: 'BTCUSDT', side: 'long', quantity: '109.488', quantityUnit: 'base', entryPrice: '32481.98', markPrice: '31967.27', maintenanceMarginRate: '0.025', maintenanceAmount: '16300' }],
    };
    expect(check('1153.26', eth, {})).toMatchObject({ verdict: 'match', likelyCause: null });
  });

  describe('an old or undated table is named as the likely cause', () => {
    const tier2Venue = () => {
      const r = assess({ ...position, maintenanceMarginRate: '0.005', maintenanceAmount: '50' });
      return r.ok ? (r.assessment.display.liquidationPrice ?? '') : '';
    };
    const rateVenue = () => {
      const r = assess({ ...position, maintenanceMarginRate: '0.006' });
      return r.ok ? (r.assessment.display.liquidationPrice ?? '') : '';
    };
    const fresh: AssessContext = { tiers: table, now: '2024-11-10T00:00:00Z' };

    it('past 30 days: the tier and the rate causes say how old the table is and that the venue has likely changed its brackets', () => {
      const tier = check(tier2Venue());
      expect(tier.likelyCause?.code).toBe('tier-table');
      expect(tier.likelyCause?.message).toContain("LiqGuard's bundled table is 768 days old (captured 2024-10-24), so the venue has likely changed its brackets since");
      expect(tier.tableAge).toMatchObject({ level: 'warning', ageDays: '768' });
      const rate = check(rateVenue());
      expect(rate.likelyCause?.code).toBe('maintenance-rate');
      expect(rate.likelyCause?.message).toContain("LiqGuard's bundled table is 768 days old (captured 2024-10-24), so the venue has likely changed its brackets since.");
      // 38 days is already past 30: named the same way.
      expect(check(rateVenue(), position, { tiers: table, now: '2024-12-01T00:00:00Z' }).likelyCause?.message).toContain('is 38 days old (captured 2024-10-24)');
    });

    it('a table 17 days old is not blamed for its age', () => {
      const tier = check(tier2Venue(), position, fresh);
      expect(tier.likelyCause?.message).toMatch(/the venue's tier table is likely newer than ours/);
      expect(tier.likelyCause?.message).not.toMatch(/days old|no readable capture date/);
      expect(tier.tableAge).toMatchObject({ level: 'fresh', ageDays: '17' });
    });

    it('a table without a readable date says so, with or without the time of the check', () => {
      const undated: TierTable = { ...table, capturedAt: 'unknown' };
      for (const c of [{ tiers: undated, now: '2024-11-10T00:00:00Z' }, { tiers: undated }]) {
        const r = check(rateVenue(), position, c);
        expect(r.likelyCause?.message).toContain("LiqGuard's bundled table has no readable capture date, so the venue has likely changed its brackets since.");
        expect(r.tableAge?.level).toBe('unknown');
      }
      // A dated table checked without a time: its age cannot be told, so nothing is said about it.
      expect(check(rateVenue(), position, { tiers: table }).tableAge).toBeNull();
    });

    it('in cross margin an old table is named beside the account LiqGuard could not see, when a plausible rate closes the gap', () => {
      const cross: PositionInput = { ...position, marginMode: 'cross', walletBalance: '1500' };
      const venue = assess({ ...cross, maintenanceMarginRate: '0.006' });
      const lp = venue.ok ? (venue.assessment.display.liquidationPrice ?? '') : '';
      const old = check(lp, cross);
      expect(old.likelyCause?.code).toBe('cross-account-not-visible');
      expect(old.likelyCause?.message).toMatch(/Or the brackets: LiqGuard's bundled table is 768 days old \(captured 2024-10-24\), and the venue's figure implies a maintenance rate of 0\.6\d* % at this size where LiqGuard used 0\.4 %\./);
      expect(check(lp, cross, fresh).likelyCause?.message).not.toMatch(/Or the brackets/);
    });

    it('a rate the trader typed has no table age', () => {
      expect(check('57000', { ...position, maintenanceMarginRate: '0.004' }, { now: '2026-12-01T00:00:00Z' }).tableAge).toBeNull();
    });
  });

  it('a bad venue figure is a field error quoting only a short prefix', () => {
    const r = selfCheck(position, '9'.repeat(10_000), ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0]).toMatchObject({ field: 'venueLiquidationPrice', code: 'not-a-number' });
      expect(JSON.stringify(r.errors).length).toBeLessThan(400);
    }
    for (const bad of ['0', '-5', '1,000', null, {}, 'abc']) expect(selfCheck(position, bad, ctx).ok).toBe(false);
  });

  it('takes the position as open: distance from the mark, never "liquidated on fill"', () => {
    const r = selfCheck(position, '57229', ctx);
    expect(r.ok && r.assessment.positionStatus).toBe('open');
    expect(r.ok && r.assessment.distance?.from).toBe('mark');
  });

  it('checks a list of positions, one answer each, in order', () => {
    const results = selfCheckPositions(
      [
        { input: position, venueLiquidationPrice: '57228.9' },
        { input: { ...position, side: 'short' }, venueLiquidationPrice: '1' },
        { input: { ...position, quantity: 'x' }, venueLiquidationPrice: '57228.9' },
      ],
      ctx,
    );
    expect(results.map((r) => (r.ok ? r.selfCheck.verdict : 'error'))).toEqual(['match', 'mismatch', 'error']);
  });
});
