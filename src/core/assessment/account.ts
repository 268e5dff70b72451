/**
 * The account as the venue's page shows it (positions list and account panel) → what the engine needs:
 * the cross wallet, every other cross position at its own tier and mark, the position already held in
 * the order's symbol, and a self-check of each open position's liquidation price against the venue's.
 * Pure; the background gathers each held symbol's tier table and contract spec first.
 *
 * Rules (each has a test in account.test.ts):
 *   complete     the list is used only whole: a row that cannot be read, a list behind a closed tab,
 *                hidden to other symbols, paginated or shorter than the venue's count, a row whose
 *                contract type or margin mode is not shown, or a wallet the panel does not show, leaves
 *                the order assessed as before ("positions not read"), with the reason.
 *   wallet       the panel's wallet balance (or margin balance less unrealised PnL), less the margins of
 *                the isolated positions settled in the same asset: what backs the cross positions.
 *   one wallet   positions settled in another asset sit in another wallet and are left out, and said so.
 *   others       each other cross position of that wallet, at the mark its row shows, with the maintenance
 *                rate and amount of its tier at that mark (its own tier table), passed to the engine
 *                explicitly so an assessment replays through the CLI.
 *   held symbol  one-way: the row of the order's symbol is the engine's existingPosition; hedge: the row
 *                on the order's side is, and the other side is a cross leg on the same symbol.
 *   margin       an isolated row's margin is the engine's isolated margin, less what the venue shows in it
 *                besides (Bybit: the estimated fee to close); the wallet loses the whole figure shown.
 */
import { D } from '../decimal';
import { assess, liquidationPriceOf, liquidationPriceShown } from '../engine/assess';
import { selfCheck } from '../engine/self-check';
import { parseIsoTime, tableAge } from '../engine/table-age';
import { basisValueFor } from '../engine/input';
import { lookupTierIndex, parseTierTable } from '../engine/tiers';
import { symbolKey } from '../engine/venues/common';
import { bybit } from '../engine/venues/bybit';
import type { Assessment, ExistingPositionInput, OtherPositionInput, PositionInput, TierTable, VenueId } from '../engine/types';
import type { AccountSnapshot, AccountView, Money, PositionCheck, PositionRow } from '../../shared/account-snapshot';
import type { FormSnapshot } from '../../shared/form-snapshot';
import type { Note } from '../../shared/overlay-state';
import { dec, displayPrice, moneyPlaces, plain, roundTo } from './display';
import { assetKey, engineVenueFor, settlementAsset, type AccountInputs } from './inputs';

/** What the background fetched for one held symbol. */
export interface HeldFacts {
  table: TierTable | null;
  /** Contract size from the venue's spec (needed for sizes in contracts and for tiers counted in contracts). */
  contractSize: string | null;
  tick: string | null;
}

export type AccountFacts = Readonly<Record<string, HeldFacts>>;

export interface Leg {
  row: PositionRow;
  contract: 'linear' | 'inverse';
  settle: string;
  facts: HeldFacts;
}

export type AccountPlan =
  | { ok: true; venue: VenueId; settle: string; wallet: Money & { from: string }; legs: Leg[]; cross: Leg[]; elsewhere: Leg[]; rows: number; notes: Note[]; walletFigures: number }
  | { ok: false; venue: VenueId | null; reason: string; legs: Leg[]; notes: Note[] };

const NO_FACTS: HeldFacts = { table: null, contractSize: null, tick: null };
const ZERO = new D(0);
const HUNDRED = new D(100);
const ONE = new D(1);

const info = (code: string, message: string): Note => ({ code, message });

/** The engine venue of the page the account was read from. */
export function accountVenue(a: Pick<AccountSnapshot, 'venue' | 'product'>): VenueId | null {
  if (a.venue === 'binance') return a.product === 'usdm' ? 'binance-usdm' : a.product === 'coinm' ? 'binance-coinm' : null;
  return a.venue === 'generic' ? null : a.venue;
}

/** Linear or inverse, from the venue's name for the contract; null where the name does not say (BitMEX quantos). */
export function contractOfSymbol(venue: VenueId, symbol: string): 'linear' | 'inverse' | null {
  const s = symbol.toUpperCase();
  if (venue === 'binance-usdm' || venue === 'hyperliquid') return 'linear';
  if (venue === 'binance-coinm') return 'inverse';
  if (venue === 'bitmex') return /^XBT(?:USD|EUR)$/.test(s) ? 'inverse' : /(?:USDT|USDC)$/.test(s) ? 'linear' : null;
  if (/USDT|USDC|PERP/.test(s)) return 'linear';
  return /USD/.test(s) ? 'inverse' : null;
}

