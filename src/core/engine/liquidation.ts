/**
 * The liquidation price: where equity equals the venue's maintenance requirement.
 *
 * Closed-form venues: the condition g(x) = equity − requirement is affine in x, with x = P for linear and
 * x = 1/P for inverse contracts (see venues/types.ts). Writing g(x) = a − b·x, the root is x* = a/b. When the
 * tier depends on the price (notional at the liquidation price, Binance COIN-M's rule), each tier gives its own
 * affine piece; the answer is the root whose basis value N* = size·x* falls inside its own tier (the
 * self-consistent tier). With cum-consistent tables maintenance margin is continuous, so we walk from the tier
 * at the mark towards the root; otherwise every tier is scanned and the most conservative crossing wins.
 *
 * Numeric venues: bracket outward from the mark and run the bounded root finder of solve.ts.
 */
import { D } from '../decimal';
import { bracketOutward, findRoot } from './solve';
import { lookupTierIndex, singleTier } from './tiers';
import { notionalAt, ONE, pnlOf, ZERO } from './model';
import type { FrozenLeg, Norm, ParsedTier } from './model';
import type { TierBasis, TierUsed } from './types';
import type { VenueSpec } from './venues/types';

export interface LiqResult {
  kind: 'price' | 'never' | 'always';
  /** `down`: liquidated when the mark falls to the price; `up`: when it rises to it. */
  direction: 'down' | 'up';
  price: D | null;
  tier: ParsedTier;
  basisValue: D | null;
  measuredAt: TierUsed['measuredAt'];
  /** Numeric solve only. */
  iterations?: number;
}

export interface AccountTerms {
  /** Isolated margin, or cross wallet + others' signed uPnL − others' requirement, all at their marks. */
  K: D;
  othersUpnl: D;
  othersRequirement: D;
}

const TOLERANCE_RELATIVE = new D('1e-12');
const QUARTER = new D('0.25');
const BRACKET_START = new D('0.0001');
const SECANT_DOWN = new D('0.95');
const SECANT_UP = new D('1.05');
/** 2^50 ≈ 1e15: outward doubling covers every price the input allows. */
const OUTWARD_STEPS = 50;

/** A leg's maintenance requirement at a price, under the venue's valuation rule. */
export function legRequirement(p: Norm, spec: VenueSpec, size: D, entry: D, price: D, mmr: D, amount: D, phi: D): D {
  const at = spec.formula.mmAt(p.contract) === 'price' ? price : entry;
  return notionalAt(p.contract, size, at).mul(mmr.plus(phi)).minus(amount);
}

/**
 * Each other position's unrealised PnL and requirement at its mark, kept with its (never changed) leg per
 * valuation: the same legs come back at every keystroke, for the order and for each open position's
 * after-order figure, which sum every other leg for every leg. Summed in the same order as ever, so the
 * totals are the very same Decimals.
 */
const legTerms = new WeakMap<FrozenLeg, { key: string; upnl: D; req: D }[]>();

/** K: what backs this position before its own PnL. Cross: other positions frozen at their current marks. */
export function accountTerms(p: Norm, spec: VenueSpec): AccountTerms {
  if (p.marginMode === 'isolated') return { K: p.margin ?? ZERO, othersUpnl: ZERO, othersRequirement: ZERO };
  const phi = spec.formula.triggerFeeRate(p);
  let upnl = ZERO;
  let req = ZERO;
  const key = p.others.length > 0 ? `${p.contract}|${spec.formula.mmAt(p.contract)}|${phi.toString()}` : '';
  for (const o of p.others) {
    const kept = legTerms.get(o);
    let t = kept?.find((k) => k.key === key);
    if (!t) {
      t = { key, upnl: pnlOf(p.contract, o.s, o.size, o.entry, o.mark), req: legRequirement(p, spec, o.size, o.entry, o.mark, o.mmr, o.amount, phi) };
      if (!kept) legTerms.set(o, [t]);
      else if (kept.length < 4) kept.push(t);
    }
    upnl = upnl.plus(t.upnl);
    req = req.plus(t.req);
  }
  return { K: (p.wallet ?? ZERO).plus(upnl).minus(req), othersUpnl: upnl, othersRequirement: req };
}

