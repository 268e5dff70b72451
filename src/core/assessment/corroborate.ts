/**
 * Corroboration: what LiqGuard read from the order form against the figures the venue itself works
 * out from that form and prints beside it (order value, cost or margin, maximum size, its own
 * liquidation estimate). The venue computed those from the same fields, so a misread field (a cost
 * taken for a size, 9.746 taken for 9,746, a stale symbol) shows up as a disagreement, and the
 * figure is withheld naming both sides. Pure: decimal.js only.
 *
 * Every comparison allows for the page's rounding (half a unit of its last shown place) and for what
 * LiqGuard cannot know exactly: the venue's fee tier (up to FEE_CEILING per side), the open loss
 * against the mark (Binance), and a market order's fill price (MARKET_BAND either way).
 */
import { D } from '../decimal';
import type { Assessment, VenueId } from '../engine/types';
import type { FormSnapshot, PageFigure, Side } from '../../shared/form-snapshot';
import type { Check, VenueEstimate } from '../../shared/overlay-state';
import { plain } from './display';

/** The highest regular taker fee LiqGuard expects on any venue it reads (0.1 %): bounds the fees a venue may add to its cost. */
export const FEE_CEILING = '0.001';
/** How far a market order's fill (and the venue's assumed price) may sit from the page's price, either way. */
export const MARKET_BAND = '0.006';
/** The venue's estimate "matches" within this share of the price (the two models round and treat fees differently). */
export const ESTIMATE_MATCH = '0.003';
/** An isolated estimate further from LiqGuard's than this share of the distance from entry to liquidation contradicts the read. */
export const ESTIMATE_CONTRADICTS = '0.5';

const VENUE_NAMES: Partial<Record<VenueId, string>> = {
  'binance-usdm': 'Binance',
  'binance-coinm': 'Binance',
  bybit: 'Bybit',
  okx: 'OKX',
  bitget: 'Bitget',
  gate: 'Gate',
  hyperliquid: 'Hyperliquid',
  mexc: 'MEXC',
  bitmex: 'BitMEX',
};
export const venueName = (v: VenueId): string => VENUE_NAMES[v] ?? v;

/** A figure as the trader reads it: grouped thousands, at most 8 significant digits. */
export function shown(d: D): string {
  const s = plain(d.toSignificantDigits(8));
  const [int = '', frac] = s.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac ? `${grouped}.${frac}` : grouped;
}

const FIGURE_NAMES: Record<PageFigure['kind'], string> = { orderValue: 'order value', cost: 'cost', maxOpen: 'maximum size', liquidation: 'liquidation estimate' };
const FIELDS: Record<PageFigure['kind'], string[]> = {
  orderValue: ['quantity', 'price'],
  cost: ['quantity', 'price', 'leverage'],
  maxOpen: ['leverage', 'price', 'availableBalance'],
  liquidation: ['quantity', 'price', 'leverage', 'marginMode'],
};

/** XBT is BitMEX's name for BTC. */
const asset = (a: string): string => (a.toUpperCase() === 'XBT' ? 'BTC' : a.toUpperCase());

export interface SideFacts {
  side: Side;
  assessment: Assessment;
  /** The coin of the contract (BTC), for figures shown in it. */
  base: string | null;
}

export interface Context {
  venue: VenueId;
  snapshot: FormSnapshot;
  /** The size as the trader wrote it, for messages ("0.25 BTC", "500 USDT of cost"). */
  sizeText: string;
}

/** One unit of the page's last shown place: venues round or cut (Binance cuts 812.50625 to 812.50), so either way is within it. */
const unitOf = (places: number) => new D(1).div(new D(10).pow(places));

/** Does the page's figure (± one unit of its last place) fall inside [lo, hi]? */
function within(fig: PageFigure, lo: D, hi: D): boolean {
  const v = new D(fig.value);
  const u = unitOf(fig.places);
  return v.plus(u).gte(lo) && v.minus(u).lte(hi);
}

