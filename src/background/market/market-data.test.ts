import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { D } from '../../core/decimal';
import { assess } from '../../core/engine';
import type { PositionInput, VenueId } from '../../core/engine/types';
import { copy, candleResponse, hlMetaAndCtxs, RECORDED } from '../../core/market/fixtures';
import type { SnapshotName } from '../../core/market/snapshot-format';
import { fetchJson, type FetchLike } from './fetcher';
import { createMarketData, type MarketDataDeps } from './market-data';
import { handleDiagnosticsMessage } from './messages';
import { memoryStore } from './store';

const DATA = path.resolve(import.meta.dirname, '../data');
// Binance's public bracket answer as recorded on 2026-08-02 (src/core/market/fixtures/real/SOURCES.md).
const REAL_BINANCE_BRACKETS: unknown = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../core/market/fixtures/real/binance-usdm-public-brackets.json'), 'utf8'));
// Binance's public COIN-M bracket answer as recorded on 2026-09-17 (same SOURCES.md).
const REAL_BINANCE_COINM_BRACKETS: unknown = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../core/market/fixtures/real/binance-coinm-public-brackets.json'), 'utf8'));
const loadBundled = async (name: SnapshotName): Promise<unknown> => JSON.parse(readFileSync(path.join(DATA, `${name}.json`), 'utf8'));

const T0 = Date.UTC(2026, 10, 22, 10, 0, 0);
const H = 3_600_000;

type Reply = unknown | Response | 'hang' | Error;

/** A fake fetch: `route(url, body)` returns JSON to serve, a Response, 'hang' (never answers) or an Error to throw. */
function fakeFetch(route: (url: string, body: string | undefined) => Reply) {
  const calls: string[] = [];
  const fn: FetchLike = (url, init) => {
    calls.push(url);
    const r = route(url, typeof init?.body === 'string' ? init.body : undefined);
    if (r === 'hang') return new Promise<Response>(() => undefined);
    if (r instanceof Error) return Promise.reject(r);
    if (r instanceof Response) return Promise.resolve(r);
    return Promise.resolve(new Response(JSON.stringify(r), { status: 200, headers: { 'content-type': 'application/json' } }));
  };
  return { fn, calls };
}

/** Serves every recorded response by URL, like the venues would. */
function recordedRoute(url: string, body: string | undefined): Reply {
  if (url.includes('bybit.com/v5/market/risk-limit')) return RECORDED.bybitRisk;
  if (url.includes('bybit.com/v5/market/instruments-info')) return RECORDED.bybitInstruments;
  if (url.includes('bybit.com/v5/market/tickers')) return RECORDED.bybitTickers;
  if (url.includes('okx.com/api/v5/public/position-tiers')) return RECORDED.okxTiers;
  if (url.includes('okx.com/api/v5/public/instruments')) return RECORDED.okxInstruments;
  if (url.includes('okx.com/api/v5/public/mark-price')) return RECORDED.okxMark;
  if (url.includes('gateio.ws/api/v4/futures/usdt/risk_limit_tiers')) return RECORDED.gateTiers;
  if (url.includes('gateio.ws/api/v4/futures/usdt/contracts/')) return RECORDED.gateContract;
  if (url.includes('bitget.com/api/v2/mix/market/query-position-lever')) return RECORDED.bitgetTiers;
  if (url.includes('bitget.com/api/v2/mix/market/contracts')) return RECORDED.bitgetContracts;
  if (url.includes('bitget.com/api/v2/mix/market/symbol-price')) return RECORDED.bitgetPrice;
  if (url.includes('fapi.binance.com/fapi/v1/exchangeInfo')) return RECORDED.binanceExchangeInfo;
  if (url.includes('fapi.binance.com/fapi/v1/premiumIndex')) return RECORDED.binancePremium;
  if (url.includes('www.binance.com/bapi/futures/v1/friendly/future/common/brackets')) return REAL_BINANCE_BRACKETS;
  if (url.includes('www.binance.com/bapi/futures/v1/friendly/delivery/common/brackets')) return REAL_BINANCE_COINM_BRACKETS;
  if (url.includes('api.hyperliquid.xyz/info')) {
    const type = (JSON.parse(body ?? '{}') as { type?: string }).type;
    if (type === 'meta') return RECORDED.hlMeta;
    if (type === 'metaAndAssetCtxs') return hlMetaAndCtxs();
  }
  return new Response('not found', { status: 404 });
}

function setup(route: (url: string, body: string | undefined) => Reply, extra: Partial<MarketDataDeps> = {}) {
  let now = T0;
  const storage = memoryStore();
  const fake = fakeFetch(route);
  const pending: Promise<unknown>[] = [];
  const market = createMarketData({
    storage,
    fetch: fake.fn,
    now: () => now,
    loadBundled,
    background: (p) => pending.push(p),
    ...extra,
  });
  return {
    market,
    storage,
    calls: fake.calls,
    advance: (ms: number) => {
      now += ms;
    },
    settle: async () => {
      while (pending.length) await pending.shift();
    },
  };
}

const btcLong = (venue: VenueId, symbol: string, extra: Partial<PositionInput> = {}): PositionInput => ({
  venue,
  symbol,
  contract: 'linear',
  marginMode: 'isolated',
  side: 'long',
  entryPrice: '97000',
  markPrice: '97000',
  quantity: '1',
  quantityUnit: 'base',
  leverage: '20',
  ...extra,
});

