/**
 * Self-check: LiqGuard's liquidation price for a position the venue already shows, against the venue's own
 * figure. Within the venue's display rounding it is a match, and so is a gap that the last digit of an isolated
 * margin given to five significant digits or more explains; beyond that, a mismatch with the likely cause the
 * inputs can tell:
 *
 * - `tier-table`: another tier of LiqGuard's table reproduces the venue's figure (the venue's table is newer
 *   than ours, or it places the position in another tier). The tier is named.
 * - `maintenance-rate`: no tier of ours does, but the venue's figure implies a plausible maintenance rate at
 *   this size, different from ours: the venue's table has changed since ours was captured.
 * - `cross-account-not-visible`: cross margin, where the venue counts every position and all collateral; the
 *   positions, collateral or marks LiqGuard was not given move the figure.
 * - `isolated-margin`: only a different isolated margin explains it (margin added or removed, auto-add).
 * - `formula-difference`: none of these: the venue computes differently from its published formula.
 *
 * A table older than 30 days, or without a readable date, is itself the likeliest reason the venue's brackets
 * differ from ours: a tier or rate cause then names the table's age as the cause, and a cross-margin gap that a
 * plausible rate would explain names it beside the account it could not see.
 *
 * The implied figures come from the liquidation condition itself, equity = requirement at the venue's price:
 * what maintenance (or margin) would have to be for the venue's price to be the root. Pure; never throws.
 */
import { D } from '../decimal';
import { assessNormalized } from './assess';
import { normalize } from './input';
import { accountTerms, legRequirement, solveLiquidation, tierAtPrice } from './liquidation';
import { parseIsoTime, tableAge, type TableAge } from './table-age';
import { HUNDRED, notionalAt, pnlOf, ZERO } from './model';
import type { Norm, ParsedTier } from './model';
import type { AssessContext, Assessment, FieldError, NumberLike, PositionInput } from './types';
import type { VenueSpec } from './venues/types';

export type SelfCheckCause = 'tier-table' | 'maintenance-rate' | 'cross-account-not-visible' | 'isolated-margin' | 'formula-difference';

export interface SelfCheck {
  verdict: 'match' | 'mismatch';
  /** The venue's liquidation price, as given. */
  venue: string;
  /** LiqGuard's liquidation price for the same inputs, rounded for display as the venue would (null: none found). */
  ours: string | null;
  /** (ours − venue) ÷ venue, in percent, unrounded; null when LiqGuard finds no liquidation price. */
  gapPercent: string | null;
  /** The largest difference still counted as a match: the tick, or the last digit the venue shows, whichever is coarser. */
  tolerance: string;
  /** Null on a match. */
  likelyCause: { code: SelfCheckCause; message: string } | null;
  /** The age of the table LiqGuard used (null: a rate typed by the trader, or no "now" to measure it by). */
  tableAge: TableAge | null;
  /** What the venue's figure implies, where the liquidation condition can be solved for it. */
  implied: {
    /** Maintenance rate that would put the liquidation at the venue's price (with our tier's deduction). */
    maintenanceMarginRate: string | null;
    /** Isolated margin that would (isolated positions only). */
    isolatedMargin: string | null;
    /** A tier of our table that reproduces the venue's figure, when one does. */
    tier: { index: number; maintenanceMarginRate: string; maintenanceAmount: string } | null;
  };
}

export type SelfCheckResult = { ok: true; assessment: Assessment; selfCheck: SelfCheck } | { ok: false; errors: FieldError[] };

const DECIMAL_TEXT = /^\+?(\d+\.?\d*|\.\d+)$/;
const MAX_TEXT = 40;
/** A maintenance rate above this is not a plausible tier: the gap has another cause. */
const PLAUSIBLE_RATE = new D('0.5');
/** A margin's last digit may account for a gap only when it is at most this fraction of the margin (5 significant digits). */
const MARGIN_DIGITS = new D('1e-4');

/** The venue's figure as text, and the unit of its last shown digit ("60204.5" → 0.1, "60204" → 1). */
function parseVenuePrice(raw: unknown): { value: D; text: string; unit: D } | FieldError {
  const field = 'venueLiquidationPrice';
  const text = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : typeof raw === 'string' ? raw.trim() : null;
  if (text === null || text.length > MAX_TEXT || !DECIMAL_TEXT.test(text)) {
    const shown = typeof raw === 'string' ? `"${raw.slice(0, 20)}${raw.length > 20 ? '…' : ''}"` : typeof raw;
    return { field, code: 'not-a-number', message: `Venue liquidation price ${shown} is not a plain positive number (digits and one dot, at most ${MAX_TEXT} characters).` };
  }
  const value = new D(text);
  if (!value.gt(ZERO)) return { field, code: 'not-positive', message: 'Venue liquidation price must be above zero (a venue showing "--" has none: leave the field out).' };
  const decimals = text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
  return { value, text, unit: new D(10).pow(-decimals) };
}

