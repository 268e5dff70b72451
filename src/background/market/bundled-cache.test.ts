import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { VenueId } from '../../core/engine/types';
import { parseSnapshot, type SnapshotName, type TierSnapshot } from '../../core/market/snapshot-format';
import { bundledCacheKey, readBundledCache } from './bundled-cache';
import type { FetchLike } from './fetcher';
import { createMarketData } from './market-data';
import { memoryStore, type KeyValueStore } from './store';

const DATA = path.resolve(import.meta.dirname, '../data');
const fileJson = (name: SnapshotName): unknown => JSON.parse(readFileSync(path.join(DATA, `${name}.json`), 'utf8'));
const T0 = Date.UTC(2026, 10, 22, 10, 0, 0);
const offline: FetchLike = () => Promise.reject(new TypeError('Failed to fetch'));
const FILE = (name: SnapshotName) => `0.1.0 /assets/${name}-AAAA1111.json`;
const NEW_FILE = (name: SnapshotName) => `0.1.1 /assets/${name}-BBBB2222.json`;

type Store = KeyValueStore & { dump(): Record<string, unknown> };

/** One service-worker life: a market-data service over `storage`, counting how often it loads a packaged file. */
function worker(storage: KeyValueStore, fileId: ((name: SnapshotName) => string) | null = FILE) {
  const loads: SnapshotName[] = [];
  const pending: Promise<unknown>[] = [];
  const market = createMarketData({
    storage,
    fetch: offline,
    now: () => T0,
    loadBundled: async (name) => {
      loads.push(name);
      return fileJson(name);
    },
    ...(fileId ? { bundledFileId: fileId } : {}),
    background: (p) => pending.push(p),
  });
  return {
    market,
    loads,
    settle: async () => {
      while (pending.length) await pending.shift();
    },
  };
}

const copyOf = (store: Store): Store => memoryStore(structuredClone(store.dump()));

/**
 * A first worker answers (and caches); then, from identical copies of its storage, a restarted worker with the
 * cache and a worker without it answer the same question. Returns both answers and the restarted worker.
 */
async function restart(venue: VenueId, symbol: string, tamper?: (store: Store) => Promise<void>) {
  const store = memoryStore();
  const first = worker(store);
  await first.market.tierTable(venue, symbol);
  await first.settle();
  if (tamper) await tamper(store);
  const restarted = worker(copyOf(store));
  const uncached = worker(copyOf(store), null);
  const answer = await restarted.market.tierTable(venue, symbol);
  await restarted.settle();
  return { first, store, restarted, answer, expected: await uncached.market.tierTable(venue, symbol) };
}

