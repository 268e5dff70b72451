/**
 * Assessment: FormSnapshot + market data + settings + policy → OverlayState and badge. Pure; the
 * background is a thin shell that fetches the market data and stores the result.
 */
export { assessSnapshot, sideFigures, POLICY_GAP_PERCENT } from './assess-snapshot';
export type { AssessOptions, SnapshotAssessment } from './assess-snapshot';
export { buildInputs, engineVenueFor, planSnapshot, settlementAsset, FIELD_LABELS } from './inputs';
export type { BuildResult } from './inputs';
export { badgeFor, badgePercent, riskiestSide, BADGE_COLORS, DEFAULT_TITLE } from './badge';
export type { Badge } from './badge';
export { NO_FACTS } from './types';
export type { BuiltInputs, MarketFacts, SideInput, SnapshotPlan, TierFacts } from './types';
