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
 *   unread    instead of a result: the overlay shows no figure for a form it could not read
 *             (why, and what it did read), so the popup and the badge say the same.
 *
 * An answer is stored only if its arrival is still the record's arrival: an older computation
 * that finishes late never overwrites a newer answer, and a cleared form stays cleared.
 * Operations on one tab run one at a time (an in-memory queue); the record itself is the state.
 *
 * Write-through copy: every record this worker has read or written is also kept in memory, so an
 * operation on a tab costs no storage read once the tab is known, and the tab's next operation
 * need not wait for a write to land (it sees the record in memory). Storage stays the source of
 * truth across restarts: the copy lives in this store, which a restarted worker creates empty and
 * refills from storage one tab at a time; nothing else writes `tab/` keys.
 *
 * Every write is of the tab's whole record as memory has it when the write is issued, and writes
 * to one storage area are applied in the order they are issued (Chrome and Firefox run a context's
 * extension-API calls in order), so storage always ends with the latest record. A change may be
 * written at once or after the current task (`'after-task'`): the task that answers a message
 * then sends its reply before paying for the write, and a write issued meanwhile for the same tab
 * already carries the change. An `'after-task'` write of a tab whose last written answer is older than
 * `spacingMs` (300 ms), or that has none (the first answer after a pause, a cleared form or a pending
 * snapshot), is issued right after its task. While the trader types (a snapshot, and an answer, every few
 * tens of milliseconds) the changes wait instead for a pause: written once no change came for `spacingMs`,
 * and at the latest `maxWaitMs` (1 s) after the first change that waited, so a burst of typing costs a
 * write at its start, one a second at most while it lasts, and one at its end. Each write serialises the
 * whole record (about 17 KB with an account) in the worker and again in the browser's main thread, which
 * also carries the page's input events and the replies: at typing speed that cost more worker time than
 * the assessments themselves. Nothing reads storage while this worker lives (the popup asks the worker,
 * which answers from memory); storage still ends with the latest record, at most `maxWaitMs` after it was
 * decided; a worker stopped within that time leaves the record before it (an older answer,
 * never a partial one), as it always could in the moment before a write. A write that fails is reported to its caller; memory keeps the
 * record (this worker's later decisions stay consistent with its earlier ones) and the tab's next
 * write brings storage level again. Records are shared with the callers and never changed in
 * place: every change is a new record.
 */
import type { FormSnapshot } from '../shared/form-snapshot';
import type { TabState, UnreadTab } from '../shared/overlay-state';
import type { SessionArea } from './browser-api';
import { pauseScheduler, type PauseScheduler } from './pause';

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
  /** The form the overlay could not read, when there is no result (see the header). */
  unread?: UnreadTab | null;
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
  const u = raw.unread;
  const unread = isRecord(u) && u.tabId === tabId && isRecord(u.state) && typeof u.url === 'string' ? (u as unknown as UnreadTab) : null;
  return { v: 1, tabId, arrival: num(raw.arrival), seq: num(raw.seq), pending, result, ...(unread ? { unread } : {}) };
}

type Change<T> = { record: TabRecord | null | 'unchanged'; value: T };
type ChangeFn<T> = (rec: TabRecord) => Change<T> | Promise<Change<T>>;

/** When a change is written: `now` before `change` resolves; `after-task` from a task of its own, once the current one (which sends the reply) is over, and while answers come within `spacingMs` of each other, once they pause (see the header). */
export type WriteTiming = 'now' | 'after-task';

export interface TabStore {
  /** Runs `fn` with the tab's record, alone among this tab's operations; writes the record it returns (null: delete) and resolves once storage has it. */
  update<T>(tabId: number, fn: ChangeFn<T>): Promise<T>;
  /**
   * The same, but resolves as soon as the record is decided (and, with `now`, its write issued);
   * `written` settles once storage has the change (rejecting if the write failed). For the answer
   * path: a worker stopped before the write lands still has the previous record in storage, with
   * its pending snapshot, which the next worker computes again.
   */
  change<T>(tabId: number, fn: ChangeFn<T>, timing: WriteTiming): Promise<{ value: T; written: Promise<void> }>;
  /** The tab's record, after the operations already queued for the tab. */
  read(tabId: number): Promise<TabRecord>;
  /** Tabs with a record, from storage (for start-up). */
  tabIds(): Promise<number[]>;
}

export interface TabStoreOptions {
  /** The pause after which a tab's waiting `after-task` changes are written (see the header). */
  spacingMs?: number;
  /** The longest a change waits for that pause. */
  maxWaitMs?: number;
}

