/**
 * Market data for the background: tier tables, contract specs, mark prices and volatility per venue and
 * symbol, each with where it came from and how old it is.
 *
 * Policy
 * - Tier tables and specs: a live copy is refreshed at most once a day per symbol, when the symbol is first
 *   needed (stale-while-revalidate: the best table we already have is returned at once and the refresh runs
 *   in the background). Only when there is nothing at all to return does a call wait for the venue, and
 *   never longer than the fetch deadline (8 s).
 * - Best table, in order: a valid live copy (any age), the bundled snapshot, the venue's documented default.
 * - Every response is validated before it is stored. A failure of any kind keeps the last good copy and is
 *   recorded (per venue, with time and URL) for the diagnostics page. After a failure the same key is not
 *   retried for an hour unless the trader presses "refresh now".
 * - Stored copies are re-validated when read back: storage is not trusted more than the network.
 * - Mark prices live in memory only (seconds matter): fresh for 10 s, usable with their time for 30 s while
 *   a new one is fetched, one request per symbol at a time, and none for 15 s after a failure.
 */
import * as v from 'valibot';
import type { TierTable, VenueId } from '../../core/engine/types';
import { POSITIVE, readDecimal } from '../../core/market/numbers';
import { REFRESH_AFTER_MS, tableAge, type TableAge } from '../../core/market/staleness';
import { PASTED_TABLE_VENUES, parsePastedTable, type PastedTableVenue } from '../../core/market/pasted-table';
import { BUNDLED_FOR, CANDLE_SOURCES, MARK_SOURCES, SPEC_SOURCES, TIER_SOURCES, closedCandles, type HttpRequest, type LiveSource } from '../../core/market/sources';
import { parseSnapshot, snapshotTable, type SnapshotName, type TierSnapshot } from '../../core/market/snapshot-format';
import { tierTableProblems } from '../../core/market/tier-checks';
import { tierJump, type TierReference } from '../../core/market/tier-jump';
import type { Candle, CandleInterval, ContractSpec, MarkPrice, ParseResult, VolatilityEstimate } from '../../core/market/types';
import { NO_DEFAULT_REASON, venueDefault } from '../../core/market/venue-defaults';
import { realizedVolatility } from '../../core/market/volatility';
import { absentEntry, bundledCacheKey, readBundledCache, tableEntry } from './bundled-cache';
import { DEFAULT_TIMEOUT_MS, fetchJson, type FetchLike, type FetchOutcome } from './fetcher';
import type { KeyValueStore } from './store';

export const MARKET_VENUES: readonly VenueId[] = [
  'binance-usdm',
  'binance-coinm',
  'bybit',
  'okx',
  'bitget',
  'gate',
  'hyperliquid',
  'phemex',
  'bitmex',
  'deribit',
  'kraken-futures',
  'mexc',
  'generic',
];

/** The symbol "refresh now" checks for a venue nobody has asked about yet. */
export const PROBE_SYMBOL: Partial<Record<VenueId, string>> = {
  'binance-usdm': 'BTCUSDT',
  'binance-coinm': 'BTCUSD_PERP',
  bybit: 'BTCUSDT',
  okx: 'BTC-USDT-SWAP',
  gate: 'BTC_USDT',
  bitget: 'BTCUSDT',
  hyperliquid: 'BTC',
  mexc: 'BTC_USDT',
  deribit: 'BTC-PERPETUAL',
  'kraken-futures': 'PI_XBTUSD',
};

const RETRY_AFTER_FAILURE_MS = 60 * 60 * 1000;
const VOLATILITY_FRESH_MS = 60 * 60 * 1000;
const VOLATILITY_USABLE_MS = 6 * 60 * 60 * 1000;
// A mark price younger than this is used as it is; up to MARK_USABLE_MS it is still used, with its time,
// while a fresh one is fetched for the next keystroke (typing must not wait for the venue every 10 s).
const MARK_FRESH_MS = 10 * 1000;
const MARK_USABLE_MS = 30 * 1000;
// After a failed mark fetch, the venue is not asked again for this long: a blocked or failing endpoint
// would otherwise cost a request, and its wait, on every keystroke.
const MARK_RETRY_MS = 15 * 1000;
const ERROR_LOG_SIZE = 30;
// A whole-venue answer (Hyperliquid's meta, Binance's brackets for every symbol) serves the next symbols asked
// about for this long instead of downloading the same megabyte again; each symbol is still parsed and checked.
const SHARED_ANSWER_MS = 10 * 60 * 1000;
// A symbol's tier table, contract spec and volatility answer is given again, the very same (frozen) objects,
// for this long unless the service wrote to storage meanwhile: a keystroke cannot change them, and each
// lookup reads and checks stored entries (a whole tier table with its tiers, the spec, the venue's status)
// and copies them. What depends on the clock alone (a refresh falling due, the table's age in days) is at
// most this late.
const ANSWER_MEMO_MS = 2000;
const KEY = 'market/v1';

export interface MarketDataDeps {
  storage: KeyValueStore;
  fetch: FetchLike;
  now: () => number;
  /** Returns the parsed JSON of a bundled snapshot file. Called at most once per file (then memoised). */
  loadBundled: (name: SnapshotName) => Promise<unknown>;
  /**
   * Names each packaged snapshot file (the extension version and the file's content-hashed URL). When given,
   * each symbol's bundled answer is also kept in `storage` under that name (bundled-cache.ts), so a restarted
   * worker reads one small entry instead of loading and validating the whole file again.
   */
  bundledFileId?: (name: SnapshotName) => string;
  timeoutMs?: number;
  /** Receives background refreshes (a waitUntil-like hook). Default: run unawaited; errors are always caught. */
  background?: (work: Promise<unknown>) => void;
}

