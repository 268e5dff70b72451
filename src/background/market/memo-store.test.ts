import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { candleResponse, RECORDED } from '../../core/market/fixtures';
import type { SnapshotName } from '../../core/market/snapshot-format';
import type { FetchLike } from './fetcher';
import { createMarketData } from './market-data';
import { memoStore } from './memo-store';
import { memoryStore, type KeyValueStore } from './store';

/** storage.local with its calls counted; `failSets` makes writes fail. */
function countedStore() {
  const inner = memoryStore();
  const calls = { get: 0, set: 0 };
  const control = { failSets: false, failGets: false };
  const store: KeyValueStore = {
    async get(key) {
      calls.get++;
      if (control.failGets) throw new Error('storage.local unavailable');
      return inner.get(key);
    },
    async set(key, value) {
      calls.set++;
      if (control.failSets) throw new Error('QUOTA_BYTES quota exceeded');
      await inner.set(key, value);
    },
  };
  return { store, inner, calls, control };
}

describe('memoStore', () => {
  it('reads a key from storage once, writes through, and answers from memory after either', async () => {
    const c = countedStore();
    await c.inner.set('a', { n: 1 });
    const m = memoStore(c.store);
    expect(await m.get('a')).toEqual({ n: 1 });
    expect(await m.get('a')).toEqual({ n: 1 });
    expect(c.calls.get).toBe(1);
    await m.set('b', { n: 2 });
    expect(await m.get('b')).toEqual({ n: 2 });
    expect(await c.inner.get('b')).toEqual({ n: 2 });
    expect(c.calls).toEqual({ get: 1, set: 1 });
    // Asked together before the first answer: one read.
    const [x, y] = await Promise.all([m.get('c'), m.get('c')]);
    expect([x, y]).toEqual([undefined, undefined]);
    expect(c.calls.get).toBe(2);
  });

  it('hands every reader its own copy, and keeps its own copy of what was written', async () => {
    const m = memoStore(countedStore().store);
    const written = { tiers: [{ rate: '0.004' }] };
    await m.set('k', written);
    written.tiers[0]!.rate = 'changed by the writer';
    const read = (await m.get('k')) as typeof written;
    read.tiers[0]!.rate = 'changed by a reader';
    expect(await m.get('k')).toEqual({ tiers: [{ rate: '0.004' }] });
  });

  it('a failed write drops the copy (the next read asks storage); a failed read is not kept', async () => {
    const c = countedStore();
    const m = memoStore(c.store);
    await m.set('k', 'old');
    c.control.failSets = true;
    await expect(m.set('k', 'new')).rejects.toThrow(/quota/);
    const gets = c.calls.get;
    expect(await m.get('k')).toBe('old');
    expect(c.calls.get).toBe(gets + 1);

    c.control.failGets = true;
    await expect(m.get('other')).rejects.toThrow(/unavailable/);
    c.control.failGets = false;
    expect(await m.get('other')).toBeUndefined();
  });

  it('a new store over the same storage (a restarted worker) reads storage again', async () => {
    const c = countedStore();
    await memoStore(c.store).set('k', { v: 1 });
    await c.inner.set('k', { v: 2 }); // what storage has is what counts after a restart
    expect(await memoStore(c.store).get('k')).toEqual({ v: 2 });
  });
});

describe('market data over memoStore: the warm path', () => {
  const DATA = path.resolve(import.meta.dirname, '../data');
  const T0 = Date.UTC(2026, 10, 22, 10, 0, 0);
  const H = 3_600_000;
  const closes = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 ? '100' : '101'));
  const fetched: string[] = [];
  const fetchFake: FetchLike = async (url) => {
    fetched.push(url);
    let body: unknown = null;
    if (url.includes('/fapi/v1/exchangeInfo')) body = RECORDED.binanceExchangeInfo;
    else if (url.includes('/fapi/v1/premiumIndex')) body = RECORDED.binancePremium;
    else if (url.includes('interval=1h')) body = candleResponse('binance-usdm', closes(200), T0 - 200 * H, H);
    else if (url.includes('interval=1d')) body = candleResponse('binance-usdm', closes(40), T0 - 40 * 24 * H, 24 * H);
    return body === null ? new Response('not found', { status: 404 }) : new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  };

  it('a warm worker answers tier table, contract spec and volatility without reading storage; a restarted one reads it and fetches nothing', async () => {
    const c = countedStore();
    const pending: Promise<unknown>[] = [];
    const worker = () =>
      createMarketData({
        storage: memoStore(c.store),
        fetch: fetchFake,
        now: () => T0,
        loadBundled: async (name: SnapshotName) => JSON.parse(readFileSync(path.join(DATA, `${name}.json`), 'utf8')) as unknown,
        bundledFileId: (name) => `test ${name}`,
        background: (p) => pending.push(p),
      });
    const lookups = async (m: ReturnType<typeof worker>) => {
      const [tiers, spec, vol] = await Promise.all([m.tierTable('binance-usdm', 'BTCUSDT'), m.contractSpec('binance-usdm', 'BTCUSDT'), m.volatility('binance-usdm', 'BTCUSDT')]);
      while (pending.length) await pending.shift();
      return { table: tiers.table, spec: spec.spec, vol };
    };

    const first = worker();
    const cold = await lookups(first);
    expect(cold.table?.source).toBe('bundled');
    expect(cold.spec?.tickSize).toBeTruthy();
    expect(cold.vol?.sigmaDaily).toBeTruthy();
    const reads = c.calls.get;
    const requests = fetched.length;
    expect(await lookups(first)).toEqual(cold);
    expect(c.calls.get).toBe(reads);
    expect(fetched.length).toBe(requests);

    const restarted = worker();
    expect(await lookups(restarted)).toEqual(cold);
    expect(c.calls.get).toBeGreaterThan(reads);
    expect(fetched.length).toBe(requests);
  });
});