/** The tier basis value at a price: what the venue's table counts. Null when it cannot be known (contracts without a size). */
export function basisValueAt(p: Norm, basis: TierBasis, price: D): D | null {
  switch (basis) {
    case 'notional':
      return p.contract === 'linear' ? p.size.mul(price) : p.size;
    case 'coin-notional':
      return p.contract === 'linear' ? p.size : p.size.div(price);
    case 'contracts':
      return p.contracts;
  }
}

function basisMovesWithPrice(p: Norm, basis: TierBasis): boolean {
  return (basis === 'notional' && p.contract === 'linear') || (basis === 'coin-notional' && p.contract === 'inverse');
}

/** How the main position's tier is chosen for this venue and table. */
export function tierMode(p: Norm, spec: VenueSpec): TierUsed['measuredAt'] {
  const t = p.tiers;
  if (t.source === 'override') return 'override';
  if (t.tiers.length === 1 && t.tiers[0]?.index === null) return 'function';
  if (t.basis === 'contracts') return 'contracts';
  if (spec.tierMeasure[p.contract] === 'entry' || !basisMovesWithPrice(p, t.basis)) return 'entry';
  return 'liquidation-price';
}

/** The tier that holds the position at a given price (the mark for "maintenance margin now"). */
export function tierAtPrice(p: Norm, spec: VenueSpec, price: D): { tier: ParsedTier; basisValue: D | null } {
  const t = p.tiers;
  const mode = tierMode(p, spec);
  const only = t.tiers[0] ?? singleTier(ZERO, ZERO, null);
  if (mode === 'override' || mode === 'function' || t.tiers.length === 1) return { tier: only, basisValue: basisValueAt(p, t.basis, price) };
  const at = mode === 'liquidation-price' ? price : p.entry;
  const v = basisValueAt(p, t.basis, at);
  if (v === null) return { tier: only, basisValue: null };
  return { tier: t.tiers[lookupTierIndex(t.tiers, v, t.capInclusive)] ?? only, basisValue: v };
}

interface Affine {
  a: D;
  b: D;
}

/** Map a root x* of g(x) = a − b·x to a liquidation outcome, for a single affine piece. */
function classify(p: Norm, g: Affine): { kind: 'price' | 'never' | 'always'; direction: 'down' | 'up'; price: D | null } {
  const linear = p.contract === 'linear';
  if (g.b.isZero()) {
    const direction = p.s === 1 ? 'down' : 'up';
    return { kind: g.a.lte(ZERO) ? 'always' : 'never', direction, price: null };
  }
  const x = g.a.div(g.b);
  const bPos = g.b.gt(ZERO);
  // Linear: b > 0 means g falls as P rises (short-like). Inverse: x = 1/P, so b > 0 is long-like.
  const direction = linear ? (bPos ? 'up' : 'down') : bPos ? 'down' : 'up';
  if (x.lte(ZERO)) {
    // No positive root. Linear long-like and inverse short-like never reach it; the other two are below
    // maintenance at every price (the margin cannot even cover a move to zero or infinity).
    return { kind: bPos ? 'always' : 'never', direction, price: null };
  }
  return { kind: 'price', direction, price: linear ? x : D.div(1, x) };
}

/** Equity and co-leg requirement terms that do not depend on the main position's tier: g = a − b·x. */
interface AffineBase {
  aBase: D;
  bBase: D;
  phi: D;
  /** Main position's value at entry (group B), or null when maintenance is valued at the price (group A). */
  entryValue: D | null;
  size: D;
}

