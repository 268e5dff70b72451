/**
 * The product logic between a page and the overlay: a FormSnapshot, the market data the
 * background could get and the trader's settings in; the OverlayState to show out, plus the exact
 * engine inputs used (so the popup and the tests can replay them through the CLI). Pure.
 */
import { D } from '../decimal';
import { assess } from '../engine/assess';
import type { AssessContext, Assessment, FieldError, PositionInput } from '../engine/types';
import { canLoseMoreThanMargin, policyQuestionFor, policyVenueIdFor } from '../policy/index';
import { baseCoin } from '../engine/venues/common';
import type { FormSnapshot, Reading, Side } from '../../shared/form-snapshot';
import type { Check, Note, OverlayState, PolicyBrief, SideFigures } from '../../shared/overlay-state';
import { severityThresholdsFrom, type Settings } from '../../shared/settings';
import { dec, displayPrice, distancePercent, distancePrice, lossMoney, money, plain, probability, roundingNote } from './display';
import { checkFigures, compareEstimate, corroboratedFields, shown, type Context, type EstimateResult } from './corroborate';
import type { PositionCheck } from '../../shared/account-snapshot';
import { accountView, forOrder, liquidationsAfterOrder, crossMarginRatio, orderTierAtMark, withAccount, type AccountPlan, type ForOrder, type OrderExtras } from './account';
import { assetKey, buildInputs, FIELD_LABELS } from './inputs';
import { tickAt } from '../market/price-rule';
import type { MarketFacts } from './types';

/** The gap past the bankruptcy price whose deficit the policy answer quotes. */
export const POLICY_GAP_PERCENT = '5';

export interface SnapshotAssessment {
  state: OverlayState;
  /** The engine inputs, in the order of `state.sides` (empty when nothing was assessed). */
  inputs: PositionInput[];
  /** The engine context used (tier table, now, thresholds, volatility): `{...inputs[i], context}` replays through the CLI. */
  context: AssessContext;
}

export interface AssessOptions {
  /** ISO time "now": tier-table age and policy staleness. */
  now: string;
  /** The tab's account as the page shows it, planned by the background, with each open position's self-check. */
  account?: { plan: AccountPlan; checks: PositionCheck[]; venueRatio: string | null };
}

/** Engine field → the snapshot field the trader recognises. */
const ENGINE_FIELD: Record<string, string> = {
  entryPrice: 'price',
  markPrice: 'markPrice',
  quantity: 'quantity',
  quantityUnit: 'quantity',
  leverage: 'leverage',
  walletBalance: 'walletBalance',
  contractSize: 'contractSize',
  maintenanceMarginRate: 'tiers',
  maintenanceAmount: 'tiers',
  tiers: 'tiers',
  marginMode: 'marginMode',
  contract: 'contract',
  positionMode: 'positionMode',
  side: 'sides',
  venue: 'venue',
  symbol: 'symbol',
};

function errorNote(e: FieldError, facts: MarketFacts, symbol: string): Note {
  const field = ENGINE_FIELD[e.field] ?? (e.field || 'position');
  if (e.code === 'missing-tier-data' || e.code === 'bad-tier-table') {
    const why = facts.tiers?.note.message ?? 'the tier tables were not loaded';
    return { code: e.code, field, message: `${FIELD_LABELS[field] ?? field}: no usable maintenance-margin tier table for ${symbol}. ${why}` };
  }
  return { code: e.code, field, message: `${FIELD_LABELS[field] ?? field}: ${e.message}` };
}

const toNote = (n: { code: string; message: string; field?: string }): Note => (n.field === undefined ? { code: n.code, message: n.message } : { code: n.code, message: n.message, field: n.field });