const check = (fig: PageFigure, side: Side | undefined, result: Check['result'], message: string, computed?: D): Check => {
  const c: Check = { code: fig.kind === 'orderValue' ? 'order-value' : fig.kind === 'maxOpen' ? 'max-open' : fig.kind === 'liquidation' ? 'venue-liquidation' : 'cost', fields: FIELDS[fig.kind], result, message, page: fig.raw.slice(0, 200) };
  if (side) c.side = side;
  if (computed) c.computed = plain(computed);
  return c;
};

const range = (lo: D, hi: D, unit: string) => (lo.eq(hi) || shown(lo) === shown(hi) ? `${shown(lo)} ${unit}` : `${shown(lo)} to ${shown(hi)} ${unit}`);

/** The figure's side: its own, or (a figure for the whole order on a one-sided form) the only side assessed. */
function appliesTo(fig: PageFigure, s: SideFacts, sides: number): boolean {
  return fig.side ? fig.side === s.side : sides === 1 || fig.kind !== 'liquidation';
}

/** One derived figure against the same quantity worked out from the fields read. */
function checkOne(fig: PageFigure, s: SideFacts, ctx: Context, balance: { value: D; asset: string } | null): Check {
  const a = s.assessment;
  const cur = a.currency;
  const unit = fig.unit ? asset(fig.unit) : null;
  const market = ctx.snapshot.orderType.ok && ctx.snapshot.orderType.value === 'market';
  const band = market ? new D(MARKET_BAND) : new D(0);
  const notional = new D(a.notional);
  const label = `the page's ${FIGURE_NAMES[fig.kind]} ${fig.raw.replace(/\s+/g, ' ').trim()}`;
  // Without a leverage nothing but the order value can be worked out (the assessment withholds such sides anyway).
  if (a.leverage === null && fig.kind !== 'orderValue') return check(fig, s.side, 'unchecked', `No leverage was read, so ${label} cannot be worked out.`);
  const lev = new D(a.leverage ?? 1);
  const entry = new D(a.entryPrice);
  const fields = `The size ${ctx.sizeText} at ${shown(entry)}${fig.kind === 'orderValue' ? '' : ` and ${shown(lev)}x`}`;
  const inCurrency = unit === null || unit === asset(cur) || (a.contract === 'linear' && /^USD/.test(unit) && /^USD/.test(asset(cur)));

  if (fig.kind === 'orderValue') {
    // Shown in the coin (linear) or in USD (inverse face value): compare the size itself.
    let value: D | null = null;
    let what = cur;
    if (inCurrency) value = notional;
    else if (unit && s.base && unit === asset(s.base) && a.size.base) [value, what] = [new D(a.size.base), s.base];
    else if (unit === 'USD' && a.contract === 'inverse' && a.size.faceValue) [value, what] = [new D(a.size.faceValue), 'USD'];
    if (!value) return check(fig, s.side, 'unchecked', `${label} is in ${fig.unit}, which LiqGuard does not compare with ${cur}.`);
    const lo = value.mul(new D(1).minus(band));
    const hi = value.mul(new D(1).plus(band));
    const ok = within(fig, lo, hi);
    return check(fig, s.side, ok ? 'agrees' : 'disagrees', `${fields} make an order value of ${range(lo, hi, what)}; ${label}${ok ? ' agrees.' : ' does not.'}`, value);
  }

  if (fig.kind === 'cost') {
    if (!inCurrency) return check(fig, s.side, 'unchecked', `${label} is in ${fig.unit}, which LiqGuard does not compare with ${cur}.`);
    // At least the initial margin; at most that plus the open loss against the mark and two taker fees at the ceiling.
    const im = notional.div(lev);
    const mark = new D(a.markPrice);
    const dir = a.side === 'long' ? 1 : -1;
    const perUnit = entry.minus(mark).mul(dir);
    const openLoss = a.contract === 'linear' && a.size.base && perUnit.gt(0) ? perUnit.mul(a.size.base) : new D(0);
    const lo = im.mul(new D(1).minus(band));
    const hi = im.plus(openLoss).plus(notional.mul(FEE_CEILING).mul(2)).mul(new D(1).plus(band));
    const ok = within(fig, lo, hi);
    return check(fig, s.side, ok ? 'agrees' : 'disagrees', `${fields} need ${range(lo, hi, cur)} of margin${openLoss.gt(0) || !lo.eq(hi) ? ' with fees and open loss' : ''}; ${label}${ok ? ' agrees.' : ' does not.'}`, im);
  }

  if (fig.kind === 'maxOpen') {
    if (!balance || asset(balance.asset) !== asset(cur)) return check(fig, s.side, 'unchecked', `${label} cannot be checked: the page shows no available balance in ${cur}.`);
    // The balance at this leverage and price, less the fees the venue holds back.
    const price = entry;
    const hiNotional = balance.value.mul(lev);
    let hi: D | null = null;
    let what = '';
    const qty = ctx.snapshot.quantity.ok ? ctx.snapshot.quantity.value : null;
    const ct = a.size.contracts && a.size.base && new D(a.size.contracts).gt(0) ? new D(a.size.base).div(a.size.contracts) : null;
    // A maximum with no unit could be coin, money or contracts: it proves nothing.
    if (unit === null) return check(fig, s.side, 'unchecked', `${label} shows no unit, so LiqGuard cannot tell what it counts.`);
    const inContracts = qty?.unit === 'contracts' && (unit === asset(qty.label ?? '') || /^(CONT|CONTS|CONTRACTS?|LOTS?)$/.test(unit));
    if (a.contract === 'linear') {
      const base = hiNotional.div(price);
      if (s.base && unit === asset(s.base)) [hi, what] = [base, s.base];
      else if (inCurrency) [hi, what] = [hiNotional, cur];
      else if (inContracts && ct && ct.gt(0)) [hi, what] = [base.div(ct), 'contracts'];
    } else if (s.base && unit === asset(s.base)) {
      // Inverse, shown in the coin: the balance (in coin) at this leverage.
      [hi, what] = [hiNotional, s.base];
    } else if (inContracts && a.size.faceValue && a.size.contracts && new D(a.size.contracts).gt(0)) {
      const face = new D(a.size.faceValue).div(a.size.contracts);
      [hi, what] = [hiNotional.mul(price).div(face), 'contracts'];
    }
    if (!hi) return check(fig, s.side, 'unchecked', `${label} is in a unit LiqGuard does not compare (${fig.unit ?? 'none shown'}).`);
    const lo = hi.div(new D(1).plus(lev.mul(FEE_CEILING).mul(2))).mul(new D(1).minus(band)).mul('0.98');
    const top = hi.mul(new D(1).plus(band));
    const ok = within(fig, lo, top);
    return check(fig, s.side, ok ? 'agrees' : 'disagrees', `The available ${shown(balance.value)} ${balance.asset} at ${shown(lev)}x and ${shown(price)} allow at most ${range(lo, top, what)}; ${label}${ok ? ' agrees.' : ' does not.'}`, hi);
  }

  // The venue's own liquidation estimate: compared in `estimate` below, after the engine.
  return check(fig, s.side, 'unchecked', `${label} is compared with LiqGuard's liquidation price.`);
}