/** The liquidation price with one tier forced, as if it were the rate entered by hand. */
function liquidationWithTier(p: Norm, spec: VenueSpec, tier: ParsedTier): D | null {
  const q: Norm = { ...p, tiers: { ...p.tiers, tiers: [tier], source: 'override', continuous: true } };
  const r = solveLiquidation(q, spec, accountTerms(q, spec).K);
  return r.kind === 'price' ? r.price : null;
}

/** Equity of the account behind the position at a price, less everything but the main position's requirement. */
function roomForMainRequirement(p: Norm, spec: VenueSpec, K: D, price: D): D {
  const phi = spec.formula.triggerFeeRate(p);
  let room = K.plus(pnlOf(p.contract, p.s, p.size, p.entry, price));
  for (const leg of p.coLegs) {
    room = room.plus(pnlOf(p.contract, leg.s, leg.size, leg.entry, price));
    room = room.minus(legRequirement(p, spec, leg.size, leg.entry, price, leg.mmr, leg.amount, phi));
  }
  if (spec.formula.extraRequirement) room = room.minus(spec.formula.extraRequirement(p, K));
  return room;
}

/** The main position's requirement at a price, under our tiers (or the venue's margin function). */
function mainRequirement(p: Norm, spec: VenueSpec, price: D): { mm: D; tier: ParsedTier } {
  const f = spec.formula;
  if (f.method === 'numeric' && f.requirementAt) {
    const r = f.requirementAt(p, price);
    return { mm: r.mm, tier: { index: null, floor: ZERO, cap: null, mmr: r.rate, amount: ZERO, maxLev: null } };
  }
  const { tier } = tierAtPrice(p, spec, price);
  return { mm: legRequirement(p, spec, p.size, p.entry, price, tier.mmr, tier.amount, f.triggerFeeRate(p)), tier };
}

function implied(p: Norm, spec: VenueSpec, venuePrice: D): { rate: D | null; margin: D | null; ourTier: ParsedTier } {
  const K = accountTerms(p, spec).K;
  const room = roomForMainRequirement(p, spec, K, venuePrice);
  const ours = mainRequirement(p, spec, venuePrice);
  const valuedAt = spec.formula.mmAt(p.contract) === 'price' ? venuePrice : p.entry;
  const value = notionalAt(p.contract, p.size, valuedAt);
  const rate = value.gt(ZERO) ? room.plus(ours.tier.amount).div(value).minus(spec.formula.triggerFeeRate(p)) : null;
  // Isolated: the margin K at which our requirement is met exactly at the venue's price.
  const margin = p.marginMode === 'isolated' ? ours.mm.minus(room.minus(K)) : null;
  return { rate, margin, ourTier: ours.tier };
}

const pct = (d: D): string => d.mul(HUNDRED).toSignificantDigits(4).toString();

function tierName(t: ParsedTier): string {
  return `${t.index === null ? 'the rate used' : `tier ${t.index + 1}`} (maintenance ${pct(t.mmr)} %${t.amount.isZero() ? '' : `, deduction ${t.amount.toString()}`})`;
}

/** How old the table is, measured as the assessment measures it. */
function ageOf(p: Norm, now: string | undefined): TableAge | null {
  if (p.tiers.source === 'override') return null;
  const nowMs = now === undefined ? null : parseIsoTime(now);
  // Without "now" a dated table's age cannot be told; a table with no readable date is undated whenever it is read.
  if (nowMs === null) return p.tiers.capturedAt && parseIsoTime(p.tiers.capturedAt) !== null ? null : tableAge(null, 0);
  return tableAge(p.tiers.capturedAt, nowMs);
}

/** The table's age as a cause, when it is old (past 30 days) or undated; null when it is not. */
function staleWords(p: Norm, age: TableAge | null): string | null {
  if (!age || age.level === 'fresh') return null;
  if (age.level === 'unknown' || age.ageDays === null) return `LiqGuard's ${p.tiers.source} table has no readable capture date`;
  return `LiqGuard's ${p.tiers.source} table is ${age.ageDays} days old (captured ${(p.tiers.capturedAt ?? '').slice(0, 10)})`;
}

