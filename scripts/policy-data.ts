/**
 * Builds the extension's own copy of the venue-policy research data.
 *
 *   npm run data:policies           # validate data/exchange-policies.json, write the copy
 *   npm run data:policies -- --check  # validate and compare, write nothing (exit 1 if stale)
 *
 * Reads data/exchange-policies.json (schema: data/exchange-policies.md §1),
 * validates it with valibot plus cross-reference checks (every source id, contradiction id and
 * URL pattern), keeps only the fields the product shows, renames them to camelCase, sorts
 * object keys and writes src/core/policy/policies.generated.ts. Same input, same bytes.
 * Every validation error names the venue it is in.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as v from 'valibot';
import { firstMatchingPattern, parseMatchPattern } from '../src/core/policy/match-pattern';
import type {
  AdlMechanism,
  ContradictionRecord,
  LiquidationFeeRecord,
  PolicyDataFile,
  RegulationRecord,
  SourceRecord,
  VenueRecord,
} from '../src/core/policy/types';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..');
export const SOURCE_PATH = path.resolve(REPO_ROOT, 'data/exchange-policies.json');
export const OUTPUT_PATH = path.resolve(REPO_ROOT, 'src/core/policy/policies.generated.ts');

// ---------------------------------------------------------------------------
// Schema of the research file (snake_case, as compiled)
// ---------------------------------------------------------------------------

const NBP_STATUSES = [
  'explicit',
  'explicit_if_backed',
  'insurance_fund_backstop',
  'protocol_bounded',
  'conditional',
  'none',
  'unknown',
] as const;
const MODE_STATUSES = [
  'explicit',
  'explicit_if_backed',
  'insurance_fund_backstop',
  'protocol_bounded',
  'none',
  'none_liability',
  'unknown',
] as const;
const ADL_MECHANISMS = [
  'adl',
  'adl_reported',
  'adl_profit_cap_style',
  'socialized_loss',
  'deleveraging',
  'assignment_then_unwind',
  'not_applicable_ccp',
  'none_ccp_default_management',
  'unknown',
] as const satisfies readonly AdlMechanism[];

function isCalendarDate(s: string): boolean {
  const [y, m, d] = s.split('-').map((part) => parseInt(part, 10));
  if (m === undefined) return true;
  if (m < 1 || m > 12) return false;
  if (d === undefined) return true;
  const daysInMonth = [31, (y ?? 0) % 4 === 0 && ((y ?? 0) % 100 !== 0 || (y ?? 0) % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d >= 1 && d <= (daysInMonth[m - 1] ?? 0);
}

const DateSchema = v.pipe(
  v.string(),
  v.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected a date as YYYY, YYYY-MM or YYYY-MM-DD'),
  v.check(isCalendarDate, 'not a calendar date'),
);
const OptDate = v.optional(v.nullable(DateSchema));
const Confidence = v.picklist(['high', 'medium', 'low']);
const Code = v.pipe(v.string(), v.regex(/^[a-z0-9_]+$/, 'expected a snake_case code'));
const SourceIds = v.array(v.pipe(v.string(), v.nonEmpty('empty source id')));
const OptStr = v.optional(v.nullable(v.string()));
const OptStrArray = v.optional(v.array(v.string()));
const Fact = { sources: SourceIds, confidence: Confidence };

const EntitySchema = v.object({
  entity: v.pipe(v.string(), v.nonEmpty()),
  regulator: OptStr,
  jurisdiction: OptStr,
  role: OptStr,
  derivatives_clients: OptStr,
  product: OptStr,
  products: OptStr,
  as_of: OptDate,
  sources: SourceIds,
});

const ModeSchema = v.object({
  mode: Code,
  status: v.picklist(MODE_STATUSES),
  detail: OptStr,
  as_of: OptDate,
  sources: v.pipe(SourceIds, v.minLength(1, 'a per-mode answer needs at least one source')),
  confidence: Confidence,
});

const NbpSchema = v.pipe(
  v.object({
    status: v.picklist(NBP_STATUSES),
    by_mode: v.optional(v.array(ModeSchema)),
    detail: OptStr,
    explicit_contractual_nbp_found: v.optional(v.boolean()),
    platform_phrase: OptStr,
    platform_phrase_source: OptStr,
    as_of: OptDate,
    eu_entity_nbp: OptStr,
    risk_warning_says_can_lose_more: v.optional(v.boolean()),
    // A conditional answer is sourced per mode, so the venue-level list may be absent.
    sources: v.optional(SourceIds),
    confidence: Confidence,
  }),
  v.check(
    (n) => n.status === 'conditional' || n.sources !== undefined,
    'nbp.sources is required unless the status is "conditional"',
  ),
  v.check(
    (n) => n.status !== 'conditional' || (n.by_mode?.length ?? 0) >= 2,
    'status "conditional" needs at least two by_mode entries',
  ),
  v.check(
    (n) => n.status === 'conditional' || (n.by_mode?.length ?? 0) === 0,
    'by_mode is only read when status is "conditional"',
  ),
  v.check(
    (n) => new Set((n.by_mode ?? []).map((m) => m.mode)).size === (n.by_mode ?? []).length,
    'by_mode has a duplicate mode',
  ),
  v.check(
    (n) => n.platform_phrase == null || n.platform_phrase.trim().split(/\s+/).length <= 15,
    'platform_phrase must be a short quote (at most ~12 words)',
  ),
  v.check(
    (n) => n.platform_phrase == null || typeof n.platform_phrase_source === 'string',
    'platform_phrase needs platform_phrase_source',
  ),
);

const InsuranceFundSchema = v.object({
  exists: v.nullable(v.boolean()),
  public_balance: v.optional(v.nullable(v.boolean())),
  size_usd: v.optional(v.nullable(v.pipe(v.number(), v.minValue(0)))),
  size_approx: v.optional(v.boolean()),
  size_as_of: OptDate,
  size_kind: OptStr,
  size_source_kind: OptStr,
  backstop: OptStr,
  address: OptStr,
  note_code: OptStr,
  related_funds: v.optional(
    v.array(
      v.object({
        name: v.pipe(v.string(), v.nonEmpty()),
        size_usd: v.nullable(v.pipe(v.number(), v.minValue(0))),
        as_of: OptDate,
        is_futures_if: v.literal(false, 'related_funds are reserves that are not the futures insurance fund'),
        sources: SourceIds,
      }),
    ),
  ),
  ...Fact,
});

const AdlSchema = v.object({
  mechanism: v.picklist(ADL_MECHANISMS),
  ranking: OptStr,
  ranking_conflict: OptStrArray,
  execution_price: OptStr,
  trigger: OptStr,
  scope: OptStr,
  history: v.optional(
    v.array(
      v.object({
        event: Code,
        as_of: OptDate,
        notional_usd: v.optional(v.number()),
        sources: v.optional(SourceIds),
      }),
    ),
  ),
  ...Fact,
});

const FeeObjectSchema = v.object({
  name: OptStr,
  type: OptStr,
  basis: OptStr,
  rate_pct: v.optional(v.nullable(v.number())),
  rate_pct_range: v.optional(v.tuple([v.number(), v.number()])),
  rate_source_kind: OptStr,
  formula_claim: OptStr,
  sources: v.optional(SourceIds),
  confidence: v.optional(Confidence),
});

const LiquidationSchema = v.object({
  trigger_price: OptStr,
  trigger: OptStr,
  partial: OptStr,
  bankruptcy_handling: OptStr,
  liquidation_fee: v.optional(v.union([Code, FeeObjectSchema])),
  liquidation_fee_pct: v.optional(v.pipe(v.number(), v.minValue(0))),
  max_liquidation_penalty_pct: v.optional(v.pipe(v.number(), v.minValue(0))),
  ...Fact,
});

const MarginModesSchema = v.object({
  offered: v.array(Code),
  default: OptStr,
  default_margin_mode: OptStr,
  default_confidence: v.optional(Confidence),
  default_margin_mode_confidence: v.optional(Confidence),
  default_as_of: OptDate,
  account_types: OptStrArray,
  account_modes: OptStrArray,
  collateral: OptStrArray,
  ...Fact,
});

const MaxLeverageSchema = v.object({
  value: v.nullable(v.pipe(v.number(), v.minValue(1))),
  scope: OptStr,
  as_of: v.nullable(DateSchema),
  history: v.optional(
    v.array(
      v.object({
        value: v.pipe(v.number(), v.minValue(1)),
        as_of: OptDate,
        contract: OptStr,
        scope: OptStr,
        source: OptStr,
        note_code: OptStr,
      }),
    ),
  ),
  user_limits: v.optional(v.array(v.object({ rule: Code, as_of: OptDate, sources: SourceIds }))),
  ...Fact,
});

function validPattern(p: string): boolean {
  return parseMatchPattern(p).ok;
}
function validRegex(s: string): boolean {
  try {
    new RegExp(s);
    return true;
  } catch {
    return false;
  }
}

const PatternSchema = v.pipe(
  v.string(),
  v.check(validPattern, (issue) => {
    const r = parseMatchPattern(String(issue.input));
    return `invalid match pattern: ${r.ok ? String(issue.input) : r.error}`;
  }),
);

const UrlPatternsSchema = v.object({
  matches: v.array(PatternSchema),
  exclude_matches: v.optional(v.array(PatternSchema)),
  examples: OptStrArray,
  verified: v.optional(v.boolean()),
  path_filter_regex: v.optional(v.pipe(v.string(), v.check(validRegex, 'invalid regular expression'))),
  note_code: OptStr,
  ...Fact,
});

const VenueSchema = v.object({
  id: Code,
  name: v.pipe(v.string(), v.nonEmpty()),
  venue_type: Code,
  entities: v.optional(v.array(EntitySchema)),
  jurisdiction_exits: v.optional(
    v.array(
      v.object({
        jurisdiction: v.pipe(v.string(), v.regex(/^[A-Z]{2}$/, 'expected a two-letter country code')),
        event: Code,
        as_of: v.nullable(DateSchema),
        sources: SourceIds,
      }),
    ),
  ),
  restricted_jurisdictions: v.optional(
    v.object({
      list: v.array(v.pipe(v.string(), v.regex(/^[A-Z]{2}$/, 'expected a two-letter country code'))),
      as_of: v.nullable(DateSchema),
      sources: SourceIds,
    }),
  ),
  nbp: NbpSchema,
  insurance_fund: InsuranceFundSchema,
  adl: AdlSchema,
  liquidation: LiquidationSchema,
  margin_modes: MarginModesSchema,
  max_leverage_btc_perp: MaxLeverageSchema,
  contract_types: v.pipe(v.array(Code), v.minLength(1)),
  url_patterns: UrlPatternsSchema,
  confidence: Confidence,
  contradictions: v.array(v.string()),
});
type RawVenue = v.InferOutput<typeof VenueSchema>;

const RegulationSchema = v.object({
  id: Code,
  jurisdiction: v.pipe(v.string(), v.nonEmpty()),
  instrument: v.pipe(v.string(), v.nonEmpty()),
  adopted: OptDate,
  published: OptDate,
  applies_from: OptDate,
  expired: OptDate,
  scope: OptStr,
  effect: OptStr,
  measures: v.optional(
    v.object({
      leverage_caps: v.optional(v.object({ crypto: v.optional(v.number()) })),
      negative_balance_protection: OptStr,
    }),
  ),
  nbp: v.optional(v.boolean()),
  professional_clients_covered: v.optional(v.boolean()),
  futures_excluded: v.optional(v.boolean()),
  covers_crypto_derivatives: v.optional(v.boolean()),
  implies_nbp_for_retail: v.optional(v.boolean()),
  ...Fact,
});
type RawRegulation = v.InferOutput<typeof RegulationSchema>;

const SideSchema = v.object({
  claim: OptStr,
  value: v.optional(v.number()),
  source: OptStr,
  sources: v.optional(SourceIds),
  source_kind: OptStr,
  kind: OptStr,
});
const ContradictionSchema = v.object({
  id: v.pipe(v.string(), v.regex(/^X-[A-Z0-9-]+$/, 'expected an id like X-VENUE-TOPIC')),
  venues: v.pipe(v.array(Code), v.minLength(1)),
  a: SideSchema,
  b: SideSchema,
  c: v.optional(SideSchema),
  d: v.optional(SideSchema),
  also: v.optional(SideSchema),
  resolution_code: Code,
});
type RawContradiction = v.InferOutput<typeof ContradictionSchema>;

const SourceSchema = v.object({
  url: v.pipe(v.string(), v.nonEmpty()),
  kind: v.string(),
  date: v.nullable(DateSchema),
  date_kind: v.string(),
  publisher: v.pipe(v.string(), v.nonEmpty()),
});

const TopSchema = v.object({
  schema_version: v.literal('1.0', 'this script reads schema_version "1.0"'),
  compiled: DateSchema,
  enums: v.object({
    'nbp.status': v.record(v.string(), v.string()),
    confidence: v.record(v.string(), v.string()),
    'source.kind': v.array(v.string()),
  }),
  venues: v.pipe(v.array(v.unknown()), v.minLength(1)),
  regulation: v.array(v.unknown()),
  contradictions: v.array(v.unknown()),
  sources: v.record(v.pipe(v.string(), v.regex(/^[A-Z]{1,2}\d{2}$/, 'expected a source id like B03')), v.unknown()),
});

export interface ValidSource {
  compiled: string;
  schemaVersion: string;
  venues: RawVenue[];
  regulation: RawRegulation[];
  contradictions: RawContradiction[];
  sources: Record<string, v.InferOutput<typeof SourceSchema>>;
}

export type ValidationResult = { ok: true; data: ValidSource } | { ok: false; errors: string[] };

function issueLines(prefix: string, issues: readonly v.BaseIssue<unknown>[]): string[] {
  return issues.map((issue) => `${prefix}: ${v.getDotPath(issue) ?? '(whole entry)'}: ${issue.message}`);
}

function venueLabel(raw: unknown, index: number): string {
  const id =
    typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string'
      ? (raw as { id: string }).id
      : null;
  return id === null ? `venue at venues[${index}] (no id)` : `venue "${id}" (venues[${index}])`;
}

/** Every source id a venue mentions, with the dot path it was found at. */
function collectSourceRefs(value: unknown, at: string, out: Array<{ id: string; at: string }>): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => collectSourceRefs(item, `${at}[${i}]`, out));
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, child] of Object.entries(value)) {
    const where = at === '' ? key : `${at}.${key}`;
    if (key === 'sources' && Array.isArray(child)) {
      child.forEach((id, i) => {
        if (typeof id === 'string') out.push({ id, at: `${where}[${i}]` });
      });
    } else if ((key === 'source' || key === 'platform_phrase_source') && typeof child === 'string') {
      out.push({ id: child, at: where });
    } else {
      collectSourceRefs(child, where, out);
    }
  }
}

