/**
 * The popup calculator's one answer: the engine's assessment plus the extra figures the trader asked for
 * (PnL at a price, price for a target ROE, largest size for a maximum loss, leverage for a distance, the gap
 * and funding-drift rows at the chosen values, the loss curve) and the venue policy's answer to "can I
 * lose more than my margin?" with the engine's own amounts. Pure: the background handler supplies the
 * market data (tier table, volatility), the thresholds and the clock.
 */
import { D } from '../decimal';
import {
  assess,
  fundingDrift,
  gapStress,
  leverageForDistance,
  lossCurve,
  maxSizeForMaxLoss,
  pnlAt,
  priceForTargetRoe,
} from '../engine/index';
import type { AssessContext, Assessment, EngineResult, PositionInput, SeverityThresholds, TierTable } from '../engine/index';
import { canLoseMoreThanMargin, policyQuestionFor } from '../policy/index';
import type { PolicyAnswer } from '../policy/index';
import { lossMoney } from '../assessment/display';
import type { CalcAssessRequest, CalcAssessResponse, CalcDataNote, CalcExtrasResult, LossCurve } from './types';

export interface CalcContext {
  /** ISO time "now": the tier table's age and the policy sources' staleness. */
  now: string;
  tiers?: TierTable | null;
  tableNote?: CalcDataNote['tierTable'];
  volatility?: { sigmaDaily: string; source: string; window: string } | null;
  thresholds?: SeverityThresholds;
  /** The trader's settings, used when the request does not say. */
  defaultAccountMode?: string | null;
  defaultRegion?: string | null;
}

const PLAIN = /^\d+(\.\d+)?$/;
const DEC = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const CURVE_POINTS = 81;
const MAX_GAP = new D(50);

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** The single row an engine list function returns for a single-value list. */
function first<T>(r: EngineResult<T[]>): EngineResult<T | null> {
  return r.ok ? { ok: true, value: r.value[0] ?? null, assumptions: r.assumptions, warnings: r.warnings } : r;
}

/** Prices spanning entry, mark, liquidation, bankruptcy and the gap price, with a margin either side. */
export function curveRange(prices: (string | null | undefined)[]): { from: string; to: string } | null {
  const ds = prices.filter((p): p is string => typeof p === 'string' && DEC.test(p)).map((p) => new D(p)).filter((d) => d.gt(0));
  if (ds.length === 0) return null;
  let lo = D.min(...ds);
  let hi = D.max(...ds);
  const entry = ds[0] as D;
  // At least ±5 % around entry, so a far liquidation does not flatten the picture near entry, and
  // a near one still shows some room on the profitable side.
  lo = D.min(lo, entry.mul('0.95'));
  hi = D.max(hi, entry.mul('1.05'));
  const pad = hi.minus(lo).mul('0.08');
  const from = D.max(lo.minus(pad), lo.mul('0.5'));
  const to = hi.plus(pad);
  return { from: from.toSignificantDigits(12).toString(), to: to.toSignificantDigits(12).toString() };
}

function policyFor(
  input: PositionInput,
  a: Assessment | null,
  gap: CalcExtrasResult['gap'],
  accountMode: string | null,
  region: string | null,
  now: string,
): PolicyAnswer | null {
  const venue = typeof input.venue === 'string' ? input.venue.trim() : '';
  if (venue === '') return null;
  if (a) {
    const gapRow = gap?.ok && gap.value && PLAIN.test(gap.value.deficit) ? gap.value : null;
    return canLoseMoreThanMargin(policyQuestionFor(a, { accountMode, region, gapRow, quote: (v) => (PLAIN.test(v) ? lossMoney(v, a.currency) : null), now }));
  }
  // No assessment yet: the venue's answer still helps, without amounts.
  const marginMode = input.marginMode === 'isolated' || input.marginMode === 'cross' ? input.marginMode : undefined;
  return canLoseMoreThanMargin({ venue, accountMode, region, ...(marginMode ? { marginMode } : {}), amounts: {}, now });
}