describe('bundled tables cached per symbol', () => {
  it.each([
    ['binance-usdm', 'BTCUSDT'],
    ['binance-usdm', 'ETHUSDC'],
    ['binance-coinm', 'BTCUSD_PERP'],
    ['binance-coinm', 'BTCUSD_250328'],
    ['hyperliquid', 'BTC'],
  ] as const)('hit: a restarted worker answers %s %s from its entry, without the file, exactly as the file does', async (venue, symbol) => {
    const { first, restarted, answer, expected } = await restart(venue, symbol);
    expect(first.loads).toHaveLength(1);
    expect(restarted.loads).toEqual([]);
    expect(answer.table?.source).toBe('bundled');
    expect(answer).toEqual(expected);
  });

  it('miss: the first worker reads the file once and keeps only the header and that symbol’s rows', async () => {
    const store = memoryStore();
    const w = worker(store);
    const { table } = await w.market.tierTable('binance-usdm', 'BTCUSDT');
    await w.settle();
    expect(w.loads).toEqual(['binance-usdm']);
    const entry = store.dump()[bundledCacheKey('binance-usdm', 'BTCUSDT')] as { file: string; candidate: string; snapshot: TierSnapshot };
    expect(entry).toMatchObject({ v: 1, file: FILE('binance-usdm'), candidate: 'BTCUSDT', snapshot: { venue: 'binance-usdm', capturedAt: '2026-09-16' } });
    expect(Object.keys(entry.snapshot.symbols)).toEqual(['BTCUSDT']);
    expect(entry.snapshot.symbols['BTCUSDT']).toHaveLength(table?.tiers.length ?? -1);
    expect(JSON.stringify(entry).length).toBeLessThan(JSON.stringify(fileJson('binance-usdm')).length / 20);
  });

  it('a quarterly COIN-M contract is cached with its pair’s quarterly rows and keeps the note that says so', async () => {
    const { store, answer } = await restart('binance-coinm', 'BTCUSD_250328');
    expect(store.dump()[bundledCacheKey('binance-coinm', 'BTCUSD_250328')]).toMatchObject({ candidate: 'BTCUSD_QUARTERLY' });
    expect(answer.table).toMatchObject({ symbol: 'BTCUSD_250328', capturedAt: '2026-09-17' });
    expect(answer.note.details[0]).toContain('the bundled BTCUSD_QUARTERLY table');
  });

  it('a symbol the file lacks is remembered as absent: the restarted worker does not load the file to learn it again', async () => {
    const { store, restarted, answer, expected } = await restart('binance-usdm', 'NOSUCHUSDT');
    expect(store.dump()[bundledCacheKey('binance-usdm', 'NOSUCHUSDT')]).toEqual({ v: 1, file: FILE('binance-usdm'), absent: true });
    expect(restarted.loads).toEqual([]);
    expect(answer).toEqual(expected);
    expect(answer.table?.source ?? 'none').not.toBe('bundled');
  });

  it('an entry written for another file (an update shipped a new one) is a miss, and is replaced', async () => {
    const store = memoryStore();
    const old = worker(store);
    await old.market.tierTable('binance-usdm', 'BTCUSDT');
    await old.settle();
    const updated = worker(store, NEW_FILE);
    const answer = await updated.market.tierTable('binance-usdm', 'BTCUSDT');
    await updated.settle();
    expect(updated.loads).toEqual(['binance-usdm']);
    expect(answer.table?.capturedAt).toBe('2026-09-16');
    expect(store.dump()[bundledCacheKey('binance-usdm', 'BTCUSDT')]).toMatchObject({ file: NEW_FILE('binance-usdm') });
  });

  type Entry = { v: unknown; file: unknown; candidate?: unknown; absent?: unknown; snapshot: Record<string, unknown> & { symbols: Record<string, string[][]> } };
  const corruptions: [string, (e: Entry) => unknown][] = [
    ['not an object', () => 'garbage'],
    ['another format version', (e) => ({ ...e, v: 2 })],
    ['no file name', (e) => ({ ...e, file: undefined })],
    ['another venue’s excerpt', (e) => ({ ...e, snapshot: { ...e.snapshot, venue: 'hyperliquid' } })],
    ['a header field missing', (e) => ({ ...e, snapshot: { ...e.snapshot, capturedAt: undefined } })],
    ['a date that is not a date', (e) => ({ ...e, snapshot: { ...e.snapshot, capturedAt: 'yesterday' } })],
    ['an unknown boundary rule', (e) => ({ ...e, snapshot: { ...e.snapshot, boundary: 'both' } })],
    ['rows for another symbol', (e) => ({ ...e, candidate: 'ETHUSDT', snapshot: { ...e.snapshot, symbols: { ETHUSDT: e.snapshot.symbols['BTCUSDT'] } } })],
    ['a second symbol', (e) => ({ ...e, snapshot: { ...e.snapshot, symbols: { ...e.snapshot.symbols, ETHUSDT: e.snapshot.symbols['BTCUSDT'] } } })],
    ['no rows', (e) => ({ ...e, snapshot: { ...e.snapshot, symbols: { BTCUSDT: [] } } })],
    ['a number that is not a decimal', (e) => withRow(e, 1, 2, '5e-3')],
    ['a rate out of range', (e) => withRow(e, 0, 2, '0.9')],
    ['a cum that breaks continuity', (e) => withRow(e, 2, 3, '1')],
    ['a gap between tiers', (e) => withRow(e, 1, 0, '300001')],
    ['absent, with leftovers', (e) => ({ ...e, absent: true })],
  ];

  function withRow(e: Entry, row: number, column: number, value: string): Entry {
    const rows = structuredClone(e.snapshot.symbols['BTCUSDT'] ?? []);
    const r = rows[row];
    if (r) r[column] = value;
    return { ...e, snapshot: { ...e.snapshot, symbols: { BTCUSDT: rows } } };
  }

  it.each(corruptions)('a corrupt entry is ignored (%s): the file answers, and its answer replaces the entry', async (_name, corrupt) => {
    const key = bundledCacheKey('binance-usdm', 'BTCUSDT');
    const { restarted, answer, expected } = await restart('binance-usdm', 'BTCUSDT', async (store) => {
      await store.set(key, corrupt((await store.get(key)) as Entry));
    });
    expect(restarted.loads).toEqual(['binance-usdm']);
    expect(answer).toEqual(expected);
    expect(answer.table?.tiers[1]).toEqual({ floor: '300000', cap: '800000', maintenanceMarginRate: '0.005', maintenanceAmount: '300', maxLeverage: '100' });
  });

  it('a storage read that fails is a miss, not an error', async () => {
    const store = memoryStore();
    const key = bundledCacheKey('binance-usdm', 'BTCUSDT');
    const w = worker({ get: (k) => (k === key ? Promise.reject(new Error('storage read failed')) : store.get(k)), set: store.set });
    const { table, note } = await w.market.tierTable('binance-usdm', 'BTCUSDT');
    expect(table?.source).toBe('bundled');
    expect(note.lastError).toBeNull();
    expect(w.loads).toEqual(['binance-usdm']);
  });

  it('within one worker, storage is read once per symbol and no caller can change the answer another gets', async () => {
    const store = memoryStore();
    const warm = worker(store);
    await warm.market.tierTable('binance-usdm', 'BTCUSDT');
    await warm.settle();
    const key = bundledCacheKey('binance-usdm', 'BTCUSDT');
    let reads = 0;
    const counting: KeyValueStore = { get: (k) => ((reads += k === key ? 1 : 0), store.get(k)), set: store.set };
    const w = worker(counting);
    const a = await w.market.tierTable('binance-usdm', 'BTCUSDT');
    expect(() => a.table?.tiers.splice(0)).toThrow(TypeError);
    const [b, c] = await Promise.all([w.market.tierTable('binance-usdm', 'BTCUSDT'), w.market.tierTable('binance-usdm', 'BTCUSDT')]);
    expect(reads).toBe(1);
    expect(b.table?.tiers.length).toBeGreaterThan(1);
    expect(c).toEqual(b);
  });

  it('without a file name nothing is cached (the behaviour tests and tools rely on)', async () => {
    const store = memoryStore();
    const w = worker(store, null);
    await w.market.tierTable('binance-usdm', 'BTCUSDT');
    await w.settle();
    expect(Object.keys(store.dump()).filter((k) => k.includes('/bundled/'))).toEqual([]);
  });

  it('any USDⓈ-M symbol: a restarted worker’s answer equals the file’s', async () => {
    const parsed = parseSnapshot(fileJson('binance-usdm'));
    if (!parsed.ok) throw new Error(parsed.error);
    const symbols = Object.keys(parsed.value.symbols);
    const store = memoryStore();
    const first = worker(store);
    for (const s of symbols) await first.market.tierTable('binance-usdm', s);
    await first.settle();
    const restarted = worker(copyOf(store));
    const uncached = worker(copyOf(store), null);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...symbols), async (symbol) => {
        expect(await restarted.market.tierTable('binance-usdm', symbol)).toEqual(await uncached.market.tierTable('binance-usdm', symbol));
      }),
      { numRuns: 60 },
    );
    expect(restarted.loads).toEqual([]);
  });
});

