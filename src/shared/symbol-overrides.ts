import { plain } from '../ui/format';

/**
 * What the trader typed for a symbol when LiqGuard had no market data for it (a maintenance margin
 * rate, in percent as typed; a contract size), kept per venue and symbol in storage.local under
 * SYMBOL_OVERRIDES_KEY. The popup writes it; the calculator is prefilled with it, and the background
 * uses it for the overlay's figure where the venue's own data is missing, labelled as the trader's.
 * Pure: this module only says what a stored record means; only plain decimal strings within sane
 * bounds are read back, anything else in storage is ignored, never shown.
 */

export const SYMBOL_OVERRIDES_KEY = 'calc:symbolOverrides';

export interface SymbolOverride {
  /** Percent, as the calculator's field takes it ("0.5" for 0.5 %). */
  maintenanceMarginRate?: string;
  contractSize?: string;
}

/** A kept override and when it was typed (ms since the epoch; null when storage lost it). */
export type KeptOverride = SymbolOverride & { savedAt: number | null };

/** The storage key of a venue (the engine's id, e.g. "binance-usdm") and symbol. */
export const overrideKey = (venue: string, symbol: string): string => `${venue}:${symbol.trim().toUpperCase()}`;

/** A rate in percent above 0 and below 100; a contract size above 0. Else null. */
export function validOverride(field: keyof SymbolOverride, value: unknown): string | null {
  const v = plain(value);
  if (v === null || v.startsWith('-') || v === '0') return null;
  if (field === 'maintenanceMarginRate' && !/^\d{1,2}(\.\d+)?$/.test(v)) return null;
  return v.length <= 40 ? v : null;
}

/** The valid part of one stored record, or null when nothing in it is usable. */
export function cleanOverride(raw: unknown): KeptOverride | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const out: KeptOverride = { savedAt: typeof r.savedAt === 'number' && Number.isFinite(r.savedAt) && r.savedAt > 0 ? r.savedAt : null };
  const mmr = validOverride('maintenanceMarginRate', r.maintenanceMarginRate);
  const size = validOverride('contractSize', r.contractSize);
  if (mmr) out.maintenanceMarginRate = mmr;
  if (size) out.contractSize = size;
  return mmr || size ? out : null;
}

/** The override kept for a venue and symbol in the stored value of SYMBOL_OVERRIDES_KEY (anything, even corrupt). */
export function overrideIn(stored: unknown, venue: string, symbol: string): KeptOverride | null {
  if (!venue || !symbol.trim() || typeof stored !== 'object' || stored === null || Array.isArray(stored)) return null;
  const key = overrideKey(venue, symbol);
  return Object.hasOwn(stored, key) ? cleanOverride((stored as Record<string, unknown>)[key]) : null;
}
