/**
 * Severity: a level that means distance. The level comes from the distance to liquidation, with thresholds
 * passed in from settings; a trader reads it in two seconds, so it must never cry wolf.
 *
 * - No liquidation price (a price move alone cannot liquidate the position): `none`, a neutral level.
 * - Already below maintenance, past the liquidation price, or an order liquidated as it fills: `critical`.
 * - Otherwise the distance thresholds decide. A leverage rule may raise the level by one step at most (never
 *   above what one step over the distance gives): in isolated margin the position's leverage, in cross margin
 *   the account's effective leverage (notional ÷ equity), because there the form's leverage only sets the
 *   initial margin and does not move the liquidation price.
 * - Margin mode alone never raises the level: what cross margin puts at risk is shown as the loss, not as a
 *   colour.
 * Every level comes with its reasons in words; whatever raised the level is named first.
 */
import { D } from '../decimal';
import { decimalFrom } from './decimal-text';
import { ZERO } from './model';
import type { MarginMode, SeverityLevel, SeverityThresholds } from './types';

export const DEFAULT_THRESHOLDS: SeverityThresholds = {
  distancePercent: { critical: '2', danger: '5', caution: '15' },
  leverage: { caution: '10', danger: '25', critical: '75' },
  crossMarginRaisesLevel: true,
};

/** Lowest to highest; `none` (no liquidation price) ranks below `ok`. */
export const SEVERITY_ORDER: readonly SeverityLevel[] = ['none', 'ok', 'caution', 'danger', 'critical'];
const rank = (l: SeverityLevel): number => SEVERITY_ORDER.indexOf(l);

export interface SeverityInput {
  /** Percent distance to liquidation (zero or negative: already past); null when there is no liquidation price. */
  distancePercent: D | string | null;
  /** Why there is no liquidation price: `never` (cannot be liquidated by price) or `always` (below maintenance already). */
  noLiquidation?: 'never' | 'always' | null;
  /** The order would be past its liquidation price at the price it fills at. */
  liquidatedOnFill?: boolean;
  /** What the distance is measured from: the mark, or the order's fill price. Wording only. */
  distanceFrom?: 'mark' | 'fill';
  /** The leverage set for the position (isolated: what the leverage rule uses); null when not given (cross). */
  leverage: D | string | null;
  /** Cross: the account's effective leverage, notional ÷ equity (what the leverage rule uses). Null when unknown. */
  effectiveLeverage?: D | string | null;
  marginMode: MarginMode;
}

export interface SeverityResult {
  level: SeverityLevel;
  reasons: { code: string; message: string }[];
}

function dec(v: D | string | null | undefined): D | null {
  if (v === null || v === undefined) return null;
  return v instanceof D || typeof v === 'string' ? decimalFrom(v) : null;
}

interface ParsedThresholds {
  /** critical, danger, caution */
  dist: [D, D, D];
  /** caution, danger, critical */
  lev: [D, D, D];
}
const parsedThresholds = new WeakMap<SeverityThresholds, ParsedThresholds>();

function thresholdsOrDefault(t: SeverityThresholds | undefined): ParsedThresholds {
  const key = t ?? DEFAULT_THRESHOLDS;
  const hit = parsedThresholds.get(key);
  if (hit) return hit;
  const parsed = parseThresholds(t);
  if (typeof key === 'object') parsedThresholds.set(key, parsed);
  return parsed;
}

function parseThresholds(t: SeverityThresholds | undefined): ParsedThresholds {
  const pick = (v: unknown, d: string): D => {
    const x = typeof v === 'string' ? dec(v) : null;
    return x && x.gte(ZERO) ? x : new D(d);
  };
  const dd = DEFAULT_THRESHOLDS.distancePercent;
  const dl = DEFAULT_THRESHOLDS.leverage;
  const td = typeof t?.distancePercent === 'object' && t.distancePercent !== null ? t.distancePercent : undefined;
  const tl = typeof t?.leverage === 'object' && t.leverage !== null ? t.leverage : undefined;
  return {
    dist: [pick(td?.critical, dd.critical), pick(td?.danger, dd.danger), pick(td?.caution, dd.caution)],
    lev: [pick(tl?.caution, dl.caution), pick(tl?.danger, dl.danger), pick(tl?.critical, dl.critical)],
  };
}

