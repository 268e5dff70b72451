/**
 * Maintenance-margin tier tables: parsing, lookup, validation, and the cum recurrence.
 *
 * Tables arrive as JSON strings (bundled snapshots, live API data, user overrides). They are parsed once and
 * cached per table object, because an assessment must not pay for string parsing on every call.
 */
import { D } from '../decimal';
import { decimalFrom } from './decimal-text';
import { ZERO } from './model';
import type { ParsedTier, ResolvedTiers } from './model';
import type { Tier, TierBasis, TierTable } from './types';

export type { Tier, TierBasis, TierProvider, TierTable } from './types';

const parsedCache = new WeakMap<TierTable, ResolvedTiers | TierTableProblem[]>();

export interface TierTableProblem {
  index: number | null;
  code: string;
  message: string;
}

const dec = (text: unknown): D | null => (text instanceof D ? null : decimalFrom(text));
/** More rows than any venue publishes: a larger "table" is refused before it is read. */
const MAX_TIERS = 500;

/**
 * Binance's recurrence (and Hyperliquid's "maintenance deduction"): the amount that keeps maintenance margin a
 * continuous function of the basis at each floor. cum_n = cum_{n−1} + floor_n·(mmr_n − mmr_{n−1}).
 */
export function nextMaintenanceAmount(previousAmount: D, floor: D, mmr: D, previousMmr: D): D {
  return previousAmount.plus(floor.mul(mmr.minus(previousMmr)));
}

/**
 * Build tiers from `[floor, mmr]` pairs (ccxt's `leverageBrackets` shape), rebuilding the amounts with the
 * recurrence. Max leverage is not in that shape, so the caller must supply it per tier (no guessing here).
 */
export function tiersFromBrackets(pairs: [string, string][], maxLeverages: string[]): Tier[] {
  const out: Tier[] = [];
  let amount = ZERO;
  let prevMmr = ZERO;
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i];
    if (!pair) continue;
    const floor = new D(pair[0]);
    const mmr = new D(pair[1]);
    amount = i === 0 ? ZERO : nextMaintenanceAmount(amount, floor, mmr, prevMmr);
    prevMmr = mmr;
    const next = pairs[i + 1];
    out.push({
      floor: floor.toString(),
      cap: next ? new D(next[0]).toString() : null,
      maintenanceMarginRate: mmr.toString(),
      maintenanceAmount: amount.toString(),
      maxLeverage: maxLeverages[i] ?? '1',
    });
  }
  return out;
}

/**
 * Check a table before trusting it: numbers parse, floors start at 0 and run contiguously, rates never fall,
 * max leverage never rises, and, where the venue defines a cumulative amount, each amount follows the
 * recurrence. The market-data code runs this on every bundled and live table.
 */
export function validateTierTable(table: TierTable, opts: { cumulativeAmounts?: boolean } = {}): TierTableProblem[] {
  const problems: TierTableProblem[] = [];
  if (!table || typeof table !== 'object') return [{ index: null, code: 'not-a-table', message: 'The tier table is not an object.' }];
  if (typeof table.venue !== 'string' || table.venue.length > 64 || typeof table.symbol !== 'string' || table.symbol.length > 64) {
    problems.push({ index: null, code: 'bad-name', message: 'The tier table does not name its venue and symbol as short text.' });
  }
  if (table.capturedAt !== undefined && table.capturedAt !== null && typeof table.capturedAt !== 'string') {
    problems.push({ index: null, code: 'bad-date', message: 'The tier table’s capture date is not text.' });
  }
  const source: unknown = table.source;
  if (source !== 'bundled' && source !== 'live' && source !== 'override' && source !== 'venue-default' && source !== 'pasted') {
    problems.push({ index: null, code: 'bad-source', message: 'The tier table does not say where it comes from (bundled, live, override, venue-default or pasted).' });
  }
  const basis: unknown = table.basis;
  if (basis !== 'notional' && basis !== 'coin-notional' && basis !== 'contracts') {
    problems.push({ index: null, code: 'bad-basis', message: `Unknown tier basis "${typeof basis === 'string' ? basis.slice(0, 24) : typeof basis}".` });
  }
  if (!Array.isArray(table.tiers) || table.tiers.length === 0) {
    problems.push({ index: null, code: 'empty', message: 'The tier table has no tiers.' });
    return problems;
  }
  if (table.tiers.length > MAX_TIERS) {
    problems.push({ index: null, code: 'too-many', message: `The tier table has ${table.tiers.length} tiers; at most ${MAX_TIERS} are read.` });
    return problems;
  }
  let prev: { floor: D; cap: D | null; mmr: D; amount: D; maxLev: D } | null = null;
  for (let i = 0; i < table.tiers.length; i++) {
    const t = table.tiers[i];
    const floor = dec(t?.floor);
    const cap = t?.cap === null ? null : dec(t?.cap);
    const mmr = dec(t?.maintenanceMarginRate);
    const amount = dec(t?.maintenanceAmount);
    const maxLev = dec(t?.maxLeverage);
    if (!floor || (t?.cap !== null && !cap) || !mmr || !amount || !maxLev) {
      problems.push({ index: i, code: 'not-a-number', message: `Tier ${i + 1} has a missing or non-numeric field.` });
      prev = null;
      continue;
    }
    if (floor.isNeg() || mmr.isNeg() || mmr.gte(1) || amount.isNeg() || maxLev.lt(1)) {
      problems.push({ index: i, code: 'out-of-range', message: `Tier ${i + 1} has a value out of range (rate must be in [0, 1), leverage ≥ 1, no negatives).` });
    }
    if (cap && cap.lte(floor)) problems.push({ index: i, code: 'empty-range', message: `Tier ${i + 1} ends at or below where it starts.` });
    if (i === 0 && !floor.isZero()) problems.push({ index: i, code: 'no-zero-floor', message: 'The first tier does not start at 0.' });
    if (cap === null && i !== table.tiers.length - 1) {
      problems.push({ index: i, code: 'open-cap-not-last', message: `Tier ${i + 1} has no upper bound but is not the last.` });
    }
    if (prev) {
      if (!prev.cap || !prev.cap.eq(floor)) {
        problems.push({ index: i, code: 'gap', message: `Tier ${i + 1} does not start where tier ${i} ends.` });
      }
      if (mmr.lt(prev.mmr)) problems.push({ index: i, code: 'rate-falls', message: `Tier ${i + 1} has a lower maintenance rate than tier ${i}.` });
      if (maxLev.gt(prev.maxLev)) problems.push({ index: i, code: 'leverage-rises', message: `Tier ${i + 1} allows more leverage than tier ${i}.` });
      if (opts.cumulativeAmounts) {
        const expected = nextMaintenanceAmount(prev.amount, floor, mmr, prev.mmr);
        if (!expected.eq(amount)) {
          problems.push({
            index: i,
            code: 'cum-mismatch',
            message: `Tier ${i + 1} maintenance amount is ${amount.toString()}, the recurrence gives ${expected.toString()}.`,
          });
        }
      }
    } else if (i === 0 && opts.cumulativeAmounts && !amount.isZero()) {
      problems.push({ index: i, code: 'cum-mismatch', message: 'The first tier has a non-zero maintenance amount.' });
    }
    prev = { floor, cap, mmr, amount, maxLev };
  }
  return problems;
}

