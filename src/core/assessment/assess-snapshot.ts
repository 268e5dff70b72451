/**
 * The product logic between a page and the overlay: a FormSnapshot, the market data the
 * background could get and the trader's settings in; the OverlayState to show out, plus the exact
 * engine inputs used (so the popup and the tests can replay them through the CLI). Pure.
 */
import { D } from '../decimal';
import { assess } from '../engine/assess';
import type { AssessContext, Assessment, FieldError, PositionInput } from '../engine/types';
import { canLoseMoreThanMargin, policyQuestionFor, policyVenueIdFor } from '../policy/index';
import type { FormSnapshot } from '../../shared/form-snapshot';
import type { Note, OverlayState, PolicyBrief, SideFigures } from '../../shared/overlay-state';
import { severityThresholdsFrom, type Settings } from '../../shared/settings';
import { dec, displayPrice, distancePercent, distancePrice, lossMoney, money, plain, probability, roundingNote } from './display';
import { assetKey, buildInputs, FIELD_LABELS } from './inputs';
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
  const notes: Note[] = [];
  for (const a of assessments) {
    const needed = dec(a.marginAtRisk.addedByThisOrder);
    if (needed === null || assetKey(read.value.asset) !== assetKey(a.currency) || needed.lte(balance)) continue;
    notes.push({
      code: 'order-exceeds-balance',
      field: 'availableBalance',
      message: `The ${a.side} order needs about ${lossMoney(needed.toString(), a.currency) ?? needed.toString()} ${a.currency} of margin and opening fee, more than the ${read.value.value} ${read.value.asset} available on the page: the venue would refuse it or cut it down. The figures are for the order as typed.`,
    });
  }
  return notes;
}

/** Everything between a snapshot and what the overlay shows. Never throws. */
export function assessSnapshot(snapshot: FormSnapshot, facts: MarketFacts, settings: Settings, options: AssessOptions): SnapshotAssessment {
  const thresholds = severityThresholdsFrom(settings);
  const context: AssessContext = { now: options.now, thresholds };
  if (facts.volatility) context.volatility = facts.volatility;
  if (facts.tiers?.table) context.tiers = facts.tiers.table;
  try {
    const built = buildInputs(snapshot, facts, settings);
    if (!built.ok) return { state: built.state, inputs: [], context };
    const { venue, symbol, sides } = built.built;
    const ctx = context;

    const figures: SideFigures[] = [];
    const assessments: Assessment[] = [];
    const inputs: PositionInput[] = [];
    const failures: { side: string; notes: Note[] }[] = [];
    for (const { side, input } of sides) {
      const r = assess(input, ctx);
      if (r.ok && r.assessment.initialMargin === null) {
        // The page's form always gives a leverage; without one the overlay's figures would be incomplete.
        failures.push({ side, notes: [{ code: 'required', field: 'leverage', message: `${FIELD_LABELS.leverage ?? 'Leverage'}: needed for the initial margin and this order's cost.` }] });
      } else if (r.ok) {
        figures.push(sideFigures(r.assessment));
        assessments.push(r.assessment);
        inputs.push(input);
      } else {
        failures.push({ side, notes: r.errors.map((e) => errorNote(e, facts, symbol)) });
      }
    }
    const first = assessments[0];
    if (!first) return { state: { kind: 'unreadable', reasons: uniqueNotes(failures.flatMap((f) => f.notes)) }, inputs: [], context };

    const assumptions: Note[] = [...built.built.assumptions];
    const warnings: Note[] = [...built.built.warnings];
    for (const f of failures) {
      warnings.push({ code: 'side-not-assessed', field: 'sides', message: `No figure for the ${f.side} side: ${f.notes.map((n) => n.message).join(' ')}` });
    }
    warnings.push(...beyondBalance(snapshot, assessments));
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
        venue,
        symbol,
        sides: figures,
        policy: policyBrief(first, settings, options.now),
        table,
        assumptions: uniqueNotes(assumptions),
        warnings: uniqueNotes(warnings),
      },
      inputs,
      context,
    };
  } catch {
    return { state: { kind: 'error', message: 'LiqGuard could not assess this order because of an internal error, so no figure is shown rather than a wrong one.' }, inputs: [], context };
  }
}