/** Validates the research file; every error line names the venue (or entry) it is about. */
export function validatePolicySource(raw: unknown): ValidationResult {
  const top = v.safeParse(TopSchema, raw);
  if (!top.success) return { ok: false, errors: issueLines('exchange-policies.json', top.issues) };
  const errors: string[] = [];
  const t = top.output;

  const sources: ValidSource['sources'] = {};
  for (const [id, s] of Object.entries(t.sources)) {
    const r = v.safeParse(SourceSchema, s);
    if (!r.success) errors.push(...issueLines(`source "${id}"`, r.issues));
    else {
      if (!t.enums['source.kind'].includes(r.output.kind))
        errors.push(`source "${id}": kind: "${r.output.kind}" is not listed in enums["source.kind"]`);
      sources[id] = r.output;
    }
  }

  const contradictions: RawContradiction[] = [];
  t.contradictions.forEach((c, i) => {
    const r = v.safeParse(ContradictionSchema, c);
    if (!r.success) errors.push(...issueLines(`contradiction at contradictions[${i}]`, r.issues));
    else contradictions.push(r.output);
  });
  const contradictionIds = new Set(contradictions.map((c) => c.id));

  const venues: RawVenue[] = [];
  const seenIds = new Set<string>();
  t.venues.forEach((raw, i) => {
    const label = venueLabel(raw, i);
    const rawId = (raw as { id?: unknown } | null)?.id;
    if (typeof rawId === 'string') {
      if (seenIds.has(rawId)) errors.push(`${label}: id: duplicate venue id`);
      seenIds.add(rawId);
    }
    const r = v.safeParse(VenueSchema, raw);
    if (!r.success) {
      errors.push(...issueLines(label, r.issues));
      return;
    }
    const venue = r.output;
    for (const status of [venue.nbp.status, ...(venue.nbp.by_mode ?? []).map((m) => m.status)]) {
      if (!(status in t.enums['nbp.status']))
        errors.push(`${label}: nbp.status: "${status}" is not defined in enums["nbp.status"]`);
    }
    const refs: Array<{ id: string; at: string }> = [];
    collectSourceRefs(raw, '', refs);
    for (const ref of refs) {
      if (!(ref.id in t.sources)) errors.push(`${label}: ${ref.at}: unknown source id "${ref.id}"`);
    }
    for (const [j, id] of venue.contradictions.entries()) {
      if (!contradictionIds.has(id)) errors.push(`${label}: contradictions[${j}]: unknown contradiction id "${id}"`);
    }
    const up = venue.url_patterns;
    for (const [j, example] of (up.examples ?? []).entries()) {
      if (firstMatchingPattern(example, up.matches, up.exclude_matches ?? []) === null)
        errors.push(`${label}: url_patterns.examples[${j}]: "${example}" is not matched by the venue's own patterns`);
      else if (up.path_filter_regex != null) {
        const pathOnly = example.replace(/^[a-z]+:\/\/[^/]*/i, '').replace(/[?#].*$/s, '');
        if (!new RegExp(up.path_filter_regex).test(pathOnly))
          errors.push(`${label}: url_patterns.examples[${j}]: "${example}" fails path_filter_regex`);
      }
    }
    venues.push(venue);
  });

  for (const c of contradictions) {
    for (const id of c.venues) {
      if (!seenIds.has(id)) errors.push(`contradiction "${c.id}": venues: unknown venue id "${id}"`);
    }
    const refs: Array<{ id: string; at: string }> = [];
    collectSourceRefs(c, '', refs);
    for (const ref of refs) {
      if (!(ref.id in t.sources)) errors.push(`contradiction "${c.id}": ${ref.at}: unknown source id "${ref.id}"`);
    }
  }

  const regulation: RawRegulation[] = [];
  t.regulation.forEach((raw, i) => {
    const r = v.safeParse(RegulationSchema, raw);
    const label =
      typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string'
        ? `regulation "${(raw as { id: string }).id}" (regulation[${i}])`
        : `regulation at regulation[${i}]`;
    if (!r.success) {
      errors.push(...issueLines(label, r.issues));
      return;
    }
    for (const [j, id] of r.output.sources.entries()) {
      if (!(id in t.sources)) errors.push(`${label}: sources[${j}]: unknown source id "${id}"`);
    }
    regulation.push(r.output);
  });

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    data: { compiled: t.compiled, schemaVersion: t.schema_version, venues, regulation, contradictions, sources },
  };
}

// ---------------------------------------------------------------------------
// Transformation to the shipped shape (camelCase, only what the product shows)
// ---------------------------------------------------------------------------

const n = <T>(x: T | null | undefined): T | null => (x === undefined ? null : x);

function liquidationFee(l: RawVenue['liquidation']): LiquidationFeeRecord | null {
  const base = { sources: l.sources, confidence: l.confidence };
  const fee = l.liquidation_fee;
  if (typeof fee === 'object') {
    return {
      name: n(fee.name ?? fee.type),
      basis: n(fee.basis),
      ratePct: n(fee.rate_pct),
      ratePctRange: fee.rate_pct_range ?? null,
      maxRatePct: null,
      formula: n(fee.formula_claim),
      rateSourceKind: n(fee.rate_source_kind),
      sources: fee.sources ?? base.sources,
      confidence: fee.confidence ?? base.confidence,
    };
  }
  const empty = { name: null, basis: null, ratePct: null, ratePctRange: null, maxRatePct: null, formula: null, rateSourceKind: null };
  if (typeof fee === 'string') return { ...empty, ...base, name: fee };
  if (l.liquidation_fee_pct !== undefined) return { ...empty, ...base, ratePct: l.liquidation_fee_pct };
  if (l.max_liquidation_penalty_pct !== undefined)
    return { ...empty, ...base, name: 'max_liquidation_penalty', maxRatePct: l.max_liquidation_penalty_pct };
  return null;
}

function toVenue(r: RawVenue, contradictionsByVenue: Map<string, string[]>): VenueRecord {
  const mm = r.margin_modes;
  const ml = r.max_leverage_btc_perp;
  const up = r.url_patterns;
  // A contradiction may list a venue that does not list it back (the data has one such
  // case); the venue shows every contradiction that concerns it either way.
  const contradictions = [...new Set([...r.contradictions, ...(contradictionsByVenue.get(r.id) ?? [])])];
  return {
    id: r.id,
    name: r.name,
    venueType: r.venue_type,
    confidence: r.confidence,
    contradictions,
    entities: (r.entities ?? []).map((e) => ({
      entity: e.entity,
      regulator: n(e.regulator),
      jurisdiction: n(e.jurisdiction),
      derivativesClients: n(e.derivatives_clients),
      product: n(e.product ?? e.products),
      asOf: n(e.as_of),
      sources: e.sources,
    })),
    jurisdictionExits: (r.jurisdiction_exits ?? []).map((x) => ({
      jurisdiction: x.jurisdiction,
      event: x.event,
      asOf: x.as_of,
      sources: x.sources,
    })),
    restrictedJurisdictions: r.restricted_jurisdictions
      ? {
          list: r.restricted_jurisdictions.list,
          asOf: r.restricted_jurisdictions.as_of,
          sources: r.restricted_jurisdictions.sources,
        }
      : null,
    nbp: {
      status: r.nbp.status,
      detail: n(r.nbp.detail),
      byMode: (r.nbp.by_mode ?? []).map((m) => ({
        mode: m.mode,
        status: m.status,
        detail: n(m.detail),
        asOf: n(m.as_of),
        sources: m.sources,
        confidence: m.confidence,
      })),
      explicitContractualNbpFound: n(r.nbp.explicit_contractual_nbp_found),
      platformPhrase: n(r.nbp.platform_phrase),
      platformPhraseSource: n(r.nbp.platform_phrase_source),
      asOf: n(r.nbp.as_of),
      euEntityNbp: n(r.nbp.eu_entity_nbp),
      riskWarningSaysCanLoseMore: r.nbp.risk_warning_says_can_lose_more ?? false,
      sources: r.nbp.sources ?? [...new Set((r.nbp.by_mode ?? []).flatMap((m) => m.sources))],
      confidence: r.nbp.confidence,
    },
    insuranceFund: {
      exists: r.insurance_fund.exists,
      publicBalance: n(r.insurance_fund.public_balance),
      sizeUsd: n(r.insurance_fund.size_usd),
      sizeApprox: r.insurance_fund.size_approx ?? false,
      sizeAsOf: n(r.insurance_fund.size_as_of),
      sizeKind: n(r.insurance_fund.size_kind),
      sizeSourceKind: n(r.insurance_fund.size_source_kind),
      backstop: n(r.insurance_fund.backstop),
      address: n(r.insurance_fund.address),
      noteCode: n(r.insurance_fund.note_code),
      relatedFunds: (r.insurance_fund.related_funds ?? []).map((f) => ({
        name: f.name,
        sizeUsd: f.size_usd,
        asOf: n(f.as_of),
        isFuturesInsuranceFund: false as const,
        sources: f.sources,
      })),
      sources: r.insurance_fund.sources,
      confidence: r.insurance_fund.confidence,
    },
    adl: {
      mechanism: r.adl.mechanism,
      ranking: n(r.adl.ranking),
      rankingConflict: r.adl.ranking_conflict ?? [],
      executionPrice: n(r.adl.execution_price),
      trigger: n(r.adl.trigger),
      scope: n(r.adl.scope),
      history: (r.adl.history ?? []).map((h) => ({
        event: h.event,
        asOf: n(h.as_of),
        notionalUsd: n(h.notional_usd),
        sources: h.sources ?? [],
      })),
      sources: r.adl.sources,
      confidence: r.adl.confidence,
    },
    liquidation: {
      triggerPrice: n(r.liquidation.trigger_price),
      trigger: n(r.liquidation.trigger),
      partial: n(r.liquidation.partial),
      bankruptcyHandling: n(r.liquidation.bankruptcy_handling),
      fee: liquidationFee(r.liquidation),
      sources: r.liquidation.sources,
      confidence: r.liquidation.confidence,
    },
    marginModes: {
      offered: mm.offered,
      default: n(mm.default ?? mm.default_margin_mode),
      defaultConfidence: n(mm.default_confidence ?? mm.default_margin_mode_confidence),
      defaultAsOf: n(mm.default_as_of),
      accountTypes: mm.account_types ?? mm.account_modes ?? [],
      collateral: mm.collateral ?? [],
      sources: mm.sources,
      confidence: mm.confidence,
    },
    maxLeverage: {
      value: ml.value,
      scope: n(ml.scope),
      asOf: ml.as_of,
      history: (ml.history ?? []).map((h) => ({
        value: h.value,
        asOf: n(h.as_of),
        contract: n(h.contract),
        scope: n(h.scope),
        source: n(h.source),
        noteCode: n(h.note_code),
      })),
      userLimits: (ml.user_limits ?? []).map((u) => ({ rule: u.rule, asOf: n(u.as_of), sources: u.sources })),
      sources: ml.sources,
      confidence: ml.confidence,
    },
    contractTypes: r.contract_types,
    urlPatterns: {
      matches: up.matches,
      excludeMatches: up.exclude_matches ?? [],
      examples: up.examples ?? [],
      verified: up.verified ?? true,
      pathFilterRegex: n(up.path_filter_regex),
      noteCode: n(up.note_code),
      sources: up.sources,
      confidence: up.confidence,
    },
  };
}

function toRegulation(r: RawRegulation): RegulationRecord {
  return {
    id: r.id,
    jurisdiction: r.jurisdiction,
    instrument: r.instrument,
    adopted: n(r.adopted),
    published: n(r.published),
    appliesFrom: n(r.applies_from),
    expired: n(r.expired),
    scope: n(r.scope),
    effect: n(r.effect),
    negativeBalanceProtection: r.measures?.negative_balance_protection ?? r.nbp ?? null,
    cryptoLeverageCap: n(r.measures?.leverage_caps?.crypto),
    professionalClientsCovered: n(r.professional_clients_covered),
    futuresExcluded: n(r.futures_excluded),
    coversCryptoDerivatives: n(r.covers_crypto_derivatives),
    impliesNbpForRetail: n(r.implies_nbp_for_retail),
    sources: r.sources,
    confidence: r.confidence,
  };
}

function toContradiction(c: RawContradiction): ContradictionRecord {
  const sides: ContradictionRecord['sides'] = [];
  for (const key of ['a', 'b', 'c', 'd', 'also'] as const) {
    const s = c[key];
    if (s === undefined) continue;
    sides.push({
      key,
      claim: n(s.claim),
      value: n(s.value),
      sources: [...(s.source != null ? [s.source] : []), ...(s.sources ?? [])],
    });
  }
  return { id: c.id, venues: c.venues, sides, resolutionCode: c.resolution_code };
}

/** Builds the shipped data from a validated source; keeps only the sources still referenced. */
export function buildPolicyData(src: ValidSource): PolicyDataFile {
  const contradictionsByVenue = new Map<string, string[]>();
  for (const c of src.contradictions) {
    for (const id of c.venues) contradictionsByVenue.set(id, [...(contradictionsByVenue.get(id) ?? []), c.id]);
  }
  const venues = src.venues.map((venue) => toVenue(venue, contradictionsByVenue));
  const regulation = src.regulation.map(toRegulation);
  const contradictions = src.contradictions.map(toContradiction);

  const used = new Set<string>();
  const refs: Array<{ id: string; at: string }> = [];
  collectSourceRefs({ venues, regulation, contradictions }, '', refs);
  // camelCase fields that name a source but are not called "sources"
  for (const venue of venues) {
    if (venue.nbp.platformPhraseSource !== null) used.add(venue.nbp.platformPhraseSource);
  }
  for (const ref of refs) used.add(ref.id);
  const sources: Record<string, SourceRecord> = {};
  for (const id of [...used].sort()) {
    const s = src.sources[id];
    if (s === undefined) continue;
    sources[id] = { url: s.url, kind: s.kind, date: s.date, dateKind: s.date_kind, publisher: s.publisher };
  }
  return { schemaVersion: src.schemaVersion, compiled: src.compiled, venues, regulation, contradictions, sources };
}

/**
 * JSON with sorted object keys. Small flat values stay on one line (a source record, a
 * list of ids), everything else gets one property per line: stable bytes, readable diffs.
 */
export function stableStringify(value: unknown, depth = 0): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  const entries: Array<[string | null, unknown]> = Array.isArray(value)
    ? value.map((x): [null, unknown] => [null, x])
    : Object.keys(value)
        .sort()
        .map((k): [string, unknown] => [k, (value as Record<string, unknown>)[k]]);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) return open + close;
  const item = (k: string | null, x: string) => (k === null ? x : `${JSON.stringify(k)}: ${x}`);
  const flat = entries.every(
    ([, x]) => typeof x !== 'object' || x === null || (Array.isArray(x) && x.every((y) => typeof y !== 'object' || y === null)),
  );
  if (flat) {
    const line = `${open}${entries.map(([k, x]) => item(k, stableStringify(x))).join(', ')}${close}`;
    if (Array.isArray(value) || line.length <= 160) return line;
  }
  const pad = '  '.repeat(depth + 1);
  const body = entries.map(([k, x]) => pad + item(k, stableStringify(x, depth + 1))).join(',\n');
  return `${open}\n${body}\n${'  '.repeat(depth)}${close}`;
}

