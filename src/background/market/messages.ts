/**
 * The diagnostics page's two messages, typed, and the handler the background router registers:
 *
 *   browser.runtime.onMessage.addListener((msg) => handleDiagnosticsMessage(market, msg) ?? undefined);
 *
 * `handleDiagnosticsMessage` returns undefined for messages that are not its own, so the router can chain
 * handlers. Requests are validated: a page cannot make the background fetch an arbitrary venue name.
 */
import type { VenueId } from '../../core/engine/types';
import { MAX_PASTED_CHARS, PASTED_TABLE_VENUES, type PastedTableVenue } from '../../core/market/pasted-table';
import { MARKET_VENUES, type DiagnosticsRow, type MarketData, type PastedTableRow, type RefreshReport } from './market-data';

export type DiagnosticsRequest = { type: 'market/diagnostics' };
export type RefreshRequest = { type: 'market/refresh'; venue?: VenueId };
/** The trader's copy of Binance's "Leverage & Margin" table for one symbol, to check and keep. */
export type PasteTableRequest = { type: 'market/paste-table'; venue: PastedTableVenue; symbol: string; text: string };
export type ForgetTableRequest = { type: 'market/forget-table'; venue: PastedTableVenue; symbol: string };
export type PastedTablesRequest = { type: 'market/pasted-tables' };
export type MarketRequest = DiagnosticsRequest | RefreshRequest | PasteTableRequest | ForgetTableRequest | PastedTablesRequest;

export type PastedTablesResponse = { ok: true; tables: PastedTableRow[] } | { ok: false; error: string };
/** After a paste: the table kept (its tiers, for the trader to compare with the page) and every kept table. */
export type PasteTableResponse =
  | { ok: true; symbol: string; tiers: { floor: string; cap: string | null; maintenanceMarginRate: string; maintenanceAmount: string; maxLeverage: string | null }[]; tables: PastedTableRow[] }
  | { ok: false; error: string };

export type DiagnosticsResponse = { ok: true; rows: DiagnosticsRow[]; at: string } | { ok: false; error: string };
export type RefreshResponse = { ok: true; reports: RefreshReport[]; rows: DiagnosticsRow[]; at: string } | { ok: false; error: string };

const isPastedVenue = (x: unknown): x is PastedTableVenue => typeof x === 'string' && (PASTED_TABLE_VENUES as readonly string[]).includes(x);
const isShortSymbol = (x: unknown): x is string => typeof x === 'string' && /^[A-Za-z0-9_]{1,40}$/.test(x);

export function isMarketRequest(msg: unknown): msg is MarketRequest {
  if (typeof msg !== 'object' || msg === null) return false;
  const m = msg as Record<string, unknown>;
  if (m['type'] === 'market/diagnostics' || m['type'] === 'market/pasted-tables') return true;
  if (m['type'] === 'market/paste-table') return isPastedVenue(m['venue']) && isShortSymbol(m['symbol']) && typeof m['text'] === 'string' && m['text'].length <= MAX_PASTED_CHARS;
  if (m['type'] === 'market/forget-table') return isPastedVenue(m['venue']) && isShortSymbol(m['symbol']);
  if (m['type'] !== 'market/refresh') return false;
  return m['venue'] === undefined || (typeof m['venue'] === 'string' && (MARKET_VENUES as readonly string[]).includes(m['venue']));
}

const failed = (e: unknown): { ok: false; error: string } => ({ ok: false, error: e instanceof Error ? e.message : 'unknown error' });

export function handleDiagnosticsMessage(
  market: MarketData,
  msg: unknown,
  now: () => number = Date.now,
): Promise<DiagnosticsResponse | RefreshResponse | PasteTableResponse | PastedTablesResponse> | undefined {
  if (!isMarketRequest(msg)) return undefined;
  const at = () => new Date(now()).toISOString();
  if (msg.type === 'market/pasted-tables') {
    return market.pastedTables().then((tables): PastedTablesResponse => ({ ok: true, tables }), failed);
  }
  if (msg.type === 'market/paste-table') {
    return market.pasteTable(msg.venue, msg.symbol, msg.text).then(async (r): Promise<PasteTableResponse> => {
      if (!r.ok) return r;
      const tiers = r.table.tiers.map((t) => ({ floor: t.floor, cap: t.cap, maintenanceMarginRate: t.maintenanceMarginRate, maintenanceAmount: t.maintenanceAmount, maxLeverage: t.maxLeverage }));
      return { ok: true, symbol: r.table.symbol, tiers, tables: await market.pastedTables() };
    }, failed);
  }
  if (msg.type === 'market/forget-table') {
    return market.forgetPastedTable(msg.venue, msg.symbol).then(async (): Promise<PastedTablesResponse> => ({ ok: true, tables: await market.pastedTables() }), failed);
  }
  if (msg.type === 'market/diagnostics') {
    return market
      .diagnostics()
      .then((rows): DiagnosticsResponse => ({ ok: true, rows, at: at() }))
      .catch((e: unknown) => ({ ok: false, error: e instanceof Error ? e.message : 'unknown error' }));
  }
  return market
    .refreshNow(msg.venue)
    .then(async (reports): Promise<RefreshResponse> => ({ ok: true, reports, rows: await market.diagnostics(), at: at() }))
    .catch((e: unknown) => ({ ok: false, error: e instanceof Error ? e.message : 'unknown error' }));
}