function uniqueNotes(notes: Note[]): Note[] {
  const seen = new Set<string>();
  return notes.filter((n) => {
    const key = `${n.code}\u0000${n.field ?? ''}\u0000${n.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The engine's assessment as the overlay shows it: display-rounded strings plus the raw values. */
export function sideFigures(a: Assessment): SideFigures {
  const cur = a.currency;
  const liq = displayPrice(a.display.liquidationPrice);
  const assumptions = a.assumptions.map(toNote);
  const warnings = a.warnings.map(toNote);
  const ifLiquidated = lossMoney(a.lossIfLiquidated.amount, cur) ?? '0';
  let loss = lossMoney(a.lossAtLiquidation, cur);
  if (loss === null) {
    // No liquidation price: there is no loss "at liquidation". The type needs a figure, so the most this
    // position can lose from a price move alone is shown (bounded by what backs it), and said to be that.
    loss = ifLiquidated;
    warnings.push({ code: 'loss-is-worst-move', field: 'lossAtLiquidation', message: `There is no liquidation price, so the loss shown is the most this position can lose from a price move alone, not a loss at liquidation. ${a.lossIfLiquidated.note}` });
  }
  const figures: SideFigures = {
    side: a.side,
    liquidationPrice: liq,
    bankruptcyPrice: displayPrice(a.display.bankruptcyPrice),
    markPrice: plain(new D(a.markPrice)),
    distancePrice: liq !== null && a.distance ? distancePrice(a.distance.reference, liq, a.liquidationDirection, a.display.tick) : null,
    distancePercent: a.distance ? distancePercent(a.distance.percent) : null,
    severity: a.severity.level,
    severityReasons: a.severity.reasons.map((r) => r.message),
    lossAtLiquidation: loss,
    lossIfLiquidated: { amount: ifLiquidated, basis: a.lossIfLiquidated.basis, note: a.lossIfLiquidated.note },
    liquidatedOnFill: a.liquidatedOnFill,
    distanceFrom: a.distance?.from ?? 'mark',
    marginAtRisk: { amount: lossMoney(a.marginAtRisk.amount, cur) ?? '0', scope: a.marginAtRisk.scope },
    currency: cur,
    notional: money(a.notional, cur) ?? '0',
    initialMargin: money(a.initialMargin, cur) as string,
    maintenanceMargin: money(a.maintenanceMargin, cur) ?? '0',
    assumptions,
    warnings,
    raw: {
      liquidationPrice: a.liquidationPrice,
      bankruptcyPrice: a.bankruptcyPrice,
      entryPrice: a.entryPrice,
      markPrice: a.markPrice,
      distancePrice: a.distance?.price ?? null,
      distancePercent: a.distance?.percent ?? null,
      lossAtLiquidation: a.lossAtLiquidation,
      lossIfLiquidated: a.lossIfLiquidated.amount,
      distanceReference: a.distance?.reference ?? a.markPrice,
      marginAtRisk: a.marginAtRisk.amount,
      notional: a.notional,
      initialMargin: a.initialMargin as string,
      maintenanceMargin: a.maintenanceMargin,
      tick: a.display.tick,
      rounding: a.display.tick ? 'tick' : 'significant-digits',
    },
  };
  if (a.liquidationNullReason) figures.liquidationNullReason = a.liquidationNullReason.message;
  const effLev = dec(a.effectiveLeverage);
  if (effLev) figures.effectiveLeverage = plain(effLev.toDecimalPlaces(2, D.ROUND_UP));
  if (a.marginAtRisk.addedByThisOrder !== null) {
    const added = lossMoney(a.marginAtRisk.addedByThisOrder, cur);
    if (added !== null) figures.marginAtRisk.addedByThisOrder = added;
  }
  const p = probability(a.touchProbability24h?.probability);
  if (p !== null) figures.touchProbability24h = p;
  return figures;
}

function policyBrief(a: Assessment, settings: Settings, now: string): PolicyBrief | null {
  const venueId = policyVenueIdFor(a.venue);
  if (venueId === null) return null;
  const sv = venueId as keyof Settings['venues'];
  const accountMode = Object.hasOwn(settings.venues, sv) ? settings.venues[sv].accountMode : null;
  // Amounts are quoted as the overlay shows them (losses rounded up), so the sentence and the figures agree.
  const question = policyQuestionFor(a, { accountMode, region: settings.region, gapPercent: POLICY_GAP_PERCENT, quote: (v) => lossMoney(v, a.currency), now });
  const answer = canLoseMoreThanMargin(question);
  return {
    verdict: answer.verdict,
    headline: answer.headline,
    reasons: `${answer.reasons} ${answer.amountAtStake.text}`.trim(),
    venueId,
    caveats: answer.caveats.map((c) => ({ code: c.code, message: c.message })),
  };
}

/**
 * An order the venue would refuse is still assessed as typed, but the trader is told: its margin
 * plus opening fee is more than the available balance the page shows (in the settlement asset).
 */
function beyondBalance(snapshot: FormSnapshot, assessments: readonly Assessment[]): Note[] {
  const read = snapshot.availableBalance;
  if (!read?.ok) return [];
  const balance = dec(read.value.value);
  if (balance === null) return [];
  // Sides that need the same amount (the usual case: same notional, same fee) share one warning.
  const over = new Map<string, Side[]>();
  for (const a of assessments) {
    const needed = dec(a.marginAtRisk.addedByThisOrder);
    if (needed === null || assetKey(read.value.asset) !== assetKey(a.currency) || needed.lte(balance)) continue;
    const key = `${lossMoney(needed.toString(), a.currency) ?? needed.toString()} ${a.currency}`;
    over.set(key, [...(over.get(key) ?? []), a.side]);
  }
  // The decision first (a two-line warning slot shows the start), the figures after.
  return [...over].map(([amount, sides]) => ({
    code: 'order-exceeds-balance',
    field: 'availableBalance',
    message: `The venue would refuse ${sides.length === 1 && assessments.length > 1 ? `the ${sides[0]} order` : 'this order'} or cut it down: it needs about ${amount} of margin and opening fee, and the page shows ${read.value.value} ${read.value.asset} available. The figures are for the order as typed.`,
  }));
}

/** One way of reading the snapshot's fields: the fields as read, or with a second reading swapped in. */
interface Variant {
  snapshot: FormSnapshot;
  /** The readings used, in the trader's words ("size 9746"). */
  used: Reading[];
}

/** The snapshot as read, then with each combination of its second readings (at most two fields, four variants). */
function variantsOf(s: FormSnapshot): Variant[] {
  const readings = (s.readings ?? []).slice(0, 2);
  const out: Variant[] = [];
  for (let mask = 0; mask < 1 << readings.length; mask++) {
    const used = readings.filter((_, i) => mask & (1 << i));
    const v: FormSnapshot = { ...s };
    for (const r of used) {
      if (r.field === 'price' && s.price.ok) v.price = { ...s.price, value: r.value };
      if (r.field === 'quantity' && s.quantity.ok) v.quantity = { ...s.quantity, value: { ...s.quantity.value, value: r.value, ...(r.unit ? { unit: r.unit } : {}) } };
    }
    out.push({ snapshot: v, used });
  }
  return out;
}

interface Evaluated {
  variant: Variant;
  built: Extract<ReturnType<typeof buildInputs>, { ok: true }>['built'];
  figures: SideFigures[];
  assessments: Assessment[];
  /** The form's side of each assessment (against a position already held, the position left may be the other way). */
  orderSides: Side[];
  inputs: PositionInput[];
  failures: { side: string; notes: Note[] }[];
  checks: Check[];
  estimates: Map<Side, EstimateResult>;
}

/** The size as the trader wrote it, for the checks' messages. */
function sizeText(s: FormSnapshot, currency: string): string {
  if (!s.quantity.ok) return '?';
  const q = s.quantity.value;
  const label = q.unit === 'percent' ? '% of the balance' : q.unit === 'cost' ? `${currency} of cost` : q.unit === 'quote' ? `${currency} of order value` : (q.label ?? q.unit);
  return `${shown(new D(q.value))} ${label}`;
}

function evaluate(variant: Variant, facts: MarketFacts, settings: Settings, ctx: AssessContext, acct: ForOrder | null): Evaluated | { state: OverlayState } {
  const built = buildInputs(variant.snapshot, facts, settings, acct?.inputs);
  if (!built.ok) return { state: built.state };
  const { venue, symbol, sides } = built.built;
  const figures: SideFigures[] = [];
  const assessments: Assessment[] = [];
  const orderSides: Side[] = [];
  /** The order alone, per side: what the page's order value, cost and size figures describe. */
  const orders: Assessment[] = [];
  const inputs: PositionInput[] = [];
  const failures: { side: string; notes: Note[] }[] = [];
  const spec = facts.spec?.spec;
  const priceRule = spec && spec.venue === venue && spec.symbol === symbol ? spec.priceRule : undefined;
  const { volatility: _volatility, ...orderCtx } = ctx;
  for (const side0 of sides) {
    const { side } = side0;
    let formInput = side0.input;
    let input = withAccount(formInput, acct?.sides[side]);
    let r = assess(input, ctx);
    // Where the venue's price step depends on the price (Hyperliquid), the liquidation price is shown in the
    // step the venue allows at that price, not at the order price: assess again with that tick.
    const liq = r.ok ? r.assessment.liquidationPrice : null;
    const tick = priceRule && liq ? tickAt(priceRule, liq) : null;
    if (tick && input.tickSize !== tick.toFixed()) {
      const alone = input === formInput;
      input = { ...input, tickSize: tick.toFixed() };
      formInput = alone ? input : { ...formInput, tickSize: tick.toFixed() };
      r = assess(input, ctx);
    }
    if (r.ok && r.assessment.initialMargin === null) {
      // The page's form always gives a leverage; without one the overlay's figures would be incomplete.
      failures.push({ side, notes: [{ code: 'required', field: 'leverage', message: `${FIELD_LABELS.leverage ?? 'Leverage'}: needed for the initial margin and this order's cost.` }] });
    } else if (r.ok) {
      // The side is the form's (the button the trader presses): against a position already held, the
      // position it leaves may be the other way (the engine's note says which).
      figures.push({ ...sideFigures(r.assessment), side });
      assessments.push(r.assessment);
      orderSides.push(side);
      inputs.push(input);
      // With a position already held the assessment is of the position after the order; the page's
      // order figures are of the order alone, so they are checked against it. Only its sizes, prices and
      // margins are read: it is assessed without the volatility, so no touch probability is worked out
      // for it (the costliest figure of an assessment, at every keystroke).
      const alone = input === formInput ? r : assess(formInput, orderCtx);
      orders.push(alone.ok ? alone.assessment : r.assessment);
    } else {
      failures.push({ side, notes: r.errors.map((e) => errorNote(e, facts, symbol)) });
    }
  }
  const first = assessments[0];
  const context: Context = { venue: built.built.venue, snapshot: variant.snapshot, sizeText: first ? sizeText(variant.snapshot, first.currency) : '?' };
  const base = baseCoin(symbol);
  const checks = checkFigures(context, orders.map((a, i) => ({ side: orderSides[i] ?? a.side, assessment: a, base })));
  // The venue's liquidation estimate counts the position held and the account, as the assessment does.
  const facts_ = assessments.map((a, i) => ({ side: orderSides[i] ?? a.side, assessment: a, base }));
  const estimates = new Map<Side, EstimateResult>();
  for (const f of facts_) {
    const e = compareEstimate(context, f, facts_.length);
    if (e) {
      estimates.set(f.side, e);
      checks.push(e.check);
    }
  }
  return { variant, built: built.built, figures, assessments, orderSides, inputs, failures, checks, estimates };
}