export type RefreshState = 'fresh' | 'refreshing' | 'failed' | 'not-available';

/** Says which table an answer used, from where, how old, and what went wrong getting a better one. */
export interface TableNote {
  source: TierTable['source'] | 'none';
  capturedAt: string | null;
  age: TableAge;
  refresh: RefreshState;
  lastError: string | null;
  message: string;
  /** Provenance and caveats of bundled and default tables. */
  details: string[];
  confidence: 'high' | 'medium' | 'low' | null;
}

export interface TierAnswer {
  table: TierTable | null;
  note: TableNote;
}

export interface DataNote {
  source: 'live' | 'none';
  fetchedAt: string | null;
  lastError: string | null;
  message: string;
}

export interface ErrorRecord {
  at: string;
  venue: VenueId;
  symbol: string;
  what: 'tiers' | 'spec' | 'mark' | 'candles';
  kind: string;
  message: string;
  url: string | null;
}

export interface DiagnosticsSymbolRow {
  symbol: string;
  source: TableNote['source'];
  capturedAt: string | null;
  ageDays: string | null;
  ageLevel: TableAge['level'];
  lastError: string | null;
}

export interface DiagnosticsRow {
  venue: VenueId;
  /** Where this venue's tier tables come from when all is well. */
  tierSource: 'live' | 'bundled' | 'venue-default' | 'none';
  liveEndpoints: string[];
  bundled: { name: SnapshotName; capturedAt: string | null; symbols: number | null; error: string | null } | null;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastError: ErrorRecord | null;
  symbols: DiagnosticsSymbolRow[];
  /** Stored entries that could not be read back: said, not shown. */
  unreadable: string[];
  note: string;
}

export interface RefreshReport {
  venue: VenueId;
  symbols: { symbol: string; ok: boolean; errors: string[] }[];
}

/** A table the trader pasted, as the diagnostics page lists it. */
export interface PastedTableRow {
  venue: PastedTableVenue;
  symbol: string;
  pastedAt: string;
  tiers: number;
  firstRate: string;
}

export type PasteResult = { ok: true; table: TierTable } | { ok: false; error: string };

export interface MarketData {
  tierTable(venue: VenueId, symbol: string): Promise<TierAnswer>;
  /** Reads, checks and keeps the trader's copy of a venue's "Leverage & Margin" table (pasted-table.ts). */
  pasteTable(venue: PastedTableVenue, symbol: string, text: string): Promise<PasteResult>;
  forgetPastedTable(venue: PastedTableVenue, symbol: string): Promise<void>;
  pastedTables(): Promise<PastedTableRow[]>;
  contractSpec(venue: VenueId, symbol: string): Promise<{ spec: ContractSpec | null; note: DataNote }>;
  markPrice(venue: VenueId, symbol: string): Promise<{ mark: MarkPrice | null; note: DataNote }>;
  volatility(venue: VenueId, symbol: string): Promise<VolatilityEstimate | null>;
  diagnostics(): Promise<DiagnosticsRow[]>;
  refreshNow(venue?: VenueId): Promise<RefreshReport[]>;
}

interface Entry<T> {
  value: T | null;
  fetchedAt: number | null;
  lastAttemptAt: number | null;
  lastError: string | null;
  /**
   * Set on every stored copy when a new LiqGuard version first runs (src/background/upgrade.ts): the
   * copy is still served, but fetched again at its next use whatever its age, because it was parsed by
   * the previous version's code. Cleared by the next successful fetch.
   */
  revalidate?: boolean;
}

interface VenueStatus {
  lastAttemptAt: number | null;
  lastSuccessAt: number | null;
  lastError: ErrorRecord | null;
  /** Symbols asked about recently, newest first: what "refresh now" refreshes. */
  symbols: string[];
  /** What was stored for this venue but could not be read back (said on the diagnostics page, never shown raw). */
  unreadable: string[];
}

type BundledAnswer = { table: TierTable; details: string[]; candidate: string } | { error: string } | null;

const emptyEntry = <T>(): Entry<T> => ({ value: null, fetchedAt: null, lastAttemptAt: null, lastError: null });

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function readEntry<T>(raw: unknown, check: (v: unknown) => v is T): Entry<T> {
  if (!isRecord(raw)) return emptyEntry();
  const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
  const value = check(raw['value']) ? raw['value'] : null;
  return {
    value,
    // A stored value that does not hold up counts as never fetched, so the venue is asked again.
    fetchedAt: value === null && raw['value'] !== undefined && raw['value'] !== null ? null : num(raw['fetchedAt']),
    lastAttemptAt: num(raw['lastAttemptAt']),
    lastError: typeof raw['lastError'] === 'string' ? raw['lastError'].slice(0, 1000) : null,
    ...(raw['revalidate'] === true ? { revalidate: true } : {}),
  };
}

/** A pasted table read back from storage: checked again like any stored table, else treated as absent. */
function isPastedTable(venue: VenueId, symbol: string) {
  return (x: unknown): x is TierTable =>
    isRecord(x) &&
    x['venue'] === venue &&
    x['symbol'] === symbol &&
    x['source'] === 'pasted' &&
    typeof x['capturedAt'] === 'string' &&
    Number.isFinite(Date.parse(x['capturedAt'])) &&
    Array.isArray(x['tiers']) &&
    tierTableProblems(x as unknown as TierTable, { cumulativeAmounts: true }).length === 0;
}

const isPastedVenue = (venue: VenueId): venue is PastedTableVenue => (PASTED_TABLE_VENUES as readonly string[]).includes(venue);
const PASTED_SYMBOLS_MAX = 50;

function isLiveTable(venue: VenueId, symbol: string) {
  return (x: unknown): x is TierTable =>
    isRecord(x) &&
    x['venue'] === venue &&
    x['symbol'] === symbol &&
    x['source'] === 'live' &&
    Array.isArray(x['tiers']) &&
    tierTableProblems(x as unknown as TierTable).length === 0;
}