describe('live tier tables from every fetcher (recorded responses)', () => {
  it.each([
    ['bybit', 'BTCUSDT', 'notional', 3],
    ['okx', 'BTC-USDT-SWAP', 'contracts', 3],
    ['gate', 'BTC_USDT', 'notional', 3],
    ['bitget', 'BTCUSDT', 'notional', 2],
    ['hyperliquid', 'BTC', 'notional', 2],
  ] as const)('%s %s: a validated live table, stored with its fetch time', async (venue, symbol, basis, tiers) => {
    const s = setup(recordedRoute);
    // Hyperliquid answers first from its bundled table and refreshes in the background.
    await s.market.tierTable(venue, symbol);
    await s.settle();
    const { table, note } = await s.market.tierTable(venue, symbol);
    expect(table).toMatchObject({ venue, symbol, basis, source: 'live', capturedAt: new Date(T0).toISOString() });
    expect(table?.tiers).toHaveLength(tiers);
    expect(note).toMatchObject({ source: 'live', refresh: 'fresh', lastError: null });
    expect(note.message).toContain('Live tier table');
  });

  it("Binance USDⓈ-M: the bundled table of 2026-09-16 at once, then the live table from Binance's public bracket page; one download serves every symbol for a while", async () => {
    const s = setup(recordedRoute);
    const first = await s.market.tierTable('binance-usdm', 'BTCUSDT');
    expect(first.table).toMatchObject({ source: 'bundled', capturedAt: '2026-09-16' });
    expect(first.note.refresh).toBe('refreshing');
    await s.settle();
    const live = await s.market.tierTable('binance-usdm', 'BTCUSDT');
    expect(live.table).toMatchObject({ source: 'live', boundary: 'floor-inclusive', capturedAt: new Date(T0).toISOString() });
    expect(live.table?.tiers[0]).toMatchObject({ cap: '300000', maintenanceMarginRate: '0.004', maxLeverage: '150' });
    await s.market.tierTable('binance-usdm', 'ETHUSDT');
    await s.settle();
    expect((await s.market.tierTable('binance-usdm', 'ETHUSDT')).table).toMatchObject({ source: 'live', tiers: [{ maintenanceMarginRate: '0.0075' }] });
    expect(s.calls.filter((u) => u.includes('/bapi/')).length).toBe(1);
    // A symbol the answer does not list keeps its bundled table and says why there is no live one.
    await s.market.tierTable('binance-usdm', 'LTCUSDT');
    await s.settle();
    const ltc = await s.market.tierTable('binance-usdm', 'LTCUSDT');
    expect(ltc.table?.source).toBe('bundled');
    expect(ltc.note.lastError).toContain('LTCUSDT');
  });

  it("Binance COIN-M: the undated bundled table at once, then the live table from the COIN-M bracket page, in the base coin", async () => {
    const s = setup(recordedRoute);
    const first = await s.market.tierTable('binance-coinm', 'BTCUSD_PERP');
    expect(first.table).toMatchObject({ source: 'bundled', basis: 'coin-notional' });
    await s.settle();
    const live = await s.market.tierTable('binance-coinm', 'BTCUSD_PERP');
    expect(live.table).toMatchObject({ source: 'live', basis: 'coin-notional', boundary: 'floor-inclusive', capturedAt: new Date(T0).toISOString() });
    expect(live.table?.tiers).toHaveLength(10);
    expect(live.table?.tiers[0]).toMatchObject({ cap: '5', maintenanceMarginRate: '0.004', maxLeverage: '125' });
    // ETHUSD_PERP had no bundled table at all; the same download serves it.
    await s.market.tierTable('binance-coinm', 'ETHUSD_PERP');
    await s.settle();
    const eth = (await s.market.tierTable('binance-coinm', 'ETHUSD_PERP')).table;
    expect(eth).toMatchObject({ source: 'live', basis: 'coin-notional' });
    expect(eth?.tiers[0]).toMatchObject({ cap: '15', maintenanceMarginRate: '0.005' });
    expect(s.calls.filter((u) => u.includes('/friendly/delivery/')).length).toBe(1);
    expect(s.calls.filter((u) => u.includes('/friendly/future/')).length).toBe(0);
  });

  it.each([
    ['binance-usdm', 'BTCUSDT', '0.1'],
    ['bybit', 'BTCUSDT', '0.1'],
    ['okx', 'BTC-USDT-SWAP', '0.1'],
    ['gate', 'BTC_USDT', '0.1'],
    ['bitget', 'BTCUSDT', '0.1'],
  ] as const)('%s %s: contract spec with tick size', async (venue, symbol, tick) => {
    const s = setup(recordedRoute);
    const { spec } = await s.market.contractSpec(venue, symbol);
    expect(spec?.tickSize).toBe(tick);
  });

  it.each([
    ['binance-usdm', 'BTCUSDT', '97001.5'],
    ['bybit', 'BTCUSDT', '97001.2'],
    ['okx', 'BTC-USDT-SWAP', '97003.4'],
    ['gate', 'BTC_USDT', '97002.1'],
    ['bitget', 'BTCUSDT', '97001.9'],
    ['hyperliquid', 'BTC', '97004'],
  ] as const)('%s %s: mark price', async (venue, symbol, price) => {
    const s = setup(recordedRoute);
    expect((await s.market.markPrice(venue, symbol)).mark?.price).toBe(price);
  });

  it('Hyperliquid: the live table and the bundled snapshot give the same liquidation price for BTC', async () => {
    const online = setup(recordedRoute);
    await online.market.tierTable('hyperliquid', 'BTC');
    await online.settle();
    const live = await online.market.tierTable('hyperliquid', 'BTC');
    const offline = await setup(() => new Error('offline')).market.tierTable('hyperliquid', 'BTC');
    expect(live.table?.source).toBe('live');
    expect(offline.table?.source).toBe('bundled');
    for (const size of ['1', '2000']) {
      const input = btcLong('hyperliquid', 'BTC', { quantity: size, leverage: '10' });
      const a = assess(input, { tiers: live.table!, now: new Date(T0).toISOString() });
      const b = assess(input, { tiers: offline.table!, now: new Date(T0).toISOString() });
      if (!a.ok || !b.ok) throw new Error('assess failed');
      expect(a.assessment.liquidationPrice).not.toBeNull();
      expect(a.assessment.liquidationPrice).toBe(b.assessment.liquidationPrice);
    }
  });

  it('every live table gives an assessment that names the table, its source and age', async () => {
    const s = setup(recordedRoute);
    const { table } = await s.market.tierTable('bybit', 'BTCUSDT');
    const r = assess(btcLong('bybit', 'BTCUSDT'), { tiers: table!, now: new Date(T0 + 2 * H).toISOString() });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.assessment.tierTable).toMatchObject({ source: 'live', capturedAt: new Date(T0).toISOString(), ageDays: '0' });
  });
});

