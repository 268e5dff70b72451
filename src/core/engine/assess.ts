/**
 * assess(): one position in, one assessment out. Validation, then the venue's liquidation and bankruptcy
 * prices, margins, the loss at liquidation, what is at risk, stress figures, severity and every assumption.
 */
import { D } from '../decimal';
import { formatPrice } from './format';
import { normalize } from './input';
import type { Normalized } from './input';
import { accountTerms, legRequirement, solveBankruptcy, solveLiquidation, tierAtPrice } from './liquidation';
import type { AccountTerms, LiqResult } from './liquidation';
import { HUNDRED, notionalAt, pnlOf, ZERO } from './model';
import type { Norm, ResolvedTiers } from './model';
import { parsePrice, pnlAtD } from './pnl';
import { severityOf } from './severity';
import { DEFAULT_FUNDING_HOURS, DEFAULT_GAP_PERCENTS, fundingDriftRows, gapStressRows, parseList } from './stress';
import { tierBasisLabel } from './tiers';
import { parseIsoTime, tableAge } from './table-age';
import { touchProbability } from './touch-probability';
import type { AssessContext, Assessment, AssessResult, Assumption, LossIfLiquidated, PositionInput, TierTableInfo, TierUsed, Warning } from './types';
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

/**
 * Only the liquidation price as assess() shows it (`display.liquidationPrice`: to the tick, on the side
 * away from the position), or null when there is none or the input is refused. The same validation and
 * the same solve, without the margins, losses, stress rows, severity and words that assess() builds
 * around it: for callers that need this one figure for many positions at every keystroke (each open
 * cross position's liquidation after an order). Never throws.
 */
export function liquidationPriceShown(input: PositionInput, ctx: AssessContext = {}): string | null {
  const liq = liquidationOnly(input, ctx);
  return liq && formatPrice(liq.price, liq.tick, liq.direction === 'down' ? 'long' : 'short');
}

/** The same, unrounded: assess()'s `liquidationPrice` (for the self-check's what-ifs, each a full solve). Never throws. */
export function liquidationPriceOf(input: PositionInput, ctx: AssessContext = {}): string | null {
  return liquidationOnly(input, ctx)?.price.toString() ?? null;
}

function liquidationOnly(input: PositionInput, ctx: AssessContext): { price: D; tick: D | null; direction: 'down' | 'up' } | null {
  try {
    const n = normalize(input, ctx ?? {});
    if (!n.ok) return null;
    const { p, spec } = n;
    const liq = solveLiquidation(p, spec, accountTerms(p, spec).K);
    return liq.kind === 'price' && liq.price ? { price: liq.price, tick: p.tick, direction: liq.direction } : null;
  } catch {
    return null;
  }
}

/** Same as assess() without the final guard: tests use it to prove no input reaches the guard. */
export function assessUnguarded(input: PositionInput, ctx: AssessContext = {}): AssessResult {
  const n = normalize(input, ctx);
  if (!n.ok) return n;
  return { ok: true, assessment: buildAssessment(n, ctx) };
}

/** The assessment of an already validated position (for callers that also need the normalized inputs). */
export function assessNormalized(n: Normalized, ctx: AssessContext = {}): Assessment {
  return buildAssessment(n, ctx);
}

/**
 * Where the position starts, for its distance: the mark, or for an order that fills nearer its liquidation
 * price than the mark is, the order's own price. A limit long below the mark fills when the price falls to
 * it; a limit on the other side of the mark fills at about the mark, so the mark is the nearer of the two.
 */
function distanceReference(p: Norm, direction: 'down' | 'up'): { reference: D; from: 'mark' | 'fill' } {
  if (p.status !== 'order') return { reference: p.mark, from: 'mark' };
  const fill = p.orderEntry ?? p.entry;
  const nearer = direction === 'down' ? fill.lt(p.mark) : fill.gt(p.mark);
  return nearer ? { reference: fill, from: 'fill' } : { reference: p.mark, from: 'mark' };
}

/** Where a liquidation closes without a gap: the liquidation price, or the reference when already past it, bounded by bankruptcy. */
function liquidationClose(lp: D, reference: D, bp: D | null, direction: 'down' | 'up'): D {
  const at = direction === 'down' ? D.min(lp, reference) : D.max(lp, reference);
  if (!bp) return at;
  return direction === 'down' ? D.max(at, bp) : D.min(at, bp);
}

const nonNegative = (v: D): D => (v.gt(ZERO) ? v : ZERO);

/** Loss of the legs that move with this mark (the position and any hedge leg on the symbol) at a price. */
function movingLoss(p: Norm, price: D): D {
  let pnl = pnlOf(p.contract, p.s, p.size, p.entry, price);
  for (const leg of p.coLegs) pnl = pnl.plus(pnlOf(p.contract, leg.s, leg.size, leg.entry, price));
  return pnl.neg();
}

