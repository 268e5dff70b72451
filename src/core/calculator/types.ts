/**
 * What the calculator sends and gets back. Everything is plain JSON with money as decimal strings, so a
 * response crosses extension messaging unchanged; the popup only formats it.
 */
import type {
  AssessResult,
  Assumption,
  ContractType,
  CurvePoint,
  EngineResult,
  FundingDriftRow,
  GapStressRow,
  LeverageForDistance,
  MarginMode,
  MaxSize,
  PnlAt,
  PositionInput,
  PositionMode,
  TargetRoePrice,
  Tier,
  TierBasis,
  VenueId,
} from '../engine/index';
import type { PolicyAnswer } from '../policy/index';

/** Extra questions the calculator asks alongside the assessment. All optional plain decimal strings. */
export interface CalculatorExtras {
  /** PnL and ROE at this price. */
  priceFor?: string;
  /** Largest position whose worst loss without a gap stays within this amount. */
  maxLoss?: string;
  /** Leverage that keeps liquidation at least this many percent from the mark. */
  minDistancePercent?: string;
  /** Price at which the position reaches this ROE (percent; may be negative). */
  targetRoePercent?: string;
  /** Gap past the bankruptcy price for the stress figures (percent, 0–50). */
  gapPercent?: string;
  /** Hours held for the funding-drift figure. */
  fundingHours?: string;
}

export interface CalcAssessRequest {
  type: 'calc/assess';
  input: PositionInput;
  /** Account mode id for the policy answer; absent: the trader's setting for the venue. null: not told. */
  accountMode?: string | null;
  /** Region for the policy answer; absent: the trader's setting. */
  region?: string | null;
  extras?: CalculatorExtras;
}

export interface LossCurve {
  points: CurvePoint[];
  currency: string;
  /** Prices to mark on the chart; null where the position has none. */
  marks: { entry: string; mark: string; liquidation: string | null; bankruptcy: string | null; gap: string | null };
  /** The curve evaluated exactly at each marked price, for the chart's text equivalent. */
  atMarks: { key: 'entry' | 'mark' | 'liquidation' | 'bankruptcy' | 'gap'; price: string; loss: string; pnl: string }[];
}

export interface CalcExtrasResult {
  pnlAt: EngineResult<PnlAt> | null;
  targetRoe: EngineResult<TargetRoePrice> | null;
  maxSize: EngineResult<MaxSize> | null;
  leverageForDistance: EngineResult<LeverageForDistance> | null;
  /** The gap-stress row at the requested gap. */
  gap: EngineResult<GapStressRow | null> | null;
  /** The funding-drift row at the requested hours (null value: no funding rate given). */
  fundingDrift: EngineResult<FundingDriftRow | null> | null;
  lossCurve: EngineResult<LossCurve> | null;
}

/** Where the figures' market data came from. */
export interface CalcDataNote {
  tierTable: { source: string; capturedAt: string | null; message: string; confidence: string | null } | null;
  volatility: { sigmaDaily: string; source: string; window: string } | null;
  /** Settings the answer used (so the popup can say "region: not set"). */
  accountMode: string | null;
  region: string | null;
}

export interface CalcAssessResponse {
  ok: true;
  result: AssessResult;
  policy: PolicyAnswer | null;
  extras: CalcExtrasResult;
  data: CalcDataNote;
}

export interface CalcDefaultsRequest {
  type: 'calc/defaults';
  venue: VenueId;
  symbol: string;
  contract?: ContractType;
}

/** A prefilled value and where it came from, in words. */
export interface Sourced {
  value: string;
  source: string;
}

export interface CalcDefaults {
  venue: VenueId;
  symbol: string;
  contract: ContractType | null;
  contractSize: Sourced | null;
  tickSize: Sourced | null;
  takerFeeRate: Sourced & { confidence: string };
  markPrice: (Sourced & { at: string }) | null;
  maxLeverage: Sourced | null;
  tierTable: { source: string; capturedAt: string | null; basis: TierBasis; tiers: Tier[]; message: string; url: string | null } | null;
  /** What could not be had, one sentence each. */
  notes: string[];
}

export interface CalcDefaultsResponse {
  ok: true;
  defaults: CalcDefaults;
}

/** A venue as the calculator form offers it (static, so the popup needs no engine code to draw the form). */
export interface CalculatorVenue {
  id: VenueId;
  name: string;
  contracts: ContractType[];
  marginModes: MarginMode[];
  positionModes: PositionMode[];
  /** A symbol in the venue's own spelling, for the field's placeholder. */
  symbolExample: string;
}

export type { Assumption };
