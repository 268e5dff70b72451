import { allVenueRecords, venueRecord } from './data';
import { firstMatchingPattern, parseUrl } from './match-pattern';
import type { Confidence } from './types';

/**
 * Which venue a page belongs to, by the research data's Chrome match patterns, and the
 * patterns the manifest must inject the content script on.
 *
 * A match says "this is one of the venue's trading pages by URL", not "an order form is on
 * it": the patterns are broad (Binance's `/*\/futures/*` also covers its futures trading-rules
 * pages), so an adapter must still find its form before showing anything.
 */

/** Venues with order-form adapters; their patterns are the manifest's content_scripts. */
export const ADAPTER_VENUE_IDS = ['binance', 'bybit', 'okx', 'bitget', 'gate', 'hyperliquid', 'mexc', 'bitmex'] as const;

/**
 * Exactly the union of the adapter venues' url_patterns (matches and exclude_matches), in
 * venue order without duplicates: what manifest.json's content_scripts must list.
 */
export function adapterVenueMatchPatterns(): { matches: string[]; excludeMatches: string[] } {
  const matches: string[] = [];
  const excludeMatches: string[] = [];
  for (const id of ADAPTER_VENUE_IDS) {
    const venue = venueRecord(id);
    if (venue === undefined) continue;
    for (const p of venue.urlPatterns.matches) if (!matches.includes(p)) matches.push(p);
    for (const p of venue.urlPatterns.excludeMatches) if (!excludeMatches.includes(p)) excludeMatches.push(p);
  }
  return { matches, excludeMatches };
}

const URL_NOTES: Record<string, string> = {
  pro_kraken_path_mixes_spot_and_futures:
    'Kraken Pro trade pages show spot and futures markets; check that the market is a futures contract.',
  hash_route_not_matchable_check_location_hash_in_script:
    'GMX keeps its route in the URL fragment (#/trade), which match patterns cannot see; check the fragment before treating the page as a trade page.',
  trading_mainly_in_app: 'Mudrex trades mainly in its app; this web pattern is a guess.',
  no_web_trading_ui_trades_via_fcm_platforms: 'CME has no web trading page; you trade through your broker’s platform.',
};

export interface VenueUrlMatch {
  venueId: string;
  venueName: string;
  matchedPattern: string;
  /** false when the research marks the venue's patterns as a guess. */
  verified: boolean;
  confidence: Confidence;
  /** What the URL alone cannot tell (fragment routes, mixed spot/futures pages). */
  note: string | null;
}

export function urlPatternNote(noteCode: string | null): string | null {
  return noteCode === null ? null : (URL_NOTES[noteCode] ?? noteCode.replace(/_/g, ' '));
}

/** The venue whose trading-page patterns match `url`, or null. Never throws on bad input. */
export function venueForUrl(url: string): VenueUrlMatch | null {
  if (typeof url !== 'string') return null;
  const parsed = parseUrl(url);
  if (parsed === null) return null;
  for (const venue of allVenueRecords()) {
    const up = venue.urlPatterns;
    const matched = firstMatchingPattern(parsed, up.matches, up.excludeMatches);
    if (matched === null) continue;
    if (up.pathFilterRegex !== null && !new RegExp(up.pathFilterRegex).test(parsed.path)) continue;
    return {
      venueId: venue.id,
      venueName: venue.name,
      matchedPattern: matched,
      verified: up.verified,
      confidence: up.confidence,
      note: urlPatternNote(up.noteCode),
    };
  }
  return null;
}