const NUMERIC_FIELDS = ['price', 'quantity', 'leverage'] as const;

/** The checks that do not depend on the engine: the URL's symbol against the page's, and the trader's confirmation. */
function pageChecks(s: FormSnapshot): Check[] {
  const out: Check[] = [];
  const symbol = s.symbol.ok ? s.symbol.value : '?';
  if (s.pageSymbol?.ok) out.push({ code: 'symbol', fields: ['symbol'], result: 'agrees', message: `The URL’s ${symbol} is the market the page names (${s.pageSymbol.raw ?? s.pageSymbol.value}).` });
  else out.push({ code: 'symbol', fields: ['symbol'], result: 'unchecked', message: `The page’s header and title name no market to check the URL’s ${symbol} against.` });
  if (s.confirmed) out.push({ code: 'confirmed', fields: [...(s.guessed ?? [])], result: 'agrees', message: 'You confirmed on this page that the fields LiqGuard found by their labels are your order’s.' });
  return out;
}

const contradicted = (c: Check): Note => ({ code: 'contradicted', field: c.fields[0] ?? 'form', message: c.message });

const mismatchCaveat: Note = {
  code: 'self-check-caveat',
  message: 'LiqGuard’s liquidation price for an open position differs from the venue’s (above): this order’s figures rest on the same account and may be off the same way.',
};

