/**
 * Types of the venue-policy module.
 *
 * Two layers: the *record* types describe the compact, generated copy of
 * data/exchange-policies.json that the extension ships
 * (policies.generated.ts, written by scripts/policy-data.ts); the *answer/view* types
 * are what the popup, overlay and CLI receive. Codes stay snake_case as in the research
 * data so a reviewer can grep them back to research/exchange-policies.md.
 */

export type Confidence = 'high' | 'medium' | 'low';

/** nbp.status at venue level (research/exchange-policies.md §1). */
export type NbpStatus =
  | 'explicit'
  | 'explicit_if_backed'
  | 'insurance_fund_backstop'
  | 'protocol_bounded'
  | 'conditional'
  | 'none'
  | 'unknown';

/** nbp.by_mode[].status: never 'conditional'; 'none_liability' exists only here. */
export type ModeNbpStatus = Exclude<NbpStatus, 'conditional'> | 'none_liability';

/**
 * adl.mechanism. The research text lists six values; the data also uses adl_reported (MEXC),
 * adl_profit_cap_style (GMX) and none_ccp_default_management (CME), kept as they are.
 */
export type AdlMechanism =
  | 'adl'
  | 'adl_reported'
  | 'adl_profit_cap_style'
  | 'socialized_loss'
  | 'deleveraging'
  | 'assignment_then_unwind'
  | 'not_applicable_ccp'
  | 'none_ccp_default_management'
  | 'unknown';

// ---------------------------------------------------------------------------
// Generated data (policies.generated.ts)
// ---------------------------------------------------------------------------

export interface SourceRecord {
  url: string;
  kind: string;
  /** 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'; null when the source is undated. */
  date: string | null;
  /** published, updated, approx, undated, verified, ... */
  dateKind: string;
  publisher: string;
}

/** Anything the product shows as a fact carries its sources and a confidence. */
export interface FactRecord {
  sources: string[];
  confidence: Confidence;
}

export interface EntityRecord {
  entity: string;
  regulator: string | null;
  jurisdiction: string | null;
  derivativesClients: string | null;
  product: string | null;
  asOf: string | null;
  sources: string[];
}

export interface JurisdictionEventRecord {
  /** ISO-3166 alpha-2 code as in the data (DE, IT, AU...). */
  jurisdiction: string;
  event: string;
  asOf: string | null;
  sources: string[];
}

export interface RestrictedJurisdictionsRecord {
  list: string[];
  asOf: string | null;
  sources: string[];
}

export interface NbpModeRecord extends FactRecord {
  mode: string;
  status: ModeNbpStatus;
  detail: string | null;
  asOf: string | null;
}

export interface NbpRecord extends FactRecord {
  status: NbpStatus;
  detail: string | null;
  byMode: NbpModeRecord[];
  explicitContractualNbpFound: boolean | null;
  /** A short quote from the venue (at most ~12 words) and the source it is from. */
  platformPhrase: string | null;
  platformPhraseSource: string | null;
  asOf: string | null;
  /** Set when the data says the venue's EU entity's NBP is not established ('unverified'). */
  euEntityNbp: string | null;
  /** The venue's own risk warning says you may lose more than your assets. */
  riskWarningSaysCanLoseMore: boolean;
}

export interface RelatedFundRecord {
  name: string;
  sizeUsd: number | null;
  asOf: string | null;
  /** Always false: these reserves are not the futures insurance fund (SAFU, Risk Shield...). */
  isFuturesInsuranceFund: false;
  sources: string[];
}

export interface InsuranceFundRecord extends FactRecord {
  exists: boolean | null;
  publicBalance: boolean | null;
  sizeUsd: number | null;
  sizeApprox: boolean;
  sizeAsOf: string | null;
  /** e.g. 'announced_cover' (a pledge, not a balance). */
  sizeKind: string | null;
  /** e.g. 'third_party' when the size is not from the venue. */
  sizeSourceKind: string | null;
  /** What backs the venue when there is no fund (HLP vault, LP pool). */
  backstop: string | null;
  address: string | null;
  relatedFunds: RelatedFundRecord[];
  noteCode: string | null;
}

export interface AdlEventRecord {
  event: string;
  asOf: string | null;
  notionalUsd: number | null;
  sources: string[];
}

export interface AdlRecord extends FactRecord {
  mechanism: AdlMechanism;
  ranking: string | null;
  /** Rankings that sources disagree on (dYdX). */
  rankingConflict: string[];
  executionPrice: string | null;
  trigger: string | null;
  scope: string | null;
  history: AdlEventRecord[];
}

export interface LiquidationFeeRecord {
  name: string | null;
  basis: string | null;
  ratePct: number | null;
  ratePctRange: [number, number] | null;
  maxRatePct: number | null;
  formula: string | null;
  rateSourceKind: string | null;
  sources: string[];
  confidence: Confidence;
}