describe('readBundledCache', () => {
  const parsed = parseSnapshot(fileJson('hyperliquid'));
  if (!parsed.ok) throw new Error(parsed.error);
  const snap = parsed.value;
  const excerpt = { ...snap, symbols: { BTC: snap.symbols['BTC'] } };

  it('accepts an excerpt of this file for one of the candidates, and nothing else', () => {
    const good = { v: 1, file: 'f1', candidate: 'BTC', snapshot: excerpt };
    expect(readBundledCache(good, 'f1', 'hyperliquid', ['BTC']).kind).toBe('excerpt');
    expect(readBundledCache(good, 'f2', 'hyperliquid', ['BTC']).kind).toBe('miss');
    expect(readBundledCache(good, 'f1', 'binance-usdm', ['BTC']).kind).toBe('miss');
    expect(readBundledCache(good, 'f1', 'hyperliquid', ['ETH']).kind).toBe('miss');
    expect(readBundledCache({ v: 1, file: 'f1', absent: true }, 'f1', 'hyperliquid', ['BTC']).kind).toBe('absent');
    expect(readBundledCache({ v: 1, file: 'f2', absent: true }, 'f1', 'hyperliquid', ['BTC']).kind).toBe('miss');
    for (const junk of [undefined, null, 7, 'x', [], {}, { v: 1, file: 'f1' }]) expect(readBundledCache(junk, 'f1', 'hyperliquid', ['BTC']).kind).toBe('miss');
  });
});
