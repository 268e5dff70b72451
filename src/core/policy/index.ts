/**
 * Venue policies: can a trader owe more than their margin, and why (issue 5).
 * Built from data/exchange-policies.json by scripts/policy-data.ts.
 */
export { canLoseMoreThanMargin, listAccountModes } from './answer';
export { getVenuePolicy, listVenuePolicies } from './views';
export { venueForUrl, adapterVenueMatchPatterns, ADAPTER_VENUE_IDS } from './venue-urls';
export type { VenueUrlMatch } from './venue-urls';
export { ENGINE_VENUE_POLICY_IDS, policyVenueIdFor } from './engine-venues';
export type { EngineVenueId } from './engine-venues';
export {
  POLICY_REGIONS,
  VERDICT_LABELS,
  ADL_MECHANISM_LABELS,
  TRIGGER_PRICE_LABELS,
  parseRegion,
  verdictForStatus,
  humanizeCode,
} from './labels';
export { DATA_COMPILED as POLICY_DATA_COMPILED } from './data';
export type {
  AccountModeInfo,
  AccountModeView,
  AmountAtStake,
  AnswerSource,
  Caveat,
  CaveatCode,
  Confidence,
  FactView,
  PolicyAnswer,
  PolicyCase,
  PolicyQuestion,
  RegionId,
  RegulatoryNote,
  Verdict,
  VerdictDetail,
  VenuePolicyView,
} from './types';
export { policyQuestionFor } from './question';
export type { PolicyCaseInput } from './question';
