/**
 * The form pipeline of the background: takes a tab's snapshots in arrival order, computes only
 * the newest, stores the answer per tab in storage.session and keeps the toolbar badge in step.
 * The product logic is src/core/assessment; this module only sequences it and fetches market data.
 *
 * Coalescing: while a snapshot waits for market data, a newer one from the same tab may arrive.
 * The older one then stops before the engine runs and answers `stale`; only the newest is
 * computed. A computation that still finishes late is not stored (its arrival is no longer the
 * tab's), so an old answer never overwrites a newer one.
 *
 * Restarts: the snapshot being computed is kept in storage.session (`pending`). A worker that was
 * stopped mid-way computes it on start-up, and `tab/state` computes it before answering.
 *
 * Latency (one keystroke is one snapshot): nothing is written before the reply. The pending record
 * and the answer are both written from a task of their own after the current one (tab-store.ts
 * `after-task`); with the market data in memory the whole computation runs in the task that received
 * the snapshot, so the reply goes out first and one write carries the answer. A computation that
 * waits for the network outlasts that task: the pending record is written meanwhile, and a worker
 * stopped before its answer leaves it for the next worker, which computes that snapshot again (the
 * same answer, later). A worker stopped in the moment between a reply and its write leaves the tab's
 * previous record: an older answer, never a partial one. The tab store keeps the records in memory
 * too, so the popup asking meanwhile gets the newest answer.
 */
import { assessSnapshot, badgeFor, NO_FACTS, planSnapshot, type MarketFacts } from '../core/assessment/index';
import type { AssessOptions } from '../core/assessment/assess-snapshot';
import type { TypedFacts } from '../core/assessment/types';
import type { VenueId } from '../core/engine/types';
import type { Badge } from '../core/assessment/badge';
import type { FormSnapshot } from '../shared/form-snapshot';
import type { OverlayState, TabState, UnreadTab } from '../shared/overlay-state';
import type { Settings } from '../shared/settings';
import type { MarketData } from './market/market-data';
import type { PendingWork, TabStore } from './tab-store';
import { within } from './within';

export interface Budgets {
  /** Wait this long for the contract spec (tick) when the size does not need it; 0: no wait beyond the fetch deadline. */
  specMs: number;
  /** Wait this long for the venue's mark price when the page shows none. */
  markMs: number;
  /**
   * Wait this long for the volatility estimate (the touch probability only). Short on purpose: a
   * cached estimate answers within it; a first estimate needs two candle downloads, which go on
   * in the background and serve the next answer instead of holding up this one.
   */
  volatilityMs: number;
  /** After the venue gave no volatility estimate, do not ask again for this long (per venue and symbol). */
  volatilityRetryMs: number;
  /** tab/state waits this long for a pending snapshot's answer, then answers with the last stored one (the popup gives up after 3 s). */
  tabStateWaitMs: number;
}

export const DEFAULT_BUDGETS: Budgets = { specMs: 1500, markMs: 2000, volatilityMs: 25, volatilityRetryMs: 5 * 60 * 1000, tabStateWaitMs: 2000 };

export interface AssessorDeps {
  store: TabStore;
  market: Pick<MarketData, 'tierTable' | 'contractSpec' | 'markPrice' | 'volatility'>;
  /** The trader's settings as they are now (a change applies to the next assessment). */
  readSettings(): Promise<Settings>;
  setBadge(tabId: number, badge: Badge): Promise<void>;
  /**
   * What the trader typed for this venue and symbol (a maintenance rate, a contract size) in the popup.
   * Asked only when the venue's table or needed contract size is missing, so a normal keystroke costs no read.
   */
  typed?(venue: VenueId, symbol: string): Promise<TypedFacts | undefined>;
  /** The tab's account as its page shows it (positions list, panel), when one was read. */
  account?(tabId: number): Promise<AssessOptions['account'] | undefined>;
  now(): number;
  budgets?: Partial<Budgets>;
  /** Called with every defect caught (logging). */
  onError?(where: string, error: unknown): void;
}

export type Outcome = { kind: 'state'; state: OverlayState } | { kind: 'stale' };

export interface Assessor {
  /** A new snapshot from a tab's content script. */
  submit(tabId: number, seq: number, snapshot: FormSnapshot): Promise<Outcome>;
  /**
   * The form no longer describes a position: forget the figures and clear the badge. With `unread`,
   * the overlay shows no figure for a form it could not read: kept for the popup, and the badge says so.
   */
  clear(tabId: number, seq: number, unread?: UnreadTab): Promise<void>;
  /** The form the overlay could not read, when the tab has no assessment. */
  unread(tabId: number): Promise<UnreadTab | null>;
  /** The latest answer for a tab, computing a snapshot left pending by a stopped worker first (within tabStateWaitMs). */
  tabState(tabId: number): Promise<TabState | null>;
  /** The tab's URL changed: forget its figures unless `stillThere(snapshotUrl)` says the form's page is still shown. */
  navigated(tabId: number, stillThere: (snapshotUrl: string) => boolean): Promise<void>;
  removed(tabId: number): Promise<void>;
  /** Start-up: finish every snapshot a stopped worker left pending. */
  resumeAll(): Promise<void>;
}

