import { describe, expect, it, vi } from 'vitest';
import { binanceMarket } from '../core/assessment/snapshot-fixtures';
import type { SessionArea } from './browser-api';
import { createTabStore, tabKey, type TabRecord } from './tab-store';
import { gate, memorySession } from './test-fakes';

/** A session area that counts its calls and can hold or fail its writes (the data changes when set() is called, as in the browser). */
function observedSession() {
  const inner = memorySession();
  const calls = { get: 0, set: 0, remove: 0 };
  const sets: unknown[] = [];
  const control = { hold: null as Promise<void> | null, fail: false };
  const session: SessionArea = {
    async get(keys) {
      calls.get++;
      return inner.get(keys);
    },
    async set(items) {
      calls.set++;
      sets.push(structuredClone(items));
      if (control.fail) throw new Error('QUOTA_BYTES quota exceeded');
      await inner.set(items);
      if (control.hold) await control.hold;
    },
    async remove(keys) {
      calls.remove++;
      await inner.remove(keys);
    },
  };
  return { session, inner, calls, sets, control };
}

const stored = (s: ReturnType<typeof memorySession>, tabId = 7) => s.data.get(tabKey(tabId)) as TabRecord | undefined;
const bump = (rec: TabRecord): TabRecord => ({ ...rec, arrival: rec.arrival + 1, seq: rec.seq + 1 });
const nextTask = () => new Promise<void>((r) => setTimeout(r, 0));

describe('tab store: write-through copy', () => {
  it('reads a tab from storage once, then answers from memory and writes every change through', async () => {
    const o = observedSession();
    const store = createTabStore(o.session);
    for (let i = 0; i < 5; i++) await store.update(7, (rec) => ({ record: bump(rec), value: undefined }));
    expect(o.calls.get).toBe(1);
    expect(o.calls.set).toBe(5);
    expect(stored(o.inner)?.arrival).toBe(5);
    expect((await store.read(7)).arrival).toBe(5);
    expect(o.calls.get).toBe(1);
  });

  it('a restarted worker’s store starts empty and refills from storage, never from the old copy', async () => {
    const o = observedSession();
    const before = createTabStore(o.session);
    await before.update(7, (rec) => ({ record: { ...bump(rec), arrival: 3 }, value: undefined }));
    // What storage holds is all a restarted worker has: here it differs from the old worker's memory.
    await o.inner.set({ [tabKey(7)]: { ...stored(o.inner), arrival: 10 } });
    const after = createTabStore(o.session);
    const gets = o.calls.get;
    expect((await after.read(7)).arrival).toBe(10);
    expect(o.calls.get).toBe(gets + 1);
    await after.update(7, (rec) => ({ record: bump(rec), value: undefined }));
    expect(stored(o.inner)?.arrival).toBe(11);
    expect(o.calls.get).toBe(gets + 1);
  });

  it('runs one tab’s operations one at a time, each seeing the one before', async () => {
    const o = observedSession();
    const store = createTabStore(o.session);
    const seen: number[] = [];
    await Promise.all(
      [1, 2, 3].map(() =>
        store.update(7, async (rec) => {
          seen.push(rec.arrival);
          await nextTask();
          return { record: bump(rec), value: undefined };
        }),
      ),
    );
    expect(seen).toEqual([0, 1, 2]);
  });

  it('a removed tab is gone from storage and from memory', async () => {
    const o = observedSession();
    const store = createTabStore(o.session);
    await store.update(7, (rec) => ({ record: bump(rec), value: undefined }));
    await store.update(7, () => ({ record: null, value: undefined }));
    expect(o.inner.data.has(tabKey(7))).toBe(false);
    expect((await store.read(7)).arrival).toBe(0);
  });
});

