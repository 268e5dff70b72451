/**
 * The inverse questions a trader asks before clicking:
 * - the largest position for a maximum loss;
 * - the highest leverage that keeps liquidation at least D % from the mark;
 * - the price at which the position reaches a target ROE.
 * Each reuses the same formulas as the assessment; the first two search with bounded bisection on Decimals.
 */
import { D } from '../decimal';
import { decimalFrom } from './decimal-text';
import { normalize } from './input';
import { accountTerms, solveBankruptcy, solveLiquidation } from './liquidation';
import { HUNDRED, leverageOf, notionalAt, ONE, pnlOf, TWO, ZERO } from './model';
import type { Norm } from './model';
import { roeBase } from './pnl';
import type { AssessContext, EngineResult, FieldError, PositionInput, QuantityUnit } from './types';
import type { VenueSpec } from './venues/types';

const RELATIVE_STOP = new D('1e-12');

function parseAmount(v: unknown, field: string, errors: FieldError[], allowNegative = false): D | null {
  const d = decimalFrom(v);
  if (!d) {
    errors.push({ field, code: 'not-a-number', message: `${field} must be a number.` });
    return null;
  }
  if (d.abs().gt('1e15')) {
    errors.push({ field, code: 'too-large', message: `${field} is larger than 10^15.` });
    return null;
  }
  if (!allowNegative && !d.gt(ZERO)) {
    errors.push({ field, code: 'not-positive', message: `${field} must be above zero; it is ${d.toString()}.` });
    return null;
  }
  return d;
}

/** A copy of the position with a new size (and the margin that leverage implies for it). */
function withSize(p: Norm, spec: VenueSpec, size: D): Norm {
  const q: Norm = { ...p, size, contracts: p.contractSize ? size.div(p.contractSize) : null };
  if (q.marginMode === 'isolated') q.margin = spec.formula.defaultIsolatedMargin ? spec.formula.defaultIsolatedMargin(q) : notionalAt(q.contract, size, q.entry).div(leverageOf(q));
  return q;
}

function withLeverage(p: Norm, spec: VenueSpec, leverage: D): Norm {
  const q: Norm = { ...p, leverage };
  q.margin = spec.formula.defaultIsolatedMargin ? spec.formula.defaultIsolatedMargin(q) : notionalAt(q.contract, q.size, q.entry).div(leverage);
  return q;
}

/** Worst loss without a gap: the position is liquidated and the venue keeps what is left of its margin. */
function worstLoss(p: Norm, spec: VenueSpec): D {
  const K = accountTerms(p, spec).K;
  const openFee = notionalAt(p.contract, p.size, p.entry).mul(p.fee);
  const bp = solveBankruptcy(p, spec, K);
  const closeFee = bp ? notionalAt(p.contract, p.size, bp).mul(p.fee) : ZERO;
  if (p.marginMode === 'isolated') return (p.margin ?? ZERO).plus(openFee).plus(closeFee);
  const liq = solveLiquidation(p, spec, K);
  if (liq.kind === 'price' && liq.price) {
    return pnlOf(p.contract, p.s, p.size, p.entry, liq.price).neg().plus(openFee).plus(closeFee);
  }
  return D.max(K, ZERO).plus(openFee).plus(closeFee);
}

function toUnit(p: Norm, size: D, unit: QuantityUnit): D | null {
  if (unit === 'contracts') return p.contractSize ? size.div(p.contractSize) : null;
  if (p.contract === 'linear') return unit === 'base' ? size : size.mul(p.entry);
  return unit === 'quote' ? size : size.div(p.entry);
}

export interface MaxSize {
  quantity: string;
  quantityUnit: QuantityUnit;
  /** Base units (linear) or USD face (inverse). */
  size: string;
  worstLoss: string;
  currency: string;
}

/**
 * The largest size whose worst loss without a gap (isolated: the whole margin plus opening and closing fees;
 * cross: the loss at the liquidation price plus fees) stays within `maxLoss`. Margin follows the leverage.
 */
export function maxSizeForMaxLoss(input: PositionInput, ctx: AssessContext = {}, opts: { maxLoss?: string } = {}): EngineResult<MaxSize> {
  const n = normalize(input, ctx);
  if (!n.ok) return n;
  const errors: FieldError[] = [];
  const maxLoss = parseAmount(opts.maxLoss, 'maxLoss', errors);
  if (!maxLoss) return { ok: false, errors };
  const { p, spec } = n;
  const loss = (size: D): D => worstLoss(withSize(p, spec, size), spec);
  // Bracket: grow until the loss exceeds the limit (bounded), then bisect.
  let lo = ZERO;
  let hi = p.size;
  let grown = 0;
  while (loss(hi).lte(maxLoss) && grown < 60) {
    lo = hi;
    hi = hi.mul(TWO);
    grown++;
    if (hi.gt('1e15')) break;
  }
  if (grown === 60 || hi.gt('1e15')) {
    return { ok: false, errors: [{ field: 'maxLoss', code: 'unbounded', message: 'No size reaches this loss: the position cannot lose that much without a gap (e.g. a short at 1x on an inverse contract).' }] };
  }
  for (let i = 0; i < 200 && hi.minus(lo).gt(hi.mul(RELATIVE_STOP)); i++) {
    const mid = lo.plus(hi).div(TWO);
    if (loss(mid).lte(maxLoss)) lo = mid;
    else hi = mid;
  }
  const unit = (typeof input === 'object' && input && typeof input.quantityUnit === 'string' ? input.quantityUnit.trim().toLowerCase() : 'base') as QuantityUnit;
  const outUnit: QuantityUnit = unit === 'quote' || unit === 'contracts' ? unit : 'base';
  const q = toUnit(p, lo, outUnit) ?? lo;
  return {
    ok: true,
    value: {
      quantity: q.toSignificantDigits(12, D.ROUND_DOWN).toString(),
      quantityUnit: outUnit,
      size: lo.toSignificantDigits(12, D.ROUND_DOWN).toString(),
      worstLoss: loss(lo).toString(),
      currency: p.currency,
    },
    warnings: p.warnings,
    assumptions: [
      ...p.assumptions,
      {
        code: 'worst-loss-definition',
        message:
          p.marginMode === 'isolated'
            ? 'Worst loss without a gap = the isolated margin (leverage-based) plus opening and closing taker fees: venues keep what is left of the margin on liquidation.'
            : 'Worst loss without a gap = the loss down to the liquidation price plus fees, other positions frozen at mark.',
      },
    ],
  };
}