/** Symbols whose tier table and spec the background should fetch. */
export function heldSymbols(a: AccountSnapshot): string[] {
  if (!a.positions.ok) return [];
  return [...new Set(a.positions.value.rows.flatMap((r) => (r.ok ? [r.row.symbol] : [])))];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const name = (row: PositionRow) => `${row.symbol} ${row.side}`;

function walletOf(a: AccountSnapshot): { value: D; asset: string; from: string; figures: number } | string {
  const w = a.wallet;
  if (w?.ok) return { value: new D(w.value.value), asset: w.value.asset, from: 'the wallet balance', figures: 1 };
  const mb = a.marginBalance;
  const u = a.unrealizedPnl;
  if (mb?.ok && u?.ok && assetKey(mb.value.asset) === assetKey(u.value.asset)) {
    return { value: new D(mb.value.value).minus(u.value.value), asset: mb.value.asset, from: 'the margin balance less the unrealised PnL', figures: 2 };
  }
  const why = [w, mb, u].find((r) => r && !r.ok);
  return `the account panel’s wallet balance could not be read${why && !why.ok ? ` (${why.reason})` : ''}`;
}

export function planAccount(a: AccountSnapshot | null, facts: AccountFacts): AccountPlan {
  const notRead = (reason: string, venue: VenueId | null = null, legs: Leg[] = [], notes: Note[] = []): AccountPlan => ({ ok: false, venue, reason, legs, notes });
  if (!a) return notRead('the page’s positions list has not been read yet');
  const venue = accountVenue(a);
  if (!venue) return notRead('LiqGuard reads positions only on the venues it has rules for');
  if (!a.positions.ok) return notRead(a.positions.reason, venue);
  const table = a.positions.value;
  const bad = table.rows.flatMap((r) => (r.ok ? [] : [`${r.symbol ?? 'a row'}: ${r.reason}`]));
  if (bad.length > 0) return notRead(`${plural(bad.length, 'row')} of the positions list could not be read (${bad.join('; ')})`, venue);
  if (table.incomplete) return notRead(table.incomplete, venue);

  const legs: Leg[] = [];
  for (const r of table.rows) {
    if (!r.ok) continue;
    const contract = contractOfSymbol(venue, r.row.symbol);
    const settle = contract ? settlementAsset(venue, contract, r.row.symbol) : null;
    if (!contract || !settle) return notRead(`${r.row.symbol}: LiqGuard cannot tell what this contract settles in`, venue);
    legs.push({ row: r.row, contract, settle, facts: facts[r.row.symbol] ?? NO_FACTS });
  }
  const wallet = walletOf(a);
  if (typeof wallet === 'string') return notRead(wallet, venue, legs);
  const notes: Note[] = [];
  const mine = legs.filter((l) => assetKey(l.settle) === assetKey(wallet.asset));
  const elsewhere = legs.filter((l) => !mine.includes(l));
  if (elsewhere.length > 0) {
    notes.push(info('positions-other-wallet', `${elsewhere.map((l) => name(l.row)).join(', ')} settle${elsewhere.length === 1 ? 's' : ''} in another asset than the ${wallet.asset} wallet and ${elsewhere.length === 1 ? 'does' : 'do'} not share its margin: left out.`));
  }
  const modeless = mine.find((l) => l.row.marginMode === null);
  if (modeless) return notRead(`the list does not show whether ${name(modeless.row)} is cross or isolated`, venue, legs, notes);
  let cross = wallet.value;
  const isolated = mine.filter((l) => l.row.marginMode === 'isolated');
  for (const l of isolated) {
    if (l.row.margin === null) return notRead(`the list shows no margin for the isolated ${name(l.row)}, so the cross part of the wallet is unknown`, venue, legs, notes);
    cross = cross.minus(l.row.margin);
  }
  if (cross.lt(ZERO)) return notRead(`the isolated margins shown add up to more than the wallet (${plain(wallet.value)} ${wallet.asset})`, venue, legs, notes);
  const from = isolated.length > 0 ? `${wallet.from} (${plain(wallet.value)} ${wallet.asset}) less the isolated margin of ${isolated.map((l) => name(l.row)).join(', ')}` : `${wallet.from} the page shows`;
  return { ok: true, venue, settle: wallet.asset, wallet: { value: plain(cross), asset: wallet.asset, from }, legs: mine, cross: mine.filter((l) => l.row.marginMode === 'cross'), elsewhere, rows: table.rows.length, notes, walletFigures: wallet.figures };
}

// ─── Legs as engine inputs ──────────────────────────────────────────────────────────────────────

/** Size in the engine's units: base for linear, USD face value for inverse. */
function engineSize(l: Leg): D | null {
  const q = new D(l.row.size.value);
  const cs = dec(l.facts.contractSize);
  if (l.row.size.unit === 'contracts') return cs ? q.mul(cs) : null;
  if (l.contract === 'linear') return l.row.size.unit === 'base' ? q : q.div(l.row.entryPrice);
  return l.row.size.unit === 'quote' ? q : q.mul(l.row.entryPrice);
}

/**
 * The isolated margin behind a row, as the engine takes it. Bybit's list shows an isolated position's margin as
 * its initial margin plus the estimated fee to close (help centre, "Position Margin", 2024-03-14; "Initial Margin
 * Calculation (USDC Perpetual & Futures)", 2025-09-02): linear Q × EP × (1 ∓ 1/leverage) × taker fee (long −,
 * short +); inverse, charged at the bankruptcy price EP × L/(L ± 1), Q/EP × (1 ± 1/leverage) × taker fee. Its
 * isolated formula takes the initial margin, so the fee is taken out, at the non-VIP taker rate: a lower rate
 * leaves more margin than counted, and the price LiqGuard gives is then nearer the mark, never farther.
 */
function isolatedMarginOf(venue: VenueId, l: Leg): { value: string; note?: Note } | { reason: string } {
  const shown = l.row.margin;
  if (!shown) return { reason: 'the list shows no margin for it' };
  if (venue !== 'bybit') return { value: shown };
  const lev = dec(l.row.leverage);
  const size = engineSize(l);
  const why = !lev || lev.lte(ZERO) ? 'the list shows no leverage for it' : !size ? 'its size is in contracts and the contract size is unknown' : null;
  if (why || !lev || !size) return { reason: `${why ?? ''}, and the margin Bybit shows holds a fee to close that depends on it` };
  const f = new D(bybit.defaultTakerFee.rate);
  const s = l.row.side === 'long' ? 1 : -1;
  const fee = l.contract === 'linear' ? size.mul(l.row.entryPrice).mul(ONE.minus(ONE.div(lev).mul(s))).mul(f) : size.div(l.row.entryPrice).mul(ONE.plus(ONE.div(lev).mul(s))).mul(f);
  const margin = new D(shown).minus(fee);
  if (margin.lte(ZERO)) return { reason: `the margin shown (${shown}) is not more than its estimated fee to close` };
  return {
    value: plain(margin),
    note: info('position-margin-less-close-fee', `${name(l.row)}: Bybit's position margin ${shown} ${l.settle} includes its estimated fee to close; LiqGuard takes ${plain(margin)} as its margin (the fee at the ${f.mul(HUNDRED).toString()} % taker rate taken out).`),
  };
}

/**
 * A plan's legs do not change while the trader types (a plan is made once per read of the page), so what
 * each keystroke asks of a leg (its tier at the mark, its engine input as another position) is worked out
 * once per leg and kept with it: the after-order figures ask it of every leg for every other leg.
 */
const legTiers = new WeakMap<Leg, { rate: D; amount: D } | string>();
const legOthers = new WeakMap<Leg, OtherPositionInput | string>();

function memo<T>(cache: WeakMap<Leg, T>, l: Leg, make: (l: Leg) => T): T {
  if (cache.has(l)) return cache.get(l) as T;
  const v = make(l);
  cache.set(l, v);
  return v;
}

/** The maintenance rate and amount of a leg's tier at its mark, from its own table (kept per leg of a plan). */
export function tierAtMark(l: Leg): { rate: D; amount: D } | string {
  return memo(legTiers, l, legTierAtMark);
}

function legTierAtMark(l: Leg): { rate: D; amount: D } | string {
  const mark = dec(l.row.markPrice);
  if (!mark) return `${name(l.row)}: the list shows no mark price`;
  if (!l.facts.table) return `${name(l.row)}: no maintenance-margin tier table is loaded for ${l.row.symbol}`;
  const parsed = parseTierTable(l.facts.table);
  if (Array.isArray(parsed)) return `${name(l.row)}: the tier table for ${l.row.symbol} is unusable`;
  const size = engineSize(l);
  if (!size) return `${name(l.row)}: its size is in contracts and the contract size of ${l.row.symbol} is unknown`;
  const v = basisValueFor(parsed.basis, l.contract, size, mark, dec(l.facts.contractSize));
  if (!v) return `${name(l.row)}: its tier cannot be placed without the contract size`;
  const t = parsed.tiers[lookupTierIndex(parsed.tiers, v, parsed.capInclusive)];
  return t ? { rate: t.mmr, amount: t.amount } : `${name(l.row)}: its tier table is empty`;
}

function sizeFields(l: Leg): Pick<OtherPositionInput, 'quantity' | 'quantityUnit' | 'contractSize'> {
  const f: Pick<OtherPositionInput, 'quantity' | 'quantityUnit' | 'contractSize'> = { quantity: l.row.size.value, quantityUnit: l.row.size.unit };
  if (l.row.size.unit === 'contracts' && l.facts.contractSize) f.contractSize = l.facts.contractSize;
  return f;
}

/** A cross leg as one of the engine's other positions, held at its mark and tier (the same object for the same leg). */
export function otherPosition(l: Leg): OtherPositionInput | string {
  return memo(legOthers, l, legAsOther);
}

function legAsOther(l: Leg): OtherPositionInput | string {
  const tier = tierAtMark(l);
  if (typeof tier === 'string') return tier;
  return {
    symbol: l.row.symbol,
    side: l.row.side,
    ...sizeFields(l),
    entryPrice: l.row.entryPrice,
    markPrice: l.row.markPrice as string,
    maintenanceMarginRate: plain(tier.rate),
    maintenanceAmount: plain(tier.amount),
  };
}

const sameSymbol = (a: string, b: string | undefined) => symbolKey(a) === symbolKey(b);

export interface OrderAccount {
  /** Fields to merge into the order's engine input. */
  input: Pick<PositionInput, 'walletBalance' | 'otherPositions' | 'existingPosition' | 'positionMode' | 'contractSize'>;
  assumptions: Note[];
  warnings: Note[];
}

/**
 * The account's part of an order's engine input. Null when the plan is not usable for this order (the
 * caller keeps the single-position assumption, with `reason`).
 */
export function orderAccount(plan: AccountPlan, order: PositionInput, settle: string | null): OrderAccount | { reason: string } {
  if (!plan.ok) return { reason: plan.reason };
  if (!settle || assetKey(settle) !== assetKey(plan.settle)) return { reason: `the account panel shows the ${plan.settle} wallet, and this order settles in ${settle ?? 'another asset'}` };
  const assumptions: Note[] = [...plan.notes];
  const warnings: Note[] = [];
  const held = plan.legs.filter((l) => sameSymbol(l.row.symbol, order.symbol));
  const hedge = order.positionMode === 'hedge' || new Set(held.map((l) => l.row.side)).size > 1;
  const input: OrderAccount['input'] = {};
  if (hedge) input.positionMode = 'hedge';
  const mine = hedge ? held.find((l) => l.row.side === order.side) : held[0];
  if (held.length > (hedge ? 2 : 1)) return { reason: `the list shows ${held.length} positions in ${order.symbol}, more than one per side` };
  if (mine) {
    const ex: ExistingPositionInput = { side: mine.row.side, quantity: mine.row.size.value, quantityUnit: mine.row.size.unit, entryPrice: mine.row.entryPrice };
    if (mine.row.marginMode === 'isolated' && mine.row.margin) {
      const m = isolatedMarginOf(plan.venue, mine);
      if ('reason' in m) return { reason: `the isolated ${name(mine.row)}: ${m.reason}` };
      ex.isolatedMargin = m.value;
      if (m.note) assumptions.push(m.note);
    }
    input.existingPosition = ex;
    if (mine.row.size.unit === 'contracts' && order.contractSize === undefined) {
      if (!mine.facts.contractSize) return { reason: `the ${name(mine.row)} position is in contracts and the contract size is unknown` };
      input.contractSize = mine.facts.contractSize;
    }
    if (mine.row.marginMode !== order.marginMode) {
      warnings.push(info('held-position-margin-mode', `The ${name(mine.row)} position you hold is ${mine.row.marginMode} but the form says ${String(order.marginMode)}: the venue keeps one margin mode per position, so check the form.`));
    }
  }
  if (order.marginMode === 'cross') {
    const others: OtherPositionInput[] = [];
    for (const l of plan.cross) {
      if (l === mine) continue;
      const o = otherPosition(l);
      if (typeof o === 'string') return { reason: o };
      others.push(o);
    }
    input.walletBalance = plan.wallet.value;
    if (others.length > 0) input.otherPositions = others;
    assumptions.push(info('cross-wallet-from-account', `Cross wallet ${plan.wallet.value} ${plan.wallet.asset}: ${plan.wallet.from}.`));
  }
  const read = `${plural(plan.rows, 'open position')} read from the page${plan.legs.length > 0 ? `: ${plan.legs.map((l) => `${name(l.row)} ${l.row.marginMode ?? ''}`.trim()).join(', ')}` : ''}.`;
  assumptions.push(info('positions-read', mine ? `${read} This order is assessed as the ${order.symbol} position it leaves.` : read));
  return { input, assumptions, warnings };
}

// ─── Self-check, after-order figures, margin ratio ──────────────────────────────────────────────

/** A leg as its own engine input, the rest of the account around it (cross) or its own margin (isolated). */
export function legInput(plan: Extract<AccountPlan, { ok: true }>, l: Leg, extraOthers: OtherPositionInput[] = [], skip: (o: Leg) => boolean = () => false): PositionInput | string {
  if (!l.row.markPrice) return 'the list shows no mark price for it';
  const apart = plan.elsewhere.includes(l);
  if (apart && l.row.marginMode !== 'isolated') return `it is in the ${l.settle} wallet, which the account panel does not show`;
  const input: PositionInput = {
    venue: plan.venue,
    // An open position: its distance is from the mark, not from a fill.
    positionStatus: 'open',
    symbol: l.row.symbol,
    contract: l.contract,
    marginMode: l.row.marginMode ?? undefined,
    side: l.row.side,
    entryPrice: l.row.entryPrice,
    markPrice: l.row.markPrice,
    ...sizeFields(l),
  };
  if (l.facts.contractSize && input.contractSize === undefined) input.contractSize = l.facts.contractSize;
  if (l.facts.tick) input.tickSize = l.facts.tick;
  if (l.row.leverage) input.leverage = l.row.leverage;
  if (l.row.marginMode === 'isolated') {
    const m = isolatedMarginOf(plan.venue, l);
    if ('reason' in m) return m.reason;
    input.isolatedMargin = m.value;
    return input;
  }
  if (!l.row.leverage) return 'the list shows no leverage for it';
  const others: OtherPositionInput[] = [...extraOthers];
  for (const o of plan.cross) {
    if (o === l || skip(o)) continue;
    const p = otherPosition(o);
    if (typeof p === 'string') return p;
    others.push(p);
  }
  if (others.some((o) => sameSymbol(String(o.symbol), l.row.symbol))) input.positionMode = 'hedge';
  input.walletBalance = plan.wallet.value;
  if (others.length > 0) input.otherPositions = others;
  return input;
}

/**
 * LiqGuard's liquidation price for every open position, beside the venue's, with the engine's self-check
 * (match within the venue's display rounding, else the gap and its likely cause). A venue showing no price
 * ("--") gets no verdict unless LiqGuard finds none either.
 */
export function checkPositions(plan: AccountPlan, now: string): PositionCheck[] {
  return plan.ok ? positionLegs(plan).map((l) => checkPosition(plan, l, now)) : [];
}

/** The positions checkPositions checks, in its order. */
export const positionLegs = (plan: Extract<AccountPlan, { ok: true }>): Leg[] => [...plan.legs, ...plan.elsewhere];

/** One position's check (checkPositions, one leg at a time: a caller can let other work run between them). */
export function checkPosition(plan: Extract<AccountPlan, { ok: true }>, l: Leg, now: string): PositionCheck {
  const base: PositionCheck = { symbol: l.row.symbol, side: l.row.side, marginMode: l.row.marginMode ?? 'cross', venueLiquidationPrice: l.row.liquidationPrice, ours: null, verdict: null };
  const input = legInput(plan, l);
  if (typeof input === 'string') return { ...base, reason: input };
  const nowMs = parseIsoTime(now);
  const key = checkKey(plan, l, input, nowMs === null ? now : nowMs);
  const known = checked.get(key);
  if (known) return { ...known };
  const check = checkLeg(plan, l, input, base, now);
  checked.set(key, check);
  if (checked.size > CHECKS_KEPT) checked.delete(checked.keys().next().value as string);
  return { ...check };
}

/**
 * The checks of the latest reads of the positions list, by everything a check is computed from (checkKey): the
 * page reads the list again whenever a row changes (every second while any mark ticks), and a position whose
 * figures, and those of the account around it, are as before has the same check. Only the one that changed
 * is computed again (a whole assessment and two solves each). Bounded: the oldest go first.
 */
const checked = new Map<string, PositionCheck>();
const CHECKS_KEPT = 64;
/** A number per tier table object, for the key (a table fetched again is another object: checked again). */
const tableIds = new WeakMap<TierTable, number>();
let tableCount = 0;
const tableId = (t: TierTable | null): number | null => {
  if (!t) return null;
  let id = tableIds.get(t);
  if (id === undefined) tableIds.set(t, (id = ++tableCount));
  return id;
};

/**
 * Everything a leg's check reads: its engine input (with the other cross positions at their marks and tiers),
 * its row and facts, its table (by identity) and the table's age in whole days (the one way the time enters a
 * check: a stale table is named as the likely cause), the wallet, and for the page's rounding (withinPageRounding)
 * what the others add to its rounding.
 */
function checkKey(plan: Extract<AccountPlan, { ok: true }>, l: Leg, input: PositionInput, now: number | string): string {
  const table = l.facts.table;
  const age = !table ? null : typeof now === 'string' ? now : tableAge(table.capturedAt, now).ageDays;
  // What withinPageRounding reads of the others: an isolated one's margin, a cross one's PnL figures.
  const around = l.row.marginMode === 'isolated' ? null : plan.legs.map((o) => (o === l ? 0 : o.row.marginMode === 'isolated' ? [o.row.margin] : [o.row.size, o.row.entryPrice, o.row.markPrice, o.contract, o.facts.tick, o.facts.contractSize]));
  return JSON.stringify([tableId(table), age, input, l.row, l.contract, l.settle, l.facts.tick, l.facts.contractSize, plan.venue, plan.wallet.value, plan.walletFigures, around]);
}

/** One leg's check, computed (see checkPositions). */
function checkLeg(plan: Extract<AccountPlan, { ok: true }>, l: Leg, input: PositionInput, base: PositionCheck, now: string): PositionCheck {
  const ctx = { now, ...(l.facts.table ? { tiers: l.facts.table } : {}) };
  if (l.row.liquidationPrice === null) {
    const r = assess(input, ctx);
    if (!r.ok) return { ...base, reason: r.errors[0]?.message ?? 'LiqGuard could not compute it' };
    const ours = oursShown(r.assessment, l);
    return ours === null ? { ...base, verdict: 'match' } : { ...base, ours, reason: 'the venue shows no liquidation price for it' };
  }
  // The venue computes from its unrounded wallet, margins and prices; the page shows them rounded: a gap within that is a match.
  const r = selfCheck(input, l.row.liquidationPrice, ctx, { withinRounding: (a, tolerance) => withinPageRounding(plan, l, input, a, { tolerance }, ctx) });
  if (!r.ok) return { ...base, reason: r.errors[0]?.message ?? 'LiqGuard could not compute it' };
  const c = r.selfCheck;
  const check: PositionCheck = { ...base, ours: oursShown(r.assessment, l), verdict: c.verdict };
  if (c.gapPercent !== null && c.verdict === 'mismatch') check.gapPercent = roundTo(new D(c.gapPercent), 2, D.ROUND_HALF_EVEN);
  if (c.likelyCause) check.likelyCause = c.likelyCause.message;
  return check;
}

// ─── How far the page's rounding moves a liquidation price ────────────────────────────────────────

/**
 * Half the last digit a page shows of a figure: prices to the tick (or finer, when the figure read has
 * more digits), money to its usual places (2 for dollar-like assets, 8 for coins; finer when read so).
 * The figures read have lost their trailing zeros, so the usual places are the floor, never the digits read.
 */
function halfShown(value: string | null | undefined, places: number): D {
  const digits = value ? Math.max(fractionDigits(value), places) : places;
  return new D(10).pow(-digits).div(2);
}

const tickPlaces = (l: Leg) => (l.facts.tick ? fractionDigits(plain(new D(l.facts.tick))) : 0);
const fractionDigits = (v: string) => (v.includes('.') ? v.length - v.indexOf('.') - 1 : 0);

/** How much a leg's unrealised PnL can be off when its entry and mark are read rounded, in its settlement asset (kept per leg: every other position's check sums it). */
const legSlack = new WeakMap<Leg, D>();
const pnlSlack = (l: Leg): D => memo(legSlack, l, legPnlSlack);

function legPnlSlack(l: Leg): D {
  const size = engineSize(l);
  const mark = dec(l.row.markPrice);
  if (!size || !mark) return ZERO;
  const entry = new D(l.row.entryPrice);
  const [he, hm] = [halfShown(l.row.entryPrice, tickPlaces(l)), halfShown(l.row.markPrice, tickPlaces(l))];
  // Linear: size × price; inverse: face ÷ price, whose slope at p is face ÷ p².
  return l.contract === 'linear' ? size.mul(he.plus(hm)) : size.mul(he.div(entry.pow(2)).plus(hm.div(mark.pow(2))));
}

/**
 * Whether a gap between LiqGuard's and the venue's liquidation price is no more than the page's own
 * rounding can make it. The money behind the position (an isolated margin; a cross wallet with the
 * isolated margins taken out of it and the other cross positions' PnL) is only known to the page's last
 * digit; LiqGuard's price is computed again with that money moved by its rounding either way, and the
 * position's own entry adds half its last digit. A tiny position's price moves far for a cent of
 * wallet, so on a rounded panel only this tells a real difference from a rounded one.
 */
function withinPageRounding(plan: Extract<AccountPlan, { ok: true }>, l: Leg, input: PositionInput, a: Assessment, c: { tolerance: string }, ctx: { now: string; tiers?: TierTable }): boolean {
  const ours = dec(a.liquidationPrice);
  const venue = dec(l.row.liquidationPrice);
  if (!ours || !venue) return false;
  const places = moneyPlaces(l.settle);
  let slack: D;
  if (l.row.marginMode === 'isolated') slack = halfShown(l.row.margin, places);
  else {
    slack = halfShown(plan.wallet.value, places).mul(plan.walletFigures);
    for (const o of plan.legs) {
      if (o === l) continue;
      if (o.row.marginMode === 'isolated') slack = slack.plus(halfShown(o.row.margin, places));
      else slack = slack.plus(pnlSlack(o));
    }
  }
  // Only the liquidation price is wanted: the solve alone, not a whole assessment (stress rows, words) twice per position at every read of the list.
  const moved = (by: D): D | null => {
    const shifted: PositionInput = l.row.marginMode === 'isolated' ? { ...input, isolatedMargin: plain(new D(input.isolatedMargin as string).plus(by)) } : { ...input, walletBalance: plain(new D(input.walletBalance as string).plus(by)) };
    return dec(liquidationPriceOf(shifted, ctx));
  };
  const [up, down] = [moved(slack), moved(slack.neg())];
  if (!up || !down) return false;
  const spread = D.max(up.minus(ours).abs(), down.minus(ours).abs()).plus(halfShown(l.row.entryPrice, tickPlaces(l)));
  return ours.minus(venue).abs().lte(spread.plus(c.tolerance));
}

/**
 * LiqGuard's figure for display: on the venue's tick when known, else to as many decimals as the venue
 * shows its own, rounded towards the mark like every price LiqGuard shows.
 */
function oursShown(a: Assessment, l: Leg): string | null {
  if (l.facts.tick || !a.liquidationPrice || !l.row.liquidationPrice) return displayPrice(a.display.liquidationPrice);
  const places = new D(l.row.liquidationPrice).decimalPlaces();
  return roundTo(new D(a.liquidationPrice), places, a.liquidationDirection === 'down' ? D.ROUND_UP : D.ROUND_DOWN);
}

/** The order's resulting position in its symbol, as a leg the other positions see at its mark. */
export function netOrderLeg(a: Assessment, tier: { rate: D; amount: D }): OtherPositionInput | null {
  const size = a.contract === 'linear' ? a.size.base : a.size.faceValue;
  if (!size) return null;
  return {
    symbol: a.symbol ?? undefined,
    side: a.side,
    quantity: size,
    quantityUnit: a.contract === 'linear' ? 'base' : 'quote',
    entryPrice: a.entryPrice,
    markPrice: a.markPrice,
    maintenanceMarginRate: plain(tier.rate),
    maintenanceAmount: plain(tier.amount),
  };
}

/** A held leg the order's net position takes the place of: its symbol's (one-way), or its symbol's on its side (hedge). */
const replacedByOrder = (l: Leg, order: Assessment) => sameSymbol(l.row.symbol, order.symbol ?? undefined) && (order.positionMode !== 'hedge' || l.row.side === order.side);

/** The tier of an order's net position at its mark, from the order's table. */
export function orderTierAtMark(a: Assessment, table: TierTable | null, contractSize: string | null): { rate: D; amount: D } | string {
  const size = a.contract === 'linear' ? a.size.base : a.size.faceValue;
  if (!size) return 'the order has no size';
  const row: PositionRow = { symbol: a.symbol ?? '', side: a.side, sideFrom: 'word', size: { value: size, unit: a.contract === 'linear' ? 'base' : 'quote', label: '' }, entryPrice: a.entryPrice, markPrice: a.markPrice, marginMode: a.marginMode, leverage: a.leverage, margin: null, unrealizedPnl: null, liquidationPrice: null };
  return legTierAtMark({ row, contract: a.contract, settle: a.currency, facts: { table, contractSize, tick: null } });
}

/** Each other cross position's liquidation price once the order is filled (the order's net position held at its mark). */
export function liquidationsAfterOrder(plan: AccountPlan, order: Assessment, orderTier: { rate: D; amount: D }, now: string): Map<Leg, string | null> {
  const out = new Map<Leg, string | null>();
  if (!plan.ok || order.marginMode !== 'cross') return out;
  const leg = netOrderLeg(order, orderTier);
  if (!leg) return out;
  for (const l of plan.cross) {
    if (sameSymbol(l.row.symbol, order.symbol ?? undefined)) continue;
    const input = legInput(plan, l, [leg], (o) => replacedByOrder(o, order));
    if (typeof input === 'string') continue;
    // Only the price is shown for each of them: the engine's headline-only path, not a whole assessment per leg.
    out.set(l, displayPrice(liquidationPriceShown(input, { now, ...(l.facts.table ? { tiers: l.facts.table } : {}) })));
  }
  return out;
}

/** Maintenance margin of a leg at its mark and its unrealised PnL there, in the settlement asset. */
function legAtMark(side: string, contract: 'linear' | 'inverse', size: D, entry: D, mark: D, tier: { rate: D; amount: D }): { mm: D; upnl: D } {
  const value = contract === 'linear' ? size.mul(mark) : size.div(mark);
  const move = contract === 'linear' ? mark.minus(entry).mul(size) : size.div(entry).minus(size.div(mark));
  return { mm: value.mul(tier.rate).minus(tier.amount), upnl: side === 'long' ? move : move.neg() };
}

/**
 * Per plan, the cross legs' maintenance margin and unrealised PnL at their marks, summed, without the legs an
 * order takes the place of (by its symbol and, hedged, its side): the same for every keystroke on a plan.
 */
const heldSums = new WeakMap<AccountPlan, Map<string, { mm: D; upnl: D } | null>>();

function heldAtMarks(plan: Extract<AccountPlan, { ok: true }>, order: Assessment | null): { mm: D; upnl: D } | null {
  let sums = heldSums.get(plan);
  if (!sums) heldSums.set(plan, (sums = new Map()));
  const key = order ? JSON.stringify([order.symbol, order.positionMode === 'hedge' ? order.side : null]) : '';
  if (sums.has(key)) return sums.get(key) ?? null;
  const sum = (): { mm: D; upnl: D } | null => {
    let mm = ZERO;
    let upnl = ZERO;
    for (const l of plan.cross) {
      if (order && replacedByOrder(l, order)) continue;
      const tier = tierAtMark(l);
      const size = engineSize(l);
      const mark = dec(l.row.markPrice);
      if (typeof tier === 'string' || !size || !mark) return null;
      const v = legAtMark(l.row.side, l.contract, size, new D(l.row.entryPrice), mark, tier);
      mm = mm.plus(v.mm);
      upnl = upnl.plus(v.upnl);
    }
    return { mm, upnl };
  };
  const out = sum();
  sums.set(key, out);
  return out;
}

/**
 * The cross account's maintenance margin ÷ margin balance (wallet plus unrealised PnL), in percent: 100 %
 * is liquidation. With `order`, the order's net position replaces what the account holds in its symbol.
 * Null when a leg cannot be valued.
 */
export function crossMarginRatio(plan: AccountPlan, order: { assessment: Assessment; tier: { rate: D; amount: D } } | null = null): string | null {
  if (!plan.ok) return null;
  const held = heldAtMarks(plan, order?.assessment ?? null);
  if (!held) return null;
  let { mm, upnl } = held;
  if (order) {
    const a = order.assessment;
    const size = dec(a.contract === 'linear' ? a.size.base : a.size.faceValue);
    if (!size) return null;
    const v = legAtMark(a.side, a.contract, size, new D(a.entryPrice), new D(a.markPrice), order.tier);
    mm = mm.plus(v.mm);
    upnl = upnl.plus(v.upnl);
  }
  const balance = new D(plan.wallet.value).plus(upnl);
  if (!balance.gt(ZERO)) return null;
  return roundTo(mm.div(balance).mul(HUNDRED), 2, D.ROUND_UP);
}

// ─── What the overlay and popup show ─────────────────────────────────────────────────────────────

const VENUE_NAMES: Partial<Record<VenueId, string>> = {
  'binance-usdm': 'Binance',
  'binance-coinm': 'Binance',
  bybit: 'Bybit',
  okx: 'OKX',
  bitget: 'Bitget',
  gate: 'Gate',
  hyperliquid: 'Hyperliquid',
  bitmex: 'BitMEX',
  mexc: 'MEXC',
};

export const venueName = (venue: VenueId | null): string => (venue ? (VENUE_NAMES[venue] ?? venue) : 'the venue');

/**
 * A mismatch as the trader reads it. Its first sentence (the position, both liquidation prices, the gap)
 * fits the two lines a warning has above the fold; the engine's likely cause follows, in full in Details.
 */
export function mismatchNote(c: PositionCheck, venue: VenueId | null): Note {
  const theirs = c.venueLiquidationPrice ?? 'none';
  const gap = c.gapPercent ? ` (${c.gapPercent.startsWith('-') ? '' : '+'}${c.gapPercent} %)` : '';
  const what = c.likelyCause ?? `LiqGuard computes ${c.ours ?? 'none'}${gap}.`;
  return { code: 'self-check-mismatch', field: `${c.symbol} ${c.side}`, message: `${c.symbol} ${c.side}: ${venueName(venue)} liq. ${theirs}, LiqGuard ${c.ours ?? 'none'}${gap}. ${what}` };
}

export interface OrderExtras {
  /** Per cross position (by leg), its liquidation price after the order, per side of the order. */
  after: Map<Leg, Partial<Record<'long' | 'short', string | null>>>;
  ratioAfter: Partial<Record<'long' | 'short', string | null>>;
}

export function accountView(plan: AccountPlan, checks: readonly PositionCheck[], venueRatio: string | null, extras: OrderExtras | null = null): AccountView {
  const warnings = checks.filter((c) => c.verdict === 'mismatch').map((c) => mismatchNote(c, plan.venue));
  const venue = venueName(plan.venue);
  if (!plan.ok) return { venue, status: 'not-read', summary: `Positions not read: ${plan.reason}.`, wallet: null, positions: [], marginRatio: null, warnings };
  const crossCount = plan.cross.length;
  const legs = [...plan.legs, ...plan.elsewhere];
  const positions = checks.map((c, i) => {
    const leg = legs[i];
    const after = leg ? extras?.after.get(leg) : undefined;
    return after ? { ...c, afterOrder: after } : c;
  });
  return {
    venue,
    status: 'read',
    summary: `${plural(plan.rows, 'open position')} read${crossCount > 0 ? ` (${crossCount} cross)` : ''}.`,
    wallet: plan.wallet,
    positions,
    marginRatio: crossCount > 0 || extras ? { now: crossMarginRatio(plan), afterOrder: extras?.ratioAfter ?? {}, venue: venueRatio } : null,
    warnings,
  };
}

// ─── The order form meets the account ────────────────────────────────────────────────────────────

export interface ForOrder {
  inputs: AccountInputs;
  /** Per side of the form, the account's part of its engine input. */
  sides: Partial<Record<'long' | 'short', OrderAccount>>;
}

/** What the account adds to each side of an order form, or why it adds nothing. */
export function forOrder(s: FormSnapshot, plan: AccountPlan): ForOrder {
  const none = (reason: string): ForOrder => ({ inputs: { used: false, reason }, sides: {} });
  if (!plan.ok) return none(plan.reason);
  const venue = engineVenueFor(s);
  const symbol = s.symbol.ok ? s.symbol.value : null;
  const contract = s.contract.ok ? s.contract.value : null;
  if (!venue.ok || !symbol || !contract || !s.sides.ok || !s.marginMode.ok) return none('the order form is not complete');
  if (venue.venue !== plan.venue) return none(`the positions were read for ${venueName(plan.venue)}, the form is ${venueName(venue.venue)}’s`);
  const settle = settlementAsset(venue.venue, contract, symbol);
  const positionMode = s.positionMode?.ok ? s.positionMode.value : undefined;
  const sides: ForOrder['sides'] = {};
  for (const side of s.sides.value) {
    const r = orderAccount(plan, { venue: venue.venue, symbol, contract, marginMode: s.marginMode.value, side, ...(positionMode ? { positionMode } : {}) }, settle);
    if ('reason' in r) return none(r.reason);
    sides[side] = r;
  }
  const mark = plan.legs.find((l) => sameSymbol(l.row.symbol, symbol) && l.row.markPrice)?.row.markPrice ?? null;
  return { inputs: { used: true, wallet: plan.wallet, mark }, sides };
}

/** The order's input with the account's part: the account's fields win, but a contract size already known stays. */
export function withAccount(input: PositionInput, part: OrderAccount | undefined): PositionInput {
  if (!part) return input;
  const { contractSize, ...rest } = part.input;
  return { ...input, ...rest, ...(input.contractSize === undefined && contractSize !== undefined ? { contractSize } : {}) };
}