export function renderPolicyModule(data: PolicyDataFile): string {
  return [
    '// GENERATED by scripts/policy-data.ts from data/exchange-policies.json',
    `// (compiled ${data.compiled}; not checked against the live web). Do not edit by hand:`,
    '// run `npm run data:policies`. Object keys are sorted so the output is byte-stable.',
    "import type { PolicyDataFile } from './types';",
    '',
    `export const POLICY_DATA: PolicyDataFile = ${stableStringify(data)};`,
    '',
  ].join('\n');
}

/** Reads the research file or throws one line saying where it was expected. */
export function readPolicySource(sourcePath: string = SOURCE_PATH): unknown {
  if (!existsSync(sourcePath)) {
    throw new Error(
      `Policy research data not found: expected ${path.relative(REPO_ROOT, sourcePath)} (i.e. ${sourcePath}).`,
    );
  }
  return JSON.parse(readFileSync(sourcePath, 'utf8')) as unknown;
}

export class PolicyDataError extends Error {
  constructor(readonly errors: string[]) {
    super(`exchange-policies.json failed validation (${errors.length} problem(s)):\n  ${errors.join('\n  ')}`);
  }
}

/** Validate + build + render. Throws PolicyDataError listing every problem. */
export function generatePolicyModule(raw: unknown): string {
  const result = validatePolicySource(raw);
  if (!result.ok) throw new PolicyDataError(result.errors);
  return renderPolicyModule(buildPolicyData(result.data));
}

function main(argv: string[]): number {
  const check = argv.includes('--check');
  let text: string;
  try {
    text = generatePolicyModule(readPolicySource());
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    return 1;
  }
  const rel = path.relative(REPO_ROOT, OUTPUT_PATH);
  const current = existsSync(OUTPUT_PATH) ? readFileSync(OUTPUT_PATH, 'utf8') : null;
  if (check) {
    if (current === text) {
      console.log(`${rel} is up to date (${Buffer.byteLength(text)} bytes).`);
      return 0;
    }
    console.error(`${rel} is stale: run npm run data:policies.`);
    return 1;
  }
  if (current !== text) writeFileSync(OUTPUT_PATH, text);
  console.log(`${current === text ? 'Unchanged' : 'Wrote'} ${rel} (${Buffer.byteLength(text)} bytes).`);
  return 0;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