/** Where an override's rate came from: the rate entered, or the maximum leverage entered. */
function overrideWords(p: Norm, t: ParsedTier): string {
  const amount = t.amount.isZero() ? '' : ` with a deduction of ${t.amount.toString()}`;
  return p.tiers.fromMaxLeverage && p.maxLeverageOverride
    ? `${pct(t.mmr)} %, derived from the maximum leverage you entered (${p.maxLeverageOverride.toString()}×)`
    : `${pct(t.mmr)} %${amount}, the maintenance rate you entered`;
}

function tableWords(p: Norm): string {
  if (p.tiers.source === 'override') return p.tiers.fromMaxLeverage ? 'the maximum leverage you entered' : 'the maintenance rate you entered';
  const date = p.tiers.capturedAt ? ` (captured ${p.tiers.capturedAt.slice(0, 10)})` : '';
  return `LiqGuard's ${p.tiers.source} table${date}`;
}

/** Compare an assessment's liquidation price with the venue's. */
function compare(p: Norm, spec: VenueSpec, a: Assessment, venue: { value: D; text: string; unit: D }, now: string | undefined, withinRounding: SelfCheckOptions['withinRounding']): SelfCheck {
  const tolerance = p.tick && p.tick.gt(venue.unit) ? p.tick : venue.unit;
  const age = ageOf(p, now);
  const stale = staleWords(p, age);
  const oursRaw = a.liquidationPrice === null ? null : new D(a.liquidationPrice);
  const gap = oursRaw ? oursRaw.minus(venue.value) : null;
  const base: SelfCheck = {
    verdict: 'match',
    venue: venue.text,
    ours: a.display.liquidationPrice,
    gapPercent: gap ? gap.div(venue.value).mul(HUNDRED).toString() : null,
    tolerance: tolerance.toString(),
    likelyCause: null,
    tableAge: age,
    implied: { maintenanceMarginRate: null, isolatedMargin: null, tier: null },
  };
  if (gap && gap.abs().lte(tolerance)) return base;
  // The caller knows the page's rounding: a gap within it is a match, and no cause is looked for (each tier solved again).
  if (withinRounding?.(a, base.tolerance)) return base;

  const imp = implied(p, spec, venue.value);
  const marginDefaulted = a.assumptions.some((x) => x.code === 'isolated-margin-default');
  // The margin given, to its last digit, reproduces the venue's figure: the venue computed from the unrounded
  // margin (an API's micro-USDC collateral). A match, for a margin given to five significant digits or more, so
  // that a round figure typed by hand never hides a gap.
  if (p.marginMode === 'isolated' && !marginDefaulted && p.margin && imp.margin && p.margin.gt(ZERO)) {
    const unit = new D(10).pow(-p.margin.decimalPlaces());
    if (unit.lte(p.margin.mul(MARGIN_DIGITS)) && imp.margin.minus(p.margin).abs().lte(unit)) return base;
  }
  base.verdict = 'mismatch';
  base.implied.maintenanceMarginRate = imp.rate ? imp.rate.toString() : null;
  base.implied.isolatedMargin = imp.margin && imp.margin.gt(ZERO) ? imp.margin.toString() : null;
  const gapWords = gap ? `LiqGuard's ${a.display.liquidationPrice ?? oursRaw?.toString()} is ${gap.abs().div(venue.value).mul(HUNDRED).toSignificantDigits(3).toString()} % ${gap.gt(ZERO) ? 'above' : 'below'} the venue's ${venue.text}` : `LiqGuard finds no liquidation price (${a.liquidationNullReason?.message ?? 'none'}) where the venue shows ${venue.text}`;

  // A tier of our own table that reproduces the venue's figure names the likeliest cause.
  const tableTiers = p.tiers.source === 'override' || spec.formula.method === 'numeric' ? [] : p.tiers.tiers;
  for (const t of tableTiers) {
    if (t.index === imp.ourTier.index) continue;
    const lp = liquidationWithTier(p, spec, t);
    if (lp && lp.minus(venue.value).abs().lte(tolerance)) {
      base.implied.tier = { index: t.index ?? 0, maintenanceMarginRate: t.mmr.toString(), maintenanceAmount: t.amount.toString() };
      base.likelyCause = {
        code: 'tier-table',
        message: `${gapWords}. LiqGuard reproduces the venue's figure with ${tierName(t)} of ${tableWords(p)}, not with ${tierName(imp.ourTier)} that it chose for this size: ${stale ? `${stale}, so the venue has likely changed its brackets since (or it places the position in another tier).` : "the venue's tier table is likely newer than ours, or it places the position in another tier."}`,
      };
      return base;
    }
  }
  // A rate that is ours to the digits shown is no cause (it would read "implies 1 %, where LiqGuard used 1 %").
  const rateOk = imp.rate !== null && imp.rate.gt(ZERO) && imp.rate.lte(PLAUSIBLE_RATE) && pct(imp.rate) !== pct(imp.ourTier.mmr);
  if (p.marginMode === 'cross') {
    const others = p.others.length === 0 ? 'no other positions' : `${p.others.length} other position(s) at their marks`;
    // An old table explains a cross gap as well as the unseen account does, when a plausible rate would close it.
    const alsoAge = stale && rateOk && imp.rate ? ` Or the brackets: ${stale}, and the venue's figure implies a maintenance rate of ${pct(imp.rate)} % at this size where LiqGuard used ${pct(imp.ourTier.mmr)} %.` : '';
    base.likelyCause = {
      code: 'cross-account-not-visible',
      message: `${gapWords}. In cross margin the venue counts every position and all collateral in the account; LiqGuard counted the wallet given and ${others}. Positions, collateral or marks it was not given would explain the gap.${alsoAge}`,
    };
    return base;
  }
  if (rateOk && imp.rate) {
    const alsoMargin = marginDefaulted && base.implied.isolatedMargin ? ` Or the position holds a different margin than LiqGuard assumed (${base.implied.isolatedMargin} would explain it): enter isolatedMargin.` : '';
    base.likelyCause = {
      code: 'maintenance-rate',
      message: p.tiers.source === 'override'
        ? `${gapWords}. The venue's figure implies a maintenance rate of ${pct(imp.rate)} % at this size, where LiqGuard used ${overrideWords(p, imp.ourTier)}: check it against the venue's rate for a position of this size.${alsoMargin}`
        : `${gapWords}. The venue's figure implies a maintenance rate of ${pct(imp.rate)} % at this size, where LiqGuard used ${tierName(imp.ourTier)} from ${tableWords(p)}: ${stale ? `${stale}, so the venue has likely changed its brackets since.` : "the venue's tier table has likely changed since ours."}${alsoMargin}`,
    };
    return base;
  }
  if (base.implied.isolatedMargin) {
    base.likelyCause = {
      code: 'isolated-margin',
      message: `${gapWords}. No plausible maintenance rate explains it, but an isolated margin of ${base.implied.isolatedMargin} would (LiqGuard used ${p.margin?.toString() ?? 'none'}): margin added, removed or auto-added on the venue.`,
    };
    return base;
  }
  base.likelyCause = {
    code: 'formula-difference',
    message: `${gapWords}. Neither a tier, a maintenance rate nor the margin explains it: the venue computes its figure differently from the formula LiqGuard follows (${spec.doc.url}, ${spec.doc.version}).`,
  };
  return base;
}

