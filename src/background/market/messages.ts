/**
 * The diagnostics page's two messages, typed, and the handler the background router registers:
 *
 *   browser.runtime.onMessage.addListener((msg) => handleDiagnosticsMessage(market, msg) ?? undefined);
 *
 * `handleDiagnosticsMessage` returns undefined for messages that are not its own, so the router can chain
 * handlers. Requests are validated: a page cannot make the background fetch an arbitrary venue name.
 */
import type { VenueId } from '../../core/engine/types';
import { MARKET_VENUES, type DiagnosticsRow, type MarketData, type RefreshReport } from './market-data';

export type DiagnosticsRequest = { type: 'market/diagnostics' };
export type RefreshRequest = { type: 'market/refresh'; venue?: VenueId };
export type MarketRequest = DiagnosticsRequest | RefreshRequest;

export type DiagnosticsResponse = { ok: true; rows: DiagnosticsRow[]; at: string } | { ok: false; error: string };
export type RefreshResponse = { ok: true; reports: RefreshReport[]; rows: DiagnosticsRow[]; at: string } | { ok: false; error: string };

export function isMarketRequest(msg: unknown): msg is MarketRequest {
  if (typeof msg !== 'object' || msg === null) return false;
  const m = msg as Record<string, unknown>;
  if (m['type'] === 'market/diagnostics') return true;
  if (m['type'] !== 'market/refresh') return false;
  return m['venue'] === undefined || (typeof m['venue'] === 'string' && (MARKET_VENUES as readonly string[]).includes(m['venue']));
}

export function handleDiagnosticsMessage(market: MarketData, msg: unknown, now: () => number = Date.now): Promise<DiagnosticsResponse | RefreshResponse> | undefined {
  if (!isMarketRequest(msg)) return undefined;
  const at = () => new Date(now()).toISOString();
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
