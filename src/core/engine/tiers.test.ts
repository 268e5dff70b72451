import { describe, expect, it } from 'vitest';
import { binanceBrackets2024, binanceTable2024 } from '../../../test/helpers/binance-brackets';
import { D } from '../decimal';
import { lookupTierIndex, parseTierTable, tiersFromBrackets, validateTierTable } from './tiers';
import type { TierTable } from './types';

const table = (tiers: TierTable['tiers']): TierTable => ({ venue: 'generic', symbol: 'X', basis: 'notional', source: 'override', capturedAt: '2026-01-01', tiers });

describe('validateTierTable', () => {
  it('accepts every one of the 349 bundled Binance USDⓈ-M tables, cum recurrence included', () => {
    const symbols = [...binanceBrackets2024().keys()];
    expect(symbols.length).toBe(349);
    for (const s of symbols) expect(validateTierTable(binanceTable2024(s), { cumulativeAmounts: true })).toEqual([]);
  });

  it('finds gaps, falling rates, broken cum, open caps in the middle and non-numbers', () => {
    const problems = validateTierTable(
      table([
        { floor: '0', cap: '100', maintenanceMarginRate: '0.01', maintenanceAmount: '0', maxLeverage: '50' },
        { floor: '150', cap: null, maintenanceMarginRate: '0.005', maintenanceAmount: '7', maxLeverage: '75' },
        { floor: '300', cap: 'x', maintenanceMarginRate: '0.02', maintenanceAmount: '0', maxLeverage: '10' },
      ]),
      { cumulativeAmounts: true },
    ).map((p) => p.code);
    expect(problems).toEqual(expect.arrayContaining(['gap', 'rate-falls', 'leverage-rises', 'cum-mismatch', 'open-cap-not-last', 'not-a-number']));
  });

  it('an unusable table is refused by the engine with a field error', () => {
    const parsed = parseTierTable(table([]));
    expect(Array.isArray(parsed) && parsed[0]?.code).toBe('empty');
  });
});

describe('lookup and boundaries', () => {
  const parsed = parseTierTable(
    table([
      { floor: '0', cap: '50000', maintenanceMarginRate: '0.004', maintenanceAmount: '0', maxLeverage: '125' },
      { floor: '50000', cap: null, maintenanceMarginRate: '0.005', maintenanceAmount: '50', maxLeverage: '100' },
    ]),
  );
  if (Array.isArray(parsed)) throw new Error('rejected');

  it('an exact cap belongs to the lower tier (Binance "0–50,000 at 125×")', () => {
    expect(lookupTierIndex(parsed.tiers, new D(50000))).toBe(0);
    expect(lookupTierIndex(parsed.tiers, new D('50000.000001'))).toBe(1);
    expect(lookupTierIndex(parsed.tiers, new D(0))).toBe(0);
  });

  it('floor-inclusive tables put the boundary in the upper tier', () => {
    expect(lookupTierIndex(parsed.tiers, new D(50000), false)).toBe(1);
  });

  it('tiersFromBrackets rebuilds cum with the recurrence and keeps MM continuous', () => {
    const tiers = tiersFromBrackets([['0', '0.004'], ['50000', '0.005'], ['250000', '0.01']], ['125', '100', '50']);
    expect(tiers.map((t) => t.maintenanceAmount)).toEqual(['0', '50', '1300']);
    const p = parseTierTable(table(tiers));
    expect(Array.isArray(p) ? false : p.continuous).toBe(true);
  });
});

describe('parsing a table once', () => {
  it('parses a new copy of a table already parsed only once, and a changed copy afresh', () => {
    const original = binanceTable2024('BTCUSDT');
    const first = parseTierTable(original);
    // Market data hands every keystroke its own copy of the same table.
    expect(parseTierTable(structuredClone(original))).toBe(first);
    const changed = { ...structuredClone(original), capturedAt: '2026-11-30' };
    const other = parseTierTable(changed);
    expect(other).not.toBe(first);
    expect(Array.isArray(other) ? other : other.capturedAt).toBe('2026-11-30');
    // A broken copy is refused however often it comes, and never taken for the good one.
    const broken = { ...structuredClone(original), tiers: [] };
    expect(Array.isArray(parseTierTable(broken))).toBe(true);
    expect(Array.isArray(parseTierTable(structuredClone(broken)))).toBe(true);
  });
});
