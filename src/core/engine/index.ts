/**
 * LiqGuard risk engine: public API. Pure TypeScript on decimal.js; no browser, DOM, extension or Node API.
 * Every function returns plain JSON-serializable objects whose money values are decimal strings, and never
 * throws on bad input: it returns field errors instead.
 */
export { assess } from './assess';
export { selfCheck, selfCheckPositions } from './self-check';
export type { SelfCheck, SelfCheckCause, SelfCheckResult } from './self-check';
export { gapStress, fundingDrift, DEFAULT_GAP_PERCENTS, DEFAULT_FUNDING_HOURS } from './stress';
export { maxSizeForMaxLoss, leverageForDistance, priceForTargetRoe } from './inverse';
export type { MaxSize, LeverageForDistance, TargetRoePrice } from './inverse';
export { pnlAt, lossCurve } from './pnl';
export type { PnlAt, CurvePoint } from './pnl';
export { severityOf, DEFAULT_THRESHOLDS, SEVERITY_ORDER } from './severity';
export type { SeverityInput, SeverityResult } from './severity';
export { touchProbability, normalCdf, TOUCH_MODEL } from './touch-probability';
export type { TouchInput } from './touch-probability';
export { formatPrice, formatAmount } from './format';
export { positionAfterOrder } from './position-after-order';
export type { NetLeg, AfterOrder } from './position-after-order';
export { validateTierTable, tiersFromBrackets, nextMaintenanceAmount } from './tiers';
export type { TierTableProblem } from './tiers';
export { VENUES, VENUE_IDS, venueCapabilities } from './venues/index';
export type { VenueSpec, Confidence } from './venues/index';
export type {
  VenueId,
  ContractType,
  MarginMode,
  PositionMode,
  Side,
  QuantityUnit,
  NumberLike,
  PositionInput,
  PositionStatus,
  LossIfLiquidated,
  OtherPositionInput,
  ExistingPositionInput,
  AssessContext,
  AssessResult,
  Assessment,
  EngineResult,
  FieldError,
  Warning,
  Assumption,
  Tier,
  TierTable,
  TierBasis,
  TierSource,
  TierProvider,
  TierUsed,
  TierTableInfo,
  SeverityLevel,
  SeverityThresholds,
  GapStressRow,
  FundingDriftRow,
} from './types';
