/**
 * Binance USDⓈ-M leverage brackets of 2024-10-24 (data/binance-usdm-leverage-brackets-2024-10.json, see
 * data/PROVENANCE.md) for tests that pin figures to that table. Rows are turned into tiers directly,
 * field by field, without the market parser, so engine tests stay independent of it. The file is fixed:
 * a newer bundled table never changes these tests.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { D } from '../../src/core/decimal';
import type { TierTable } from '../../src/core/engine/types';

export interface BinanceBracketRow {
  bracket: string;
  initialLeverage: string;
  notionalCap: string;
  notionalFloor: string;
  maintMarginRatio: string;
  cum: string;
}

const FILE = path.resolve(import.meta.dirname, '../../data/binance-usdm-leverage-brackets-2024-10.json');
let cache: Map<string, BinanceBracketRow[]> | null = null;

/** Binance symbol (BTCUSDT, BTCUSDT_241227) → its brackets, ascending. */
export function binanceBrackets2024(): Map<string, BinanceBracketRow[]> {
  if (!cache) {
    const file = JSON.parse(readFileSync(FILE, 'utf8')) as { response: { symbol: string; brackets: BinanceBracketRow[] }[] };
    cache = new Map(file.response.map((e) => [e.symbol, e.brackets]));
  }
  return cache;
}

/** One symbol's brackets as a tier table; the last bracket is open-ended. */
export function binanceTable2024(symbol: string): TierTable {
  const rows = binanceBrackets2024().get(symbol);
  if (!rows) throw new Error(`no ${symbol} in the 2024-10 Binance brackets`);
  return {
    venue: 'binance-usdm',
    symbol,
    basis: 'notional',
    source: 'bundled',
    capturedAt: '2024-10-24',
    tiers: rows.map((r, i) => ({
      floor: r.notionalFloor,
      cap: i === rows.length - 1 ? null : r.notionalCap,
      maintenanceMarginRate: r.maintMarginRatio,
      maintenanceAmount: new D(r.cum).toString(),
      maxLeverage: r.initialLeverage,
    })),
  };
}
