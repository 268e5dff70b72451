/**
 * Beyond the liquidation price.
 * - Gap stress: the price gaps X % past the bankruptcy price (flash crash, thin book) before the position is
 *   closed. The engine reports the loss and the deficit beyond the margin (isolated) or cross equity; whether the
 *   trader or the venue carries the deficit is the venue's policy, decided elsewhere.
 * - Funding drift: isolated margin (or cross equity) shrinks as funding is paid, so the liquidation price creeps
 *   towards the mark. Funding is charged on the position value at the current mark, per whole interval.
 */
import { D } from '../decimal';
import { decimalFrom, shortPrefix } from './decimal-text';
import { normalize } from './input';
import { accountTerms, solveBankruptcy, solveLiquidation } from './liquidation';
import { notionalAt, ONE, pnlOf, ZERO } from './model';
import type { Norm } from './model';
import type { AssessContext, EngineResult, FundingDriftRow, GapStressRow, PositionInput, Warning } from './types';
import type { VenueSpec } from './venues/types';

export const DEFAULT_GAP_PERCENTS = ['0', '1', '2', '5', '10'];
export const DEFAULT_FUNDING_HOURS = ['8', '24', '72', '168'];
const MAX_ROWS = 50;

/** Parse a list of non-negative decimal strings; bad entries are dropped with a warning. */
const MAX_LIST_VALUE = new D('1e6');
const defaultLists = new WeakMap<string[], D[]>();

export function parseList(list: unknown, fallback: string[], field: string, warnings: Warning[], max = MAX_LIST_VALUE): D[] {
  if (!Array.isArray(list)) {
    const hit = defaultLists.get(fallback);
    if (hit) return hit;
    const parsed = parseList(fallback, fallback, field, warnings, max);
    defaultLists.set(fallback, parsed);
    return parsed;
  }
  const src = list;
  const out: D[] = [];
  for (const item of src.slice(0, MAX_ROWS)) {
    const v = decimalFrom(item);
    if (!v) {
      warnings.push({ code: 'ignored-value', field, message: `${field}: "${typeof item === 'string' ? shortPrefix(item, 20) : typeof item}" is not a number and was skipped.` });
      continue;
    }
    const text = v.toString();
    if (v.isNeg() || v.gt(max)) {
      warnings.push({ code: 'ignored-value', field, message: `${field}: ${text} is out of range and was skipped.` });
      continue;
    }
    out.push(v);
  }
  return out;
}

/** (1 − g/100, 1 + g/100) per gap, cached per parsed list: the default list is parsed once. */
const factorCache = new WeakMap<D[], [D, D][]>();
const CENT = new D('0.01');

function gapFactors(gaps: D[]): [D, D][] {
  let hit = factorCache.get(gaps);
  if (!hit) {
    hit = gaps.map((g) => {
      const f = g.mul(CENT);
      return [ONE.minus(f), ONE.plus(f)];
    });
    factorCache.set(gaps, hit);
  }
  return hit;
}

/**
 * Stress prices are what-if figures for display, so they start from the bankruptcy price rounded to the tick
 * (or to 15 significant digits without one); the trigger prices themselves are never rounded.
 */
export function gapStressRows(p: Norm, K: D, bankruptcy: D | null, direction: 'down' | 'up', gaps: D[]): GapStressRow[] {
  if (!bankruptcy) return [];
  const base = p.tick ? bankruptcy.toNearest(p.tick) : bankruptcy.toSignificantDigits(15);
  if (!base.gt(ZERO)) return [];
  const factors = gapFactors(gaps);
  const sizeFee = p.size.mul(p.fee);
  const linear = p.contract === 'linear';
  const rows: GapStressRow[] = [];
  for (let i = 0; i < gaps.length; i++) {
    const gap = gaps[i];
    const fac = factors[i];
    if (!gap || !fac) continue;
    const price = base.mul(direction === 'down' ? fac[0] : fac[1]);
    if (!price.gt(ZERO)) continue;
    let pnl = pnlOf(p.contract, p.s, p.size, p.entry, price);
    for (const leg of p.coLegs) pnl = pnl.plus(pnlOf(p.contract, leg.s, leg.size, leg.entry, price));
    const closeFee = linear ? sizeFee.mul(price) : sizeFee.div(price);
    // A close at a profit (an account already bankrupt before this position moves) is no loss, not a negative one.
    const raw = closeFee.minus(pnl);
    const loss = raw.gt(ZERO) ? raw : ZERO;
    const beyond = loss.minus(K);
    rows.push({ gapPercent: gap.toString(), price: price.toString(), loss: loss.toString(), deficit: beyond.gt(ZERO) ? beyond.toString() : '0' });
  }
  return rows;
}

