/**
 * Per-tab state in storage.session, so a worker that Chrome stopped and restarted answers the
 * next message as if it had never stopped. One record per tab under `tab/<id>`:
 *
 *   arrival   a counter raised by every form message from the tab, in the order the messages
 *             arrived. Messages from one content script arrive in the order they were sent, so
 *             the last to arrive is the newest. (Content-script `seq` numbers restart at 1 when
 *             the page reloads, and an old page can come back from the back/forward cache, so
 *             `seq` alone cannot order them; it is echoed in replies for the content script.)
 *   pending   the snapshot being computed, until its answer is stored: a restarted worker
 *             finds it and computes it (on start-up, or when the popup asks).
 *   result    the latest answer (TabState) for the popup's "This tab" and the badge.
 *
 * An answer is stored only if its arrival is still the record's arrival: an older computation
 * that finishes late never overwrites a newer answer, and a cleared form stays cleared.
 * Operations on one tab run one at a time (an in-memory queue); the record itself is the state.
 */
import type { FormSnapshot } from '../shared/form-snapshot';
import type { TabState } from '../shared/overlay-state';
import type { SessionArea } from './browser-api';

export const TAB_KEY_PREFIX = 'tab/';
export const tabKey = (tabId: number): string => `${TAB_KEY_PREFIX}${tabId}`;

export interface PendingWork {
  arrival: number;
  seq: number;
  snapshot: FormSnapshot;
  receivedAt: number;
}

export interface TabRecord {
  v: 1;
  tabId: number;
  arrival: number;
  seq: number;
  pending: PendingWork | null;
  result: TabState | null;
}

const emptyRecord = (tabId: number): TabRecord => ({ v: 1, tabId, arrival: 0, seq: 0, pending: null, result: null });

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Storage is read back defensively: anything malformed is treated as no record. */
export function readRecord(tabId: number, raw: unknown): TabRecord {
  if (!isRecord(raw) || raw.v !== 1 || raw.tabId !== tabId) return emptyRecord(tabId);
  const num = (x: unknown) => (typeof x === 'number' && Number.isSafeInteger(x) && x >= 0 ? x : 0);
  const p = raw.pending;
  const pending = isRecord(p) && typeof p.arrival === 'number' && typeof p.seq === 'number' && isRecord(p.snapshot) ? (p as unknown as PendingWork) : null;
  const result = isRecord(raw.result) && raw.result.tabId === tabId ? (raw.result as unknown as TabState) : null;
  return { v: 1, tabId, arrival: num(raw.arrival), seq: num(raw.seq), pending, result };
}

export interface TabStore {
  /** Runs `fn` with the tab's record, alone among this tab's operations; writes the record it returns (null: delete). */
  update<T>(tabId: number, fn: (rec: TabRecord) => { record: TabRecord | null | 'unchanged'; value: T } | Promise<{ record: TabRecord | null | 'unchanged'; value: T }>): Promise<T>;
  read(tabId: number): Promise<TabRecord>;
  /** Tabs with a record, from storage (for start-up). */
  tabIds(): Promise<number[]>;
}

export function createTabStore(session: SessionArea): TabStore {
  const queues = new Map<number, Promise<unknown>>();

  async function read(tabId: number): Promise<TabRecord> {
    const key = tabKey(tabId);
    return readRecord(tabId, (await session.get(key))[key]);
  }

  function update<T>(tabId: number, fn: (rec: TabRecord) => { record: TabRecord | null | 'unchanged'; value: T } | Promise<{ record: TabRecord | null | 'unchanged'; value: T }>): Promise<T> {
    const previous = queues.get(tabId) ?? Promise.resolve();
    const run = previous.then(async () => {
      const rec = await read(tabId);
      const { record, value } = await fn(rec);
      if (record === null) await session.remove(tabKey(tabId));
      else if (record !== 'unchanged') await session.set({ [tabKey(tabId)]: record });
      return value;
    });
    const settled = run.catch(() => undefined);
    queues.set(tabId, settled);
    void settled.then(() => {
      if (queues.get(tabId) === settled) queues.delete(tabId);
    });
    return run;
  }

  async function tabIds(): Promise<number[]> {
    const all = await session.get(null);
    return Object.keys(all)
      .filter((k) => k.startsWith(TAB_KEY_PREFIX))
      .map((k) => Number.parseInt(k.slice(TAB_KEY_PREFIX.length), 10))
      .filter((n) => Number.isSafeInteger(n) && n >= 0);
  }

  return { update, read, tabIds };
}
