/**
 * The compact JSON format of the bundled tier snapshots (src/background/data/*.json), written by
 * scripts/data-snapshot.ts and read by the background. One file per venue; per symbol, one row per tier:
 * [floor, cap|null, maintenanceMarginRate, maintenanceAmount, maxLeverage], all decimal strings.
 * Files are validated on load exactly like live responses: a corrupt bundle is refused, not trusted.
 */
import * as v from 'valibot';
import type { TierBasis, TierTable, VenueId } from '../engine/types';
import { tierTableProblems } from './tier-checks';
import { fail, ok, type ParseResult } from './types';
import { issueText } from './venues/common';

export const SNAPSHOT_FORMAT = 'liqguard-tiers/1';
export const SNAPSHOT_COLUMNS = ['floor', 'cap', 'maintenanceMarginRate', 'maintenanceAmount', 'maxLeverage'] as const;

const DecimalText = v.pipe(v.string(), v.regex(/^(?:0|[1-9]\d{0,15})(?:\.\d{1,40})?$/));
const Row = v.tuple([DecimalText, v.nullable(DecimalText), DecimalText, DecimalText, DecimalText]);

const Snapshot = v.object({
  format: v.literal(SNAPSHOT_FORMAT),
  venue: v.picklist(['binance-usdm', 'binance-coinm', 'hyperliquid'] as const satisfies readonly VenueId[]),
  basis: v.picklist(['notional', 'coin-notional', 'contracts'] as const satisfies readonly TierBasis[]),
  boundary: v.picklist(['cap-inclusive', 'floor-inclusive']),
  /** The amounts follow the continuity recurrence (checked per symbol on load). */
  cumulativeAmounts: v.boolean(),
  /** Date of the source data; 'unknown' for undated sources (the age is then reported as unknown). */
  capturedAt: v.union([v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/)), v.literal('unknown')]),
  url: v.pipe(v.string(), v.startsWith('https://')),
  provenance: v.string(),
  notes: v.array(v.string()),
  columns: v.tuple([v.literal('floor'), v.literal('cap'), v.literal('maintenanceMarginRate'), v.literal('maintenanceAmount'), v.literal('maxLeverage')]),
  symbols: v.record(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_]{1,40}$/)), v.pipe(v.array(Row), v.minLength(1), v.maxLength(200))),
});

export type TierSnapshot = v.InferOutput<typeof Snapshot>;
export type SnapshotName = TierSnapshot['venue'];

export function parseSnapshot(json: unknown): ParseResult<TierSnapshot> {
  const r = v.safeParse(Snapshot, json);
  return r.success ? ok(r.output) : fail(`Bundled snapshot has an unexpected shape (${issueText(r.issues)}).`);
}

/** The table for one symbol, validated; an error when the symbol is missing or its tiers fail a check. */
export function snapshotTable(snapshot: TierSnapshot, symbol: string): ParseResult<TierTable> {
  const rows = Object.prototype.hasOwnProperty.call(snapshot.symbols, symbol) ? snapshot.symbols[symbol] : undefined;
  if (!rows) return fail(`The bundled ${snapshot.venue} snapshot has no ${symbol}.`);
  const table: TierTable = {
    venue: snapshot.venue,
    symbol,
    basis: snapshot.basis,
    boundary: snapshot.boundary,
    tiers: rows.map(([floor, cap, maintenanceMarginRate, maintenanceAmount, maxLeverage]) => ({ floor, cap, maintenanceMarginRate, maintenanceAmount, maxLeverage })),
    source: 'bundled',
    capturedAt: snapshot.capturedAt,
    url: snapshot.url,
  };
  const problems = tierTableProblems(table, { cumulativeAmounts: snapshot.cumulativeAmounts });
  return problems.length ? fail(`Bundled ${snapshot.venue} ${symbol}: ${problems.join(' ')}`) : ok(table);
}