// Storage is not trusted more than the network: everything read back is checked field by field, and what
// fails is treated as absent (and said so on the diagnostics page) instead of reaching a screen.
const Positive = v.pipe(v.string(), v.maxLength(60), v.check((x) => readDecimal(x, POSITIVE) !== null));
const ShortText = (max: number) => v.pipe(v.string(), v.maxLength(max));
const IsoText = v.pipe(v.string(), v.maxLength(40), v.check((x) => Number.isFinite(Date.parse(x))));
const StoredSpec = v.object({
  venue: v.picklist(MARKET_VENUES),
  symbol: ShortText(40),
  contract: v.picklist(['linear', 'inverse']),
  contractSize: Positive,
  tickSize: Positive,
  lotSize: v.nullable(Positive),
  maxLeverage: v.nullable(Positive),
  priceRule: v.optional(v.object({ significantFigures: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(15)), maxDecimals: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(12)) })),
  source: v.literal('live'),
  capturedAt: IsoText,
  url: ShortText(500),
});
const StoredVol = v.object({ sigmaDaily: Positive, source: ShortText(200), window: ShortText(200) });
const StoredError = v.object({
  at: IsoText,
  venue: v.picklist(MARKET_VENUES),
  symbol: ShortText(40),
  what: v.picklist(['tiers', 'spec', 'mark', 'candles']),
  kind: ShortText(40),
  message: ShortText(1000),
  url: v.nullable(ShortText(1000)),
});
const isSpec = (x: unknown): x is ContractSpec => v.is(StoredSpec, x);
const isVol = (x: unknown): x is VolatilityEstimate => v.is(StoredVol, x);
const isErrorRecord = (x: unknown): x is ErrorRecord => v.is(StoredError, x);
const SYMBOL_TEXT = /^[A-Za-z0-9_.:-]{1,40}$/;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/**
 * Binance COIN-M quarterlies have brackets of their own, stricter than the perpetual's: a quarterly uses its
 * pair's bundled QUARTERLY table (scripts/data-snapshot.ts), never the perpetual's.
 */
function bundledSymbolCandidates(venue: VenueId, symbol: string): string[] {
  if (venue !== 'binance-coinm') return [symbol];
  const m = /^([A-Z0-9]+USD)_\d{6}$/.exec(symbol);
  return m ? [symbol, `${m[1]}_QUARTERLY`] : [symbol];
}

/** Freezes a JSON-like answer through and through, so one given to several callers cannot be changed by any. */
function frozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) frozen(v);
    Object.freeze(value);
  }
  return value;
}

