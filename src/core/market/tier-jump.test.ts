import { describe, expect, it } from 'vitest';
import type { Tier, TierTable } from '../engine/types';
import { tierJump } from './tier-jump';

// Binance's BTCUSDT brackets as its public bracket page served them on 2026-08-02 (fixtures/real), first three.
const tiers = (scale: number): Tier[] => [
  { floor: '0', cap: '300000', maintenanceMarginRate: String(0.004 * scale), maintenanceAmount: '0', maxLeverage: '150' },
  { floor: '300000', cap: '800000', maintenanceMarginRate: String(0.005 * scale), maintenanceAmount: String(300 * scale), maxLeverage: '100' },
  { floor: '800000', cap: null, maintenanceMarginRate: String(0.0065 * scale), maintenanceAmount: String(1500 * scale), maxLeverage: '75' },
];
const table = (scale: number): TierTable => ({ venue: 'binance-usdm', symbol: 'BTCUSDT', basis: 'notional', tiers: tiers(scale), source: 'live', capturedAt: '2026-08-02T00:00:00.000Z' });
const ref = { table: table(1), what: 'the last good live copy' };

describe('a self-consistent table far from the one we trust is held back', () => {
  it('the attack as found: every rate 10× too low, deductions recomputed', () => {
    const why = tierJump(table(0.1), ref);
    expect(why).toMatch(/^Held back a new table: its first-tier maintenance rate 0\.04 % is 10× below 0\.4 % in the last good live copy/);
  });

  it('a halving (or more) is held back; a change within the venues\' steps is not', () => {
    expect(tierJump(table(0.49), ref)).toMatch(/below/);
    expect(tierJump(table(0.5), ref)).toBeNull();
    expect(tierJump(table(1.25), ref)).toBeNull();
    // ETHUSDT's first tier rose from 0.4 % (October 2024) to 0.75 % (August 2026).
    expect(tierJump(table(1.875), ref)).toBeNull();
  });

  it('upward the bound is looser: ×4 passes, ×10 is held back', () => {
    expect(tierJump(table(4), ref)).toBeNull();
    expect(tierJump(table(10), ref)).toMatch(/10× above 0\.4 %/);
  });

  it('without a reference nothing can be compared, and the table is not held back', () => {
    expect(tierJump(table(0.1), null)).toBeNull();
  });
});