/**
 * The account view for an assessed order: every cross position's liquidation before and after it, and the
 * margin ratio after it. Where the form can send both sides, each position's liquidation after the order is
 * computed for the side in use only (the one hovered or focused, else the first): one full assessment per
 * cross position per side is what a keystroke costs here, and it is the side about to be clicked that
 * matters. The margin ratio, a sum, is given for both.
 */
function accountFor(acct: NonNullable<AssessOptions['account']>, assessments: readonly Assessment[], orderSides: readonly Side[], facts: MarketFacts, now: string, activeSide: Side | undefined) {
  const { plan } = acct;
  const extras: OrderExtras = { after: new Map(), ratioAfter: {} };
  const afterFor = activeSide && orderSides.includes(activeSide) ? activeSide : orderSides[0];
  for (const [i, a] of assessments.entries()) {
    const side = orderSides[i] ?? a.side;
    if (!plan.ok || a.marginMode !== 'cross') continue;
    const spec = facts.spec?.spec;
    const tier = orderTierAtMark(a, facts.tiers?.table ?? null, spec && spec.symbol === a.symbol ? spec.contractSize : null);
    if (typeof tier === 'string') continue;
    if (side === afterFor) for (const [leg, price] of liquidationsAfterOrder(plan, a, tier, now)) extras.after.set(leg, { ...extras.after.get(leg), [side]: price });
    extras.ratioAfter[side] = crossMarginRatio(plan, { assessment: a, tier });
  }
  return accountView(plan, acct.checks, acct.venueRatio, plan.ok ? extras : null);
}