export function createMarketData(given: MarketDataDeps): MarketData {
  /** Raised at the start and the end of every write of this service: a memoised answer from before is not used again. */
  let generation = 0;
  const deps: MarketDataDeps = {
    ...given,
    storage: {
      get: (k) => given.storage.get(k),
      set(k, value) {
        generation++;
        return given.storage.set(k, value).finally(() => generation++);
      },
    },
  };
  const answers = new Map<string, { generation: number; at: number; answer: Promise<unknown> }>();
  /** `look()`'s answer, or the same answer as the last call's while no write came between and it is younger than ANSWER_MEMO_MS. */
  function memoised<T>(k: string, look: () => Promise<T>): Promise<T> {
    const now = deps.now();
    const hit = answers.get(k);
    if (hit && hit.generation === generation && now >= hit.at && now - hit.at < ANSWER_MEMO_MS) return hit.answer as Promise<T>;
    const answer = look().then(frozen);
    answers.set(k, { generation, at: now, answer });
    return answer;
  }
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const inFlight = new Map<string, Promise<void>>();
  const bundles = new Map<SnapshotName, Promise<ParseResult<TierSnapshot>>>();
  /** Each symbol's bundled answer, once per worker: later calls need neither storage nor the file. */
  const bundledAnswers = new Map<string, Promise<BundledAnswer>>();
  const marks = new Map<string, { mark: MarkPrice; at: number }>();
  const markFailures = new Map<string, { at: number; message: string }>();
  const markFetches = new Map<string, Promise<{ mark: MarkPrice | null; note: DataNote }>>();
  const sharedAnswers = new Map<string, { at: number; json: unknown; fetching?: Promise<FetchOutcome> }>();
  const runInBackground = (work: Promise<unknown>): void => {
    const safe = work.catch(() => undefined);
    if (deps.background) deps.background(safe);
  };

  // ---- storage helpers ------------------------------------------------------------------------------

  const key = (kind: string, venue: VenueId, symbol: string) => `${KEY}/${kind}/${venue}/${symbol}`;

  async function status(venue: VenueId): Promise<VenueStatus> {
    const raw = await deps.storage.get(`${KEY}/status/${venue}`);
    const r = isRecord(raw) ? raw : {};
    const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
    const unreadable: string[] = [];
    const storedError = r['lastError'];
    const lastError = isErrorRecord(storedError) ? storedError : null;
    if (storedError !== undefined && storedError !== null && lastError === null) unreadable.push(`The stored last error for ${venue} could not be read and is not shown.`);
    const storedSymbols = Array.isArray(r['symbols']) ? r['symbols'] : [];
    const symbols = storedSymbols.filter((x): x is string => typeof x === 'string' && SYMBOL_TEXT.test(x)).slice(0, 20);
    if (symbols.length < Math.min(storedSymbols.length, 20)) unreadable.push(`${Math.min(storedSymbols.length, 20) - symbols.length} stored symbol name(s) for ${venue} could not be read and are not shown.`);
    return { lastAttemptAt: num(r['lastAttemptAt']), lastSuccessAt: num(r['lastSuccessAt']), lastError, symbols, unreadable };
  }

  async function updateStatus(venue: VenueId, change: (s: VenueStatus) => void): Promise<void> {
    const s = await status(venue);
    change(s);
    const { unreadable: _unreadable, ...stored } = s;
    await deps.storage.set(`${KEY}/status/${venue}`, stored);
  }

  async function remember(venue: VenueId, symbol: string): Promise<void> {
    const s = await status(venue);
    if (s.symbols[0] === symbol) return;
    await updateStatus(venue, (st) => {
      st.symbols = [symbol, ...st.symbols.filter((x) => x !== symbol)].slice(0, 20);
    });
  }

  async function recordError(err: Omit<ErrorRecord, 'at'>): Promise<void> {
    const record: ErrorRecord = { ...err, at: new Date(deps.now()).toISOString() };
    await updateStatus(err.venue, (s) => {
      s.lastAttemptAt = deps.now();
      s.lastError = record;
    });
    const raw = await deps.storage.get(`${KEY}/errors`);
    const log = Array.isArray(raw) ? raw.filter(isErrorRecord).slice(0, ERROR_LOG_SIZE - 1) : [];
    await deps.storage.set(`${KEY}/errors`, [record, ...log]);
  }

  async function recordSuccess(venue: VenueId): Promise<void> {
    await updateStatus(venue, (s) => {
      s.lastAttemptAt = deps.now();
      s.lastSuccessAt = deps.now();
    });
  }

  // ---- one live fetch, stored on success, recorded on failure ----------------------------------------

  async function fetchInto<T>(
    what: ErrorRecord['what'],
    kind: string,
    venue: VenueId,
    symbol: string,
    source: LiveSource<T>,
    check: (v: unknown) => v is T,
    /** Why a value that passed its checks must still not replace `previous` (the last good copy), or null. */
    holdBack?: (value: T, previous: T | null) => string | null,
  ): Promise<void> {
    const k = key(kind, venue, symbol);
    const running = inFlight.get(k);
    if (running) return running;
    const job = (async () => {
      const entry = readEntry(await deps.storage.get(k), check);
      const started = deps.now();
      entry.lastAttemptAt = started;
      const req = source.request(symbol, started);
      let error: { kind: string; message: string; url: string | null } | null = null;
      if (!req.ok) error = { kind: 'unsupported', message: req.error, url: null };
      else {
        const res = await fetchShared(req.value);
        if (!res.ok) error = { kind: res.failure.kind, message: res.failure.message, url: req.value.url };
        else {
          const fetchedAt = new Date(deps.now()).toISOString();
          const parsed = source.parse(res.json, { venue, symbol, url: req.value.url, fetchedAt });
          const held = parsed.ok && check(parsed.value) ? (holdBack?.(parsed.value, entry.value) ?? null) : null;
          if (!parsed.ok) error = { kind: 'invalid', message: parsed.error, url: req.value.url };
          else if (!check(parsed.value)) error = { kind: 'invalid', message: 'The parsed data failed its final check.', url: req.value.url };
          else if (held) error = { kind: 'held-back', message: held, url: req.value.url };
          else {
            entry.value = parsed.value;
            entry.fetchedAt = deps.now();
            entry.lastError = null;
            delete entry.revalidate;
          }
        }
      }
      if (error) {
        entry.lastError = error.message;
        await recordError({ venue, symbol, what, kind: error.kind, message: error.message, url: error.url });
      } else {
        await recordSuccess(venue);
      }
      await deps.storage.set(k, entry);
    })().finally(() => inFlight.delete(k));
    inFlight.set(k, job);
    return job;
  }

  /** One fetch, or for a whole-venue answer the recent one (and one request at a time). */
  function fetchShared(req: HttpRequest): Promise<FetchOutcome> {
    if (!req.shared) return fetchJson(deps.fetch, req, timeoutMs);
    const k = `${req.method} ${req.url} ${req.body ?? ''}`;
    const hit = sharedAnswers.get(k);
    if (hit?.fetching) return hit.fetching;
    if (hit && deps.now() - hit.at < SHARED_ANSWER_MS) return Promise.resolve({ ok: true, json: hit.json });
    const fetching = fetchJson(deps.fetch, req, timeoutMs).then((res) => {
      if (res.ok) sharedAnswers.set(k, { at: deps.now(), json: res.json });
      else sharedAnswers.delete(k);
      return res;
    });
    sharedAnswers.set(k, { at: hit?.at ?? 0, json: hit?.json, fetching });
    return fetching;
  }

  /** True when a live copy should be fetched now: none or older than a day, and no failure in the last hour. */
  function due(entry: Entry<unknown>, maxAgeMs: number): boolean {
    const now = deps.now();
    if (entry.fetchedAt !== null && now - entry.fetchedAt < maxAgeMs && !entry.revalidate) return false;
    if (entry.lastError !== null && entry.lastAttemptAt !== null && now - entry.lastAttemptAt < RETRY_AFTER_FAILURE_MS) return false;
    return true;
  }

  // ---- bundled snapshots ---------------------------------------------------------------------------

  function bundle(name: SnapshotName): Promise<ParseResult<TierSnapshot>> {
    let p = bundles.get(name);
    if (!p) {
      p = deps
        .loadBundled(name)
        .then((json) => parseSnapshot(json))
        .catch((e: unknown) => ({ ok: false as const, error: `Could not load the bundled ${name} snapshot: ${e instanceof Error ? e.message : 'unknown error'}.` }));
      bundles.set(name, p);
    }
    return p;
  }

  /** A symbol's bundled table from a snapshot: the whole file, or a cached excerpt of it (same code, same table). */
  function fromSnapshot(snap: TierSnapshot, venue: VenueId, symbol: string): BundledAnswer {
    for (const candidate of bundledSymbolCandidates(venue, symbol)) {
      const t = snapshotTable(snap, candidate);
      if (t.ok) {
        const details = [snap.provenance, ...snap.notes];
        if (candidate !== symbol) details.unshift(`No bundled table names ${symbol}: the bundled ${candidate} table (the brackets every quarterly of the pair had when recorded) is used for it.`);
        return { table: { ...t.value, symbol }, details, candidate };
      }
      if (!t.error.includes('has no')) return { error: t.error };
    }
    return null;
  }

  /** The cached excerpt when there is a good one; otherwise the whole file, whose answer is then cached. */
  async function lookUpBundled(name: SnapshotName, venue: VenueId, symbol: string): Promise<BundledAnswer> {
    const file = deps.bundledFileId?.(name);
    const k = bundledCacheKey(venue, symbol);
    if (file) {
      const cached = readBundledCache(await deps.storage.get(k).catch(() => undefined), file, name, bundledSymbolCandidates(venue, symbol));
      if (cached.kind === 'absent') return null;
      if (cached.kind === 'excerpt') {
        const answer = fromSnapshot(cached.snapshot, venue, symbol);
        // An excerpt whose tiers fail their checks is a miss: the file decides, and its answer replaces the entry.
        if (answer && 'table' in answer) return answer;
      }
    }
    const snap = await bundle(name);
    if (!snap.ok) return { error: snap.error };
    const answer = fromSnapshot(snap.value, venue, symbol);
    // Errors are not stored: the next worker reads the file again and says what is wrong with it.
    if (file && (answer === null || 'table' in answer)) {
      runInBackground(deps.storage.set(k, answer ? tableEntry(file, snap.value, answer.candidate) : absentEntry(file)));
    }
    return answer;
  }

  async function bundledTable(venue: VenueId, symbol: string): Promise<BundledAnswer> {
    const name = BUNDLED_FOR[venue];
    if (!name) return null;
    const mk = `${venue}/${symbol}`;
    let p = bundledAnswers.get(mk);
    if (!p) {
      p = lookUpBundled(name, venue, symbol);
      bundledAnswers.set(mk, p);
      void p.catch(() => bundledAnswers.delete(mk));
    }
    const answer = await p;
    // Every caller gets its own copy, as when the table was rebuilt for each call.
    return answer && 'table' in answer ? { table: structuredClone(answer.table), details: [...answer.details], candidate: answer.candidate } : answer;
  }

  // ---- notes -----------------------------------------------------------------------------------------

  /** An error message inside parentheses of a sentence: without its own full stop ("(HTTP 404 from …)."). */
  const clause = (message: string): string => message.trim().replace(/[.\s]+$/, '');

  function note(table: TierTable | null, refresh: RefreshState, lastError: string | null, message: string, details: string[], confidence: TableNote['confidence']): TableNote {
    const age = table ? tableAge(table.capturedAt, deps.now()) : tableAge(null, deps.now());
    return { source: table ? table.source : 'none', capturedAt: table ? table.capturedAt : null, age, refresh, lastError, message, details, confidence };
  }

  function describeTable(table: TierTable, age: TableAge): string {
    if (table.source === 'pasted') {
      return `Your tier table for ${table.venue} ${table.symbol}, pasted from Binance's Leverage & Margin page on ${table.capturedAt.slice(0, 10)}. ${age.level === 'fresh' ? '' : age.message}`.trim();
    }
    const kind = table.source === 'live' ? 'Live' : table.source === 'bundled' ? 'Bundled' : table.source === 'venue-default' ? 'Documented default' : 'Override';
    const when = table.capturedAt === 'unknown' ? 'undated' : table.source === 'live' ? `fetched ${table.capturedAt.slice(0, 16).replace('T', ' ')} UTC` : `dated ${table.capturedAt.slice(0, 10)}`;
    return `${kind} tier table for ${table.venue} ${table.symbol}, ${when}. ${age.level === 'fresh' ? '' : age.message}`.trim();
  }

  // ---- public API --------------------------------------------------------------------------------------

  async function tierTable(venue: VenueId, symbol: string): Promise<TierAnswer> {
    try {
      await remember(venue, symbol);
      const live = TIER_SOURCES[venue];
      const k = key('tiers', venue, symbol);
      const check = isLiveTable(venue, symbol);
      let entry = live ? readEntry(await deps.storage.get(k), check) : emptyEntry<TierTable>();
      let refresh: RefreshState = live ? 'fresh' : 'not-available';
      const bundled = await bundledTable(venue, symbol);
      const fallback = bundled && 'table' in bundled ? bundled : null;
      const def = fallback ? null : venueDefault(venue, symbol);

      if (live && due(entry, REFRESH_AFTER_MS)) {
        // The newest table already trusted is what a new one is compared with (tier-jump.ts).
        const trusted = (last: TierTable | null): TierReference | null =>
          last
            ? { table: last, what: `the last good live copy (fetched ${last.capturedAt.slice(0, 10)})` }
            : fallback
              ? { table: fallback.table, what: `the bundled table (dated ${fallback.table.capturedAt.slice(0, 10)})` }
              : def
                ? { table: def.table, what: 'the documented default table' }
                : null;
        const job = fetchInto('tiers', 'tiers', venue, symbol, live, check, (t, last) => tierJump(t, trusted(last)));
        if (entry.value || fallback || def) {
          refresh = 'refreshing';
          runInBackground(job);
        } else {
          await job;
          entry = readEntry(await deps.storage.get(k), check);
        }
      }
      if (live && entry.lastError && refresh !== 'refreshing') refresh = 'failed';
      const lastError = entry.lastError ?? (bundled && 'error' in bundled ? bundled.error : null);

      // The trader's pasted table wins over the bundled one, and over a live copy older than it.
      const pasted = await pastedTable(venue, symbol);
      if (pasted && (!entry.value || Date.parse(pasted.capturedAt) >= Date.parse(entry.value.capturedAt))) {
        const n = note(pasted, refresh, lastError, '', ['Pasted by you; remove it on the diagnostics page to go back to the live or bundled table.'], 'high');
        n.message = describeTable(pasted, n.age);
        return { table: pasted, note: n };
      }
      if (entry.value) {
        const n = note(entry.value, refresh, lastError, '', pasted ? [`Your pasted table (${pasted.capturedAt.slice(0, 10)}) is older than this live one and is not used.`] : [], 'high');
        n.message = describeTable(entry.value, n.age) + (entry.lastError ? ` The latest refresh failed (${clause(entry.lastError)}); this is the last good copy.` : '');
        return { table: entry.value, note: n };
      }
      const failedLive = live && entry.lastError ? ` Live data could not be had (${clause(entry.lastError)}).` : '';
      if (fallback) {
        const n = note(fallback.table, refresh, lastError, '', fallback.details, 'medium');
        n.message = describeTable(fallback.table, n.age) + failedLive;
        return { table: fallback.table, note: n };
      }
      if (def) {
        const n = note(def.table, refresh, lastError, '', def.notes, def.confidence);
        n.message = describeTable(def.table, n.age) + failedLive;
        return { table: def.table, note: n };
      }
      const why =
        NO_DEFAULT_REASON[venue] ??
        (live ? `No tier table for ${venue} ${symbol}: live data could not be had${entry.lastError ? ` (${clause(entry.lastError)})` : ''} and none is bundled.` : `No tier table is bundled or documented for ${venue} ${symbol}.`);
      return { table: null, note: note(null, refresh, lastError, `${why} Enter the maintenance rate from the venue’s risk-limit page in LiqGuard’s popup (This tab) to get a liquidation price.`, [], null) };
    } catch (e) {
      return { table: null, note: note(null, 'failed', e instanceof Error ? e.message : 'unknown error', 'Market data is unavailable because of an internal error.', [], null) };
    }
  }

  async function contractSpec(venue: VenueId, symbol: string): Promise<{ spec: ContractSpec | null; note: DataNote }> {
    const source = SPEC_SOURCES[venue];
    if (!source) return { spec: null, note: { source: 'none', fetchedAt: null, lastError: null, message: `No public contract-spec endpoint is used for ${venue}.` } };
    try {
      const k = key('spec', venue, symbol);
      let entry = readEntry(await deps.storage.get(k), isSpec);
      if (due(entry, REFRESH_AFTER_MS)) {
        const job = fetchInto('spec', 'spec', venue, symbol, source, isSpec);
        if (entry.value) runInBackground(job);
        else {
          await job;
          entry = readEntry(await deps.storage.get(k), isSpec);
        }
      }
      return {
        spec: entry.value,
        note: {
          source: entry.value ? 'live' : 'none',
          fetchedAt: iso(entry.fetchedAt),
          lastError: entry.lastError,
          message: entry.value ? `Contract spec from ${venue}, fetched ${iso(entry.fetchedAt) ?? 'at an unknown time'}.` : `No contract spec for ${venue} ${symbol}${entry.lastError ? `: ${entry.lastError}` : '.'}`,
        },
      };
    } catch (e) {
      return { spec: null, note: { source: 'none', fetchedAt: null, lastError: e instanceof Error ? e.message : 'unknown', message: 'Contract spec unavailable (internal error).' } };
    }
  }

  /**
   * The venue's mark price: from memory while fresh; while merely usable, from memory with its time while
   * a fresh one is fetched; otherwise fetched, one request per symbol at a time. After a failure the venue
   * is left alone for MARK_RETRY_MS and the answer says why there is no mark.
   */
  async function markPrice(venue: VenueId, symbol: string): Promise<{ mark: MarkPrice | null; note: DataNote }> {
    const source = MARK_SOURCES[venue];
    if (!source) return { mark: null, note: { source: 'none', fetchedAt: null, lastError: null, message: `No public mark-price endpoint is used for ${venue}.` } };
    const mk = `${venue}/${symbol}`;
    const cached = marks.get(mk);
    const age = cached ? deps.now() - cached.at : Infinity;
    const fromMemory = (c: { mark: MarkPrice; at: number }) => ({ mark: c.mark, note: { source: 'live' as const, fetchedAt: iso(c.at), lastError: null, message: `Mark price from ${venue} at ${c.mark.at}.` } });
    if (cached && age < MARK_FRESH_MS) return fromMemory(cached);
    const failed = markFailures.get(mk);
    if (failed && deps.now() - failed.at < MARK_RETRY_MS) {
      if (cached && age < MARK_USABLE_MS) return fromMemory(cached);
      return noMark(venue, failed.message);
    }
    let fetching = markFetches.get(mk);
    if (!fetching) {
      fetching = fetchMark(venue, symbol, source).finally(() => markFetches.delete(mk));
      markFetches.set(mk, fetching);
    }
    if (cached && age < MARK_USABLE_MS) {
      runInBackground(fetching);
      return fromMemory(cached);
    }
    return fetching;
  }

  const noMark = (venue: VenueId, why: string) => ({ mark: null, note: { source: 'none' as const, fetchedAt: null, lastError: why, message: `No mark price from ${venue}: ${why}` } });

  async function fetchMark(venue: VenueId, symbol: string, source: LiveSource<MarkPrice>): Promise<{ mark: MarkPrice | null; note: DataNote }> {
    const mk = `${venue}/${symbol}`;
    const req = source.request(symbol, deps.now());
    if (!req.ok) return { mark: null, note: { source: 'none', fetchedAt: null, lastError: req.error, message: req.error } };
    const res = await fetchJson(deps.fetch, req.value, timeoutMs);
    const fail = async (kind: string, message: string) => {
      markFailures.set(mk, { at: deps.now(), message });
      await recordError({ venue, symbol, what: 'mark', kind, message, url: req.value.url }).catch(() => undefined);
      return noMark(venue, message);
    };
    if (!res.ok) return fail(res.failure.kind, res.failure.message);
    const parsed = source.parse(res.json, { venue, symbol, url: req.value.url, fetchedAt: new Date(deps.now()).toISOString() });
    if (!parsed.ok) return fail('invalid', parsed.error);
    markFailures.delete(mk);
    marks.set(mk, { mark: parsed.value, at: deps.now() });
    return { mark: parsed.value, note: { source: 'live', fetchedAt: iso(deps.now()), lastError: null, message: `Mark price from ${venue} at ${parsed.value.at}.` } };
  }

  async function candles(venue: VenueId, symbol: string, interval: CandleInterval): Promise<Candle[] | null> {
    const source = CANDLE_SOURCES[venue];
    if (!source) return null;
    const req = source.request(symbol, interval, deps.now());
    if (!req.ok) return null;
    const res = await fetchJson(deps.fetch, req.value, timeoutMs);
    if (!res.ok) {
      await recordError({ venue, symbol, what: 'candles', kind: res.failure.kind, message: res.failure.message, url: req.value.url });
      return null;
    }
    const parsed = source.parse(res.json);
    if (!parsed.ok) {
      await recordError({ venue, symbol, what: 'candles', kind: 'invalid', message: parsed.error, url: req.value.url });
      return null;
    }
    return closedCandles(parsed.value, interval, deps.now());
  }

  async function volatility(venue: VenueId, symbol: string): Promise<VolatilityEstimate | null> {
    if (!CANDLE_SOURCES[venue]) return null;
    try {
      const k = key('vol', venue, symbol);
      const entry = readEntry(await deps.storage.get(k), isVol);
      const age = entry.fetchedAt === null || entry.revalidate ? Infinity : deps.now() - entry.fetchedAt;
      if (entry.value && age < VOLATILITY_FRESH_MS) return entry.value;
      const recompute = async (): Promise<VolatilityEstimate | null> => {
        const running = inFlight.get(k);
        if (running) {
          await running;
          return readEntry(await deps.storage.get(k), isVol).value;
        }
        let result: VolatilityEstimate | null = null;
        const job = (async () => {
          const [hourly, daily] = await Promise.all([candles(venue, symbol, '1h'), candles(venue, symbol, '1d')]);
          result = realizedVolatility(hourly, daily, `${venue} ${symbol} candles`);
          const next: Entry<VolatilityEstimate> = { value: result ?? entry.value, fetchedAt: result ? deps.now() : entry.fetchedAt, lastAttemptAt: deps.now(), lastError: result ? null : 'Not enough clean candles.' };
          await deps.storage.set(k, next);
        })().finally(() => inFlight.delete(k));
        inFlight.set(k, job);
        await job;
        return result;
      };
      if (entry.value && age < VOLATILITY_USABLE_MS) {
        if (entry.lastAttemptAt === null || deps.now() - entry.lastAttemptAt > VOLATILITY_FRESH_MS / 4) runInBackground(recompute());
        return entry.value;
      }
      return await recompute();
    } catch {
      return null;
    }
  }

  // ---- the trader's pasted tables -------------------------------------------------------------------------

  async function pastedSymbols(venue: PastedTableVenue): Promise<string[]> {
    const raw = await deps.storage.get(key('pasted-index', venue, 'all'));
    return Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string' && SYMBOL_TEXT.test(x)).slice(0, PASTED_SYMBOLS_MAX) : [];
  }

  async function pastedTable(venue: VenueId, symbol: string): Promise<TierTable | null> {
    if (!isPastedVenue(venue)) return null;
    const raw = await deps.storage.get(key('pasted', venue, symbol));
    return isPastedTable(venue, symbol)(raw) ? raw : null;
  }

  async function pasteTable(venue: PastedTableVenue, symbol: string, text: string): Promise<PasteResult> {
    const r = parsePastedTable({ venue, symbol, text, pastedAt: new Date(deps.now()).toISOString() });
    if (!r.ok) return r;
    const table = r.value;
    const symbols = await pastedSymbols(venue);
    if (!symbols.includes(table.symbol) && symbols.length >= PASTED_SYMBOLS_MAX) return { ok: false, error: `You already keep ${PASTED_SYMBOLS_MAX} pasted tables for ${venue}; remove one first.` };
    await deps.storage.set(key('pasted', venue, table.symbol), table);
    await deps.storage.set(key('pasted-index', venue, 'all'), [table.symbol, ...symbols.filter((x) => x !== table.symbol)]);
    return { ok: true, table };
  }

  async function forgetPastedTable(venue: PastedTableVenue, symbol: string): Promise<void> {
    await deps.storage.set(key('pasted', venue, symbol), null);
    await deps.storage.set(key('pasted-index', venue, 'all'), (await pastedSymbols(venue)).filter((x) => x !== symbol));
  }

  async function pastedTables(): Promise<PastedTableRow[]> {
    const rows: PastedTableRow[] = [];
    for (const venue of PASTED_TABLE_VENUES) {
      for (const symbol of await pastedSymbols(venue)) {
        const t = await pastedTable(venue, symbol);
        if (t) rows.push({ venue, symbol, pastedAt: t.capturedAt, tiers: t.tiers.length, firstRate: t.tiers[0]?.maintenanceMarginRate ?? '' });
      }
    }
    return rows;
  }

  async function diagnostics(): Promise<DiagnosticsRow[]> {
    const rows: DiagnosticsRow[] = [];
    for (const venue of MARKET_VENUES) {
      const st = await status(venue);
      const name = BUNDLED_FOR[venue];
      let bundledInfo: DiagnosticsRow['bundled'] = null;
      if (name) {
        const snap = await bundle(name);
        bundledInfo = snap.ok
          ? { name, capturedAt: snap.value.capturedAt, symbols: Object.keys(snap.value.symbols).length, error: null }
          : { name, capturedAt: null, symbols: null, error: snap.error };
      }
      const symbols: DiagnosticsSymbolRow[] = [];
      for (const symbol of st.symbols.slice(0, 8)) {
        const answer = await peekTier(venue, symbol);
        symbols.push({ symbol, source: answer.source, capturedAt: answer.capturedAt, ageDays: answer.age.ageDays, ageLevel: answer.age.level, lastError: answer.lastError });
      }
      const live = TIER_SOURCES[venue];
      const probe = PROBE_SYMBOL[venue];
      const liveEndpoints: string[] = [];
      const sources: ({ request: LiveSource<unknown>['request'] } | undefined)[] = [TIER_SOURCES[venue], SPEC_SOURCES[venue], MARK_SOURCES[venue]];
      for (const source of sources) {
        const r = source && probe ? source.request(probe, deps.now()) : null;
        if (r?.ok) liveEndpoints.push(`${r.value.method} ${r.value.url.split('?')[0] ?? r.value.url}${r.value.body ? ` ${r.value.body}` : ''}`);
      }
      const tierSource: DiagnosticsRow['tierSource'] = live ? 'live' : name ? 'bundled' : venueDefaultExists(venue) ? 'venue-default' : 'none';
      rows.push({
        venue,
        tierSource,
        liveEndpoints: [...new Set(liveEndpoints)],
        bundled: bundledInfo,
        lastAttemptAt: iso(st.lastAttemptAt),
        lastSuccessAt: iso(st.lastSuccessAt),
        lastError: st.lastError,
        symbols,
        unreadable: st.unreadable,
        note:
          tierSource === 'live'
            ? `Tier tables are fetched from ${venue}'s public API, at most once a day per symbol.${name ? ' A bundled snapshot covers the time until then.' : ''}`
            : tierSource === 'bundled'
              ? `${venue} publishes its tiers only to signed-in API users: LiqGuard uses the bundled snapshot and shows its date.`
              : tierSource === 'venue-default'
                ? `${venue} has no public tier endpoint LiqGuard uses: documented margin schedules are built in for some symbols.`
                : (NO_DEFAULT_REASON[venue] ?? 'No tier data.'),
      });
    }
    return rows;
  }

  /** The table a symbol would get, from storage only: no fetch, no side effects. */
  async function peekTier(venue: VenueId, symbol: string): Promise<TableNote> {
    const live = TIER_SOURCES[venue] ? readEntry(await deps.storage.get(key('tiers', venue, symbol)), isLiveTable(venue, symbol)) : emptyEntry<TierTable>();
    const bundled = await bundledTable(venue, symbol);
    const pasted = await pastedTable(venue, symbol);
    const newest = pasted && (!live.value || Date.parse(pasted.capturedAt) >= Date.parse(live.value.capturedAt)) ? pasted : live.value;
    const table = newest ?? (bundled && 'table' in bundled ? bundled.table : null) ?? venueDefault(venue, symbol)?.table ?? null;
    return note(table, 'fresh', live.lastError, '', [], null);
  }

  async function refreshNow(venue?: VenueId): Promise<RefreshReport[]> {
    const venues = venue ? [venue] : MARKET_VENUES;
    const reports: RefreshReport[] = [];
    for (const v of venues) {
      const st = await status(v);
      const probe = PROBE_SYMBOL[v];
      const symbols = st.symbols.length ? st.symbols.slice(0, 5) : probe ? [probe] : [];
      const report: RefreshReport = { venue: v, symbols: [] };
      for (const symbol of symbols) {
        const errors: string[] = [];
        const jobs: [string, LiveSource<unknown> | undefined, (x: unknown) => boolean, ErrorRecord['what']][] = [
          ['tiers', TIER_SOURCES[v] as LiveSource<unknown> | undefined, isLiveTable(v, symbol), 'tiers'],
          ['spec', SPEC_SOURCES[v] as LiveSource<unknown> | undefined, isSpec, 'spec'],
        ];
        for (const [kind, source, check, what] of jobs) {
          if (!source) continue;
          await fetchInto(what, kind, v, symbol, source, check as (x: unknown) => x is unknown);
          const e = readEntry(await deps.storage.get(key(kind, v, symbol)), check as (x: unknown) => x is unknown);
          if (e.lastError) errors.push(`${kind}: ${e.lastError}`);
        }
        if (BUNDLED_FOR[v]) {
          const b = await bundledTable(v, symbol);
          if (b && 'error' in b) errors.push(`bundled: ${b.error}`);
        }
        report.symbols.push({ symbol, ok: errors.length === 0, errors });
      }
      reports.push(report);
    }
    return reports;
  }

  return {
    tierTable: (venue, symbol) => memoised(`tiers/${venue}/${symbol}`, () => tierTable(venue, symbol)),
    contractSpec: (venue, symbol) => memoised(`spec/${venue}/${symbol}`, () => contractSpec(venue, symbol)),
    markPrice,
    volatility: (venue, symbol) => memoised(`vol/${venue}/${symbol}`, () => volatility(venue, symbol)),
    diagnostics,
    refreshNow,
    pasteTable,
    forgetPastedTable,
    pastedTables,
  };
}

function venueDefaultExists(venue: VenueId): boolean {
  return ['phemex', 'bitmex', 'deribit', 'kraken-futures'].includes(venue);
}