function affineBase(p: Norm, spec: VenueSpec, K: D): AffineBase {
  const f = spec.formula;
  const phi = f.triggerFeeRate(p);
  const byPrice = f.mmAt(p.contract) === 'price';
  const linear = p.contract === 'linear';
  let aBase = f.extraRequirement ? K.minus(f.extraRequirement(p, K)) : K;
  let bBase = ZERO;
  // Equity terms of every leg that moves with this mark: linear s·Q·(P − EP), inverse s·F·(1/EP − 1/P).
  for (let i = -1; i < p.coLegs.length; i++) {
    const leg = i < 0 ? null : p.coLegs[i];
    const s = leg ? leg.s : p.s;
    const size = leg ? leg.size : p.size;
    const entry = leg ? leg.entry : p.entry;
    const v = linear ? size.mul(entry) : size.div(entry);
    const aUp = linear ? s === -1 : s === 1;
    aBase = aUp ? aBase.plus(v) : aBase.minus(v);
    bBase = aUp ? bBase.plus(size) : bBase.minus(size);
    if (leg) {
      aBase = aBase.plus(leg.amount);
      const rate = leg.mmr.plus(phi);
      if (byPrice) bBase = bBase.plus(leg.size.mul(rate));
      else aBase = aBase.minus(notionalAt(p.contract, leg.size, leg.entry).mul(rate));
    }
  }
  return { aBase, bBase, phi, entryValue: byPrice ? null : notionalAt(p.contract, p.size, p.entry), size: p.size };
}

/** The affine condition with the main position in tier t. */
function affineFor(base: AffineBase, t: ParsedTier): Affine {
  const rate = t.mmr.plus(base.phi);
  if (base.entryValue) return { a: base.aBase.plus(t.amount).minus(base.entryValue.mul(rate)), b: base.bBase };
  return { a: base.aBase.plus(t.amount), b: base.bBase.plus(base.size.mul(rate)) };
}

/** Closed-form liquidation with the venue's shared structure (venues/types.ts). */
export function solveClosedForm(p: Norm, spec: VenueSpec, K: D): LiqResult {
  const base = affineBase(p, spec, K);
  const mode = tierMode(p, spec);
  if (mode !== 'liquidation-price') {
    const { tier, basisValue } = tierAtPrice(p, spec, p.entry);
    const c = classify(p, affineFor(base, tier));
    const fixed = mode === 'contracts' || mode === 'entry';
    return { kind: c.kind, direction: c.direction, price: c.price, tier, basisValue: fixed ? basisValue : null, measuredAt: mode };
  }
  return scanTiers(p, base);
}

/**
 * Price-dependent tiers. In basis space N = size·x (notional for linear, coin value for inverse) the liquidation
 * set of tier k is {N ≥ N*} when b > 0 and {N ≤ N*} when b < 0, intersected with the tier's range.
 */
function scanTiers(p: Norm, base: AffineBase): LiqResult {
  const t = p.tiers;
  const tiers = t.tiers;
  const markBasis = basisValueAt(p, t.basis, p.mark) ?? ZERO;
  const start = lookupTierIndex(tiers, markBasis, t.capInclusive);
  const startTier = tiers[start] ?? tiers[0] ?? singleTier(ZERO, ZERO, null);
  const startG = affineFor(base, startTier);
  const wantSup = startG.b.lt(ZERO); // b < 0: liquidation set is below N*, take its top; else take the bottom.
  const firstClass = classify(p, startG);
  const direction = firstClass.direction;
  const result = (kind: LiqResult['kind'], n: D | null, tier: ParsedTier): LiqResult => ({
    kind,
    direction,
    price: n === null ? null : p.contract === 'linear' ? n.div(p.size) : p.size.div(n),
    tier,
    basisValue: n,
    measuredAt: 'liquidation-price',
  });

  if (t.continuous && !startG.b.isZero()) {
    // Walk towards the root; g is continuous and monotone, so the first self-consistent tier is the answer.
    let k = start;
    let lastMove = 0;
    for (let steps = 0; steps <= tiers.length + 1; steps++) {
      const tier = tiers[k];
      if (!tier) break;
      const g = affineFor(base, tier);
      if (g.b.isZero() || g.b.lt(ZERO) !== wantSup) break; // the slope changed sign: use the full scan
      const n = p.size.mul(g.a).div(g.b);
      if (k === 0 && n.lte(ZERO)) return result(wantSup ? 'never' : 'always', null, tier);
      if (n.lt(tier.floor)) {
        if (lastMove === 1) break;
        k -= 1;
        lastMove = -1;
        continue;
      }
      if (tier.cap !== null && n.gt(tier.cap)) {
        if (lastMove === -1) break;
        k += 1;
        lastMove = 1;
        continue;
      }
      return pickTierAtBoundary(p, result('price', n, tier), n);
    }
  }

  // Full scan (discontinuous tables, or the walk could not settle).
  let best: { n: D; tier: ParsedTier; always: boolean } | null = null;
  for (const tier of tiers) {
    const g = affineFor(base, tier);
    let lo: D | null;
    let hi: D | null; // null = unbounded above
    if (g.b.isZero()) {
      if (g.a.gt(ZERO)) continue;
      lo = tier.floor;
      hi = tier.cap;
    } else {
      if (g.b.lt(ZERO) !== wantSup) continue;
      const n = p.size.mul(g.a).div(g.b);
      if (wantSup) {
        lo = tier.floor;
        hi = tier.cap === null ? n : D.min(n, tier.cap);
        if (hi.lt(lo)) continue;
      } else {
        lo = D.max(n, tier.floor);
        hi = tier.cap;
        if (hi !== null && hi.lt(lo)) continue;
      }
    }
    if (wantSup) {
      if (hi === null) return result('always', null, tier);
      if (!best || hi.gt(best.n)) best = { n: hi, tier, always: false };
    } else {
      if (!best || lo.lt(best.n)) best = { n: lo, tier, always: false };
    }
  }
  if (!best) return result('never', null, startTier);
  if (best.n.lte(ZERO)) return result(wantSup ? 'never' : 'always', null, best.tier);
  return result('price', best.n, best.tier);
}