describe('refresh policy: once a day per symbol, stale-while-revalidate', () => {
  it('fetches once, serves from the cache for a day, then serves the cache while refreshing', async () => {
    const s = setup(recordedRoute);
    await s.market.tierTable('bybit', 'BTCUSDT');
    await s.market.tierTable('bybit', 'BTCUSDT');
    s.advance(23 * H);
    await s.market.tierTable('bybit', 'BTCUSDT');
    expect(s.calls.filter((u) => u.includes('risk-limit'))).toHaveLength(1);
    s.advance(2 * H);
    const stale = await s.market.tierTable('bybit', 'BTCUSDT');
    expect(stale.note.refresh).toBe('refreshing');
    expect(stale.table?.capturedAt).toBe(new Date(T0).toISOString());
    await s.settle();
    const fresh = await s.market.tierTable('bybit', 'BTCUSDT');
    expect(fresh.table?.capturedAt).toBe(new Date(T0 + 25 * H).toISOString());
    expect(s.calls.filter((u) => u.includes('risk-limit'))).toHaveLength(2);
  });

  it('a copy marked by the first run of a new version is served, then fetched again at its next use however young', async () => {
    const s = setup(recordedRoute);
    await s.market.tierTable('bybit', 'BTCUSDT');
    await s.market.contractSpec('bybit', 'BTCUSDT');
    s.advance(2 * H);
    // What src/background/upgrade.ts does to every fetched copy when a new version first runs.
    for (const k of ['market/v1/tiers/bybit/BTCUSDT', 'market/v1/spec/bybit/BTCUSDT']) await s.storage.set(k, { ...(await s.storage.get(k) as object), revalidate: true });
    const marked = await s.market.tierTable('bybit', 'BTCUSDT');
    expect(marked.table?.capturedAt).toBe(new Date(T0).toISOString());
    expect(marked.note.refresh).toBe('refreshing');
    await s.market.contractSpec('bybit', 'BTCUSDT');
    await s.settle();
    expect(s.calls.filter((u) => u.includes('risk-limit'))).toHaveLength(2);
    expect(s.calls.filter((u) => u.includes('instruments-info'))).toHaveLength(2);
    const fresh = await s.market.tierTable('bybit', 'BTCUSDT');
    expect(fresh.table?.capturedAt).toBe(new Date(T0 + 2 * H).toISOString());
    expect(await s.storage.get('market/v1/tiers/bybit/BTCUSDT')).not.toHaveProperty('revalidate');
    // Fetched again once: after that the usual day applies.
    await s.market.tierTable('bybit', 'BTCUSDT');
    await s.settle();
    expect(s.calls.filter((u) => u.includes('risk-limit'))).toHaveLength(2);
  });

  it('answers at once from the bundled table and refreshes Hyperliquid in the background', async () => {
    const s = setup(recordedRoute);
    const first = await s.market.tierTable('hyperliquid', 'BTC');
    expect(first.table?.source).toBe('bundled');
    expect(first.note.refresh).toBe('refreshing');
    await s.settle();
    expect((await s.market.tierTable('hyperliquid', 'BTC')).table?.source).toBe('live');
  });

  it('does not re-ask a failing venue more than once an hour, but "refresh now" does', async () => {
    const s = setup(() => new Response('', { status: 503 }));
    await s.market.tierTable('bybit', 'BTCUSDT');
    await s.market.tierTable('bybit', 'BTCUSDT');
    expect(s.calls).toHaveLength(1);
    await s.market.refreshNow('bybit');
    expect(s.calls.length).toBeGreaterThan(1);
  });
});

