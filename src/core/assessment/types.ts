/**
 * What the background hands the pure assessment: the market data it could get for the snapshot's
 * venue and symbol, each with where it came from. Shapes are structural copies of the market-data
 * service's answers (src/background/market), so the core does not import the background.
 */
import type { PositionInput, TierTable, VenueId } from '../engine/types';
import type { ContractSpec, MarkPrice, VolatilityEstimate } from '../market/types';
import type { Note, OverlayState } from '../../shared/overlay-state';

export interface TierFacts {
  table: TierTable | null;
  note: {
    source: string;
    capturedAt: string | null;
    age: { ageDays: string | null; level: string; message: string };
    refresh: string;
    lastError: string | null;
    message: string;
  };
}

export interface MarketFacts {
  /** The tier table answer; null when it could not be asked (the engine then uses its documented defaults, if any). */
  tiers: TierFacts | null;
  spec: { spec: ContractSpec | null; note: { message: string; lastError: string | null } } | null;
  /** `note.fetchedAt`: when LiqGuard received the mark (checked against the venue's own stamp). */
  mark: { mark: MarkPrice | null; note: { message: string; lastError: string | null; fetchedAt?: string | null } } | null;
  volatility: VolatilityEstimate | null;
  /**
   * What the trader typed for this venue and symbol where the venue's data was missing (the popup's This
   * tab): used only where the venue's own table or contract size cannot be had, and always said.
   */
  typed?: TypedFacts;
}

/** A value the trader typed, and the date it was typed (YYYY-MM-DD, null when unknown). */
export interface TypedFacts {
  /** Percent, as typed ("0.5" for 0.5 %). */
  maintenanceMarginRate?: { percent: string; typedOn: string | null };
  contractSize?: { value: string; typedOn: string | null };
}

export const NO_FACTS: MarketFacts = { tiers: null, spec: null, mark: null, volatility: null };

/** Which market data an assessment of this snapshot needs; `ok: false` carries the state to show instead. */
export type SnapshotPlan =
  | {
      ok: true;
      venue: VenueId;
      symbol: string;
      contract: 'linear' | 'inverse';
      /** The page shows no mark price: ask the venue's API. */
      needsMark: boolean;
      /** A size in contracts cannot be converted without the contract spec: wait for it. */
      needsContractSize: boolean;
    }
  | { ok: false; state: OverlayState };

/** One side's engine input and the notes that explain how it was built from the page. */
export interface SideInput {
  side: 'long' | 'short';
  input: PositionInput;
}

export interface BuiltInputs {
  venue: VenueId;
  symbol: string;
  sides: SideInput[];
  /** How page values became engine inputs (mark source, percent sizing, wallet source...). */
  assumptions: Note[];
  warnings: Note[];
  /** The tick used for display, when known. */
  tick: string | null;
}