const percent = (d: D): string => d.toDecimalPlaces(2).toString();

function distanceLevel(d: D, t: ParsedThresholds, from: 'mark' | 'fill'): { level: SeverityLevel; reason: { code: string; message: string } } {
  const [crit, danger, caution] = t.dist;
  const where = from === 'fill' ? 'the price your order fills at' : 'the mark';
  if (d.lte(crit)) return { level: 'critical', reason: { code: 'distance', message: `Liquidation is only ${percent(d)} % away from ${where} (critical at ${crit.toString()} % or less).` } };
  if (d.lte(danger)) return { level: 'danger', reason: { code: 'distance', message: `Liquidation is ${percent(d)} % away from ${where} (danger at ${danger.toString()} % or less).` } };
  if (d.lte(caution)) return { level: 'caution', reason: { code: 'distance', message: `Liquidation is ${percent(d)} % away from ${where} (caution at ${caution.toString()} % or less).` } };
  return { level: 'ok', reason: { code: 'distance', message: `Liquidation is ${percent(d)} % away from ${where}, beyond the ${caution.toString()} % caution threshold.` } };
}

/** The level a leverage reaches on its own, or null below the caution threshold. */
function leverageLevel(lev: D, t: ParsedThresholds): { level: SeverityLevel; at: D } | null {
  const [caution, danger, crit] = t.lev;
  if (lev.gte(crit)) return { level: 'critical', at: crit };
  if (lev.gte(danger)) return { level: 'danger', at: danger };
  if (lev.gte(caution)) return { level: 'caution', at: caution };
  return null;
}

export function severityOf(input: SeverityInput, thresholds?: SeverityThresholds): SeverityResult {
  const t = thresholdsOrDefault(thresholds);

  if (input.noLiquidation === 'always') {
    return { level: 'critical', reasons: [{ code: 'below-maintenance', message: 'Equity is already below the maintenance margin: the position would be liquidated at once.' }] };
  }
  if (input.noLiquidation === 'never') {
    return { level: 'none', reasons: [{ code: 'not-liquidatable', message: 'No liquidation price: this position cannot be liquidated by a price move alone.' }] };
  }
  const d = dec(input.distancePercent);
  if (input.liquidatedOnFill) {
    return {
      level: 'critical',
      reasons: [{ code: 'liquidated-on-fill', message: 'Liquidated on fill: at the price this order fills at, the position is already at or past its liquidation price.' }],
    };
  }
  if (!d) {
    // No usable distance and no reason for its absence: nothing to grade, and no colour to pretend one.
    return { level: 'none', reasons: [{ code: 'no-distance', message: 'No distance to liquidation could be computed, so no level is given.' }] };
  }
  if (d.lte(ZERO)) {
    return { level: 'critical', reasons: [{ code: 'past-liquidation', message: 'The mark price is already at or past the liquidation price.' }] };
  }

  const byDistance = distanceLevel(d, t, input.distanceFrom ?? 'mark');
  const cross = input.marginMode === 'cross';
  const lev = cross ? dec(input.effectiveLeverage ?? null) : dec(input.leverage);
  const byLeverage = lev ? leverageLevel(lev, t) : null;
  if (lev && byLeverage && rank(byLeverage.level) > rank(byDistance.level)) {
    // One step above the distance's level at most: leverage is a discipline rule, distance is the risk.
    const level = SEVERITY_ORDER[Math.min(rank(byLeverage.level), rank(byDistance.level) + 1)] ?? byDistance.level;
    const what = cross ? `Effective leverage ${lev.toSignificantDigits(4).toString()}x (position value ÷ account equity)` : `Leverage ${lev.toSignificantDigits(6).toString()}x`;
    const message = `${what} is at or above the ${byLeverage.at.toString()}x ${byLeverage.level} threshold: raised one level above what the distance alone gives (${byDistance.level}).`;
    return { level, reasons: [{ code: 'leverage', message }, byDistance.reason] };
  }
  return { level: byDistance.level, reasons: [byDistance.reason] };
}
