import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RowRead } from '../../shared/account-snapshot';
import type * as SelfCheckModule from '../engine/self-check';
import type { AccountFacts } from './account';
import { binanceAccount, FAQ_BTC, FAQ_ETH, FAQ_FACTS, oneTier, row } from './account-fixtures';

// Every self-check the engine runs, counted: a check kept from an earlier read of the list runs none.
const runs = vi.hoisted(() => ({ selfCheck: 0 }));
vi.mock('../engine/self-check', async (original) => {
  const m = await original<typeof SelfCheckModule>();
  return { ...m, selfCheck: (...args: Parameters<typeof m.selfCheck>) => (runs.selfCheck++, m.selfCheck(...args)) };
});

const NOW = '2026-12-06T12:00:00Z';
const SOL = row({ symbol: 'SOLUSDT', side: 'short', size: { value: '4000', unit: 'base', label: 'SOL' }, entryPrice: '150', markPrice: '148.2', marginMode: 'isolated', margin: '60000', leverage: '10', liquidationPrice: '164.17' });
const FACTS: AccountFacts = { ...FAQ_FACTS, SOLUSDT: { table: oneTier('binance-usdm', 'SOLUSDT', '0.01', '0'), contractSize: null, tick: '0.01' } };
const moved = (r: RowRead, patch: Partial<Extract<RowRead, { ok: true }>['row']>): RowRead => (r.ok ? { ok: true, row: { ...r.row, ...patch } } : r);

/** The module afresh (nothing kept from earlier reads) and the one the test keeps reading with. */
async function modules() {
  vi.resetModules();
  const kept = await import('./account');
  vi.resetModules();
  const fresh = await import('./account');
  return { kept, fresh };
}

describe('checks of the positions list, read again and again', () => {
  beforeEach(() => {
    runs.selfCheck = 0;
  });

  it('computes again only the positions whose figures, or the account around them, changed', async () => {
    const { kept } = await modules();
    const plan = (rows: RowRead[], facts = FACTS) => kept.planAccount(binanceAccount(rows, {}), facts);
    const first = kept.checkPositions(plan([FAQ_BTC, FAQ_ETH, SOL]), NOW);
    expect(runs.selfCheck).toBe(3);
    // The same list read again (a row re-rendered, nothing changed): nothing computed.
    expect(kept.checkPositions(plan([FAQ_BTC, FAQ_ETH, SOL]), NOW)).toEqual(first);
    expect(runs.selfCheck).toBe(3);
    // The isolated position's mark ticked: its liquidation price cannot move, but its check is its own figures': computed again; the cross ones are not.
    kept.checkPositions(plan([FAQ_BTC, FAQ_ETH, moved(SOL, { markPrice: '148.3' })]), NOW);
    expect(runs.selfCheck).toBe(4);
    // A cross mark moved: every cross position's price depends on it (the other's PnL); the isolated one does not.
    kept.checkPositions(plan([moved(FAQ_BTC, { markPrice: '31970' }), FAQ_ETH, moved(SOL, { markPrice: '148.3' })]), NOW);
    expect(runs.selfCheck).toBe(6);
    // Another isolated margin changes the cross wallet: both cross positions again.
    kept.checkPositions(plan([moved(FAQ_BTC, { markPrice: '31970' }), FAQ_ETH, moved(SOL, { markPrice: '148.3', margin: '60001' })]), NOW);
    expect(runs.selfCheck).toBe(9);
    // A table fetched again is another table: its position is checked with it.
    const refetched: AccountFacts = { ...FACTS, ETHUSDT: { ...FACTS.ETHUSDT!, table: structuredClone(FACTS.ETHUSDT!.table) } };
    kept.checkPositions(plan([moved(FAQ_BTC, { markPrice: '31970' }), FAQ_ETH, moved(SOL, { markPrice: '148.3', margin: '60001' })], refetched), NOW);
    expect(runs.selfCheck).toBe(10);
  });

  it('gives exactly the checks a fresh computation gives, whatever changed between reads (table age included)', async () => {
    const { kept, fresh } = await modules();
    const reads: [RowRead[], string, AccountFacts][] = [
      [[FAQ_BTC, FAQ_ETH, SOL], NOW, FACTS],
      [[FAQ_BTC, FAQ_ETH, moved(SOL, { markPrice: '150.9' })], NOW, FACTS],
      [[FAQ_BTC, moved(FAQ_ETH, { liquidationPrice: '1160.00' }), SOL], NOW, FACTS],
      [[FAQ_BTC, moved(FAQ_ETH, { liquidationPrice: '1160.00' }), SOL], NOW, FACTS],
      [[moved(FAQ_BTC, { entryPrice: '32481.9' }), FAQ_ETH, SOL], NOW, FACTS],
      [[FAQ_BTC, FAQ_ETH, moved(SOL, { liquidationPrice: null })], NOW, FACTS],
      // The same figures a few seconds and then weeks later: the tables' age is part of a mismatch's likely cause.
      [[FAQ_BTC, moved(FAQ_ETH, { liquidationPrice: '1160.00' }), SOL], '2026-12-06T12:00:07Z', FACTS],
      [[FAQ_BTC, moved(FAQ_ETH, { liquidationPrice: '1160.00' }), SOL], '2027-03-06T12:00:00Z', FACTS],
      [[FAQ_BTC, moved(FAQ_ETH, { liquidationPrice: '1160.00' }), SOL], '2027-12-06T12:00:00Z', FACTS],
      [[FAQ_BTC, FAQ_ETH, SOL], NOW, { ...FACTS, BTCUSDT: { ...FACTS.BTCUSDT!, tick: '1' } }],
    ];
    const causes = new Set<string | undefined>();
    for (const [rows, now, facts] of reads) {
      const account = binanceAccount(rows);
      const got = kept.checkPositions(kept.planAccount(account, facts), now);
      expect(got).toEqual(fresh.checkPositions(fresh.planAccount(account, facts), now));
      for (const c of got) causes.add(c.likelyCause);
    }
    // The reads above do reach a mismatch whose cause names the table's age, so the age is tested, not assumed.
    expect([...causes].some((c) => c !== undefined && /days old/.test(c))).toBe(true);
  });

  it('hands out copies: a caller changing a check does not change the next read’s', async () => {
    const { kept } = await modules();
    const plan = kept.planAccount(binanceAccount([FAQ_BTC, FAQ_ETH]), FACTS);
    const first = kept.checkPositions(plan, NOW);
    const shown = structuredClone(first);
    (first[0] as { verdict: string | null }).verdict = 'changed';
    expect(kept.checkPositions(plan, NOW)).toEqual(shown);
  });
});
