import { describe, expect, it } from 'vitest';
import { D } from '../decimal';
import { tierTableProblems } from './tier-checks';
import { allVenueDefaults, venueDefault } from './venue-defaults';

describe('venue defaults', () => {
  it('every documented default passes the engine and range checks and names a dated source', () => {
    const all = allVenueDefaults();
    expect(all.length).toBeGreaterThanOrEqual(5);
    for (const d of all) {
      expect(tierTableProblems(d.table), `${d.table.venue} ${d.table.symbol}`).toEqual([]);
      expect(d.table.source).toBe('venue-default');
      expect(d.table.url).toMatch(/^https:\/\//);
      expect(d.table.capturedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(d.notes.length).toBeGreaterThan(0);
    }
  });
  it("Deribit: the 25 BTC step carries the page's example rate (1 % + 25 × 0.005 % = 1.125 %)", () => {
    const t = venueDefault('deribit', 'BTC_USDC-PERPETUAL')!.table;
    expect(t.tiers[0]).toMatchObject({ floor: '0', cap: '25', maintenanceMarginRate: '0.01125' });
    // Each step uses its upper end, so the rate never understates the formula inside the step.
    for (const tier of t.tiers) {
      const top = tier.cap === null ? new D(500) : new D(tier.cap);
      expect(new D(tier.maintenanceMarginRate).eq(new D('0.01').plus(top.mul('0.00005')))).toBe(true);
    }
  });
  it('BitMEX XBTUSD: 0.5 % up to 200 XBT, +0.5 % per 150 XBT step', () => {
    const t = venueDefault('bitmex', 'XBTUSD')!.table;
    expect(t.tiers.slice(0, 3).map((x) => [x.cap, x.maintenanceMarginRate])).toEqual([
      ['200', '0.005'],
      ['350', '0.01'],
      ['500', '0.015'],
    ]);
  });
  it('has nothing for MEXC or unknown symbols rather than a guess', () => {
    expect(venueDefault('mexc', 'BTC_USDT')).toBeNull();
    expect(venueDefault('kraken-futures', 'PF_XBTUSD')).toBeNull();
  });
});
