/**
 * storage.local for the market-data service with a write-through copy in memory, so a warm worker
 * answers an assessment's lookups (venue status, tier table, contract spec, volatility) without a
 * storage round trip per keystroke. Only the market-data service writes its keys, through this
 * store, so the copy cannot fall behind storage while the worker runs; a restarted worker starts
 * with no copy and reads storage again. The service still validates every value it reads, from
 * memory as from storage.
 *
 * A write updates the copy at once and is then issued (storage applies one area's writes in the
 * order they are issued); a failed write drops the copy, so the next read asks storage. A failed
 * read is not kept. Every reader gets its own copy of the value.
 */
import type { KeyValueStore } from './store';

export function memoStore(storage: KeyValueStore): KeyValueStore {
  const copies = new Map<string, Promise<unknown>>();

  function remembered(key: string): Promise<unknown> {
    const known = copies.get(key);
    if (known) return known;
    const read = storage.get(key);
    copies.set(key, read);
    read.catch(() => {
      if (copies.get(key) === read) copies.delete(key);
    });
    return read;
  }

  return {
    get: async (key) => structuredClone(await remembered(key)),
    async set(key, value) {
      const mine = Promise.resolve(structuredClone(value));
      copies.set(key, mine);
      try {
        await storage.set(key, value);
      } catch (error) {
        if (copies.get(key) === mine) copies.delete(key);
        throw error;
      }
    },
  };
}
