/**
 * Checks every table must pass before the engine sees it: the engine's own structural validation (floors
 * contiguous from 0, rates never falling, leverage never rising, the deduction recurrence where the venue
 * defines one) plus the ranges this module promises (rates in [0.0001, 1), leverage in [1, 1000]) and
 * maintenance below initial margin (rate × max leverage < 1) on every tier; and helpers to build tiers from
 * a venue's caps.
 */
import { D } from '../decimal';
import { nextMaintenanceAmount, validateTierTable } from '../engine/tiers';
import type { Tier, TierTable } from '../engine/types';
import { LEVERAGE_BOUNDS, MMR_BOUNDS, canonical, readDecimal } from './numbers';

export interface TierCheckOptions {
  /** The venue defines its maintenance amount by the continuity recurrence (Binance cum, Hyperliquid, Bybit). */
  cumulativeAmounts?: boolean;
}

/** Every problem with the table, as sentences; empty when the engine may use it. */
export function tierTableProblems(table: TierTable, opts: TierCheckOptions = {}): string[] {
  const problems = validateTierTable(table, opts.cumulativeAmounts ? { cumulativeAmounts: true } : {}).map((p) => p.message);
  table.tiers.forEach((t, i) => {
    const mmr = readDecimal(t.maintenanceMarginRate, MMR_BOUNDS);
    const lev = readDecimal(t.maxLeverage, LEVERAGE_BOUNDS);
    if (mmr === null) problems.push(`Tier ${i + 1} maintenance rate ${String(t.maintenanceMarginRate)} is outside [0.0001, 1).`);
    if (lev === null) problems.push(`Tier ${i + 1} max leverage ${String(t.maxLeverage)} is outside [1, 1000].`);
    // At max leverage the initial margin is 1/L of the position; a maintenance rate at or above it would
    // liquidate the position the moment it opens, so such a tier is a misread table.
    if (mmr !== null && lev !== null && !mmr.mul(lev).lt(1)) {
      problems.push(`Tier ${i + 1} maintenance rate ${canonical(mmr)} is not below 1 / max leverage ${canonical(lev)}.`);
    }
  });
  if (table.tiers.length > 200) problems.push(`The table has ${table.tiers.length} tiers; no venue publishes more than 200.`);
  return problems;
}

export interface CapTier {
  /** Upper bound of the tier (the venue's "risk limit" or "notional cap"); null for an open last tier. */
  cap: D | null;
  mmr: D;
  maxLeverage: D;
  /** The venue's published maintenance amount, when it publishes one. */
  publishedAmount?: D | null;
}

/**
 * Builds contiguous tiers from caps listed in ascending order: each tier starts where the previous ends.
 * Amounts follow the continuity recurrence unless `amounts` is 'zero' (venues that charge the tier's rate
 * on the whole position, so margin jumps at a boundary). A published amount must agree with the
 * recurrence to within 1e-6 of the tier's floor notional × rate step, or the table is refused.
 */
export function tiersFromCaps(rows: CapTier[], amounts: 'continuous' | 'zero'): { tiers: Tier[] } | { error: string } {
  const tiers: Tier[] = [];
  let floor = new D(0);
  let prevMmr = new D(0);
  let amount = new D(0);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!row) continue;
    if (row.cap !== null && row.cap.lte(floor)) return { error: `Tier ${i + 1} ends at ${canonical(row.cap)}, not above where it starts (${canonical(floor)}).` };
    if (row.cap === null && i !== rows.length - 1) return { error: `Tier ${i + 1} has no upper bound but is not the last.` };
    if (amounts === 'continuous') {
      amount = i === 0 ? new D(0) : nextMaintenanceAmount(amount, floor, row.mmr, prevMmr);
      const published = row.publishedAmount;
      if (published) {
        const tolerance = D.max(new D('0.000001'), floor.mul(row.mmr.minus(prevMmr).abs()).mul('0.000001'));
        if (published.minus(amount).abs().gt(tolerance)) {
          return { error: `Tier ${i + 1} deduction ${canonical(published)} does not keep margin continuous (expected ${canonical(amount)}).` };
        }
      }
    }
    tiers.push({
      floor: canonical(floor),
      cap: row.cap === null ? null : canonical(row.cap),
      maintenanceMarginRate: canonical(row.mmr),
      maintenanceAmount: amounts === 'continuous' ? canonical(amount) : '0',
      maxLeverage: canonical(row.maxLeverage),
    });
    prevMmr = row.mmr;
    if (row.cap !== null) floor = row.cap;
  }
  if (tiers.length === 0) return { error: 'No tiers.' };
  return { tiers };
}