describe('mark price: fresh, usable while refreshing, left alone after a failure', () => {
  const premium = (url: string) => url.includes('fapi.binance.com/fapi/v1/premiumIndex');
  const marksAsked = (calls: string[]) => calls.filter(premium).length;

  it('serves a mark from memory for 10 s, then with its time for up to 30 s while one request fetches the next', async () => {
    let price = '97001.5';
    const s = setup((url, body) => (premium(url) ? { ...(RECORDED.binancePremium as object), markPrice: price } : recordedRoute(url, body)));
    expect((await s.market.markPrice('binance-usdm', 'BTCUSDT')).mark?.price).toBe('97001.5');
    s.advance(9_000);
    await s.market.markPrice('binance-usdm', 'BTCUSDT');
    expect(marksAsked(s.calls)).toBe(1);

    s.advance(2_000); // 11 s old: usable, answered at once, refreshed behind it
    price = '96000';
    const [a, b] = await Promise.all([s.market.markPrice('binance-usdm', 'BTCUSDT'), s.market.markPrice('binance-usdm', 'BTCUSDT')]);
    expect([a.mark?.price, b.mark?.price]).toEqual(['97001.5', '97001.5']);
    expect(a.note.fetchedAt).toBe(new Date(T0).toISOString());
    await s.settle();
    expect(marksAsked(s.calls)).toBe(2);
    expect((await s.market.markPrice('binance-usdm', 'BTCUSDT')).mark?.price).toBe('96000');

    s.advance(31_000); // too old to show: the call waits for the venue
    price = '95000';
    expect((await s.market.markPrice('binance-usdm', 'BTCUSDT')).mark?.price).toBe('95000');
    expect(marksAsked(s.calls)).toBe(3);
  });

  it('after a failure, asks the venue again only after 15 s and says why there is no mark meanwhile', async () => {
    let up = false;
    const s = setup((url, body) => (premium(url) && !up ? new Response('blocked', { status: 451 }) : recordedRoute(url, body)));
    const first = await s.market.markPrice('binance-usdm', 'BTCUSDT');
    expect(first.mark).toBeNull();
    expect(first.note.message).toMatch(/^No mark price from binance-usdm: /);
    for (let i = 0; i < 5; i++) {
      s.advance(2_000);
      const again = await s.market.markPrice('binance-usdm', 'BTCUSDT');
      expect(again.mark).toBeNull();
      expect(again.note.lastError).toBe(first.note.lastError);
    }
    expect(marksAsked(s.calls)).toBe(1);
    up = true;
    s.advance(6_000);
    expect((await s.market.markPrice('binance-usdm', 'BTCUSDT')).mark?.price).toBe('97001.5');
    expect(marksAsked(s.calls)).toBe(2);
  });

  it('concurrent first requests share one fetch', async () => {
    const s = setup(recordedRoute);
    const all = await Promise.all(Array.from({ length: 5 }, () => s.market.markPrice('okx', 'BTC-USDT-SWAP')));
    expect(all.map((r) => r.mark?.price)).toEqual(Array(5).fill('97003.4'));
    expect(s.calls.filter((u) => u.includes('public/mark-price'))).toHaveLength(1);
  });
});

describe('hostile and failing responses keep the last good table', () => {
  const hostile: [string, (good: typeof RECORDED.bybitRisk) => Reply, string][] = [
    ['wrong types', (g) => { const j = copy(g) as unknown as { result: { list: Record<string, unknown>[] } }; j.result.list[0]!['maintenanceMargin'] = { evil: true }; return j; }, 'invalid'],
    ['missing fields', (g) => { const j = copy(g) as unknown as { result: { list: Record<string, unknown>[] } }; delete j.result.list[1]!['riskLimitValue']; return j; }, 'invalid'],
    ['negative rate', (g) => { const j = copy(g); j.result.list[0]!.maintenanceMargin = '-0.01'; return j; }, 'invalid'],
    ['absurd rate', (g) => { const j = copy(g); j.result.list[0]!.maintenanceMargin = '5'; return j; }, 'invalid'],
    ['absurd leverage', (g) => { const j = copy(g); j.result.list[0]!.maxLeverage = '1e9'; return j; }, 'invalid'],
    ['venue error envelope', () => ({ retCode: 10006, retMsg: 'Too many visits!', result: {} }), 'invalid'],
    ['HTML error page', () => new Response('<!doctype html><title>Access denied</title>', { status: 200, headers: { 'content-type': 'text/html' } }), 'not-json'],
    ['empty body', () => new Response('', { status: 200 }), 'empty'],
    ['truncated JSON', (g) => new Response(JSON.stringify(g).slice(0, 120), { status: 200 }), 'not-json'],
    ['HTTP 429', () => new Response('{"retCode":10006}', { status: 429 }), 'rate-limited'],
    ['HTTP 503', () => new Response('upstream down', { status: 503 }), 'http'],
    ['network error', () => new TypeError('Failed to fetch'), 'network'],
    ['timeout', () => 'hang', 'timeout'],
  ];

  it.each(hostile)('%s', async (_name, make, kind) => {
    let mode: 'good' | 'bad' = 'good';
    const s = setup((url, body) => (mode === 'good' ? recordedRoute(url, body) : make(RECORDED.bybitRisk)), { timeoutMs: 30 });
    const good = await s.market.tierTable('bybit', 'BTCUSDT');
    mode = 'bad';
    s.advance(25 * H);
    const during = await s.market.tierTable('bybit', 'BTCUSDT');
    await s.settle();
    const after = await s.market.tierTable('bybit', 'BTCUSDT');
    expect(during.table).toEqual(good.table);
    expect(after.table).toEqual(good.table);
    expect(after.note.refresh).toBe('failed');
    expect(after.note.lastError).toBeTruthy();
    expect(after.note.message).toContain('last good copy');
    const diag = (await s.market.diagnostics()).find((r) => r.venue === 'bybit');
    expect(diag?.lastError).toMatchObject({ kind, what: 'tiers' });
    const r = assess(btcLong('bybit', 'BTCUSDT'), { tiers: after.table!, now: new Date(T0 + 25 * H).toISOString() });
    expect(r.ok && r.assessment.liquidationPrice).toBeTruthy();
  });

  it('with nothing cached and a failing venue, the answer is "no table" with the reason, not a guess', async () => {
    const s = setup(() => '<html>', { timeoutMs: 30 });
    const { table, note } = await s.market.tierTable('okx', 'BTC-USDT-SWAP');
    expect(table).toBeNull();
    expect(note.source).toBe('none');
    expect(note.message).toMatch(/Enter the maintenance rate from the venue’s risk-limit page in LiqGuard’s popup/);
    // The venue's error sits inside the sentence without a full stop of its own.
    expect(note.lastError).toMatch(/\.$/);
    expect(note.message).not.toMatch(/\.\)|\.\./);
  });

  it('a corrupted stored copy is ignored rather than trusted', async () => {
    const s = setup(() => new Error('offline'));
    await s.storage.set('market/v1/tiers/bybit/BTCUSDT', { value: { venue: 'bybit', symbol: 'BTCUSDT', source: 'live', basis: 'notional', capturedAt: 'x', tiers: [{ floor: '0', cap: null, maintenanceMarginRate: '7', maintenanceAmount: '0', maxLeverage: '100' }] }, fetchedAt: T0, lastAttemptAt: T0, lastError: null });
    expect((await s.market.tierTable('bybit', 'BTCUSDT')).table).toBeNull();
  });
});