/** Everything between a snapshot and what the overlay shows. Never throws. */
export function assessSnapshot(snapshot: FormSnapshot, facts: MarketFacts, settings: Settings, options: AssessOptions): SnapshotAssessment {
  const thresholds = severityThresholdsFrom(settings);
  const context: AssessContext = { now: options.now, thresholds };
  if (facts.volatility) context.volatility = facts.volatility;
  if (facts.tiers?.table) context.tiers = facts.tiers.table;
  try {
    const withheld = (reasons: Note[], checks: Check[], isWithheld = true): SnapshotAssessment => ({
      state: { kind: 'unreadable', reasons: uniqueNotes(reasons), ...(isWithheld ? { withheld: true } : {}), checks },
      inputs: [],
      context,
    });
    // What the account adds depends on the form's venue, symbol, sides and margin mode, not on a reading.
    const acct = options.account ? forOrder(snapshot, options.account.plan) : null;
    const evaluated = variantsOf(snapshot).map((v) => evaluate(v, facts, settings, context, acct));
    const primary = evaluated[0] as Evaluated | { state: OverlayState };
    const base = pageChecks(snapshot);

    // A field that reads two ways: exactly one reading must fit the page's figures.
    let chosen: Evaluated | { state: OverlayState } = primary;
    const readings = (snapshot.readings ?? []).slice(0, 2);
    if (readings.length > 0) {
      const fields = new Set(readings.map((r) => r.field));
      const fits = evaluated.filter((e): e is Evaluated => 'built' in e && !e.checks.some((c) => c.result === 'disagrees') && e.checks.some((c) => c.result === 'agrees' && c.fields.some((f) => fields.has(f as 'price' | 'quantity'))));
      const any = 'built' in primary ? primary.checks : [];
      if (fits.length !== 1) {
        const figuresShown = (snapshot.pageFigures ?? []).length > 0;
        const why = fits.length > 1 ? 'the page’s figures fit more than one reading' : figuresShown ? 'the page’s figures fit none of them' : 'the page shows no order value or cost that could tell which';
        return withheld(
          readings.map((r) => ({ code: 'ambiguous-reading', field: r.field, message: `${FIELD_LABELS[r.field] ?? r.field}: ${r.why}; ${why}, so no figure is shown.` })),
          [...base, ...any, ...readings.map((r): Check => ({ code: 'reading', fields: [r.field], result: 'disagrees', message: `${FIELD_LABELS[r.field] ?? r.field}: ${r.why}; ${why}.` }))],
          fits.length > 1 || figuresShown,
        );
      }
      chosen = fits[0] as Evaluated;
      const used = chosen.variant.used;
      for (const r of readings) {
        const taken = used.includes(r);
        base.push({ code: 'reading', fields: [r.field], result: 'agrees', message: `${FIELD_LABELS[r.field] ?? r.field}: ${r.why}; the page’s figures bear out ${taken ? `the second reading (${r.value}${r.unit ? ` as ${r.unit === 'cost' ? 'the cost' : r.unit === 'quote' ? 'the order value' : r.unit}` : ''})` : 'the first'}.` });
      }
    }
    if (!('built' in chosen)) return { state: chosen.state, inputs: [], context };
    const { built, figures, assessments, orderSides, inputs, failures, estimates } = chosen;
    const checks = [...base, ...chosen.checks];
    const first = assessments[0];
    if (!first) return { state: { kind: 'unreadable', reasons: uniqueNotes(failures.flatMap((f) => f.notes)), checks }, inputs: [], context };

    // The page's own figures contradict what was read: no number, and say which field and which figure.
    const against = chosen.checks.filter((c) => c.result === 'disagrees' && c.code !== 'venue-liquidation');
    const estimateAgainst = [...estimates.values()].filter((e) => e.contradicts).map((e) => e.check);
    if (against.length > 0 || estimateAgainst.length > 0) return withheld([...against, ...estimateAgainst].map(contradicted), checks);

    // Fields found by label words only need a figure that bears them out, or the trader's word.
    const corroborated = corroboratedFields(checks);
    const limitPrice = snapshot.priceKind === 'limit';
    const unvouched = (snapshot.guessed ?? []).filter((f) => (NUMERIC_FIELDS as readonly string[]).includes(f) && (f !== 'price' || limitPrice) && !corroborated.has(f));
    if (unvouched.length > 0 && !snapshot.confirmed) {
      return withheld(
        unvouched.map((f) => ({ code: 'not-corroborated', field: f, message: `${FIELD_LABELS[f] ?? f}: found by its label only, and no figure on the page bears it out (${checks.filter((c) => c.fields.includes(f) && c.result === 'unchecked').map((c) => c.message).join(' ') || 'none is shown'}). Confirm the fields on the page, or point at them.` })),
        checks,
        false,
      );
    }

    for (const f of figures) {
      const e = estimates.get(f.side);
      if (e) {
        f.venueEstimate = e.estimate;
        if (!e.estimate.matches) f.warnings.push({ code: 'venue-estimate-differs', field: 'liquidationPrice', message: e.check.message });
      }
    }

    const assumptions: Note[] = [...built.assumptions];
    const warnings: Note[] = [...built.warnings];
    for (const part of Object.values(acct?.sides ?? {})) {
      assumptions.push(...part.assumptions);
      warnings.push(...part.warnings);
    }
    const account = options.account ? accountFor(options.account, assessments, orderSides, facts, options.now, snapshot.activeSide) : undefined;
    if (account) warnings.unshift(...account.warnings, ...(account.warnings.length > 0 ? [mismatchCaveat] : []));
    for (const f of failures) {
      warnings.push({ code: 'side-not-assessed', field: 'sides', message: `No figure for the ${f.side} side: ${f.notes.map((n) => n.message).join(' ')}` });
    }
    warnings.push(...beyondBalance(chosen.variant.snapshot, assessments));
    const note = facts.tiers?.note;
    if (note && facts.tiers?.table) {
      const target = note.refresh === 'failed' || note.age.level === 'warning' || note.age.level === 'unknown' ? warnings : assumptions;
      target.push({ code: 'tier-table-source', message: note.message });
    }
    assumptions.push({ code: 'display-rounding', message: roundingNote(first.display.tick, first.currency) });

    const t = first.tierTable;
    const ageDays = t?.ageDays ? dec(t.ageDays) : null;
    const table = t && t.source !== 'override' ? { source: t.source, capturedAt: t.capturedAt ?? 'unknown', ageDays: ageDays ? ageDays.toNumber() : null } : null;

    return {
      state: {
        kind: 'assessed',
        venue: built.venue,
        symbol: built.symbol,
        sides: figures,
        policy: policyBrief(first, settings, options.now),
        table,
        assumptions: uniqueNotes(assumptions),
        warnings: uniqueNotes(warnings),
        checks,
        ...(account ? { account } : {}),
        distanceThresholds: { ...thresholds.distancePercent },
      },
      inputs,
      context,
    };
  } catch {
    return { state: { kind: 'error', message: 'LiqGuard could not assess this order because of an internal error, so no figure is shown rather than a wrong one.' }, inputs: [], context };
  }
}