export interface LeverageForDistance {
  /** Highest leverage (to 4 decimals, rounded down) meeting the distance. */
  leverage: string;
  /** The same, rounded down to a whole number, as most order forms take. */
  wholeLeverage: string | null;
  liquidationPrice: string | null;
  distancePercent: string | null;
}

function distanceAt(p: Norm, spec: VenueSpec): D | null {
  const liq = solveLiquidation(p, spec, accountTerms(p, spec).K);
  if (liq.kind === 'never') return new D('1e9');
  if (liq.kind !== 'price' || !liq.price) return null;
  const move = liq.direction === 'down' ? p.mark.minus(liq.price) : liq.price.minus(p.mark);
  return move.div(p.mark).mul(HUNDRED);
}

/** The highest leverage that keeps the liquidation price at least `distancePercent` away from the mark (isolated). */
export function leverageForDistance(input: PositionInput, ctx: AssessContext = {}, opts: { distancePercent?: string } = {}): EngineResult<LeverageForDistance> {
  const n = normalize(input, ctx);
  if (!n.ok) return n;
  const errors: FieldError[] = [];
  const want = parseAmount(opts.distancePercent, 'distancePercent', errors);
  if (!want) return { ok: false, errors };
  const { p, spec } = n;
  if (p.marginMode !== 'isolated') {
    return { ok: false, errors: [{ field: 'marginMode', code: 'unsupported', message: 'In cross margin the leverage setting does not move the liquidation price; the wallet balance and the size do. Use isolated margin, or reduce the size.' }] };
  }
  const cap = n.entryTier.maxLev ?? new D(200);
  const at = (lev: D): D | null => distanceAt(withLeverage(p, spec, lev), spec);
  const d1 = at(ONE);
  if (!d1 || d1.lt(want)) {
    return { ok: false, errors: [{ field: 'distancePercent', code: 'unreachable', message: `Even at 1x the liquidation price is closer than ${want.toString()} % to the mark: reduce the size or wait for a better price.` }] };
  }
  let lo = ONE;
  let hi = cap;
  const dCap = at(cap);
  if (dCap && dCap.gte(want)) lo = cap;
  else {
    for (let i = 0; i < 100 && hi.minus(lo).gt('0.00001'); i++) {
      const mid = lo.plus(hi).div(TWO);
      const d = at(mid);
      if (d && d.gte(want)) lo = mid;
      else hi = mid;
    }
  }
  const lev = lo.toDecimalPlaces(4, D.ROUND_DOWN);
  const final = withLeverage(p, spec, lev);
  const liq = solveLiquidation(final, spec, accountTerms(final, spec).K);
  const whole = lev.floor();
  return {
    ok: true,
    value: {
      leverage: lev.toString(),
      wholeLeverage: whole.gte(ONE) ? whole.toString() : null,
      liquidationPrice: liq.kind === 'price' && liq.price ? liq.price.toString() : null,
      distancePercent: distanceAt(final, spec)?.toString() ?? null,
    },
    warnings: p.warnings,
    assumptions: [...p.assumptions, { code: 'margin-from-leverage', message: 'Isolated margin follows the leverage (position value ÷ leverage, plus any fee reserve the venue sets aside); added margin is not assumed.' }],
  };
}

export interface TargetRoePrice {
  price: string | null;
  reason: string | null;
}

/** The price at which PnL ÷ initial margin reaches `roePercent` (fees excluded). */
export function priceForTargetRoe(input: PositionInput, ctx: AssessContext = {}, opts: { roePercent?: string } = {}): EngineResult<TargetRoePrice> {
  const n = normalize(input, ctx);
  if (!n.ok) return n;
  const errors: FieldError[] = [];
  const roe = parseAmount(opts.roePercent, 'roePercent', errors, true);
  if (!roe) return { ok: false, errors };
  const { p } = n;
  const base = roeBase(p);
  if (!base) return { ok: false, errors: [{ field: 'leverage', code: 'required', message: 'ROE is measured on the initial margin, which in cross margin needs the leverage: enter it to get a price for a target ROE.' }] };
  const pnl = base.mul(roe).div(HUNDRED);
  let price: D | null;
  if (p.contract === 'linear') {
    const move = pnl.div(p.size);
    price = p.s === 1 ? p.entry.plus(move) : p.entry.minus(move);
  } else {
    const inv = ONE.div(p.entry).minus(pnl.div(p.size).mul(p.s));
    price = inv.gt(ZERO) ? ONE.div(inv) : null;
  }
  const ok = price !== null && price.gt(ZERO);
  return {
    ok: true,
    value: { price: ok && price ? price.toString() : null, reason: ok ? null : 'No positive price gives this ROE (it is beyond what the position can gain or lose).' },
    warnings: p.warnings,
    assumptions: [...p.assumptions, { code: 'roe-excludes-fees', message: 'ROE = unrealized PnL ÷ initial margin, fees and funding excluded.' }],
  };
}

