import { venueRecord } from './data';

/**
 * The risk engine names venues by product (binance-usdm, kraken-futures...); the research
 * data by company entry (binance, kraken_futures...). null = the engine supports the venue
 * but we hold no policy for it, and the answer must say "unknown", never "protected".
 */
export const ENGINE_VENUE_POLICY_IDS = {
  'binance-usdm': 'binance',
  'binance-coinm': 'binance',
  bybit: 'bybit',
  okx: 'okx',
  bitget: 'bitget',
  gate: 'gate',
  hyperliquid: 'hyperliquid',
  phemex: null,
  bitmex: 'bitmex',
  deribit: 'deribit',
  'kraken-futures': 'kraken_futures',
  mexc: 'mexc',
  generic: null,
} as const satisfies Record<string, string | null>;

export type EngineVenueId = keyof typeof ENGINE_VENUE_POLICY_IDS;

/**
 * Policy venue id for a policy id or an engine id ('binance-usdm' -> 'binance'); null when
 * we hold no policy for it. Case and '-'/'_' differences in policy ids are tolerated.
 */
export function policyVenueIdFor(venue: string): string | null {
  const key = venue.trim();
  if (venueRecord(key) !== undefined) return key;
  if (Object.hasOwn(ENGINE_VENUE_POLICY_IDS, key)) return ENGINE_VENUE_POLICY_IDS[key as EngineVenueId];
  const normalised = key.toLowerCase().replace(/-/g, '_');
  if (venueRecord(normalised) !== undefined) return normalised;
  const lower = key.toLowerCase();
  if (Object.hasOwn(ENGINE_VENUE_POLICY_IDS, lower)) return ENGINE_VENUE_POLICY_IDS[lower as EngineVenueId];
  return null;
}
