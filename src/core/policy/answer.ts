import {
  answerSources,
  contradictionRecord,
  DATA_COMPILED,
  mergeSources,
  minConfidence,
  SOURCES,
  venueRecord,
  venueSummary,
} from './data';
import { ENGINE_VENUE_POLICY_IDS, policyVenueIdFor } from './engine-venues';
import { factCaveats, isoDay, todayIso } from './freshness';
import { fallbackPhrase, parseRegion, verdictForStatus, VERDICT_LABELS } from './labels';
import { euMifidEntity, regulatoryContext } from './regulatory';
import { CONTRADICTION_SUMMARIES, type PolicyTopic } from './summaries';
import type {
  AccountModeInfo,
  AmountAtStake,
  Caveat,
  Confidence,
  ModeNbpStatus,
  NbpStatus,
  PolicyAnswer,
  PolicyCase,
  PolicyQuestion,
  RegionId,
  RegulatoryNote,
  Verdict,
  VerdictDetail,
  VenueRecord,
} from './types';

/**
 * canLoseMoreThanMargin: "can this position cost more than its margin?" for a concrete case.
 *
 * The verdict comes only from the research data's nbp.status (per account mode where the
 * venue has modes); everything we were not told is said out loud: an unknown venue or mode
 * gives 'unknown' or 'depends' with every case, never a default "protected". The engine's
 * figures are passed through as strings and never recomputed (so the module needs no
 * decimal.js); the only test on them is "is the deficit zero", done on the validated string.
 */

const PLAIN_DECIMAL = /^\d+(\.\d+)?$/;
// On a string already checked against PLAIN_DECIMAL this is an exact zero test, no arithmetic needed.
const ZERO = /^0+(\.0+)?$/;
const AMOUNT_KEYS = ['margin', 'wallet', 'deficitAtGap', 'gapPercent'] as const;
type Amounts = Partial<Record<(typeof AMOUNT_KEYS)[number], string>>;

interface Context {
  now: string;
  marginMode: 'isolated' | 'cross' | undefined;
  amounts: Amounts;
  /** " USDT" after an amount in a sentence, or "" when the question named no (valid) currency. */
  unit: string;
}

/** "Binance's", "Coinbase Financial Markets'". */
function possessive(name: string): string {
  return name.endsWith('s') ? `${name}'` : `${name}'s`;
}

/** Ends a sentence after a name that may already end with a period ("Ltd."). */
function period(text: string): string {
  return text.endsWith('.') ? text : `${text}.`;
}

function shown(value: unknown): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