/** The cross wallet with the other positions' unrealized PnL: what a cross liquidation can take. */
function crossEquity(p: Norm, acct: AccountTerms): D {
  return nonNegative((p.wallet ?? ZERO).plus(acct.othersUpnl));
}

/**
 * The worst the moving legs can lose from a price move alone: a long falling to zero, a short rising without
 * bound (linear) or to where its coin value vanishes (inverse). Null when the move is unbounded.
 */
function worstMove(p: Norm): D | null {
  const legs = [{ s: p.s, size: p.size, entry: p.entry }, ...p.coLegs];
  let atZero = ZERO; // loss as the price falls to 0 (linear), or as 1/P grows without bound (inverse: slope)
  let slope = ZERO;
  let atInfinity = ZERO;
  for (const l of legs) {
    if (p.contract === 'linear') {
      atZero = atZero.plus(l.size.mul(l.entry).mul(l.s));
      slope = slope.plus(l.size.mul(l.s)); // net long-ness: a net short loses without bound as P rises
    } else {
      slope = slope.plus(l.size.mul(l.s)); // net long coin value: loses without bound as P falls to 0
      atInfinity = atInfinity.minus(l.size.div(l.entry).mul(l.s));
    }
  }
  if (p.contract === 'linear') {
    if (slope.lt(ZERO)) return null;
    return nonNegative(atZero);
  }
  if (slope.gt(ZERO)) return null;
  return nonNegative(atInfinity);
}

function lossIfLiquidated(a: { p: Norm; spec: VenueSpec; acct: AccountTerms; kind: LiqResult['kind']; reference: D; lossAtLiq: D | null; openFee: D }): LossIfLiquidated {
  const { p, spec, acct, openFee } = a;
  const rule = spec.liquidationRemainder;
  const isolated = p.marginMode === 'isolated';
  const backing = isolated ? (p.margin ?? ZERO) : crossEquity(p, acct);
  const what = isolated ? 'the isolated margin' : 'the cross wallet (with the other positions’ unrealized PnL)';
  if (a.kind === 'never') {
    const move = worstMove(p);
    // The opening fee is paid from the wallet beside an isolated margin; in cross it comes out of the wallet itself.
    const amount = isolated ? D.min(move ?? backing, backing).plus(openFee) : D.min((move ?? backing).plus(openFee), backing);
    return {
      amount: amount.toString(),
      basis: 'worst-move',
      note: `No liquidation price: the most this position can lose is its own worst price move (a long to zero) plus the opening fee, bounded by ${what}.`,
      source: null,
    };
  }
  // Liquidated at the liquidation price, or at once at the reference price when it is already past it.
  const atLiquidation = a.lossAtLiq ?? nonNegative(movingLoss(p, a.reference).plus(openFee).plus(notionalAt(p.contract, p.size, a.reference).mul(p.fee)));
  // ('always': below maintenance at every price, closed at once at the reference.)
  if (rule.kept) {
    const whole = isolated ? backing.plus(openFee) : backing;
    return {
      amount: D.max(whole, atLiquidation).toString(),
      basis: 'whole-margin',
      note: `${spec.name} keeps the margin left at liquidation, so a liquidation costs ${isolated ? 'the whole isolated margin plus the opening fee' : 'the whole cross wallet'}; the loss at the liquidation price is only the part from the price move and fees. ${rule.note}`,
      source: rule.source,
    };
  }
  return {
    amount: atLiquidation.toString(),
    basis: 'at-liquidation-price',
    note: `${spec.name} returns what is left of the margin after closing a liquidated position: the loss is the price move to the liquidation price plus fees, if the close fills near that price. ${rule.note}`,
    source: rule.source,
  };
}

/** Cross: the account's effective leverage, every position's value at its mark ÷ account equity. */
function effectiveLeverage(p: Norm, acct: AccountTerms): D | null {
  if (p.marginMode !== 'cross') return null;
  let notional = notionalAt(p.contract, p.size, p.mark);
  let equity = (p.wallet ?? ZERO).plus(acct.othersUpnl);
  // An order has no unrealized PnL yet; an open position's (and a hedge leg's) counts in the equity.
  if (p.status === 'open') equity = equity.minus(movingLoss(p, p.mark));
  for (const leg of p.coLegs) {
    notional = notional.plus(notionalAt(p.contract, leg.size, p.mark));
    if (p.status !== 'open') equity = equity.plus(pnlOf(p.contract, leg.s, leg.size, leg.entry, p.mark));
  }
  for (const o of p.others) notional = notional.plus(notionalAt(p.contract, o.size, o.mark));
  return equity.gt(ZERO) ? notional.div(equity) : null;
}

