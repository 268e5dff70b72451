/**
 * PnL and ROE at a price, and the loss-versus-price curve the popup charts.
 */
import type { D } from '../decimal';
import { decimalFrom } from './decimal-text';
import { normalize } from './input';
import { accountTerms, legRequirement, solveLiquidation, tierAtPrice } from './liquidation';
import { HUNDRED, notionalAt, pnlOf, ZERO } from './model';
import type { Norm } from './model';
import type { AssessContext, EngineResult, PositionInput } from './types';
import type { VenueSpec } from './venues/types';

const MAX_POINTS = 4096;

export function parsePrice(v: unknown): D | null {
  const d = decimalFrom(v);
  return d && d.gt(ZERO) && d.lte('1e15') ? d : null;
}

/** The margin ROE is measured on: isolated margin, or notional ÷ leverage in cross (null: cross without a leverage). */
export function roeBase(p: Norm): D | null {
  if (p.marginMode === 'isolated' && p.margin) return p.margin;
  return p.leverage ? notionalAt(p.contract, p.size, p.entry).div(p.leverage) : null;
}

export function pnlAtD(p: Norm, price: D): { pnl: D; roePercent: D | null } {
  let pnl = pnlOf(p.contract, p.s, p.size, p.entry, price);
  for (const leg of p.coLegs) pnl = pnl.plus(pnlOf(p.contract, leg.s, leg.size, leg.entry, price));
  const base = roeBase(p);
  return { pnl, roePercent: base === null ? null : base.isZero() ? ZERO : pnl.div(base).mul(HUNDRED) };
}

export interface PnlAt {
  price: string;
  pnl: string;
  /** Null in cross margin without a leverage: ROE is measured on the initial margin, which needs it. */
  roePercent: string | null;
  currency: string;
}

/** Unrealized PnL (fees excluded) and ROE on the initial margin, at a price. */
export function pnlAt(input: PositionInput, ctx: AssessContext = {}, price?: string): EngineResult<PnlAt> {
  const n = normalize(input, ctx);
  if (!n.ok) return n;
  const at = parsePrice(price ?? ctx.priceFor);
  if (!at) return { ok: false, errors: [{ field: 'priceFor', code: 'not-positive', message: 'The price to evaluate PnL at must be a number above zero.' }] };
  const r = pnlAtD(n.p, at);
  return {
    ok: true,
    value: { price: at.toString(), pnl: r.pnl.toString(), roePercent: r.roePercent?.toString() ?? null, currency: n.p.currency },
    warnings: n.p.warnings,
    assumptions: [...n.p.assumptions, { code: 'pnl-excludes-fees', message: 'PnL and ROE exclude fees and funding; ROE is on the initial (isolated) margin.' }],
  };
}

export interface CurvePoint {
  price: string;
  /** Unrealized PnL of this position (and its hedge leg) at the price. */
  pnl: string;
  /** Loss if closed there: −PnL plus the closing taker fee (negative means a profit). */
  loss: string;
  /** Account (cross) or position (isolated) equity at the price, other positions frozen at mark. */
  equity: string;
  /** Maintenance requirement at the price (including the fee reserve where the venue counts it). */
  requirement: string;
  liquidated: boolean;
}

/** Requirement of the moving legs at a price (others are frozen inside K). */
function movingRequirement(p: Norm, spec: VenueSpec, price: D, phi: D): D {
  if (spec.formula.method === 'numeric' && spec.formula.requirementAt) return spec.formula.requirementAt(p, price).mm;
  const { tier } = tierAtPrice(p, spec, price);
  let req = legRequirement(p, spec, p.size, p.entry, price, tier.mmr, tier.amount, phi);
  for (const leg of p.coLegs) req = req.plus(legRequirement(p, spec, leg.size, leg.entry, price, leg.mmr, leg.amount, phi));
  return req;
}

/** Loss versus price over [from, to] in `points` evenly spaced prices. */
export function lossCurve(
  input: PositionInput,
  ctx: AssessContext = {},
  range: { from?: string; to?: string; points?: number } = {},
): EngineResult<{ points: CurvePoint[]; liquidationPrice: string | null; currency: string }> {
  const n = normalize(input, ctx);
  if (!n.ok) return n;
  const { p, spec } = n;
  const from = parsePrice(range.from);
  const to = parsePrice(range.to);
  const count = typeof range.points === 'number' && Number.isInteger(range.points) ? range.points : NaN;
  const errors = [];
  if (!from) errors.push({ field: 'from', code: 'not-positive', message: 'The curve needs a start price above zero.' });
  if (!to) errors.push({ field: 'to', code: 'not-positive', message: 'The curve needs an end price above zero.' });
  if (!(count >= 2 && count <= MAX_POINTS)) errors.push({ field: 'points', code: 'out-of-range', message: `The curve needs between 2 and ${MAX_POINTS} points.` });
  if (errors.length > 0 || !from || !to) return { ok: false, errors };
  const acct = accountTerms(p, spec);
  const phi = spec.formula.triggerFeeRate(p);
  const extra = spec.formula.extraRequirement ? spec.formula.extraRequirement(p, acct.K) : ZERO;
  const liq = solveLiquidation(p, spec, acct.K);
  const step = to.minus(from).div(count - 1);
  // Account equity excludes the others' requirement, which K has already subtracted.
  const equityBase = acct.K.plus(acct.othersRequirement);
  const points: CurvePoint[] = [];
  for (let i = 0; i < count; i++) {
    const price = i === count - 1 ? to : from.plus(step.mul(i));
    let pnl = pnlOf(p.contract, p.s, p.size, p.entry, price);
    for (const leg of p.coLegs) pnl = pnl.plus(pnlOf(p.contract, leg.s, leg.size, leg.entry, price));
    const requirement = movingRequirement(p, spec, price, phi).plus(acct.othersRequirement).plus(extra);
    const equity = equityBase.plus(pnl);
    points.push({
      price: price.toString(),
      pnl: pnl.toString(),
      loss: pnl.neg().plus(notionalAt(p.contract, p.size, price).mul(p.fee)).toString(),
      equity: equity.toString(),
      requirement: requirement.toString(),
      liquidated: equity.lte(requirement),
    });
  }
  return {
    ok: true,
    value: { points, liquidationPrice: liq.kind === 'price' && liq.price ? liq.price.toString() : null, currency: p.currency },
    warnings: p.warnings,
    assumptions: [...p.assumptions, { code: 'others-frozen-at-mark', message: 'Other positions stay at their current marks along the curve.' }],
  };
}
