/**
 * assess(): one position in, one assessment out. Validation, then the venue's liquidation and bankruptcy
 * prices, margins, the loss at liquidation, what is at risk, stress figures, severity and every assumption.
 */
import { D } from '../decimal';
import { formatPrice } from './format';
import { normalize } from './input';
import type { Normalized } from './input';
import { accountTerms, legRequirement, solveBankruptcy, solveLiquidation, tierAtPrice } from './liquidation';
import type { LiqResult } from './liquidation';
import { HUNDRED, notionalAt, pnlOf, ZERO } from './model';
import type { Norm, ResolvedTiers } from './model';
import { parsePrice, pnlAtD } from './pnl';
import { severityOf } from './severity';
import { DEFAULT_FUNDING_HOURS, DEFAULT_GAP_PERCENTS, fundingDriftRows, gapStressRows, parseList } from './stress';
import { tierBasisLabel } from './tiers';
import { parseIsoTime, tableAge } from './table-age';
import { touchProbability } from './touch-probability';
import type { AssessContext, Assessment, AssessResult, Assumption, PositionInput, TierTableInfo, TierUsed, Warning } from './types';
import type { VenueSpec } from './venues/types';


/** Validate and assess one position. Never throws; bad input comes back as field errors. */
export function assess(input: PositionInput, ctx: AssessContext = {}): AssessResult {
  try {
    return assessUnguarded(input, ctx ?? {});
  } catch {
    // Last line of defence: a defect must show as "no number", never as a wrong number or a crash.
    return {
      ok: false,
      errors: [{ field: '', code: 'internal-error', message: 'The calculator could not assess this input; no figure is shown rather than a wrong one.' }],
    };
  }
}

/** Same as assess() without the final guard: tests use it to prove no input reaches the guard. */
export function assessUnguarded(input: PositionInput, ctx: AssessContext = {}): AssessResult {
  const n = normalize(input, ctx);
  if (!n.ok) return n;
  return { ok: true, assessment: buildAssessment(n, ctx) };
}

function tierTableInfo(t: ResolvedTiers, now: string | undefined, warnings: Warning[], assumptions: Assumption[]): TierTableInfo | null {
  if (t.source === 'override') return { source: 'override', capturedAt: null, ageDays: null, symbol: t.symbol };
  let ageDays: string | null = null;
  const nowMs = now === undefined ? null : parseIsoTime(now);
  if (nowMs !== null) {
    const age = tableAge(t.capturedAt, nowMs);
    ageDays = age.ageDays;
    if (age.level === 'warning') warnings.push({ code: 'tier-table-old', field: 'tiers', message: `${age.message} The maintenance rate may be out of date.` });
    else if (age.level === 'caveat') assumptions.push({ code: 'tier-table-age', message: age.message });
    else if (age.level === 'unknown') assumptions.push({ code: 'tier-table-undated', message: age.message });
  }
  const info: TierTableInfo = { source: t.source, capturedAt: t.capturedAt, ageDays, symbol: t.symbol };
  if (t.url !== undefined) info.url = t.url;
  return info;
}

function tierUsed(p: Norm, liq: LiqResult): TierUsed {
  const t = liq.tier;
  return {
    index: t.index,
    maintenanceMarginRate: t.mmr.toString(),
    maintenanceAmount: t.amount.toString(),
    maxLeverage: t.maxLev ? t.maxLev.toString() : null,
    basis: liq.measuredAt === 'function' ? 'function' : p.tiers.basis,
    basisValue: liq.basisValue ? liq.basisValue.toString() : null,
    measuredAt: liq.measuredAt,
  };
}

function tierAssumption(p: Norm, liq: LiqResult, spec: VenueSpec): Assumption {
  const t = p.tiers;
  const where: Record<TierUsed['measuredAt'], string> = {
    'liquidation-price': `chosen by the ${tierBasisLabel(t.basis)} at the liquidation price (the self-consistent tier, as the venue measures it at the moment of liquidation)`,
    entry: `chosen by the ${tierBasisLabel(t.basis)} at entry`,
    contracts: 'chosen by the number of contracts',
    override: 'from the rate you entered',
    function: 'from the venue’s margin function',
  };
  const rate = `Maintenance rate ${liq.tier.mmr.mul(HUNDRED).toString()} %${liq.tier.amount.isZero() ? '' : ` less ${liq.tier.amount.toString()}`}`;
  if (liq.measuredAt === 'override') return { code: 'tier-table', message: `${rate}: ${t.note}; no tier table used (${spec.name}).` };
  const date = t.capturedAt ? `, captured ${t.capturedAt.slice(0, 10)}` : '';
  const idx = liq.tier.index === null ? '' : `tier ${liq.tier.index + 1} of the `;
  return { code: 'tier-table', message: `${rate}: ${idx}${t.note}${date}; ${where[liq.measuredAt]} (${spec.name}).` };
}

