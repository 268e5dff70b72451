import { describe, expect, it, vi } from 'vitest';
import { binanceMarket, ok } from '../core/assessment/snapshot-fixtures';
import { defaultSettings } from '../shared/settings';
import type * as Assessment from '../core/assessment/index';
import type { SessionArea } from './browser-api';
import type { TabRecord } from './tab-store';

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
const { tabKey } = await import('./tab-store');

/**
 * storage.session as the worker sees it, with control over its writes: `held` writes reach the
 * data when set() is called (as the browser serialises them at the call) but report back only when
 * the test says; `dropped` writes never reach storage (the worker was stopped before they went out).
 */
function slowSession() {
  const inner = memorySession();
  const log: string[] = [];
  const control = { held: null as Promise<void> | null, dropped: false };
  const session: SessionArea = {
    get: (keys) => inner.get(keys),
    async set(items) {
      const rec = items[tabKey(7)] as TabRecord | undefined;
      log.push(`set ${rec?.pending ? `pending ${rec.pending.seq}` : `answer ${rec?.result?.seq ?? '-'}`}`);
      if (control.dropped) return new Promise<void>(() => undefined);
      await inner.set(items);
      if (control.held) await control.held;
    },
    remove: (keys) => inner.remove(keys),
  };
  return { session, inner, log, control };
}

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
    // Written after the reply's task.
    await vi.waitFor(async () => expect((await session.get('tab/7'))['tab/7']).toMatchObject({ pending: null, result: { state: { kind: 'error' } } }));
    expect(errors).toEqual(['assess']);
  });

  it('writes nothing before it answers: with the market data at hand, one write after the answering task carries the answer', async () => {
    const o = slowSession();
    const assessor = createAssessor({ store: createTabStore(o.session), market: fakeMarket(), readSettings: async () => defaultSettings(), setBadge: async () => undefined, now: () => 0 });
    const out = await assessor.submit(7, 1, binanceMarket());
    expect(out.kind).toBe('state');
    expect(o.log).toEqual([]);
    // The popup asking now gets this answer (from memory), not the stored one.
    expect((await assessor.tabState(7))?.seq).toBe(1);
    await vi.waitFor(() => expect(o.log).toEqual(['set answer 1']));
    expect(o.inner.data.get(tabKey(7))).toMatchObject({ pending: null, result: { seq: 1 } });
  });

  it('writes the pending snapshot while the computation waits for market data, without waiting for the write to land', async () => {
    const o = slowSession();
    const market = fakeMarket();
    const g = gate();
    market.hold = g.opened;
    const assessor = createAssessor({ store: createTabStore(o.session), market, readSettings: async () => defaultSettings(), setBadge: async () => undefined, now: () => 0 });
    o.control.held = new Promise(() => undefined); // no write ever reports back
    const out = assessor.submit(7, 1, binanceMarket());
    await vi.waitFor(() => expect(o.log).toEqual(['set pending 1']));
    expect(o.inner.data.get(tabKey(7))).toMatchObject({ pending: { seq: 1 }, result: null });
    g.open();
    expect((await out).kind).toBe('state');
  });

  it('a worker stopped while waiting for market data: the next worker computes the pending snapshot again', async () => {
    const o = slowSession();
    const market = fakeMarket();
    market.hold = new Promise(() => undefined); // the venue never answers this worker
    const first = createAssessor({ store: createTabStore(o.session), market, readSettings: async () => defaultSettings(), setBadge: async () => undefined, now: () => 0, budgets: { specMs: 20, markMs: 20, volatilityMs: 5 } });
    void first.submit(7, 4, binanceMarket());
    await vi.waitFor(() => expect(o.inner.data.get(tabKey(7))).toMatchObject({ pending: { seq: 4 }, result: null }));
    const answered = await createAssessor({ store: createTabStore(memorySession()), market: fakeMarket(), readSettings: async () => defaultSettings(), setBadge: async () => undefined, now: () => 0 }).submit(7, 4, binanceMarket());

    o.control.dropped = false;
    assessSpy.mockClear();
    const badges: string[] = [];
    const second = createAssessor({ store: createTabStore(o.session), market: fakeMarket(), readSettings: async () => defaultSettings(), setBadge: async (_t, b) => void badges.push(b.text), now: () => 0 });
    await second.resumeAll();
    expect(assessSpy).toHaveBeenCalledTimes(1);
    const tab = await second.tabState(7);
    expect(tab?.seq).toBe(4);
    expect(answered.kind === 'state' && tab?.state).toEqual(answered.kind === 'state' && answered.state);
    expect(badges).toHaveLength(1);
    await vi.waitFor(() => expect(o.inner.data.get(tabKey(7))).toMatchObject({ pending: null, result: { seq: 4 } }));
  });

  it('a failed write is reported, the snapshot is still answered, and the tab’s next write stores it whole', async () => {
    const session = memorySession();
    const set = session.set.bind(session);
    let fail = true;
    session.set = async (items) => {
      if (fail) {
        fail = false;
        throw new Error('QUOTA_BYTES quota exceeded');
      }
      return set(items);
    };
    const errors: string[] = [];
    const assessor = createAssessor({ store: createTabStore(session), market: fakeMarket(), readSettings: async () => defaultSettings(), setBadge: async () => undefined, now: () => 0, onError: (where) => errors.push(where) });
    const out = await assessor.submit(7, 1, binanceMarket());
    expect(out.kind).toBe('state');
    // One write carried the pending snapshot and its answer: its failure is reported for both.
    await vi.waitFor(() => expect(errors).toEqual(['store-pending', 'store-answer']));
    expect(session.data.has(tabKey(7))).toBe(false);
    expect((await assessor.submit(7, 2, binanceMarket())).kind).toBe('state');
    await vi.waitFor(() => expect(session.data.get(tabKey(7))).toMatchObject({ arrival: 2, seq: 2, pending: null, result: { seq: 2 } }));
  });

  it('within(): the fallback after the budget, the value before it, the fallback on failure', async () => {
    expect(await within(new Promise((r) => setTimeout(() => r('late'), 50)), 5, 'fallback')).toBe('fallback');
    expect(await within(Promise.resolve('now'), 50, 'fallback')).toBe('now');
    expect(await within(Promise.reject(new Error('x')), 50, 'fallback')).toBe('fallback');
    expect(await within(Promise.reject(new Error('x')), 0, 'fallback')).toBe('fallback');
  });
});