describe('a poisoned but self-consistent live table', () => {
  // Every rate ten times too low with the deductions recomputed: passes every structural check.
  const poisonedBybit = (): Reply => {
    const j = copy(RECORDED.bybitRisk);
    for (const row of j.result.list) {
      row.maintenanceMargin = new D(row.maintenanceMargin).div(10).toString();
      if (row.mmDeduction !== '') row.mmDeduction = new D(row.mmDeduction).div(10).toString();
    }
    return j;
  };

  it('the attack as found: after a good Bybit table, the poisoned one is held back, the good one kept, and diagnostics say why', async () => {
    let mode: 'good' | 'bad' = 'good';
    const s = setup((url, body) => (mode === 'good' ? recordedRoute(url, body) : url.includes('risk-limit') ? poisonedBybit() : recordedRoute(url, body)));
    const good = await s.market.tierTable('bybit', 'BTCUSDT');
    expect(good.table?.tiers[0]?.maintenanceMarginRate).toBe('0.005');
    mode = 'bad';
    s.advance(25 * H);
    await s.market.tierTable('bybit', 'BTCUSDT');
    await s.settle();
    const after = await s.market.tierTable('bybit', 'BTCUSDT');
    expect(after.table).toEqual(good.table);
    expect(after.note.refresh).toBe('failed');
    expect(after.note.message).toMatch(/Held back a new table: its first-tier maintenance rate 0\.05 % is 10× below 0\.5 % in the last good live copy \(fetched 2026-11-22\).*this is the last good copy/);
    const diag = (await s.market.diagnostics()).find((r) => r.venue === 'bybit');
    expect(diag?.lastError).toMatchObject({ kind: 'held-back', what: 'tiers' });
    expect(diag?.lastError?.message).toContain('10× below');
  });

  it('with no live copy yet, a poisoned Binance table is compared with the bundled one and held back', async () => {
    const poisoned = copy(REAL_BINANCE_BRACKETS) as { data: { brackets: { riskBrackets: { bracketMaintenanceMarginRate: number; cumFastMaintenanceAmount: number }[] }[] } };
    for (const b of poisoned.data.brackets) for (const r of b.riskBrackets) {
      r.bracketMaintenanceMarginRate = new D(r.bracketMaintenanceMarginRate).div(10).toNumber();
      r.cumFastMaintenanceAmount = new D(r.cumFastMaintenanceAmount).div(10).toNumber();
    }
    const s = setup((url, body) => (url.includes('/brackets') ? poisoned : recordedRoute(url, body)));
    await s.market.tierTable('binance-usdm', 'BTCUSDT');
    await s.settle();
    const after = await s.market.tierTable('binance-usdm', 'BTCUSDT');
    expect(after.table?.source).toBe('bundled');
    expect(after.table?.tiers[0]?.maintenanceMarginRate).toBe('0.004');
    expect(after.note.lastError).toMatch(/0\.04 % is 10× below 0\.4 % in the bundled table \(dated 2026-09-16/);
  });

  it('the real answers of every live venue stay within the bounds of the tables they replace', async () => {
    const s = setup(recordedRoute);
    for (const [venue, symbol] of [['bybit', 'BTCUSDT'], ['okx', 'BTC-USDT-SWAP'], ['gate', 'BTC_USDT'], ['bitget', 'BTCUSDT'], ['hyperliquid', 'BTC'], ['binance-usdm', 'BTCUSDT'], ['binance-usdm', 'ETHUSDT']] as const) {
      await s.market.tierTable(venue, symbol);
      await s.settle();
      const { table, note } = await s.market.tierTable(venue, symbol);
      expect(note.lastError, `${venue} ${symbol}`).toBeNull();
      expect(table?.source, `${venue} ${symbol}`).toBe('live');
    }
  });
});

describe('offline', () => {
  it('assesses a Binance BTCUSDT position from the bundled table and says its date', async () => {
    const s = setup(() => new TypeError('Failed to fetch'));
    const { table, note } = await s.market.tierTable('binance-usdm', 'BTCUSDT');
    expect(table).toMatchObject({ source: 'bundled', capturedAt: '2026-09-16', basis: 'notional' });
    expect(note.age).toMatchObject({ level: 'caveat', ageDays: '67' });
    expect(note.message).toContain('2026-09-16');
    expect(await s.market.volatility('binance-usdm', 'BTCUSDT')).toBeNull();
    const r = assess(btcLong('binance-usdm', 'BTCUSDT'), { tiers: table!, now: new Date(T0).toISOString() });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    // (margin − Q·EP + cum) / (Q·mmr − Q) with the 0–300k bracket (0.4 %, cum 0): (4850 − 97000 + 0) / −0.996.
    expect(r.assessment.liquidationPrice?.startsWith('92520.080321285140562248')).toBe(true);
    expect(r.assessment.tierTable).toMatchObject({ source: 'bundled', capturedAt: '2026-09-16', ageDays: '67' });
    // 67 days old: past 30 days, a warning the trader sees (not yet the 180-day 'very likely changed' one).
    expect(r.assessment.warnings.map((w) => w.code)).toContain('tier-table-age');
    expect(r.assessment.touchProbability24h).toBeNull();
  });

  it("COIN-M: a quarterly contract uses its pair's quarterly table, never the perpetual's looser one", async () => {
    const s = setup(() => new Error('offline'));
    const { table, note } = await s.market.tierTable('binance-coinm', 'BTCUSD_261225');
    expect(table).toMatchObject({ source: 'bundled', basis: 'coin-notional', capturedAt: '2026-09-17', symbol: 'BTCUSD_261225' });
    expect(table?.tiers[0]).toMatchObject({ cap: '10', maintenanceMarginRate: '0.01', maxLeverage: '50' });
    expect(note.details.join(' ')).toContain('BTCUSD_QUARTERLY');
    expect((await s.market.tierTable('binance-coinm', 'BTCUSD_PERP')).table?.tiers[0]).toMatchObject({ cap: '5', maintenanceMarginRate: '0.004' });
    // A pair with no bundled quarterly table gets none, rather than its perpetual's.
    expect((await s.market.tierTable('binance-coinm', 'SOLUSD_260925')).table).toBeNull();
  });

  it('offline: venues with a documented schedule use it while the live one is tried, MEXC gets an honest "none"', async () => {
    const s = setup(() => new Error('offline'));
    expect((await s.market.tierTable('kraken-futures', 'PI_XBTUSD')).table?.source).toBe('venue-default');
    expect((await s.market.tierTable('phemex', 'BTCUSD')).note.capturedAt).toBe('2022-11-03');
    const mexc = await s.market.tierTable('mexc', 'BTC_USDT');
    expect(mexc.table).toBeNull();
    expect(mexc.note.message).toMatch(/MEXC/);
    expect(mexc.note.message).toContain('Enter the maintenance rate from the venue’s risk-limit page in LiqGuard’s popup');
    await s.settle();
    expect(s.calls.map((u) => new URL(u).hostname).sort()).toEqual(['contract.mexc.com', 'futures.kraken.com']);
  });
});

describe('volatility', () => {
  const closesFor = (n: number, size: string) => Array.from({ length: n }, (_, i) => (i % 2 ? '100' : String(100 * Math.exp(Number(size)))));
  it('measures sigma from hourly and daily candles and hands the engine a touch probability', async () => {
    const hourStart = T0 - 200 * H;
    const dayStart = T0 - 40 * 24 * H;
    const s = setup((url, body) => {
      if (url.includes('interval=1h')) return candleResponse('binance-usdm', closesFor(200, '0.01'), hourStart, H);
      if (url.includes('interval=1d')) return candleResponse('binance-usdm', closesFor(40, '0.02'), dayStart, 24 * H);
      return recordedRoute(url, body);
    });
    const vol = await s.market.volatility('binance-usdm', 'BTCUSDT');
    expect(vol).not.toBeNull();
    // Hourly ±1 % → 4.9 %/day beats daily ±2 %: the larger is reported.
    expect(Number(vol!.sigmaDaily)).toBeCloseTo(0.01 * Math.sqrt(24), 4);
    expect(vol!.window).toMatch(/hourly/);
    const r = assess(btcLong('binance-usdm', 'BTCUSDT'), { tiers: (await s.market.tierTable('binance-usdm', 'BTCUSDT')).table!, now: new Date(T0).toISOString(), volatility: vol! });
    expect(r.ok && r.assessment.touchProbability24h?.model).toMatch(/log-normal/);
    // Cached for the hour: no new candle requests.
    const before = s.calls.length;
    await s.market.volatility('binance-usdm', 'BTCUSDT');
    expect(s.calls.length).toBe(before);
  });

  it.each(['bybit', 'okx', 'gate', 'bitget', 'hyperliquid'] as const)('%s candles parse into a sigma', async (venue) => {
    const symbol = { bybit: 'BTCUSDT', okx: 'BTC-USDT-SWAP', gate: 'BTC_USDT', bitget: 'BTCUSDT', hyperliquid: 'BTC' }[venue];
    const s = setup((url, body) => {
      const daily = /interval=1d|bar=1Dutc|interval=D|granularity=1D|"interval":"1d"/.test(url + (body ?? ''));
      return daily ? candleResponse(venue, closesFor(40, '0.02'), T0 - 40 * 24 * H, 24 * H) : candleResponse(venue, closesFor(200, '0.01'), T0 - 200 * H, H);
    });
    const vol = await s.market.volatility(venue, symbol);
    expect(Number(vol?.sigmaDaily)).toBeCloseTo(0.01 * Math.sqrt(24), 4);
  });

  it('has no figure when candles are junk', async () => {
    const s = setup(() => [['x']]);
    expect(await s.market.volatility('binance-usdm', 'BTCUSDT')).toBeNull();
  });
});

describe('fetcher guard', () => {
  it('never requests a host outside the allow-list', async () => {
    const f = fakeFetch(() => ({}));
    const r = await fetchJson(f.fn, { url: 'https://evil.example.com/api', method: 'GET' });
    expect(r).toMatchObject({ ok: false, failure: { kind: 'blocked' } });
    expect(f.calls).toHaveLength(0);
  });
  it('sends no credentials, no referrer, and refuses redirects', async () => {
    let seen: RequestInit | undefined;
    await fetchJson((_u, init) => {
      seen = init;
      return Promise.resolve(new Response('{}'));
    }, { url: 'https://api.bybit.com/v5/market/time', method: 'GET' });
    expect(seen).toMatchObject({ credentials: 'omit', redirect: 'error', referrerPolicy: 'no-referrer' });
  });
});

describe('a request that times out', () => {
  it('the attack as found: a fetch that rejects when its signal aborts (as real fetch does) still reads "No answer within 8 s"', async () => {
    vi.useFakeTimers();
    try {
      const likeRealFetch: FetchLike = (_url, init) =>
        new Promise<Response>((_, reject) => {
          init?.signal?.addEventListener('abort', () => reject(new DOMException('signal is aborted without reason', 'AbortError')));
        });
      const pending = fetchJson(likeRealFetch, { url: 'https://api.bybit.com/v5/market/tickers?category=linear&symbol=BTCUSDT', method: 'GET' });
      await vi.advanceTimersByTimeAsync(8000);
      expect(await pending).toEqual({ ok: false, failure: { kind: 'timeout', message: 'No answer within 8 s.' } });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('values read back from storage', () => {
  it('the attack as found: one corrupt lastError no longer reaches the page; the row says it could not be read and shows the rest', async () => {
    const s = setup(recordedRoute);
    await s.market.tierTable('bybit', 'BTCUSDT');
    await s.settle();
    await s.storage.set('market/v1/status/bybit', { lastAttemptAt: T0, lastSuccessAt: T0, lastError: { at: 12345, venue: 'bybit', message: { nested: true } }, symbols: ['BTCUSDT', 42, '<img src=x>'] });
    const rows = await s.market.diagnostics();
    const bybit = rows.find((r) => r.venue === 'bybit');
    expect(bybit?.lastError).toBeNull();
    expect(bybit?.symbols.map((x) => x.symbol)).toEqual(['BTCUSDT']);
    expect(bybit?.unreadable).toEqual(['The stored last error for bybit could not be read and is not shown.', '2 stored symbol name(s) for bybit could not be read and are not shown.']);
    expect(rows.find((r) => r.venue === 'okx')?.unreadable).toEqual([]);
    // The next error recorded replaces the unreadable one, and the corrupt log entries are dropped.
    await s.storage.set('market/v1/errors', ['junk', { at: 'x' }]);
    await s.market.markPrice('bybit', 'NOPEUSDT');
    const log = (await s.storage.get('market/v1/errors')) as unknown[];
    expect(log).toHaveLength(1);
    expect((await s.market.diagnostics()).find((r) => r.venue === 'bybit')?.lastError).toMatchObject({ what: 'mark', symbol: 'NOPEUSDT' });
  });

  it('a stored spec or volatility that does not hold up is not used; the venue is asked again', async () => {
    const s = setup(recordedRoute);
    await s.storage.set('market/v1/spec/bybit/BTCUSDT', { value: { contractSize: '-1', tickSize: 'NaN' }, fetchedAt: T0, lastAttemptAt: T0, lastError: null });
    const { spec } = await s.market.contractSpec('bybit', 'BTCUSDT');
    expect(spec).toMatchObject({ tickSize: '0.1', contractSize: '1' });
    expect(s.calls.some((u) => u.includes('instruments-info'))).toBe(true);
  });
});

describe("a table the trader pasted from Binance's Leverage & Margin page", () => {
  // BTCUSDT's first two brackets as the page shows them (the 2026-08-02 values of the page's own data).
  const PAGE = 'Tier\tPosition Bracket (Notional Value in USDT)\tMax Leverage\tMaintenance Margin Rate\tMaintenance Amount (USDT)\n1\t0 - 300,000\t150x\t0.40%\t0\n2\t300,000 - 800,000\t100x\t0.50%\t300';

  it('is kept, dated, used instead of the bundled table and named as yours; a newer live table then takes over', async () => {
    const s = setup(() => new Error('offline'));
    const saved = await handleDiagnosticsMessage(s.market, { type: 'market/paste-table', venue: 'binance-usdm', symbol: 'btcusdt', text: PAGE });
    expect(saved).toMatchObject({ ok: true, symbol: 'BTCUSDT', tiers: [{ cap: '300000', maintenanceMarginRate: '0.004' }, { cap: '800000', maintenanceAmount: '300' }], tables: [{ venue: 'binance-usdm', symbol: 'BTCUSDT', tiers: 2, firstRate: '0.004' }] });
    const used = await s.market.tierTable('binance-usdm', 'BTCUSDT');
    expect(used.table).toMatchObject({ source: 'pasted', capturedAt: new Date(T0).toISOString(), tiers: [{ maxLeverage: '150' }, { maxLeverage: '100' }] });
    expect(used.note.message).toContain('Your tier table for binance-usdm BTCUSDT, pasted from Binance');
    // The assessment names it, and its date, like any table.
    const r = assess(btcLong('binance-usdm', 'BTCUSDT', { quantity: '1', leverage: '20' }), { tiers: used.table!, now: new Date(T0).toISOString() });
    expect(r.ok && r.assessment.tierTable).toMatchObject({ source: 'pasted', ageDays: '0' });
    // A day later the venue answers: its live table is newer than the paste and is used; the paste stays kept.
    const online = setup(recordedRoute, { storage: s.storage });
    online.advance(24 * H);
    await online.market.tierTable('binance-usdm', 'BTCUSDT');
    await online.settle();
    const later = await online.market.tierTable('binance-usdm', 'BTCUSDT');
    expect(later.table?.source).toBe('live');
    expect(later.note.details.join(' ')).toContain('Your pasted table');
    expect(await online.market.pastedTables()).toHaveLength(1);
  });

  it('a paste that does not hold up is refused with the reason, and nothing is kept', async () => {
    const s = setup(() => new Error('offline'));
    const r = await handleDiagnosticsMessage(s.market, { type: 'market/paste-table', venue: 'binance-usdm', symbol: 'BTCUSDT', text: PAGE.replace('0.50%\t300', '0.50%\t3000') });
    expect(r).toMatchObject({ ok: false, error: expect.stringContaining('does not keep margin continuous') });
    expect(await s.market.pastedTables()).toEqual([]);
    expect((await s.market.tierTable('binance-usdm', 'BTCUSDT')).table?.source).toBe('bundled');
  });

  it('a stored paste that was tampered with is not used; forgetting one goes back to the bundled table', async () => {
    const s = setup(() => new Error('offline'));
    await s.market.pasteTable('binance-usdm', 'BTCUSDT', PAGE);
    const stored = (await s.storage.get('market/v1/pasted/binance-usdm/BTCUSDT')) as { tiers: { maintenanceMarginRate: string }[] };
    stored.tiers[0]!.maintenanceMarginRate = '0.00004';
    await s.storage.set('market/v1/pasted/binance-usdm/BTCUSDT', stored);
    expect((await s.market.tierTable('binance-usdm', 'BTCUSDT')).table?.source).toBe('bundled');
    await s.market.pasteTable('binance-usdm', 'BTCUSDT', PAGE);
    expect((await s.market.tierTable('binance-usdm', 'BTCUSDT')).table?.source).toBe('pasted');
    const after = await handleDiagnosticsMessage(s.market, { type: 'market/forget-table', venue: 'binance-usdm', symbol: 'BTCUSDT' });
    expect(after).toEqual({ ok: true, tables: [] });
    expect((await s.market.tierTable('binance-usdm', 'BTCUSDT')).table?.source).toBe('bundled');
  });

  it('refuses pastes for other venues and oversized text before reading them', () => {
    const s = setup(recordedRoute);
    expect(handleDiagnosticsMessage(s.market, { type: 'market/paste-table', venue: 'bybit', symbol: 'BTCUSDT', text: PAGE })).toBeUndefined();
    expect(handleDiagnosticsMessage(s.market, { type: 'market/paste-table', venue: 'binance-usdm', symbol: 'BTCUSDT', text: 'x'.repeat(20_001) })).toBeUndefined();
  });
});

describe('one symbol asked at every keystroke', () => {
  it('gives the same frozen answer again without reading storage, until the service writes or two seconds pass', async () => {
    const s = setup(() => new Error('offline'));
    // The first answers fetch (and fail, offline) and record that: writes, after which the answers are looked up again.
    const first = await s.market.tierTable('binance-usdm', 'BTCUSDT');
    await s.market.contractSpec('binance-usdm', 'BTCUSDT');
    await s.settle();
    const [a, spec] = [await s.market.tierTable('binance-usdm', 'BTCUSDT'), await s.market.contractSpec('binance-usdm', 'BTCUSDT')];
    let reads = 0;
    const get = s.storage.get;
    s.storage.get = (k) => (reads++, get(k));
    for (let keystroke = 0; keystroke < 5; keystroke++) {
      expect(await s.market.tierTable('binance-usdm', 'BTCUSDT')).toBe(a);
      expect(await s.market.contractSpec('binance-usdm', 'BTCUSDT')).toBe(spec);
    }
    expect(reads).toBe(0);
    expect(Object.isFrozen(a.table?.tiers[0])).toBe(true);
    expect(() => a.table?.tiers.splice(0)).toThrow(TypeError);
    expect(a.table).toEqual(first.table);
    // A paste is a write of the service: the next answer reads storage again, and it is the pasted table.
    await s.market.pasteTable('binance-usdm', 'BTCUSDT', 'Tier\tPosition Bracket (Notional Value in USDT)\tMax Leverage\tMaintenance Margin Rate\tMaintenance Amount (USDT)\n1\t0 - 300,000\t150x\t0.40%\t0\n2\t300,000 - 800,000\t100x\t0.50%\t300');
    const pasted = await s.market.tierTable('binance-usdm', 'BTCUSDT');
    expect(pasted.table?.source).toBe('pasted');
    expect(await s.market.tierTable('binance-usdm', 'BTCUSDT')).toBe(pasted);
    // Two seconds on, the answer is looked up again (the same content, a new object).
    s.advance(2000);
    const later = await s.market.tierTable('binance-usdm', 'BTCUSDT');
    expect(later).not.toBe(pasted);
    expect(later).toEqual(pasted);
  });
});

describe('diagnostics messages', () => {
  it('lists every venue with source, bundled date and last error; refresh reports per symbol', async () => {
    const s = setup(recordedRoute);
    await s.market.tierTable('bybit', 'BTCUSDT');
    const d = await handleDiagnosticsMessage(s.market, { type: 'market/diagnostics' });
    if (!d || !d.ok || !('rows' in d)) throw new Error('no diagnostics');
    expect(d.rows.map((r) => r.venue)).toContain('kraken-futures');
    expect(d.rows.find((r) => r.venue === 'binance-usdm')).toMatchObject({ tierSource: 'live', bundled: { capturedAt: '2026-09-16', symbols: 961 } });
    expect(d.rows.find((r) => r.venue === 'bybit')?.symbols[0]).toMatchObject({ symbol: 'BTCUSDT', source: 'live', ageLevel: 'fresh' });
    const refresh = await handleDiagnosticsMessage(s.market, { type: 'market/refresh', venue: 'okx' });
    expect(refresh && refresh.ok && 'reports' in refresh ? refresh.reports[0] : null).toMatchObject({ venue: 'okx', symbols: [{ symbol: 'BTC-USDT-SWAP', ok: true }] });
  });
  it('ignores other messages and unknown venues', () => {
    const s = setup(recordedRoute);
    expect(handleDiagnosticsMessage(s.market, { type: 'other' })).toBeUndefined();
    expect(handleDiagnosticsMessage(s.market, { type: 'market/refresh', venue: 'evil.example' })).toBeUndefined();
    expect(handleDiagnosticsMessage(s.market, null)).toBeUndefined();
  });
});