/** At an exact boundary MM is equal on both sides of a continuous table; report the tier the venue would. */
function pickTierAtBoundary(p: Norm, r: LiqResult, n: D): LiqResult {
  const tiers = p.tiers.tiers;
  const idx = lookupTierIndex(tiers, n, p.tiers.capInclusive);
  const tier = tiers[idx];
  return tier && tier !== r.tier ? { ...r, tier } : r;
}

/** Bankruptcy: equity = 0 (no requirement), the same affine structure. */
export function solveBankruptcy(p: Norm, spec: VenueSpec, K: D): D | null {
  const own = spec.formula.bankruptcyPrice?.(p, K);
  if (own !== undefined) return own;
  const linear = p.contract === 'linear';
  let a = K;
  let b = ZERO;
  const add = (s: 1 | -1, size: D, entry: D): void => {
    if (linear) {
      const v = size.mul(entry);
      a = s === 1 ? a.minus(v) : a.plus(v);
      b = s === 1 ? b.minus(size) : b.plus(size);
    } else {
      const v = size.div(entry);
      a = s === 1 ? a.plus(v) : a.minus(v);
      b = s === 1 ? b.plus(size) : b.minus(size);
    }
  };
  add(p.s, p.size, p.entry);
  for (const leg of p.coLegs) add(leg.s, leg.size, leg.entry);
  const c = classify(p, { a, b });
  return c.kind === 'price' ? c.price : null;
}

/**
 * A bracket around an estimated root: the safe end (g > 0) towards safety, the liquidated end (g ≤ 0) in the
 * adverse direction. The mark, whose sign is known, caps the side it is on. Starts 0.01 % wide and widens
 * eightfold per try (bounded); null if nothing brackets.
 */
function bracketNear(g: (x: D) => D, center: D, mark: D, gMark: D, direction: 'down' | 'up'): { lo: D; hi: D } | null {
  const markSafe = gMark.gt(ZERO);
  let w = center.mul(BRACKET_START);
  for (let i = 0; i < 12; i++, w = w.mul(8)) {
    let safe = direction === 'down' ? center.plus(w) : center.minus(w);
    let liq = direction === 'down' ? center.minus(w) : center.plus(w);
    if (!liq.gt(ZERO) || !safe.gt(ZERO)) return null;
    // Safe is on the mark's safe side when the mark is safe; the liquidated end stops at a liquidated mark.
    if (markSafe && (direction === 'down' ? safe.gte(mark) : safe.lte(mark))) safe = mark;
    if (!markSafe && (direction === 'down' ? liq.lte(mark) : liq.gte(mark))) liq = mark;
    const gs = safe === mark ? gMark : g(safe);
    if (gs.lte(ZERO)) continue;
    const gl = liq === mark ? gMark : g(liq);
    if (gl.gt(ZERO)) continue;
    return { lo: liq, hi: safe };
  }
  return null;
}

