import { describe, expect, it, vi } from 'vitest';
import { binanceMarket, ok } from '../core/assessment/snapshot-fixtures';
import { defaultSettings } from '../shared/settings';
import type * as Assessment from '../core/assessment/index';

const { assessSpy } = vi.hoisted(() => ({ assessSpy: vi.fn() }));
vi.mock('../core/assessment/index', async (importOriginal) => {
  const actual = await importOriginal<typeof Assessment>();
  assessSpy.mockImplementation(actual.assessSnapshot);
  return { ...actual, assessSnapshot: assessSpy };
});

const { createAssessor } = await import('./assessor');
const { within } = await import('./within');
const { createTabStore } = await import('./tab-store');
const { fakeMarket, gate, memorySession } = await import('./test-fakes');

function setup() {
  const session = memorySession();
  const market = fakeMarket();
  const badges: string[] = [];
  const assessor = createAssessor({
    store: createTabStore(session),
    market,
    readSettings: async () => defaultSettings(),
    setBadge: async (_tab, b) => {
      badges.push(b.text);
    },
    now: () => 0,
    budgets: { specMs: 20, markMs: 20, volatilityMs: 5 },
  });
  return { assessor, market, session, badges };
}

describe('assessor', () => {
  it('runs the engine only for the newest of snapshots that queued up', async () => {
    assessSpy.mockClear();
    const t = setup();
    const g = gate();
    t.market.hold = g.opened;
    const runs = [1, 2, 3, 4, 5].map((seq) => t.assessor.submit(7, seq, binanceMarket({ leverage: ok(String(seq + 5)) })));
    await vi.waitFor(() => expect(t.market.calls.tiers).toBe(5));
    g.open();
    const outcomes = await Promise.all(runs);
    expect(outcomes.map((o) => o.kind)).toEqual(['stale', 'stale', 'stale', 'stale', 'state']);
    expect(assessSpy).toHaveBeenCalledTimes(1);
    expect(assessSpy.mock.calls[0]?.[0].leverage).toEqual(ok('10'));
    expect(t.badges).toHaveLength(1);
  });

  it('keeps the badge in the order of the answers', async () => {
    const t = setup();
    await t.assessor.submit(7, 1, binanceMarket());
    await t.assessor.clear(7, 2);
    await t.assessor.submit(7, 3, binanceMarket());
    expect(t.badges.map((b) => (b === '' ? 'clear' : 'set'))).toEqual(['set', 'clear', 'set']);
  });

  it('stores a failure as an error answer, so the snapshot is not retried at every start-up', async () => {
    const session = memorySession();
    const errors: string[] = [];
    const assessor = createAssessor({
      store: createTabStore(session),
      market: fakeMarket(),
      readSettings: async () => {
        throw new Error('storage.sync unavailable');
      },
      setBadge: async () => undefined,
      now: () => 0,
      onError: (where) => errors.push(where),
    });
    const out = await assessor.submit(7, 1, binanceMarket());
    expect(out).toMatchObject({ kind: 'state', state: { kind: 'error' } });
    expect((await session.get('tab/7'))['tab/7']).toMatchObject({ pending: null, result: { state: { kind: 'error' } } });
    expect(errors).toEqual(['assess']);
  });

  it('within(): the fallback after the budget, the value before it, the fallback on failure', async () => {
    expect(await within(new Promise((r) => setTimeout(() => r('late'), 50)), 5, 'fallback')).toBe('fallback');
    expect(await within(Promise.resolve('now'), 50, 'fallback')).toBe('now');
    expect(await within(Promise.reject(new Error('x')), 50, 'fallback')).toBe('fallback');
    expect(await within(Promise.reject(new Error('x')), 0, 'fallback')).toBe('fallback');
  });
});