/** A tab's (and the counters') changes while the trader types are written once no change came for this long. */
export const WRITE_SPACING_MS = 300;
/** ... or at the latest this long after the first change that waited. */
export const WRITE_MAX_WAIT_MS = 1000;

export function createTabStore(session: SessionArea, options: TabStoreOptions = {}): TabStore {
  const spacingMs = options.spacingMs ?? WRITE_SPACING_MS;
  const maxWaitMs = Math.max(spacingMs, options.maxWaitMs ?? WRITE_MAX_WAIT_MS);
  const queues = new Map<number, Promise<unknown>>();
  /** The write-through copy (see the header): filled from storage on a tab's first operation in this worker. */
  const records = new Map<number, TabRecord>();
  /** Tabs whose record in memory is newer than their last write issued. */
  const unwritten = new Set<number>();
  /** Each tab's last write issued, until it settles. */
  const lastWrite = new Map<number, Promise<void>>();
  /**
   * Each tab's `after-task` writes, spaced from its last write of an answer (a result, nothing pending): while
   * answers keep coming they wait for a pause (see the header, pause.ts).
   */
  const spacers = new Map<number, PauseScheduler>();
  const spacer = (tabId: number): PauseScheduler => {
    let s = spacers.get(tabId);
    if (!s) spacers.set(tabId, (s = pauseScheduler({ spacingMs, maxWaitMs })));
    return s;
  };
  /** Each tab's `after-task` write that is due, until it is issued: later changes join it (and, while it waits for a pause, move it later). */
  const due = new Map<number, Promise<void>>();

  async function load(tabId: number): Promise<TabRecord> {
    const known = records.get(tabId);
    if (known) return known;
    const key = tabKey(tabId);
    const rec = readRecord(tabId, (await session.get(key))[key]);
    records.set(tabId, rec);
    return rec;
  }

  /** Writes the tab's record as memory has it now (none: removes the key). */
  function write(tabId: number): Promise<void> {
    unwritten.delete(tabId);
    const rec = records.get(tabId);
    // A write that leaves no answer written (a cleared form's, a pending snapshot's): a change waiting meanwhile need not wait for a pause.
    spacer(tabId).ran(!!rec?.result && !rec.pending);
    const w = rec ? session.set({ [tabKey(tabId)]: rec }) : session.remove(tabKey(tabId));
    lastWrite.set(tabId, w);
    const forget = () => {
      if (lastWrite.get(tabId) === w) lastWrite.delete(tabId);
    };
    w.then(forget, forget);
    return w;
  }

  function writeAfterTask(tabId: number): Promise<void> {
    unwritten.add(tabId);
    const pending = due.get(tabId);
    const s = spacer(tabId);
    if (pending) {
      s.request(() => undefined);
      return pending;
    }
    const next = new Promise<void>((resolve, reject) => {
      s.request(() => {
        due.delete(tabId);
        // Already carried by a write issued since (a `now` write of this tab): that write, or one
        // issued after it, is the one to wait for.
        const written = unwritten.has(tabId) ? write(tabId) : (lastWrite.get(tabId) ?? Promise.resolve());
        written.then(resolve, reject);
      });
    });
    due.set(tabId, next);
    return next;
  }

  function change<T>(tabId: number, fn: ChangeFn<T>, timing: WriteTiming): Promise<{ value: T; written: Promise<void> }> {
    const previous = queues.get(tabId) ?? Promise.resolve();
    const run = previous.then(async () => {
      const { record, value } = await fn(await load(tabId));
      if (record === 'unchanged') return { value, written: Promise.resolve() };
      if (record === null) records.delete(tabId);
      else records.set(tabId, record);
      const written = timing === 'now' ? write(tabId) : writeAfterTask(tabId);
      // A failure is the caller's to report (through `written`); the queue goes on.
      written.catch(() => undefined);
      return { value, written };
    });
    const settled = run.catch(() => undefined);
    queues.set(tabId, settled);
    void settled.then(() => {
      if (queues.get(tabId) === settled) queues.delete(tabId);
    });
    return run;
  }

  async function update<T>(tabId: number, fn: ChangeFn<T>): Promise<T> {
    const { value, written } = await change(tabId, fn, 'now');
    await written;
    return value;
  }

  const read = (tabId: number): Promise<TabRecord> => change(tabId, (rec) => ({ record: 'unchanged', value: rec }), 'now').then((r) => r.value);

  async function tabIds(): Promise<number[]> {
    const all = await session.get(null);
    return Object.keys(all)
      .filter((k) => k.startsWith(TAB_KEY_PREFIX))
      .map((k) => Number.parseInt(k.slice(TAB_KEY_PREFIX.length), 10))
      .filter((n) => Number.isSafeInteger(n) && n >= 0);
  }

  return { update, change, read, tabIds };
}