/**
 * Numeric: find the mark price where K + PnL(P) equals the venue's margin function, to below a tick.
 * A secant step from the mark (in P for linear, in 1/P for inverse, where these rules are affine or nearly so)
 * gives an estimate to bracket tightly; outward doubling from the mark is the fallback. With `hint` (a nearby
 * earlier answer, e.g. for funding drift) the bracket starts there. Assumes one crossing between the mark and
 * the answer, which holds for every margin rule here in the region that matters.
 */
export function solveNumeric(p: Norm, spec: VenueSpec, K: D, hint?: D | null): LiqResult {
  const req = spec.formula.requirementAt;
  const direction = p.s === 1 ? 'down' : 'up';
  const fallbackTier = p.tiers.tiers[0] ?? singleTier(ZERO, ZERO, null);
  const noPrice = (kind: 'never' | 'always'): LiqResult => ({ kind, direction, price: null, tier: fallbackTier, basisValue: null, measuredAt: 'function' });
  if (!req) return noPrice('never');
  // One division per evaluation at most: the inverse position's value at the price serves PnL and margin.
  const linear = p.contract === 'linear';
  const valueAtEntry = linear ? null : p.size.div(p.entry);
  const g = (price: D): D => {
    const notional = linear ? p.size.mul(price) : p.size.div(price);
    const move = linear ? price.minus(p.entry).mul(p.size) : (valueAtEntry ?? ZERO).minus(notional);
    const pnl = p.s === 1 ? move : move.neg();
    return K.plus(pnl).minus(req(p, price, notional).mm);
  };
  const tolerance = p.tick ? p.tick.mul(QUARTER) : p.mark.mul(TOLERANCE_RELATIVE);
  const atMark = g(p.mark);
  const markSafe = atMark.gt(ZERO);
  // Towards the root: the adverse direction from a safe mark, back towards safety from a liquidated one.
  const towardRoot = markSafe === (direction === 'down') ? 'down' : 'up';
  let lo: D | null = null; // g ≤ 0 side
  let hi: D | null = null; // g > 0 side
  let center = hint && hint.gt(ZERO) ? hint : null;
  if (!center) {
    const p1 = p.mark.mul(towardRoot === 'down' ? SECANT_DOWN : SECANT_UP);
    const g1 = g(p1);
    if (g1.gt(ZERO) !== markSafe) {
      lo = markSafe ? p1 : p.mark;
      hi = markSafe ? p.mark : p1;
    } else {
      const x0 = linear ? p.mark : ONE.div(p.mark);
      const x1 = linear ? p1 : ONE.div(p1);
      const slope = g1.minus(atMark).div(x1.minus(x0));
      if (!slope.isZero()) {
        const x = x1.minus(g1.div(slope));
        if (x.gt(ZERO)) center = linear ? x : ONE.div(x);
      }
    }
  }
  if (!lo && center) {
    const br = bracketNear(g, center, p.mark, atMark, direction);
    if (br) {
      lo = br.lo;
      hi = br.hi;
    }
  }
  if (!lo || !hi) {
    // Fallback: double the distance from the mark until the sign changes (bounded).
    const br = bracketOutward(g, p.mark, towardRoot, markSafe, OUTWARD_STEPS);
    if (!br) return noPrice(markSafe ? 'never' : 'always');
    lo = markSafe ? br.outside : br.inside;
    hi = markSafe ? br.inside : br.outside;
  }
  const root = findRoot(g, lo, hi, tolerance);
  // Report the end nearer the mark (not yet liquidated): the conservative side, within the tolerance.
  const price = root.aboveZero;
  const r = req(p, price);
  const tier: ParsedTier = { index: null, floor: ZERO, cap: null, mmr: r.rate, amount: ZERO, maxLev: fallbackTier.maxLev };
  return { kind: 'price', direction, price, tier, basisValue: notionalAt(p.contract, p.size, price), measuredAt: 'function', iterations: root.iterations };
}

export function solveLiquidation(p: Norm, spec: VenueSpec, K: D, hint?: D | null): LiqResult {
  return spec.formula.method === 'numeric' ? solveNumeric(p, spec, K, hint) : solveClosedForm(p, spec, K);
}