/** One calculator answer. Never throws: every failure is a field error or an `ok: false` extra. */
export function calculate(req: Omit<CalcAssessRequest, 'type'>, ctx: CalcContext): CalcAssessResponse {
  const input: PositionInput = typeof req.input === 'object' && req.input !== null ? req.input : {};
  const extras = req.extras ?? {};
  const accountMode = req.accountMode !== undefined ? req.accountMode : (ctx.defaultAccountMode ?? null);
  const region = req.region !== undefined ? req.region : (ctx.defaultRegion ?? null);
  const base: AssessContext = { now: ctx.now };
  if (ctx.tiers) base.tiers = ctx.tiers;
  if (ctx.thresholds) base.thresholds = ctx.thresholds;
  const withVol: AssessContext = ctx.volatility ? { ...base, volatility: ctx.volatility } : base;

  const result = assess(input, withVol);
  const a = result.ok ? result.assessment : null;
  const out: CalcExtrasResult = { pnlAt: null, targetRoe: null, maxSize: null, leverageForDistance: null, gap: null, fundingDrift: null, lossCurve: null };

  if (a) {
    const priceFor = text(extras.priceFor);
    if (priceFor !== undefined) out.pnlAt = pnlAt(input, base, priceFor);
    const roe = text(extras.targetRoePercent);
    if (roe !== undefined) out.targetRoe = priceForTargetRoe(input, base, { roePercent: roe });
    const maxLoss = text(extras.maxLoss);
    if (maxLoss !== undefined) out.maxSize = maxSizeForMaxLoss(input, base, { maxLoss });
    const dist = text(extras.minDistancePercent);
    if (dist !== undefined) out.leverageForDistance = leverageForDistance(input, base, { distancePercent: dist });
    const gap = text(extras.gapPercent);
    if (gap !== undefined) {
      if (DEC.test(gap) && new D(gap).gte(0) && new D(gap).lte(MAX_GAP)) out.gap = first(gapStress(input, base, [gap]));
      else out.gap = { ok: false, errors: [{ field: 'gapPercent', code: 'out-of-range', message: 'The gap must be between 0 and 50 % past the bankruptcy price.' }] };
    }
    const hours = text(extras.fundingHours);
    if (hours !== undefined) {
      if (input.fundingRate === undefined || input.fundingRate === null || input.fundingRate === '') {
        out.fundingDrift = { ok: true, value: null, assumptions: [], warnings: [] };
      } else if (DEC.test(hours) && new D(hours).gt(0) && new D(hours).lte(8760)) {
        out.fundingDrift = first(fundingDrift(input, base, [hours]));
      } else {
        out.fundingDrift = { ok: false, errors: [{ field: 'fundingHours', code: 'out-of-range', message: 'Hours held must be above 0 and at most 8760 (one year).' }] };
      }
    }
    const gapPrice = out.gap?.ok && out.gap.value ? out.gap.value.price : null;
    const range = curveRange([a.entryPrice, a.markPrice, a.liquidationPrice, a.bankruptcyPrice, gapPrice]);
    if (range) {
      const c = lossCurve(input, base, { ...range, points: CURVE_POINTS });
      const marks: LossCurve['marks'] = { entry: a.entryPrice, mark: a.markPrice, liquidation: a.liquidationPrice, bankruptcy: a.bankruptcyPrice, gap: gapPrice };
      const atMarks: LossCurve['atMarks'] = [];
      for (const key of ['entry', 'mark', 'liquidation', 'bankruptcy', 'gap'] as const) {
        const at = marks[key];
        if (at === null) continue;
        const one = lossCurve(input, base, { from: at, to: at, points: 2 });
        const p = one.ok ? one.value.points[0] : undefined;
        if (p) atMarks.push({ key, price: at, loss: p.loss, pnl: p.pnl });
      }
      out.lossCurve = c.ok
        ? {
            ok: true,
            value: { points: c.value.points, currency: c.value.currency, marks, atMarks } satisfies LossCurve,
            assumptions: c.assumptions,
            warnings: c.warnings,
          }
        : c;
    }
  }

  let policy: PolicyAnswer | null;
  try {
    policy = policyFor(input, a, out.gap, accountMode, region, ctx.now);
  } catch {
    // The policy answer is an addition: without it the figures still stand, and the popup says "unknown".
    policy = null;
  }
  const data: CalcDataNote = {
    tierTable: ctx.tableNote ?? null,
    volatility: a?.touchProbability24h && ctx.volatility ? { ...ctx.volatility } : null,
    accountMode,
    region,
  };
  return { ok: true, result, policy, extras: out, data };
}