/** Every derived figure the page shows, checked against each side it applies to. */
export function checkFigures(ctx: Context, sides: readonly SideFacts[]): Check[] {
  const figures = (ctx.snapshot.pageFigures ?? []).filter((f) => f.kind !== 'liquidation');
  const b = ctx.snapshot.availableBalance;
  const balance = b?.ok ? { value: new D(b.value.value), asset: b.value.asset } : null;
  const out: Check[] = [];
  const q = ctx.snapshot.quantity;
  const sizeUnit = q.ok ? q.value.unit : null;
  for (const fig of figures) {
    const each = sides.filter((s) => appliesTo(fig, s, sides.length)).map((s) => checkOne(fig, s, ctx, balance));
    // Beside a size typed in money, the order value and the cost do not depend on the price (the size in coin
    // follows it), and the figure the box itself fixes (the order value beside a value, the cost beside a cost)
    // not on the leverage either: agreeing, they must not vouch for a price or leverage found by a label alone.
    if ((sizeUnit === 'quote' || sizeUnit === 'cost') && (fig.kind === 'orderValue' || fig.kind === 'cost')) {
      const fixed = (sizeUnit === 'quote') === (fig.kind === 'orderValue');
      for (const c of each) c.fields = fixed ? ['quantity'] : ['quantity', 'leverage'];
    }
    // One figure for a two-sided form (Bybit's Order Value) stands for one side: where the sides' sizes differ
    // (a cost buys a little less on one side), agreeing with either side is agreement.
    if (!fig.side && each.some((c) => c.result === 'agrees')) {
      for (const c of each) if (c.result === 'disagrees') Object.assign(c, { result: 'unchecked', message: `${c.message} The page shows this figure once, for the other side.` });
    }
    out.push(...each);
  }
  return out;
}

