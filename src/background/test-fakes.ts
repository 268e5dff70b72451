/**
 * In-memory stand-ins for the browser and market data, for the background's unit tests (imported
 * only by *.test.ts). The session area deep-copies like the real storage does, so a test that
 * builds a second background over the same area sees exactly what a restarted worker would.
 */
import type { Badge } from '../core/assessment/badge';
import { table } from '../core/assessment/snapshot-fixtures';
import type { TierTable, VenueId } from '../core/engine/types';
import type { BackgroundApi, SessionArea } from './browser-api';
import type { MarketData, TableNote } from './market/market-data';

export function memorySession(): SessionArea & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    async get(keys) {
      const list = keys === null ? [...data.keys()] : Array.isArray(keys) ? keys : [keys];
      const out: Record<string, unknown> = {};
      for (const k of list) if (data.has(k)) out[k] = structuredClone(data.get(k));
      return out;
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
    },
    async remove(keys) {
      for (const k of Array.isArray(keys) ? keys : [keys]) data.delete(k);
    },
  };
}

export const SELF = { id: 'abcdefghijklmnopabcdefghijklmnop', origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' };

export function fakeApi(session = memorySession(), sync: Record<string, unknown> = {}) {
  const badges = new Map<number, Badge>();
  const opened: string[] = [];
  const syncReads: string[] = [];
  /** storage.local as the popup left it; every read is counted. */
  const local: Record<string, unknown> = {};
  const localReads: string[] = [];
  const api: BackgroundApi = {
    self: SELF,
    session,
    syncGet: async (key) => {
      syncReads.push(key);
      return structuredClone(sync[key]);
    },
    localGet: async (key) => {
      localReads.push(key);
      return structuredClone(local[key]);
    },
    // Like the browser, a part not given stays as it was.
    setBadge: async (tabId, badge) => {
      badges.set(tabId, { ...(badges.get(tabId) ?? { text: '', color: '', title: '' }), ...badge });
    },
    openExtensionPage: async (path) => {
      opened.push(path);
    },
  };
  return { api, session, sync, syncReads, local, localReads, badges, opened };
}

/** A controllable promise: the test decides when market data "arrives". */
export function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => {
    open = r;
  });
  return { opened, open };
}

export interface FakeMarket extends MarketData {
  calls: { tiers: number; spec: number; mark: number; volatility: number };
  /** Set to hold every tierTable() answer until the gate opens. */
  hold: Promise<void> | null;
  tables: Partial<Record<string, TierTable | null>>;
}

export function fakeMarket(): FakeMarket {
  const calls = { tiers: 0, spec: 0, mark: 0, volatility: 0 };
  const m: FakeMarket = {
    calls,
    hold: null,
    tables: {},
    async tierTable(venue: VenueId, symbol: string) {
      calls.tiers++;
      if (m.hold) await m.hold;
      const key = `${venue}/${symbol}`;
      const t = key in m.tables ? (m.tables[key] ?? null) : table(venue, symbol);
      const note: TableNote = {
        source: t ? t.source : 'none',
        capturedAt: t ? t.capturedAt : null,
        age: { ageDays: t ? '5' : null, level: t ? 'fresh' : 'unknown', message: '' },
        refresh: 'not-available',
        lastError: null,
        message: t ? `Bundled tier table for ${venue} ${symbol}.` : `No tier table for ${venue} ${symbol}.`,
        details: [],
        confidence: t ? 'medium' : null,
      };
      return { table: t, note };
    },
    async contractSpec(venue: VenueId, symbol: string) {
      calls.spec++;
      return {
        spec: { venue, symbol, contract: 'linear' as const, contractSize: '1', tickSize: '0.1', lotSize: '0.001', maxLeverage: null, source: 'live' as const, capturedAt: '2026-02-01T00:00:00.000Z', url: 'https://fapi.binance.com/fapi/v1/exchangeInfo' },
        note: { source: 'live' as const, fetchedAt: '2026-02-01T00:00:00.000Z', lastError: null, message: 'Contract spec.' },
      };
    },
    async markPrice() {
      calls.mark++;
      return { mark: null, note: { source: 'none' as const, fetchedAt: null, lastError: 'HTTP 404', message: 'No mark price: HTTP 404.' } };
    },
    async volatility() {
      calls.volatility++;
      return null;
    },
    async diagnostics() {
      return [];
    },
    async pasteTable() {
      return { ok: false, error: 'Not kept by the fake market.' };
    },
    async forgetPastedTable() {},
    async pastedTables() {
      return [];
    },
    async refreshNow() {
      return [];
    },
  };
  return m;
}

export const silentLog = { warn: () => undefined, error: () => undefined };