function tierTableInfo(t: ResolvedTiers, now: string | undefined, warnings: Warning[]): TierTableInfo | null {
  if (t.source === 'override') return { source: 'override', capturedAt: null, ageDays: null, symbol: t.symbol };
  let ageDays: string | null = null;
  const nowMs = now === undefined ? null : parseIsoTime(now);
  if (nowMs !== null) {
    const age = tableAge(t.capturedAt, nowMs);
    ageDays = age.ageDays;
    if (age.level === 'warning') warnings.push({ code: 'tier-table-old', field: 'tiers', message: `${age.message} The maintenance rate may be out of date.` });
    // Past 30 days a table may already be wrong, and a table with no date may be any age: both are warnings the
    // trader sees, not collapsed assumptions.
    else if (age.level === 'caveat') warnings.push({ code: 'tier-table-age', field: 'tiers', message: age.message });
    else if (age.level === 'unknown') warnings.push({ code: 'tier-table-undated', field: 'tiers', message: age.message });
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

  // Distance: positive while there is room. An order is measured from where it fills when that is nearer its
  // liquidation price than the mark (a limit long below the mark, a limit short above it): the position only
  // exists from there, and an order already past its liquidation price there is liquidated on fill.
  const reach = distanceReference(p, direction);
  let distance: Assessment['distance'] = null;
  let distPct: D | null = null;
  let liquidatedOnFill = false;
  if (lp) {
    const move = direction === 'down' ? reach.reference.minus(lp) : lp.minus(reach.reference);
    distPct = move.div(reach.reference).mul(HUNDRED);
    distance = { price: move.toString(), percent: distPct.toString(), from: reach.from, reference: reach.reference.toString() };
    if (!move.gt(ZERO)) {
      if (p.status === 'order') {
        liquidatedOnFill = true;
        warnings.push({
          code: 'liquidated-on-fill',
          field: reach.from === 'fill' ? 'entryPrice' : 'markPrice',
          message:
            reach.from === 'fill'
              ? `Liquidated on fill: the liquidation price ${lp.toSignificantDigits(10).toString()} is at or past this order's own price ${reach.reference.toString()}, so the position would be liquidated as soon as the order fills.`
              : 'Liquidated on fill: at the current mark price this order is already at or past its liquidation price, so it would be liquidated as soon as it opens.',
        });
      } else {
        warnings.push({ code: 'mark-past-liquidation', field: 'markPrice', message: 'At the current mark price this position is already at or past its liquidation price.' });
      }
    }
    if (reach.from === 'fill') {
      assumptions.push({ code: 'distance-from-fill', message: `Distance is measured from this order's price ${reach.reference.toString()}, where it fills, not from the mark ${p.mark.toString()}: the position only exists once the price gets there.` });
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
  const initialMargin = p.leverage ? notional.div(p.leverage) : null;
  const phiZero = ZERO;
  const mmNow = f.method === 'numeric' && f.requirementAt ? f.requirementAt(p, p.mark).mm : (() => {
    const { tier } = tierAtPrice(p, spec, p.mark);
    return legRequirement(p, spec, p.size, p.entry, p.mark, tier.mmr, tier.amount, phiZero);
  })();
  let mmAtLiq: D | null = null;
  if (lp) {
    mmAtLiq = f.method === 'numeric' && f.requirementAt ? f.requirementAt(p, lp).mm : legRequirement(p, spec, p.size, p.entry, lp, liq.tier.mmr, liq.tier.amount, phiZero);
  }

  // Loss at liquidation: price move to where liquidation happens plus opening and closing taker fees. That is
  // the liquidation price, or at once at the reference price when the position is already past it, but never
  // past the bankruptcy price: beyond it is a gap, which the gap stress covers.
  const openFee = notional.mul(p.fee);
  const liquidatedAt = lp ? liquidationClose(lp, reach.reference, bp, direction) : null;
  const closeAt = f.closeFeeAt === 'bankruptcy' ? (bp ?? liquidatedAt) : liquidatedAt;
  const closeFee = closeAt ? notionalAt(p.contract, p.size, closeAt).mul(p.fee) : null;
  let lossAtLiq: D | null = null;
  if (liquidatedAt && closeFee) lossAtLiq = nonNegative(movingLoss(p, liquidatedAt).plus(openFee).plus(closeFee));
  const feesAtLiq = closeFee ? openFee.plus(closeFee) : null;
  assumptions.push({
    code: 'fees-in-loss',
    message: `Loss at liquidation includes the opening taker fee and the closing taker fee at the ${f.closeFeeAt === 'bankruptcy' ? 'bankruptcy' : 'liquidation'} price. Venues usually also keep whatever margin is left (insurance or clearance fee), so the loss can reach the whole margin.`,
  });

  // What is at risk.
  // An order that adds (or flips into) the net side adds its margin and fee; a reduction adds nothing.
  let addedByThisOrder: D | null;
  if (!p.leverage) {
    addedByThisOrder = null;
  } else if (p.orderSize && p.orderEntry && p.orderS !== null) {
    const opened = D.min(p.orderSize, p.size);
    addedByThisOrder = p.orderS === p.s ? notionalAt(p.contract, opened, p.orderEntry).div(p.leverage).plus(notionalAt(p.contract, p.orderSize, p.orderEntry).mul(p.fee)) : ZERO;
  } else {
    addedByThisOrder = notional.div(p.leverage).plus(openFee);
  }
  const added = p.status === 'open' || !addedByThisOrder ? null : addedByThisOrder.toString();
  const marginAtRisk: Assessment['marginAtRisk'] =
    p.marginMode === 'isolated'
      ? { amount: (p.margin ?? ZERO).toString(), scope: 'position', addedByThisOrder: added }
      : { amount: crossEquity(p, acct).toString(), scope: 'cross-wallet', addedByThisOrder: added };
  if (!p.leverage) {
    assumptions.push({
      code: 'no-leverage',
      message: 'No leverage given: in cross margin it does not move the liquidation or bankruptcy price (the wallet backs the position), so those are computed; the initial margin, what this order adds (its cost) and ROE need it and are not given.',
    });
  }
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
  const tierTable = tierTableInfo(p.tiers, ctx.now, warnings);

  // Stress figures.
  const gap = gapStressRows(p, K, bp, direction, parseList(ctx.gapPercents, DEFAULT_GAP_PERCENTS, 'gapPercents', warnings));
  const drift = p.funding ? fundingDriftRows(p, spec, K, lp, direction, parseList(ctx.fundingHours, DEFAULT_FUNDING_HOURS, 'fundingHours', warnings)) : null;
  let pnlAtPrice: Assessment['pnlAtPrice'] = null;
  if (ctx.priceFor !== undefined) {
    const at = parsePrice(ctx.priceFor);
    if (at) {
      const r = pnlAtD(p, at);
      pnlAtPrice = { price: at.toString(), pnl: r.pnl.toString(), roePercent: r.roePercent?.toString() ?? null };
    } else {
      warnings.push({ code: 'ignored-value', field: 'priceFor', message: 'The price for PnL is not a positive number: no PnL at price is shown.' });
    }
  }
  let touch: Assessment['touchProbability24h'] = null;
  if (ctx.volatility && lp && !liquidatedOnFill) {
    const t = touchProbability({ mark: p.mark, barrier: lp, sigmaDaily: ctx.volatility.sigmaDaily, horizonHours: '24' });
    if (t) {
      touch = { probability: t.probability, model: t.model, sigmaDaily: ctx.volatility.sigmaDaily, source: String(ctx.volatility.source ?? ''), window: String(ctx.volatility.window ?? '') };
      assumptions.push({ code: 'touch-model', message: `Touch probability: ${t.model}; volatility ${ctx.volatility.sigmaDaily} a day from ${String(ctx.volatility.source ?? 'unknown source')} (${String(ctx.volatility.window ?? 'window not given')}). Real prices have fatter tails.` });
    } else {
      warnings.push({ code: 'ignored-value', field: 'volatility', message: 'The volatility given is not a positive number: no touch probability is shown.' });
    }
  }

  const lossIfLiq = lossIfLiquidated({ p, spec, acct, kind: liq.kind, reference: reach.reference, lossAtLiq, openFee });
  const effLev = effectiveLeverage(p, acct);
  const severity = severityOf(
    {
      distancePercent: distPct,
      noLiquidation: liq.kind === 'price' ? null : liq.kind,
      liquidatedOnFill,
      distanceFrom: reach.from,
      leverage: p.leverage,
      effectiveLeverage: effLev,
      marginMode: p.marginMode,
    },
    ctx.thresholds,
  );
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
    leverage: p.leverage ? p.leverage.toString() : null,
    notional: notional.toString(),
    liquidationPrice: lp ? lp.toString() : null,
    liquidationNullReason: nullReason,
    liquidationDirection: direction,
    bankruptcyPrice: bp ? bp.toString() : null,
    distance,
    liquidatedOnFill,
    positionStatus: p.status,
    initialMargin: initialMargin ? initialMargin.toString() : null,
    needsLeverage: p.leverage ? [] : ['initialMargin', 'marginAtRisk.addedByThisOrder', 'pnlAtPrice.roePercent'],
    maintenanceMargin: mmNow.toString(),
    maintenanceMarginAtLiquidation: mmAtLiq ? mmAtLiq.toString() : null,
    tier: tierUsed(p, liq),
    tierTable,
    lossAtLiquidation: lossAtLiq ? lossAtLiq.toString() : null,
    lossIfLiquidated: lossIfLiq,
    effectiveLeverage: effLev ? effLev.toString() : null,
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