/**
 * Assess a position the venue already shows and compare with the venue's liquidation price. The position is
 * taken as open (distance from the mark) unless it says otherwise.
 */
export interface SelfCheckOptions {
  /**
   * Whether a gap beyond the tolerance is still no more than the venue's page rounding can make it (the
   * account's check knows the figures it read): then the verdict is a match, and the likely cause of a
   * mismatch (our table's every tier solved again) is not worked out.
   */
  withinRounding?(assessment: Assessment, tolerance: string): boolean;
}

export function selfCheck(input: PositionInput, venueLiquidationPrice: NumberLike | unknown, ctx: AssessContext = {}, options: SelfCheckOptions = {}): SelfCheckResult {
  try {
    const venue = parseVenuePrice(venueLiquidationPrice);
    const position: PositionInput = typeof input === 'object' && input !== null && !Array.isArray(input) ? { positionStatus: 'open', ...input } : input;
    const n = normalize(position, ctx);
    if (!n.ok) return 'field' in venue ? { ok: false, errors: [...n.errors, venue] } : n;
    if ('field' in venue) return { ok: false, errors: [venue] };
    const assessment = assessNormalized(n, ctx);
    return { ok: true, assessment, selfCheck: compare(n.p, n.spec, assessment, venue, ctx.now, options.withinRounding) };
  } catch {
    return { ok: false, errors: [{ field: '', code: 'internal-error', message: 'The self-check could not be computed for this position; no verdict is given rather than a wrong one.' }] };
  }
}

/** One self-check per position shown with a venue liquidation price (e.g. every row of the positions table). */
export function selfCheckPositions(items: readonly { input: PositionInput; venueLiquidationPrice: NumberLike }[], ctx: AssessContext = {}): SelfCheckResult[] {
  return items.map((it) => selfCheck(it.input, it.venueLiquidationPrice, ctx));
}
