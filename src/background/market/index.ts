/**
 * Market data for the background service worker. The router wires it like this:
 *
 *   import { createBrowserMarketData, handleDiagnosticsMessage } from './market';
 *   const market = createBrowserMarketData();
 *   // in onMessage: const r = handleDiagnosticsMessage(market, msg); if (r) return r;
 *   // in an assessment: const { table, note } = await market.tierTable(venue, symbol);
 *   //                   const volatility = await market.volatility(venue, symbol);
 *   //                   assess(input, { tiers: table ?? undefined, now: new Date().toISOString(), volatility: volatility ?? undefined })
 *
 * Tests import `createMarketData` with fakes (memoryStore, a fake fetch, a fixed clock).
 */
export { createMarketData, MARKET_VENUES, PROBE_SYMBOL } from './market-data';
export type { DataNote, DiagnosticsRow, DiagnosticsSymbolRow, ErrorRecord, MarketData, MarketDataDeps, RefreshReport, RefreshState, TableNote, TierAnswer } from './market-data';
export { handleDiagnosticsMessage, isMarketRequest } from './messages';
export type { DiagnosticsRequest, DiagnosticsResponse, MarketRequest, RefreshRequest, RefreshResponse } from './messages';
export { fetchJson, DEFAULT_TIMEOUT_MS } from './fetcher';
export type { FetchFailure, FetchFailureKind, FetchLike, FetchOutcome } from './fetcher';
export { memoryStore } from './store';
export { memoStore } from './memo-store';
export type { KeyValueStore } from './store';
export { createBrowserMarketData, browserStore } from './browser';
export { BUNDLED_URLS, loadBundledFromPackage } from './bundled';