export function fundingDriftRows(p: Norm, spec: VenueSpec, K: D, lp: D | null, direction: 'down' | 'up', hours: D[]): FundingDriftRow[] | null {
  if (!p.funding) return null;
  const perInterval = notionalAt(p.contract, p.size, p.mark).mul(p.funding);
  const paidPerInterval = p.s === 1 ? perInterval : perInterval.neg();
  const rows: FundingDriftRow[] = [];
  for (const h of hours) {
    const intervals = h.div(p.fundingIntervalHours).floor();
    const paid = paidPerInterval.mul(intervals);
    const k2 = K.minus(paid);
    const r = solveLiquidation(p, spec, k2, lp);
    const price = r.kind === 'price' ? r.price : null;
    let shift: D | null = null;
    if (price && lp) shift = direction === 'down' ? price.minus(lp) : lp.minus(price);
    rows.push({
      hours: h.toString(),
      intervals: intervals.toString(),
      fundingPaid: paid.toString(),
      marginAfter: k2.toString(),
      liquidationPrice: price ? price.toString() : null,
      shift: shift ? shift.toString() : null,
    });
  }
  return rows;
}

/** Gap stress for a position: loss and deficit when the close happens X % past the bankruptcy price. */
export function gapStress(input: PositionInput, ctx: AssessContext = {}, gapPercents?: string[]): EngineResult<GapStressRow[]> {
  const n = normalize(input, ctx);
  if (!n.ok) return n;
  const warnings = [...n.p.warnings];
  const K = accountTerms(n.p, n.spec).K;
  const liq = solveLiquidation(n.p, n.spec, K);
  const bp = solveBankruptcy(n.p, n.spec, K);
  const rows = gapStressRows(n.p, K, bp, liq.direction, parseList(gapPercents ?? ctx.gapPercents, DEFAULT_GAP_PERCENTS, 'gapPercents', warnings));
  return {
    ok: true,
    value: rows,
    warnings,
    assumptions: [
      ...n.p.assumptions,
      { code: 'gap-from-bankruptcy', message: 'Gap prices are measured past the bankruptcy price; the loss includes the closing taker fee at that price; the deficit is what the margin (isolated) or cross equity cannot cover.' },
    ],
  };
}

/** The liquidation price after holding for N hours at the given funding rate. */
export function fundingDrift(input: PositionInput, ctx: AssessContext = {}, hours?: string[]): EngineResult<FundingDriftRow[]> {
  const n = normalize(input, ctx);
  if (!n.ok) return n;
  if (!n.p.funding) return { ok: false, errors: [{ field: 'fundingRate', code: 'required', message: 'Funding drift needs a funding rate per interval (0.0001 = 0.01 %).' }] };
  const warnings = [...n.p.warnings];
  const K = accountTerms(n.p, n.spec).K;
  const liq = solveLiquidation(n.p, n.spec, K);
  const rows = fundingDriftRows(n.p, n.spec, K, liq.kind === 'price' ? liq.price : null, liq.direction, parseList(hours ?? ctx.fundingHours, DEFAULT_FUNDING_HOURS, 'fundingHours', warnings)) ?? [];
  return {
    ok: true,
    value: rows,
    warnings,
    assumptions: [
      ...n.p.assumptions,
      { code: 'funding-at-mark', message: `Funding is charged every ${n.p.fundingIntervalHours.toString()} h on the position value at today's mark, at today's rate, and comes out of the margin.` },
    ],
  };
}