function readAmounts(input: unknown, caveats: Caveat[]): Amounts {
  if (input === undefined || input === null) return {};
  if (typeof input !== 'object') {
    caveats.push({ code: 'invalid-input', severity: 'warning', message: 'amounts must be an object of decimal strings; ignored.' });
    return {};
  }
  const out: Amounts = {};
  for (const key of AMOUNT_KEYS) {
    const value = (input as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (typeof value === 'string' && PLAIN_DECIMAL.test(value.trim())) {
      out[key] = value.trim();
    } else {
      caveats.push({
        code: 'invalid-input',
        severity: 'warning',
        message: `amounts.${key} (${shown(value)}) is not a plain non-negative decimal string like "125.5"; it is left out.`,
      });
    }
  }
  return out;
}

function readContext(q: PolicyQuestion, caveats: Caveat[]): Context {
  let now = todayIso();
  if (q.now !== undefined) {
    const day = typeof q.now === 'string' ? isoDay(q.now) : null;
    if (day === null) {
      caveats.push({
        code: 'invalid-input',
        severity: 'warning',
        message: `now (${shown(q.now)}) is not an ISO date; staleness is judged against today (${now}).`,
      });
    } else {
      now = day;
    }
  }
  let marginMode: Context['marginMode'];
  if (q.marginMode === 'isolated' || q.marginMode === 'cross') marginMode = q.marginMode;
  else if (q.marginMode !== undefined) {
    caveats.push({
      code: 'invalid-input',
      severity: 'warning',
      message: `marginMode (${shown(q.marginMode)}) must be "isolated" or "cross"; treated as not given.`,
    });
  }
  const unit = typeof q.currency === 'string' && /^[A-Za-z0-9]{2,10}$/.test(q.currency) ? ` ${q.currency}` : '';
  return { now, marginMode, amounts: readAmounts(q.amounts, caveats), unit };
}

function readRegion(input: unknown, caveats: Caveat[]): RegionId | undefined {
  // Settings store 'unknown' (src/shared/settings.ts) for "not told": same as absent.
  if (input === undefined || input === null || input === '') return undefined;
  if (typeof input === 'string' && input.trim().toLowerCase() === 'unknown') return undefined;
  const region = typeof input === 'string' ? parseRegion(input) : null;
  if (region === null) {
    caveats.push({
      code: 'unknown-region',
      severity: 'warning',
      message: `Region ${shown(input)} is not one we know (EU, UK, US, AU or other); treated as not given.`,
    });
    return undefined;
  }
  return region;
}

// ---------------------------------------------------------------------------
// Amount at stake
// ---------------------------------------------------------------------------

const BORNE_BY: Record<Verdict, AmountAtStake['deficitBorneBy']> = {
  no: 'venue',
  'only-if-fund-and-adl-fail': 'venue-backstops-then-unclear',
  'protocol-bounded': 'protocol-backstop',
  'yes-you-owe': 'you',
  depends: 'depends',
  unknown: 'unknown',
};

function amountAtStake(verdict: Verdict, venue: VenueRecord | null, ctx: Context): AmountAtStake {
  const { margin, wallet, deficitAtGap, gapPercent } = ctx.amounts;
  const { unit } = ctx;
  const borneBy = BORNE_BY[verdict];
  const out: AmountAtStake = { scope: 'unknown', deficitBorneBy: borneBy, text: '' };
  const parts: string[] = [];
  if (ctx.marginMode === 'isolated') {
    out.scope = 'position-margin';
    if (margin !== undefined) out.amount = margin;
    parts.push(margin === undefined ? "At stake: this position's margin." : `At stake: this position's margin, ${margin}${unit}.`);
  } else if (ctx.marginMode === 'cross') {
    out.scope = 'cross-wallet';
    if (wallet !== undefined) out.amount = wallet;
    parts.push(
      wallet === undefined
        ? "At stake: your whole cross-margin wallet, not just this position's margin."
        : `At stake: your whole cross-margin wallet, ${wallet}${unit}.`,
    );
  } else {
    parts.push(
      'At stake: this position’s margin if it is isolated, or your whole wallet if it is cross; the margin mode was not given.',
    );
  }
  if (deficitAtGap !== undefined) {
    out.deficitAtGap = deficitAtGap;
    if (gapPercent !== undefined) out.gapPercent = gapPercent;
    const gap = gapPercent === undefined ? "the engine's gap scenario" : `a ${gapPercent}% gap`;
    if (ZERO.test(deficitAtGap)) {
      parts.push(`Under ${gap} the engine finds no deficit beyond that.`);
    } else {
      const name = venue === null ? 'this venue' : venueSummary(venue).shortName;
      const fallback = venue === null ? null : fallbackPhrase(venue.adl.mechanism);
      const whose: Record<AmountAtStake['deficitBorneBy'], string> = {
        you: 'which you would owe',
        venue: `which ${name} says it absorbs, not you`,
        'venue-backstops-then-unclear': `which the insurance fund${fallback ? ` and then ${fallback}` : ''} would normally absorb; nothing promises you are never charged`,
        'protocol-backstop': 'which falls on the protocol’s backstop, not on you; your collateral is gone either way',
        depends: 'and whether you would owe it depends on your account mode',
        unknown: 'and whether you would owe it is unknown',
      };
      parts.push(`Under ${gap} the engine finds a deficit of ${deficitAtGap}${unit} beyond that, ${whose[borneBy]}.`);
    }
  }
  out.text = parts.join(' ');
  return out;
}

// ---------------------------------------------------------------------------
// Verdict details
// ---------------------------------------------------------------------------

function headlineFor(verdict: Verdict, venue: VenueRecord, confidence: Confidence): string {
  const name = venueSummary(venue).shortName;
  const fallback = fallbackPhrase(venue.adl.mechanism);
  const low = confidence === 'low' ? ' (low confidence)' : '';
  switch (verdict) {
    case 'no':
      return `No: ${name} says a liquidated account cannot end up owing money${low}.`;
    case 'only-if-fund-and-adl-fail':
      return fallback === null
        ? `Only in an extreme gap, if ${possessive(name)} insurance fund falls short; no fallback after the fund is documented${low}.`
        : `Only in an extreme gap, and only if ${possessive(name)} insurance fund and ${fallback} both fall short${low}.`;
    case 'protocol-bounded':
      return `No debt beyond your collateral: on ${name} a loss stops at what you posted on-chain${low}.`;
    case 'yes-you-owe':
      return `Yes: at ${name} a deficit after liquidation is a debt you must pay${low}.`;
    case 'unknown':
      return `Unknown: we found no reliable ${name} policy on negative balances. Do not assume you are protected.`;
    case 'depends':
      return `It depends on your ${name} account mode.`;
  }
}

interface FactInput {
  status: Exclude<NbpStatus, 'conditional'> | ModeNbpStatus;
  sources: string[];
  confidence: Confidence;
  reasons: string;
  what: string;
}

function detail(venue: VenueRecord, fact: FactInput, ctx: Context): VerdictDetail {
  const verdict = verdictForStatus(fact.status);
  const caveats = factCaveats(fact, fact.what, ctx.now, SOURCES, DATA_COMPILED);
  if (verdict === 'no' && venue.nbp.explicitContractualNbpFound === false) {
    caveats.push({
      code: 'not-contractual',
      severity: 'info',
      message: `${venueSummary(venue).shortName} says this in its help pages or blog; we found no such promise in its contract terms.`,
    });
  }
  return {
    verdict,
    headline: headlineFor(verdict, venue, fact.confidence),
    reasons: fact.reasons,
    amountAtStake: amountAtStake(verdict, venue, ctx),
    sources: answerSources(fact.sources, fact.confidence),
    confidence: fact.confidence,
    caveats,
  };
}

/** Caveats that belong to the venue rather than to one mode: contradictions, risk warnings. */
function venueCaveats(venue: VenueRecord, verdicts: Verdict[]): Caveat[] {
  const out: Caveat[] = [];
  const reliesOnFallback = verdicts.some((v) => v === 'only-if-fund-and-adl-fail' || v === 'protocol-bounded');
  for (const id of venue.contradictions) {
    const summary = CONTRADICTION_SUMMARIES[id];
    const record = contradictionRecord(id);
    if (summary === undefined || record === undefined) continue;
    const topics: PolicyTopic[] = summary.affects;
    const onNbp = topics.includes('nbp');
    if (!onNbp && !(reliesOnFallback && topics.includes('adl'))) continue;
    out.push({
      code: 'contradiction',
      severity: onNbp ? 'warning' : 'info',
      message: summary.summary,
      contradictionId: id,
      sourceIds: record.sides.flatMap((s) => s.sources),
    });
  }
  if (venue.nbp.riskWarningSaysCanLoseMore) {
    out.push({
      code: 'risk-warning-says-can-lose-more',
      severity: 'warning',
      message: `${possessive(venueSummary(venue).shortName)} own risk warning says you may lose more than your assets.`,
      sourceIds: venue.nbp.platformPhraseSource === null ? [] : [venue.nbp.platformPhraseSource],
    });
  }
  return out;
}

function marginModeCaveat(venue: VenueRecord, marginMode: Context['marginMode']): Caveat[] {
  const name = venueSummary(venue).shortName;
  if (marginMode === undefined) {
    return [
      {
        code: 'margin-mode-not-given',
        severity: 'info',
        message: `Margin mode not given: an isolated position risks its own margin, a cross position your whole ${name} wallet.`,
      },
    ];
  }
  const offered = venue.marginModes.offered.filter((m) => m !== 'unknown');
  if (offered.length === 0 || offered.some((m) => m.includes(marginMode))) return [];
  return [
    {
      code: 'margin-mode-not-listed',
      severity: 'info',
      message: `Our data does not list ${marginMode} margin at ${name} (it lists: ${offered.join(', ')}); check the mode on the order form.`,
    },
  ];
}

// ---------------------------------------------------------------------------
// The question
// ---------------------------------------------------------------------------

const ENGINE_ONLY_NAMES: Record<string, string> = { phemex: 'Phemex', generic: 'a generic calculation' };

function unknownVenueAnswer(q: PolicyQuestion, requested: string, region: RegionId | undefined, ctx: Context, caveats: Caveat[]): PolicyAnswer {
  const key = requested.trim().toLowerCase();
  const engineOnly = Object.hasOwn(ENGINE_VENUE_POLICY_IDS, key);
  const label = ENGINE_ONLY_NAMES[key] ?? (requested.trim() === '' ? 'this venue' : `"${shown(requested.trim())}"`);
  caveats.unshift(
    engineOnly
      ? {
          code: 'no-policy-data',
          severity: 'warning',
          message:
            key === 'generic'
              ? 'A generic calculation has no venue, so we cannot say who carries a deficit.'
              : `LiqGuard computes liquidation for ${label} but holds no research on its negative-balance policy.`,
        }
      : {
          code: 'unknown-venue',
          severity: 'warning',
          message: `${typeof q.venue === 'string' && q.venue.trim() !== '' ? `"${shown(q.venue)}"` : 'The venue given'} is not a venue we hold policy data for.`,
        },
  );
  const context = region === undefined ? { notes: [], caveats: [] } : regulatoryContext(null, region, label);
  return {
    requestedVenue: requested,
    venue: null,
    ...(region === undefined ? {} : { region }),
    verdict: 'unknown',
    headline: `Unknown: LiqGuard has no policy data for ${label}. Do not assume you are protected.`,
    reasons:
      'Whether a venue can make you owe more than your margin depends on its own rules, and we have no sourced research on this one, so we will not guess.',
    amountAtStake: amountAtStake('unknown', null, ctx),
    sources: [],
    confidence: 'low',
    caveats: [...caveats, ...context.caveats],
    regulatory: context.notes,
    dataCompiled: DATA_COMPILED,
  };
}

function modeInfo(venue: VenueRecord, mode: string): AccountModeInfo {
  return { id: mode, label: venueSummary(venue).modes?.[mode]?.label ?? mode.replace(/_/g, ' ') };
}

/** Account modes the answer at `venue` depends on (empty when it does not). */
export function listAccountModes(venue: string): AccountModeInfo[] {
  const id = policyVenueIdFor(venue);
  const record = id === null ? undefined : venueRecord(id);
  return record === undefined ? [] : record.nbp.byMode.map((m) => modeInfo(record, m.mode));
}

export function canLoseMoreThanMargin(q: PolicyQuestion): PolicyAnswer {
  const caveats: Caveat[] = [];
  const ctx = readContext(q, caveats);
  const region = readRegion(q.region, caveats);
  const requested = typeof q.venue === 'string' ? q.venue : '';
  const venueId = requested === '' ? null : policyVenueIdFor(requested);
  const venue = venueId === null ? undefined : venueRecord(venueId);
  if (venue === undefined) return unknownVenueAnswer(q, requested, region, ctx, caveats);

  const summary = venueSummary(venue);
  const name = summary.shortName;
  const nbp = venue.nbp;

  let main: VerdictDetail;
  let accountMode: AccountModeInfo | undefined;
  let cases: PolicyCase[] | undefined;

  // Settings store null for "not told"; treat it, and '', like an absent field.
  const askedMode = typeof q.accountMode === 'string' && q.accountMode.trim() !== '' ? q.accountMode.trim() : undefined;
  if (q.accountMode != null && typeof q.accountMode !== 'string') {
    caveats.push({ code: 'invalid-input', severity: 'warning', message: `accountMode (${shown(q.accountMode)}) must be a string; treated as not given.` });
  }

  if (nbp.status === 'conditional') {
    const chosen = askedMode === undefined ? undefined : nbp.byMode.find((m) => m.mode === askedMode);
    const modeDetail = (m: (typeof nbp.byMode)[number]): VerdictDetail =>
      detail(
        venue,
        {
          status: m.status,
          sources: m.sources,
          // The venue-level rating caps the per-mode one (Bybit: modes medium, NBP picture low).
          confidence: minConfidence(m.confidence, nbp.confidence),
          reasons: summary.modes?.[m.mode]?.reasons ?? summary.nbp,
          what: `${name} (${modeInfo(venue, m.mode).label})`,
        },
        ctx,
      );
    if (chosen !== undefined) {
      accountMode = modeInfo(venue, chosen.mode);
      main = modeDetail(chosen);
    } else {
      const labels = nbp.byMode.map((m) => modeInfo(venue, m.mode));
      if (askedMode !== undefined) {
        caveats.push({
          code: 'unknown-account-mode',
          severity: 'warning',
          message: `"${shown(askedMode)}" is not one of the ${name} account modes we know (${labels.map((l) => l.id).join(', ')}); showing every case.`,
        });
      }
      cases = nbp.byMode.map((m) => ({ caseLabel: modeInfo(venue, m.mode).label, accountMode: modeInfo(venue, m.mode), ...modeDetail(m) }));
      const verdicts = new Set(cases.map((c) => c.verdict));
      const confidence = minConfidence(...cases.map((c) => c.confidence));
      const single = verdicts.size === 1 ? cases[0]?.verdict : undefined;
      const verdict: Verdict = single ?? 'depends';
      caveats.push({
        code: 'account-mode-not-given',
        severity: single === undefined ? 'warning' : 'info',
        message:
          single === undefined
            ? `The answer differs between ${name} account modes and we don't know yours; each case is shown. Set it in the options for one answer.`
            : `We don't know your ${name} account mode, but every mode gets the same answer.`,
      });
      main = {
        verdict,
        headline:
          single === undefined
            ? `It depends on your ${name} account mode: ${cases.map((c) => `${c.caseLabel}: ${VERDICT_LABELS[c.verdict].toLowerCase()}`).join('; ')}.`
            : headlineFor(single, venue, confidence),
        reasons: summary.nbp,
        amountAtStake: amountAtStake(verdict, venue, ctx),
        sources: mergeSources(...cases.map((c) => c.sources)),
        confidence,
        caveats: [],
      };
    }
  } else {
    main = detail(
      venue,
      { status: nbp.status, sources: nbp.sources, confidence: nbp.confidence, reasons: summary.nbp, what: `Negative-balance policy at ${name}` },
      ctx,
    );
  }

  // The research marks some venues' EU entity as unverified (Coinbase's US FCM answer does not
  // describe Coinbase Financial Services Europe): in the EU the honest answer is 'unknown'.
  const mifid = euMifidEntity(venue);
  if (nbp.euEntityNbp !== null && mifid !== undefined) {
    const home = venue.entities[0]?.entity ?? name;
    const euFact = { sources: mifid.sources, confidence: 'low' as const };
    const euDetail: VerdictDetail = {
      verdict: 'unknown',
      headline: `Unknown in the EU: negative balance protection at ${mifid.entity} is not verified.`,
      reasons: `From the EEA you deal with ${mifid.entity}, regulated by ${mifid.regulator}, not with ${home}, and we could not verify its negative balance protection. ESMA expects it for retail CFDs, but exchange-traded futures may not count as CFDs.`,
      amountAtStake: amountAtStake('unknown', venue, ctx),
      sources: answerSources(mifid.sources, 'low'),
      confidence: 'low',
      caveats: factCaveats(euFact, `Negative-balance policy of ${mifid.entity}`, ctx.now, SOURCES, DATA_COMPILED),
    };
    const euCase: PolicyCase = { caseLabel: `EU: ${mifid.entity}`, region: 'EU', ...euDetail };
    if (region === 'EU') {
      main = euDetail;
    } else if (region === undefined) {
      cases = cases === undefined ? [{ caseLabel: `Outside the EU: ${home}`, ...main }, euCase] : [...cases, euCase];
      caveats.push({
        code: 'region-not-given',
        severity: 'warning',
        message: `${period(`This is the answer for ${home}`)} From the EEA you would deal with ${mifid.entity} instead, whose protection is not verified; set your region for one answer.`,
      });
    }
  } else if (mifid !== undefined && region === undefined) {
    caveats.push({
      code: 'region-not-given',
      severity: 'info',
      message: `For EU clients ${name} works through ${mifid.entity}, regulated by ${mifid.regulator}; set your region to see the EU rules that may apply.`,
    });
  } else if (mifid !== undefined && region === 'EU') {
    caveats.push({
      code: 'entity-differs-in-region',
      severity: 'warning',
      message: `In the EU ${name} serves you through ${mifid.entity}; this answer comes from ${possessive(name)} global documents and may not describe that entity.`,
    });
  }

  let regulatory: RegulatoryNote[] = [];
  if (region !== undefined) {
    const context = regulatoryContext(venue, region, name);
    regulatory = context.notes;
    caveats.push(...context.caveats);
  }

  const verdictsShown = cases === undefined ? [main.verdict] : cases.map((c) => c.verdict);
  const allCaveats = [
    ...caveats,
    ...venueCaveats(venue, verdictsShown),
    ...marginModeCaveat(venue, ctx.marginMode),
    ...main.caveats,
  ];

  return {
    requestedVenue: requested,
    venue: { id: venue.id, name: venue.name },
    ...(accountMode === undefined ? {} : { accountMode }),
    ...(region === undefined ? {} : { region }),
    ...main,
    caveats: allCaveats,
    ...(cases === undefined ? {} : { cases }),
    regulatory,
    dataCompiled: DATA_COMPILED,
  };
}