/** Parse a table (cached per object). Returns problems instead when the table cannot be used. */
export function parseTierTable(table: TierTable): ResolvedTiers | TierTableProblem[] {
  const hit = parsedCache.get(table);
  if (hit) return hit;
  // The same table often arrives as a new copy (market data hands every caller its own, at every
  // keystroke): one with the same content is parsed and validated once. Parsed tables are never changed.
  let key: string | null = null;
  try {
    key = JSON.stringify(table);
  } catch {
    // Not plain data: parsed below as it is, and not kept by content.
  }
  const same = key === null ? undefined : parsedByContent.get(key);
  if (same) {
    parsedCache.set(table, same);
    return same;
  }
  const parsed = parseTierTableOnce(table);
  if (key !== null && key.length <= 200_000) {
    if (parsedByContent.size >= 64) parsedByContent.clear();
    parsedByContent.set(key, parsed);
  }
  return parsed;
}

const parsedByContent = new Map<string, ResolvedTiers | TierTableProblem[]>();

function parseTierTableOnce(table: TierTable): ResolvedTiers | TierTableProblem[] {
  const problems = validateTierTable(table).filter((p) => p.code !== 'leverage-rises');
  if (problems.length > 0) {
    parsedCache.set(table, problems);
    return problems;
  }
  const tiers: ParsedTier[] = table.tiers.map((t, index) => ({
    index,
    floor: new D(t.floor),
    cap: t.cap === null ? null : new D(t.cap),
    mmr: new D(t.maintenanceMarginRate),
    amount: new D(t.maintenanceAmount),
    maxLev: new D(t.maxLeverage),
  }));
  const resolved: ResolvedTiers = {
    tiers,
    basis: table.basis,
    continuous: isContinuous(tiers),
    capInclusive: table.boundary !== 'floor-inclusive',
    source: table.source,
    capturedAt: table.capturedAt ?? null,
    symbol: table.symbol ?? null,
    note: `${table.source} table for ${table.venue} ${table.symbol}`,
  };
  if (table.url !== undefined) resolved.url = table.url;
  parsedCache.set(table, resolved);
  return resolved;
}

/** Maintenance margin N·mmr − amount is continuous at every floor (the cum recurrence holds). */
function isContinuous(tiers: ParsedTier[]): boolean {
  for (let i = 1; i < tiers.length; i++) {
    const a = tiers[i - 1];
    const b = tiers[i];
    if (!a || !b) return false;
    if (!b.floor.mul(a.mmr).minus(a.amount).eq(b.floor.mul(b.mmr).minus(b.amount))) return false;
  }
  return true;
}

/** Index of the tier holding `value`, honouring the table's boundary rule. Values above the last cap use the last tier. */
export function lookupTierIndex(tiers: ParsedTier[], value: D, capInclusive = true): number {
  for (let i = 0; i < tiers.length; i++) {
    const t = tiers[i];
    if (!t) break;
    if (t.cap === null) return i;
    if (capInclusive ? value.lte(t.cap) : value.lt(t.cap)) return i;
  }
  return tiers.length - 1;
}

/** A single-tier "table" from user or venue-function values. */
export function singleTier(mmr: D, amount: D, maxLev: D | null, index: number | null = null): ParsedTier {
  return { index, floor: ZERO, cap: null, mmr, amount, maxLev };
}

export function tierBasisLabel(basis: TierBasis): string {
  switch (basis) {
    case 'notional':
      return 'position notional';
    case 'coin-notional':
      return 'position value in coin';
    case 'contracts':
      return 'number of contracts';
  }
}