export interface LiquidationRecord extends FactRecord {
  /** mark_price, fair_price, oracle_price...; null where the venue triggers on a buffer instead. */
  triggerPrice: string | null;
  /** Non-price triggers (liquidation buffer, FCM margin call). */
  trigger: string | null;
  partial: string | null;
  bankruptcyHandling: string | null;
  fee: LiquidationFeeRecord | null;
}

export interface MarginModesRecord extends FactRecord {
  offered: string[];
  default: string | null;
  /** Set when the default is weaker than the section's confidence. */
  defaultConfidence: Confidence | null;
  defaultAsOf: string | null;
  accountTypes: string[];
  collateral: string[];
}

export interface LeverageHistoryRecord {
  value: number;
  asOf: string | null;
  contract: string | null;
  scope: string | null;
  source: string | null;
  noteCode: string | null;
}

export interface LeverageLimitRecord {
  rule: string;
  asOf: string | null;
  sources: string[];
}

export interface MaxLeverageRecord extends FactRecord {
  value: number | null;
  scope: string | null;
  asOf: string | null;
  history: LeverageHistoryRecord[];
  userLimits: LeverageLimitRecord[];
}

export interface UrlPatternsRecord extends FactRecord {
  /** Chrome match patterns. */
  matches: string[];
  excludeMatches: string[];
  examples: string[];
  /** false where the research marks a pattern as a guess. */
  verified: boolean;
  /** Further filter on the URL path (without query), e.g. '-PERP$' for Crypto.com. */
  pathFilterRegex: string | null;
  noteCode: string | null;
}

export interface VenueRecord {
  id: string;
  name: string;
  venueType: string;
  confidence: Confidence;
  contradictions: string[];
  entities: EntityRecord[];
  jurisdictionExits: JurisdictionEventRecord[];
  restrictedJurisdictions: RestrictedJurisdictionsRecord | null;
  nbp: NbpRecord;
  insuranceFund: InsuranceFundRecord;
  adl: AdlRecord;
  liquidation: LiquidationRecord;
  marginModes: MarginModesRecord;
  maxLeverage: MaxLeverageRecord;
  contractTypes: string[];
  urlPatterns: UrlPatternsRecord;
}

export interface RegulationRecord extends FactRecord {
  id: string;
  jurisdiction: string;
  instrument: string;
  adopted: string | null;
  published: string | null;
  appliesFrom: string | null;
  expired: string | null;
  scope: string | null;
  effect: string | null;
  negativeBalanceProtection: string | boolean | null;
  cryptoLeverageCap: number | null;
  professionalClientsCovered: boolean | null;
  futuresExcluded: boolean | null;
  coversCryptoDerivatives: boolean | null;
  impliesNbpForRetail: boolean | null;
}

export interface ContradictionSideRecord {
  /** 'a', 'b', 'c', 'd' or 'also' as in the data. */
  key: string;
  claim: string | null;
  value: number | null;
  sources: string[];
}

export interface ContradictionRecord {
  id: string;
  venues: string[];
  sides: ContradictionSideRecord[];
  resolutionCode: string;
}

export interface PolicyDataFile {
  schemaVersion: string;
  /** Date the research data was compiled (not checked live). */
  compiled: string;
  venues: VenueRecord[];
  regulation: RegulationRecord[];
  contradictions: ContradictionRecord[];
  sources: Record<string, SourceRecord>;
}

// ---------------------------------------------------------------------------
// Answers and views
// ---------------------------------------------------------------------------

/**
 * The answer to "can this position cost more than its margin?".
 * - 'no': the venue states you cannot go below zero.
 * - 'only-if-fund-and-adl-fail': an insurance fund, then ADL or socialised loss, stand
 *   between a deficit and you; nothing promises more than that.
 * - 'protocol-bounded': on-chain venue; loss capped at posted collateral, no off-chain debt.
 * - 'yes-you-owe': a deficit becomes your debt.
 * - 'depends': depends on an account mode we were not told; see `cases`.
 * - 'unknown': no reliable policy; never read this as "protected".
 */
export type Verdict = 'no' | 'only-if-fund-and-adl-fail' | 'protocol-bounded' | 'yes-you-owe' | 'depends' | 'unknown';

export type RegionId = 'EU' | 'UK' | 'US' | 'AU' | 'other';

export type CaveatCode =
  | 'unknown-venue'
  | 'no-policy-data'
  | 'account-mode-not-given'
  | 'unknown-account-mode'
  | 'region-not-given'
  | 'unknown-region'
  | 'no-regulatory-data'
  | 'entity-differs-in-region'
  | 'stale-source'
  | 'undated-source'
  | 'no-source'
  | 'low-confidence'
  | 'contradiction'
  | 'not-contractual'
  | 'risk-warning-says-can-lose-more'
  | 'margin-mode-not-given'
  | 'margin-mode-not-listed'
  | 'invalid-input';

export interface Caveat {
  code: CaveatCode;
  /** 'warning' must be shown next to the fact; 'info' may sit behind a disclosure. */
  severity: 'warning' | 'info';
  message: string;
  sourceIds?: string[];
  contradictionId?: string;
}