export function createAssessor(deps: AssessorDeps): Assessor {
  const budgets = { ...DEFAULT_BUDGETS, ...deps.budgets };
  /** The newest arrival per tab this worker has seen (mirrors the stored record; refilled from it after a restart). */
  const latest = new Map<number, number>();
  const running = new Map<number, { arrival: number; done: Promise<Outcome> }>();
  const report = (where: string, e: unknown) => deps.onError?.(where, e);
  /** When the venue last had no volatility estimate, per venue/symbol: a throttle only (lost on restart, which merely allows one more try). */
  const noVolatilityAt = new Map<string, number>();

  function volatilitySoon(venue: Parameters<AssessorDeps['market']['volatility']>[0], symbol: string) {
    const key = `${venue}/${symbol}`;
    const failedAt = noVolatilityAt.get(key);
    if (failedAt !== undefined && deps.now() - failedAt < budgets.volatilityRetryMs) return Promise.resolve(null);
    const work = deps.market.volatility(venue, symbol).then(
      (v) => {
        if (v === null) noVolatilityAt.set(key, deps.now());
        else noVolatilityAt.delete(key);
        return v;
      },
      () => {
        noVolatilityAt.set(key, deps.now());
        return null;
      },
    );
    return within(work, budgets.volatilityMs, null);
  }

  async function gather(plan: Extract<ReturnType<typeof planSnapshot>, { ok: true }>): Promise<MarketFacts> {
    const { venue, symbol } = plan;
    const m = deps.market;
    const slowSpec = { spec: null, note: { source: 'none' as const, fetchedAt: null, message: `the venue’s contract specification did not arrive within ${budgets.specMs / 1000} s`, lastError: null } };
    const slowMark = { mark: null, note: { source: 'none' as const, fetchedAt: null, message: `the venue’s mark price did not arrive within ${budgets.markMs / 1000} s`, lastError: null } };
    const [tiers, spec, mark, volatility] = await Promise.all([
      m.tierTable(venue, symbol).catch(() => null),
      within(m.contractSpec(venue, symbol), plan.needsContractSize ? 0 : budgets.specMs, slowSpec),
      plan.needsMark ? within(m.markPrice(venue, symbol), budgets.markMs, slowMark) : Promise.resolve(null),
      volatilitySoon(venue, symbol),
    ]);
    const facts: MarketFacts = { tiers, spec, mark, volatility };
    if (deps.typed && (!tiers?.table || (plan.needsContractSize && !spec?.spec))) {
      const typed = await deps.typed(venue, symbol).catch(() => undefined);
      if (typed) facts.typed = typed;
    }
    return facts;
  }

  const isCurrent = (tabId: number, arrival: number) => latest.get(tabId) === arrival;

  /**
   * Stores an answer if its snapshot is still the tab's newest, and shows it on the badge. Resolves
   * once the answer is decided: its write is issued after the current task, in which the reply
   * goes out. A worker stopped before the write lands still has the pending snapshot in storage
   * and computes it again.
   */
  async function finish(tabId: number, arrival: number, seq: number, snapshot: FormSnapshot, state: OverlayState, replay: TabState['replay']): Promise<Outcome> {
    const { value, written } = await deps.store.change<Outcome>(tabId, (rec) => {
      if (rec.arrival !== arrival) return { record: 'unchanged', value: { kind: 'stale' } };
      const tab: TabState = { tabId, seq, snapshot, state, updatedAt: deps.now() };
      if (replay) tab.replay = replay;
      // Issued in this tab's queue order (so badges never go back in time), not awaited: the
      // answer does not wait for the toolbar.
      void deps.setBadge(tabId, badgeFor(state)).catch((e: unknown) => report('badge', e));
      return { record: { ...rec, pending: null, result: tab }, value: { kind: 'state', state } };
    }, 'after-task');
    void written.catch((e: unknown) => report('store-answer', e));
    return value;
  }

  function run(tabId: number, arrival: number, seq: number, snapshot: FormSnapshot): Promise<Outcome> {
    const done = (async (): Promise<Outcome> => {
      const settings = await deps.readSettings();
      const plan = planSnapshot(snapshot, settings);
      const [facts, account] = await Promise.all([plan.ok ? gather(plan) : NO_FACTS, plan.ok && deps.account ? deps.account(tabId).catch(() => undefined) : undefined]);
      // Coalescing checkpoint: a newer snapshot arrived while the data loaded; do not compute this one.
      if (!isCurrent(tabId, arrival)) return { kind: 'stale' };
      const result = assessSnapshot(snapshot, facts, settings, { now: new Date(deps.now()).toISOString(), ...(account ? { account } : {}) });
      return finish(tabId, arrival, seq, snapshot, result.state, { inputs: result.inputs, context: result.context });
    })().catch(async (e: unknown): Promise<Outcome> => {
      report('assess', e);
      // Stored like any answer, so a snapshot that fails is not retried at every start-up.
      const state: OverlayState = { kind: 'error', message: 'LiqGuard could not assess this order because of an internal error, so no figure is shown rather than a wrong one.' };
      return finish(tabId, arrival, seq, snapshot, state, undefined).catch(() => ({ kind: 'state', state }));
    });
    running.set(tabId, { arrival, done });
    void done.finally(() => {
      if (running.get(tabId)?.done === done) running.delete(tabId);
    });
    return done;
  }

  async function submit(tabId: number, seq: number, snapshot: FormSnapshot): Promise<Outcome> {
    // Recorded in memory now; written after this task, by which time the answer usually replaces it
    // (one write per keystroke, after the reply), or while the computation waits for market data.
    const { value: arrival, written } = await deps.store.change(
      tabId,
      (rec) => {
        const next = rec.arrival + 1;
        latest.set(tabId, next);
        // A complete form: what the overlay could not read before no longer applies.
        const { unread: _read, ...kept } = rec;
        return { record: { ...kept, arrival: next, seq, pending: { arrival: next, seq, snapshot, receivedAt: deps.now() } }, value: next };
      },
      'after-task',
    );
    void written.catch((e: unknown) => report('store-pending', e));
    return run(tabId, arrival, seq, snapshot);
  }

  async function forget(tabId: number, seq: number | null, keep: ((snapshotUrl: string) => boolean) | null, unread: UnreadTab | null = null): Promise<void> {
    await deps.store.update(tabId, async (rec) => {
      if (keep) {
        const url = rec.pending?.snapshot.url ?? rec.result?.snapshot.url ?? rec.unread?.snapshot?.url ?? rec.unread?.url;
        if (url === undefined || keep(url)) return { record: 'unchanged', value: undefined };
      }
      const next = rec.arrival + 1;
      latest.set(tabId, next);
      void deps.setBadge(tabId, badgeFor(unread?.state ?? null)).catch((e: unknown) => report('badge', e));
      const { unread: _old, ...kept } = rec;
      return { record: { ...kept, arrival: next, seq: seq ?? rec.seq, pending: null, result: null, ...(unread ? { unread } : {}) }, value: undefined };
    });
  }

  /** Computes a tab's pending snapshot unless this worker is already computing it. */
  async function resume(tabId: number): Promise<void> {
    type Job = { start: PendingWork } | { wait: Promise<Outcome> } | null;
    const job = await deps.store.update<Job>(tabId, (rec) => {
      const p = rec.pending;
      if (!p || p.arrival !== rec.arrival) return { record: 'unchanged', value: null };
      const now = running.get(tabId);
      // Wrapped, not returned bare: a returned promise would be awaited inside this tab's queue,
      // which the running computation needs to store its answer.
      if (now && now.arrival === rec.arrival) return { record: 'unchanged', value: { wait: now.done } };
      latest.set(tabId, rec.arrival);
      return { record: 'unchanged', value: { start: p } };
    });
    if (job === null) return;
    if ('start' in job) await run(tabId, job.start.arrival, job.start.seq, job.start.snapshot);
    else await job.wait;
  }

  return {
    submit,
    clear: (tabId, seq, unread) => forget(tabId, seq, null, unread ?? null),
    async unread(tabId) {
      const rec = await deps.store.read(tabId);
      return rec.result ? null : (rec.unread ?? null);
    },
    navigated: (tabId, stillThere) => forget(tabId, null, stillThere),
    async removed(tabId) {
      latest.delete(tabId);
      await deps.store.update(tabId, () => ({ record: null, value: undefined }));
    },
    async tabState(tabId) {
      await within(resume(tabId), budgets.tabStateWaitMs, undefined);
      return (await deps.store.read(tabId)).result;
    },
    async resumeAll() {
      const ids = await deps.store.tabIds();
      await Promise.all(ids.map((id) => resume(id).catch((e: unknown) => report('resume', e))));
    },
  };
}
