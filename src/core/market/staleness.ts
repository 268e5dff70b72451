/**
 * Table age lives with the engine, which reports it on every assessment; market data uses the same rule
 * (30-day caveat, 180-day warning) for its diagnostics and refresh decisions.
 */
export { CAVEAT_AFTER_DAYS, WARNING_AFTER_DAYS, REFRESH_AFTER_MS, parseIsoTime, tableAge } from '../engine/table-age';
export type { AgeLevel, TableAge } from '../engine/table-age';