export interface AnswerSource {
  id: string;
  url: string;
  /** The URL when it is http(s); absent for identifiers such as 'github:file-id-…'. */
  href?: string;
  publisher: string;
  kind: string;
  date: string | null;
  dateKind: string;
  /** Confidence of the fact this source backs (sources themselves are not rated). */
  confidence: Confidence;
}

export interface AmountAtStake {
  /** Isolated: the position's margin; cross: the whole cross wallet; unknown: margin mode not given. */
  scope: 'position-margin' | 'cross-wallet' | 'unknown';
  /** The margin (isolated) or wallet (cross) as the engine gave it, a plain decimal string. */
  amount?: string;
  /** Engine's deficit beyond the margin/wallet under the gap, a plain decimal string. */
  deficitAtGap?: string;
  gapPercent?: string;
  /** Who carries a deficit under this venue's policy. */
  deficitBorneBy: 'you' | 'venue' | 'venue-backstops-then-unclear' | 'protocol-backstop' | 'depends' | 'unknown';
  /** One sentence for the popup/CLI. */
  text: string;
}

export interface AccountModeInfo {
  id: string;
  label: string;
}

export interface VerdictDetail {
  verdict: Verdict;
  headline: string;
  /** One or two sentences, our own words. */
  reasons: string;
  amountAtStake: AmountAtStake;
  sources: AnswerSource[];
  confidence: Confidence;
  caveats: Caveat[];
}

export interface PolicyCase extends VerdictDetail {
  /** What distinguishes this case, for display ("Classic USDⓈ-M / COIN-M futures wallet", "EU: …"). */
  caseLabel: string;
  accountMode?: AccountModeInfo;
  region?: RegionId;
}

export interface RegulatoryNote {
  id: string;
  region: RegionId;
  title: string;
  text: string;
  sources: AnswerSource[];
  confidence: Confidence;
}

export interface PolicyAnswer extends VerdictDetail {
  /** The venue as asked, and the policy entry it resolved to (null when we have none). */
  requestedVenue: string;
  venue: { id: string; name: string } | null;
  accountMode?: AccountModeInfo;
  region?: RegionId;
  /** Present when the answer depends on something we were not told: one case per possibility. */
  cases?: PolicyCase[];
  regulatory: RegulatoryNote[];
  /** Compile date of the research data, for "as of" lines. */
  dataCompiled: string;
}

export interface PolicyQuestion {
  /** Policy venue id ('binance', 'kraken_futures') or engine venue id ('binance-usdm'). */
  venue: string;
  /** One of listAccountModes(venue)[].id; null or absent = not told (as stored in settings). */
  accountMode?: string | null;
  /** 'EU' | 'UK' | 'US' | 'AU' | 'other' (aliases EEA, GB, USA); 'unknown', null or absent = not told. */
  region?: string | null;
  marginMode?: 'isolated' | 'cross';
  /** The engine's figures, as plain decimal strings; passed through, never recomputed. */
  /** The currency of the amounts ("USDT", "BTC"), named after each in the answer's sentences. */
  currency?: string;
  amounts?: {
    margin?: string;
    wallet?: string;
    deficitAtGap?: string;
    gapPercent?: string;
  };
  /** ISO date (YYYY-MM-DD or full ISO timestamp) used for staleness; defaults to today. */
  now?: string;
}

/** A fact as the popup shows it: the record's fields, display sources, and its caveats. */
export type FactView<R extends FactRecord> = Omit<R, 'sources'> & {
  sources: AnswerSource[];
  caveats: Caveat[];
};

export interface AccountModeView extends FactView<NbpModeRecord> {
  label: string;
  verdict: Verdict;
  reasons: string;
}

export interface VenuePolicyView {
  id: string;
  name: string;
  shortName: string;
  venueType: string;
  overview: string;
  confidence: Confidence;
  /** 'depends' when the answer turns on the account mode (see nbp.accountModes). */
  verdict: Verdict;
  nbp: FactView<Omit<NbpRecord, 'byMode' | 'platformPhrase' | 'platformPhraseSource'>> & {
    summary: string;
    accountModes: AccountModeView[];
    platformPhrase: { text: string; source: AnswerSource | null } | null;
  };
  /** relatedFunds are reserves that are NOT the futures insurance fund (SAFU, Risk Shield...). */
  insuranceFund: FactView<InsuranceFundRecord> & { summary: string };
  adl: FactView<AdlRecord> & { summary: string; mechanismLabel: string };
  liquidation: FactView<LiquidationRecord> & { summary: string; triggerPriceLabel: string | null };
  marginModes: FactView<MarginModesRecord>;
  /** BTC perpetual maximum leverage with its as-of date. */
  maxLeverage: FactView<MaxLeverageRecord>;
  contractTypes: string[];
  urlPatterns: FactView<UrlPatternsRecord> & { note: string | null };
  entities: EntityRecord[];
  contradictions: Array<{ id: string; summary: string; sources: AnswerSource[] }>;
  dataCompiled: string;
}