function buildAssessment(n: Normalized, ctx: AssessContext): Assessment {
  const { p, spec } = n;
  const f = spec.formula;
  const warnings = p.warnings;
  const assumptions: Assumption[] = [...f.assumptions(p), ...p.assumptions];
  const acct = accountTerms(p, spec);
  const K = acct.K;
  const liq = solveLiquidation(p, spec, K);
  const bp = solveBankruptcy(p, spec, K);
  const lp = liq.kind === 'price' ? liq.price : null;
  const direction = liq.direction;

  // Distance from mark: positive while there is room.
  let distance: Assessment['distance'] = null;
  let distPct: D | null = null;
  if (lp) {
    const move = direction === 'down' ? p.mark.minus(lp) : lp.minus(p.mark);
    distPct = move.div(p.mark).mul(HUNDRED);
    distance = { price: move.toString(), percent: distPct.toString() };
    if (!move.gt(ZERO)) {
      warnings.push({ code: 'mark-past-liquidation', field: 'markPrice', message: 'At the current mark price this position is already at or past its liquidation price: it would be liquidated as soon as it opens.' });
    }
  }
  let nullReason: Assessment['liquidationNullReason'] = null;
  if (liq.kind === 'never') {
    nullReason =
      direction === 'down'
        ? { code: 'not-liquidatable', message: 'No liquidation price: the margin covers a fall all the way to zero (e.g. a 1x long), so a price move alone cannot liquidate it.' }
        : { code: 'not-liquidatable', message: 'No liquidation price: the margin covers any rise (e.g. a 1x short on a coin-margined contract), so a price move alone cannot liquidate it.' };
  } else if (liq.kind === 'always') {
    nullReason = { code: 'below-maintenance', message: 'No liquidation price: equity is below the maintenance margin at every price, so the position would be liquidated at once.' };
    warnings.push({ code: 'below-maintenance', message: nullReason.message });
  }

  // Margins.
  const notional = notionalAt(p.contract, p.size, p.entry);
  const initialMargin = notional.div(p.leverage);
  const phiZero = ZERO;
  const mmNow = f.method === 'numeric' && f.requirementAt ? f.requirementAt(p, p.mark).mm : (() => {
    const { tier } = tierAtPrice(p, spec, p.mark);
    return legRequirement(p, spec, p.size, p.entry, p.mark, tier.mmr, tier.amount, phiZero);
  })();
  let mmAtLiq: D | null = null;
  if (lp) {
    mmAtLiq = f.method === 'numeric' && f.requirementAt ? f.requirementAt(p, lp).mm : legRequirement(p, spec, p.size, p.entry, lp, liq.tier.mmr, liq.tier.amount, phiZero);
  }

  // Loss at liquidation: price move to LP plus opening and closing taker fees.
  const openFee = notional.mul(p.fee);
  const closeAt = f.closeFeeAt === 'bankruptcy' ? (bp ?? lp) : lp;
  const closeFee = closeAt ? notionalAt(p.contract, p.size, closeAt).mul(p.fee) : null;
  let lossAtLiq: D | null = null;
  if (lp && closeFee) {
    let pnl = pnlOf(p.contract, p.s, p.size, p.entry, lp);
    for (const leg of p.coLegs) pnl = pnl.plus(pnlOf(p.contract, leg.s, leg.size, leg.entry, lp));
    lossAtLiq = pnl.neg().plus(openFee).plus(closeFee);
  }
  const feesAtLiq = closeFee ? openFee.plus(closeFee) : null;
  assumptions.push({
    code: 'fees-in-loss',
    message: `Loss at liquidation includes the opening taker fee and the closing taker fee at the ${f.closeFeeAt === 'bankruptcy' ? 'bankruptcy' : 'liquidation'} price. Venues usually also keep whatever margin is left (insurance or clearance fee), so the loss can reach the whole margin.`,
  });

  // What is at risk.
  // An order that adds (or flips into) the net side adds its margin and fee; a reduction adds nothing.
  let addedByThisOrder: D;
  if (p.orderSize && p.orderEntry && p.orderS !== null) {
    const opened = D.min(p.orderSize, p.size);
    addedByThisOrder = p.orderS === p.s ? notionalAt(p.contract, opened, p.orderEntry).div(p.leverage).plus(notionalAt(p.contract, p.orderSize, p.orderEntry).mul(p.fee)) : ZERO;
  } else {
    addedByThisOrder = initialMargin.plus(openFee);
  }
  const marginAtRisk: Assessment['marginAtRisk'] =
    p.marginMode === 'isolated'
      ? { amount: (p.margin ?? ZERO).toString(), scope: 'position', addedByThisOrder: addedByThisOrder.toString() }
      : { amount: D.max(ZERO, (p.wallet ?? ZERO).plus(acct.othersUpnl)).toString(), scope: 'cross-wallet', addedByThisOrder: addedByThisOrder.toString() };
  if (p.marginMode === 'cross') {
    assumptions.push({
      code: 'cross-wallet-at-risk',
      message: 'Cross margin: the whole cross wallet (with other positions’ unrealized PnL) is at risk; "added by this order" is this order’s initial margin plus its opening fee.',
    });
    if (p.others.length > 0) {
      assumptions.push({ code: 'others-frozen-at-mark', message: `The ${p.others.length} other position(s) are held at their current mark prices, with their signed unrealized PnL and maintenance margin; if they move, this liquidation price moves too.` });
    } else if (p.coLegs.length === 0) {
      assumptions.push({ code: 'no-other-positions', message: 'No other cross positions were given: the cross wallet is taken to back this position alone.' });
    }
    if (p.coLegs.length > 0) {
      assumptions.push({ code: 'hedge-legs-move-together', message: 'Hedge mode: the other leg on this symbol moves with the same mark price; its maintenance rate is the one given for it.' });
    }
  }
  assumptions.push({ code: 'mark-price-trigger', message: 'Liquidation is triggered by the mark price, not the last traded price; no safety buffer is added.' });
  assumptions.push(tierAssumption(p, liq, spec));
  const tierTable = tierTableInfo(p.tiers, ctx.now, warnings, assumptions);

  // Stress figures.
  const gap = gapStressRows(p, K, bp, direction, parseList(ctx.gapPercents, DEFAULT_GAP_PERCENTS, 'gapPercents', warnings));
  const drift = p.funding ? fundingDriftRows(p, spec, K, lp, direction, parseList(ctx.fundingHours, DEFAULT_FUNDING_HOURS, 'fundingHours', warnings)) : null;
  let pnlAtPrice: Assessment['pnlAtPrice'] = null;
  if (ctx.priceFor !== undefined) {
    const at = parsePrice(ctx.priceFor);
    if (at) {
      const r = pnlAtD(p, at);
      pnlAtPrice = { price: at.toString(), pnl: r.pnl.toString(), roePercent: r.roePercent.toString() };
    } else {
      warnings.push({ code: 'ignored-value', field: 'priceFor', message: 'The price for PnL is not a positive number: no PnL at price is shown.' });
    }
  }
  let touch: Assessment['touchProbability24h'] = null;
  if (ctx.volatility && lp) {
    const t = touchProbability({ mark: p.mark, barrier: lp, sigmaDaily: ctx.volatility.sigmaDaily, horizonHours: '24' });
    if (t) {
      touch = { probability: t.probability, model: t.model, sigmaDaily: ctx.volatility.sigmaDaily, source: String(ctx.volatility.source ?? ''), window: String(ctx.volatility.window ?? '') };
      assumptions.push({ code: 'touch-model', message: `Touch probability: ${t.model}; volatility ${ctx.volatility.sigmaDaily} a day from ${String(ctx.volatility.source ?? 'unknown source')} (${String(ctx.volatility.window ?? 'window not given')}). Real prices have fatter tails.` });
    } else {
      warnings.push({ code: 'ignored-value', field: 'volatility', message: 'The volatility given is not a positive number: no touch probability is shown.' });
    }
  }

  const severity = severityOf({ distancePercent: distPct, noLiquidation: liq.kind === 'price' ? null : liq.kind, leverage: p.leverage, marginMode: p.marginMode }, ctx.thresholds);
  const roundSide = direction === 'down' ? 'long' : 'short';

  return {
    venue: p.venue,
    symbol: p.symbol,
    contract: p.contract,
    marginMode: p.marginMode,
    positionMode: p.positionMode,
    side: p.side,
    currency: p.currency,
    entryPrice: p.entry.toString(),
    markPrice: p.mark.toString(),
    size: {
      base: p.contract === 'linear' ? p.size.toString() : null,
      faceValue: p.contract === 'inverse' ? p.size.toString() : null,
      contracts: p.contracts ? p.contracts.toString() : null,
    },
    leverage: p.leverage.toString(),
    notional: notional.toString(),
    liquidationPrice: lp ? lp.toString() : null,
    liquidationNullReason: nullReason,
    liquidationDirection: direction,
    bankruptcyPrice: bp ? bp.toString() : null,
    distance,
    initialMargin: initialMargin.toString(),
    maintenanceMargin: mmNow.toString(),
    maintenanceMarginAtLiquidation: mmAtLiq ? mmAtLiq.toString() : null,
    tier: tierUsed(p, liq),
    tierTable,
    lossAtLiquidation: lossAtLiq ? lossAtLiq.toString() : null,
    feesAtLiquidation: feesAtLiq ? feesAtLiq.toString() : null,
    marginAtRisk,
    severity,
    gapStress: gap,
    fundingDrift: drift,
    pnlAtPrice,
    touchProbability24h: touch,
    display: {
      liquidationPrice: lp ? formatPrice(lp, p.tick, roundSide) : null,
      bankruptcyPrice: bp ? formatPrice(bp, p.tick, roundSide) : null,
      tick: p.tick ? p.tick.toString() : null,
    },
    method: f.method,
    formula: { venue: p.venue, doc: spec.doc.url, version: spec.doc.version, confidence: spec.confidence },
    assumptions,
    warnings,
  };
}