export interface EstimateResult {
  check: Check;
  estimate: VenueEstimate;
  /** The venue's estimate is so far from LiqGuard's that a field must be misread: withhold. */
  contradicts: boolean;
}

/**
 * LiqGuard's liquidation price against the venue's own estimate for the same side. Within
 * ESTIMATE_MATCH of the price (or the page's rounding) it "matches"; otherwise both are shown with
 * the gap. An isolated estimate on the other side of the entry, or further away than
 * ESTIMATE_CONTRADICTS of the room to liquidation, means the fields are not what the venue
 * computed from: the figure is withheld. Cross estimates also count the account's other positions,
 * which LiqGuard does not read, so they never withhold.
 */
export function compareEstimate(ctx: Context, s: SideFacts, sides: number): EstimateResult | null {
  const fig = (ctx.snapshot.pageFigures ?? []).find((f) => f.kind === 'liquidation' && appliesTo(f, s, sides));
  const a = s.assessment;
  if (!fig || a.liquidationPrice === null) return null;
  const ours = new D(a.liquidationPrice);
  const theirs = new D(fig.value);
  if (!theirs.gt(0)) return null;
  const gap = ours.minus(theirs);
  const gapPercent = gap.div(theirs).mul(100);
  const entry = new D(a.entryPrice);
  const tolerance = D.max(theirs.mul(ESTIMATE_MATCH), unitOf(fig.places));
  const matches = gap.abs().lte(tolerance);
  const name = venueName(ctx.venue);
  const wrongSide = a.side === 'long' ? theirs.gte(entry) : theirs.lte(entry);
  const room = entry.minus(ours).abs();
  const far = room.gt(0) && gap.abs().gt(room.mul(ESTIMATE_CONTRADICTS));
  const contradicts = !matches && a.marginMode === 'isolated' && (wrongSide || far);
  const estimate: VenueEstimate = { venue: name, price: plain(theirs), gap: plain(gap), gapPercent: plain(gapPercent.toDecimalPlaces(4)), matches };
  // The sentence quotes LiqGuard's price as the card's headline shows it (to the tick, towards the mark) and
  // the gap from that figure, so the warning and the headline never show two different prices.
  const headline = a.display.liquidationPrice === null ? ours : new D(a.display.liquidationPrice);
  const shownGap = headline.minus(theirs);
  const shownPercent = shownGap.div(theirs).mul(100);
  const message = matches
    ? `LiqGuard's liquidation price ${shown(headline)} matches ${name}'s estimate ${fig.raw.trim()} (gap ${shown(shownGap)}).`
    : // The venue's figure and the gap lead: a warning's first line above the fold must carry them, and
      // LiqGuard's own figure is already the card's headline.
      `${name}'s estimate ${shown(theirs)} is ${shown(shownGap.abs())} (${shown(shownPercent.abs().toDecimalPlaces(2))} %) from LiqGuard's liquidation price ${shown(headline)}${
        contradicts ? `: more than the two models can explain for an isolated ${a.side}, so a field LiqGuard read is not what ${name} computed from.` : a.marginMode === 'cross' ? `: ${name} counts the whole cross account (other positions, unrealised profit), which LiqGuard does not read.` : '.'
      }`;
  const c = check(fig, s.side, matches ? 'agrees' : 'disagrees', message, ours);
  return { check: c, estimate, contradicts };
}

/** Fields each agreeing check bears out. */
export function corroboratedFields(checks: readonly Check[]): Set<string> {
  return new Set(checks.filter((c) => c.result === 'agrees').flatMap((c) => c.fields));
}
