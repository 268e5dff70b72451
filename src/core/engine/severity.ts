/**
 * Severity: a level from the distance to liquidation, the leverage and the margin mode, with thresholds passed
 * in from settings. Every level comes with the reasons that raised it, in words.
 */
import { D } from '../decimal';
import { ZERO } from './model';
import type { MarginMode, SeverityLevel, SeverityThresholds } from './types';

export const DEFAULT_THRESHOLDS: SeverityThresholds = {
  distancePercent: { critical: '2', danger: '5', caution: '15' },
  leverage: { caution: '10', danger: '25', critical: '75' },
  crossMarginRaisesLevel: true,
};

const ORDER: SeverityLevel[] = ['ok', 'caution', 'danger', 'critical'];
const rank = (l: SeverityLevel): number => ORDER.indexOf(l);

export interface SeverityInput {
  /** Percent distance from mark to liquidation (negative: already past); null when there is no liquidation price. */
  distancePercent: D | string | null;
  /** Why there is no liquidation price: `never` (cannot be liquidated by price) or `always` (below maintenance already). */
  noLiquidation?: 'never' | 'always' | null;
  leverage: D | string;
  marginMode: MarginMode;
}

export interface SeverityResult {
  level: SeverityLevel;
  reasons: { code: string; message: string }[];
}

const DEC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function dec(v: D | string): D | null {
  if (v instanceof D) return v.isFinite() ? v : null;
  return typeof v === 'string' && DEC.test(v.trim()) ? new D(v.trim()) : null;
}

interface ParsedThresholds {
  dist: [D, D, D];
  lev: [D, D, D];
  cross: boolean;
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
  const pick = (v: string | undefined, d: string): D => {
    const x = v === undefined ? null : dec(v);
    return x && x.gte(ZERO) ? x : new D(d);
  };
  const dd = DEFAULT_THRESHOLDS.distancePercent;
  const dl = DEFAULT_THRESHOLDS.leverage;
  return {
    dist: [pick(t?.distancePercent?.critical, dd.critical), pick(t?.distancePercent?.danger, dd.danger), pick(t?.distancePercent?.caution, dd.caution)],
    lev: [pick(t?.leverage?.caution, dl.caution), pick(t?.leverage?.danger, dl.danger), pick(t?.leverage?.critical, dl.critical)],
    cross: t?.crossMarginRaisesLevel ?? DEFAULT_THRESHOLDS.crossMarginRaisesLevel,
  };
}

export function severityOf(input: SeverityInput, thresholds?: SeverityThresholds): SeverityResult {
  const t = thresholdsOrDefault(thresholds);
  const reasons: { code: string; message: string }[] = [];
  let level: SeverityLevel = 'ok';
  const raise = (l: SeverityLevel): void => {
    if (rank(l) > rank(level)) level = l;
  };

  if (input.noLiquidation === 'always') {
    raise('critical');
    reasons.push({ code: 'below-maintenance', message: 'Equity is already below the maintenance margin: the position would be liquidated at once.' });
  } else if (input.distancePercent !== null) {
    const d = dec(input.distancePercent);
    if (d) {
      const [crit, danger, caution] = t.dist;
      const shown = d.toDecimalPlaces(2).toString();
      if (d.lte(ZERO)) {
        raise('critical');
        reasons.push({ code: 'past-liquidation', message: 'The mark price is already at or past the liquidation price.' });
      } else if (d.lte(crit)) {
        raise('critical');
        reasons.push({ code: 'distance', message: `Liquidation is only ${shown} % away from the mark (critical at ${crit.toString()} % or less).` });
      } else if (d.lte(danger)) {
        raise('danger');
        reasons.push({ code: 'distance', message: `Liquidation is ${shown} % away from the mark (danger at ${danger.toString()} % or less).` });
      } else if (d.lte(caution)) {
        raise('caution');
        reasons.push({ code: 'distance', message: `Liquidation is ${shown} % away from the mark (caution at ${caution.toString()} % or less).` });
      }
    }
  }

  const lev = dec(input.leverage);
  if (lev) {
    const [caution, danger, crit] = t.lev;
    const shown = lev.toSignificantDigits(6).toString();
    if (lev.gte(crit)) {
      raise('critical');
      reasons.push({ code: 'leverage', message: `Leverage ${shown}x is at or above ${crit.toString()}x.` });
    } else if (lev.gte(danger)) {
      raise('danger');
      reasons.push({ code: 'leverage', message: `Leverage ${shown}x is at or above ${danger.toString()}x.` });
    } else if (lev.gte(caution)) {
      raise('caution');
      reasons.push({ code: 'leverage', message: `Leverage ${shown}x is at or above ${caution.toString()}x.` });
    }
  }

  if (input.marginMode === 'cross' && t.cross && level !== 'ok' && level !== 'critical') {
    const next = ORDER[rank(level) + 1];
    if (next) level = next;
    reasons.push({ code: 'cross-margin', message: 'Cross margin: a liquidation would take the whole cross wallet, not just this position’s margin.' });
  }
  return { level, reasons };
}