describe('tab store: when writes are issued and awaited', () => {
  it('`now`: the write is issued before change() resolves, which does not wait for it to land', async () => {
    const o = observedSession();
    const store = createTabStore(o.session);
    await store.read(7);
    const g = gate();
    o.control.hold = g.opened;
    const { written } = await store.change(7, (rec) => ({ record: bump(rec), value: undefined }), 'now');
    expect(o.calls.set).toBe(1);
    expect(stored(o.inner)?.arrival).toBe(1);
    let landed = false;
    void written.then(() => (landed = true));
    await nextTask();
    expect(landed).toBe(false);
    // The tab's next operation does not wait for the write either: it sees the record in memory.
    expect((await store.read(7)).arrival).toBe(1);
    g.open();
    await written;
  });

  it('`after-task`: nothing is written until the current task is over, then the record as memory has it', async () => {
    const o = observedSession();
    const store = createTabStore(o.session);
    await store.read(7);
    const { written } = await store.change(7, (rec) => ({ record: bump(rec), value: 'answer' }), 'after-task');
    expect(o.calls.set).toBe(0);
    expect(stored(o.inner)).toBeUndefined();
    expect((await store.read(7)).arrival).toBe(1);
    await written;
    expect(stored(o.inner)?.arrival).toBe(1);
    expect(o.calls.set).toBe(1);
  });

  it('`after-task` while typing: changes within the spacing of the last written answer share one write, and storage ends with the latest record', async () => {
    const o = observedSession();
    const store = createTabStore(o.session, { spacingMs: 60 });
    const snapshot = binanceMarket();
    // A keystroke as the assessor records it: the snapshot pending, then (here in the same task) its answer.
    const pending = (rec: TabRecord): TabRecord => ({ ...bump(rec), pending: { arrival: rec.arrival + 1, seq: rec.seq + 1, snapshot, receivedAt: 0 } });
    const answered = (rec: TabRecord): TabRecord => ({ ...rec, pending: null, result: { tabId: 7, seq: rec.seq, snapshot, state: { kind: 'idle', message: `answer ${rec.seq}` }, updatedAt: 0 } });
    const keystroke = async () => [(await store.change(7, (rec) => ({ record: pending(rec), value: undefined }), 'after-task')).written, (await store.change(7, (rec) => ({ record: answered(rec), value: undefined }), 'after-task')).written];
    await store.read(7);
    // A keystroke after a pause: written right after its task, as ever.
    const first = await keystroke();
    await nextTask();
    expect(o.calls.set).toBe(1);
    await Promise.all(first);
    // Four more keystrokes a task apart: within the spacing of the answer just written.
    const later: Promise<void>[] = [];
    for (let i = 0; i < 4; i++) {
      later.push(...(await keystroke()));
      await nextTask();
    }
    expect(o.calls.set).toBe(1);
    // Memory has every change at once; the next write, one spacing after the first, carries them all.
    expect((await store.read(7)).result?.seq).toBe(5);
    await Promise.all(later);
    expect(o.calls.set).toBe(2);
    expect(stored(o.inner)).toMatchObject({ arrival: 5, pending: null, result: { seq: 5 } });
    // After a pause, the next keystroke is written after its task again.
    await new Promise((r) => setTimeout(r, 80));
    const next = await keystroke();
    await nextTask();
    expect(o.calls.set).toBe(3);
    await Promise.all(next);
    // A cleared form is no answer: the first answer after it is not held back.
    await store.update(7, (rec) => ({ record: { ...bump(rec), pending: null, result: null }, value: undefined }));
    const afterClear = await keystroke();
    await nextTask();
    expect(o.calls.set).toBe(5);
    await Promise.all(afterClear);
    expect(stored(o.inner)).toMatchObject({ arrival: 8, result: { seq: 8 } });
  });

  it('`after-task` while typing on: the changes wait for a pause, at most `maxWaitMs`, and a write since that left no answer ends the wait', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const o = observedSession();
      const store = createTabStore(o.session, { spacingMs: 60, maxWaitMs: 200 });
      const snapshot = binanceMarket();
      const answered = (rec: TabRecord): TabRecord => ({ ...bump(rec), pending: null, result: { tabId: 7, seq: rec.seq + 1, snapshot, state: { kind: 'idle', message: `answer ${rec.seq + 1}` }, updatedAt: 0 } });
      // Wrapped: an async function returning `written` would wait for it.
      const keystroke = async () => [(await store.change(7, (rec) => ({ record: answered(rec), value: undefined }), 'after-task')).written] as const;
      const typeFor = async (ms: number, out: Promise<void>[]) => {
        for (let t = 0; t < ms; t += 20) {
          out.push(...(await keystroke()));
          await vi.advanceTimersByTimeAsync(20);
        }
      };
      await store.read(7);
      const [first] = await keystroke();
      await vi.advanceTimersByTimeAsync(0);
      await first;
      expect(o.calls.set).toBe(1);
      // A keystroke every 20 ms, never a pause of the spacing: nothing is written until the longest wait is up.
      const typed: Promise<void>[] = [];
      await typeFor(180, typed);
      expect(o.calls.set).toBe(1);
      await typeFor(140, typed);
      // The wait ran out once (200 ms after the first change that waited) while the typing went on.
      expect(o.calls.set).toBe(2);
      const last = (await store.read(7)).seq;
      // The last keystroke was 20 ms ago: 39 ms more is not yet the spacing's pause.
      await vi.advanceTimersByTimeAsync(39);
      expect(o.calls.set).toBe(2);
      // Then the pause: the last change is written, and storage ends with it.
      await vi.advanceTimersByTimeAsync(2);
      await Promise.all(typed);
      expect(o.calls.set).toBe(3);
      expect(stored(o.inner)?.seq).toBe(last);
      // A change waiting for a pause, then a cleared form (a `now` write): the next answer does not wait.
      await vi.advanceTimersByTimeAsync(10);
      const [waited] = await keystroke();
      await store.update(7, (rec) => ({ record: { ...bump(rec), pending: null, result: null }, value: undefined }));
      expect(o.calls.set).toBe(4);
      const [afterClear] = await keystroke();
      await vi.advanceTimersByTimeAsync(0);
      expect(o.calls.set).toBe(5);
      await Promise.all([waited, afterClear]);
      expect(o.calls.set).toBe(5);
      expect(stored(o.inner)).toMatchObject({ seq: (await store.read(7)).seq, result: { state: { kind: 'idle' } } });
    } finally {
      vi.useRealTimers();
    }
  });

  it('a `now` write issued before an `after-task` one is due carries it, and storage ends with the latest record', async () => {
    const o = observedSession();
    const store = createTabStore(o.session);
    await store.read(7);
    const answer = await store.change(7, (rec) => ({ record: { ...rec, arrival: 1, result: null, seq: 1 }, value: undefined }), 'after-task');
    const next = await store.change(7, (rec) => ({ record: bump(rec), value: undefined }), 'now');
    await Promise.all([answer.written, next.written]);
    expect(o.sets).toEqual([{ [tabKey(7)]: expect.objectContaining({ arrival: 2, seq: 2 }) }]);
    expect(stored(o.inner)).toMatchObject({ arrival: 2, seq: 2 });
  });

  it('a failed write rejects `written` (and update()), keeps the record in memory, and the next write stores it whole', async () => {
    const o = observedSession();
    const store = createTabStore(o.session);
    const snapshot = binanceMarket();
    o.control.fail = true;
    const pending = { arrival: 1, seq: 1, snapshot, receivedAt: 0 };
    const first = await store.change(7, (rec) => ({ record: { ...rec, arrival: 1, seq: 1, pending }, value: undefined }), 'now');
    await expect(first.written).rejects.toThrow(/quota/);
    await expect(store.update(7, (rec) => ({ record: { ...rec, seq: 2 }, value: undefined }))).rejects.toThrow(/quota/);
    expect(stored(o.inner)).toBeUndefined();
    expect(await store.read(7)).toMatchObject({ arrival: 1, seq: 2, pending: { seq: 1 } });
    o.control.fail = false;
    await store.update(7, (rec) => ({ record: { ...rec, seq: 3 }, value: undefined }));
    expect(stored(o.inner)).toMatchObject({ arrival: 1, seq: 3, pending: { seq: 1, snapshot } });
  });
});
