/**
 * What LiqGuard makes of one venue response: the `market` command's answer, through exactly the parsers and
 * checks the extension's background uses (the sources in sources.ts, then tierTableProblems for tables).
 * For tests, and for anyone reporting a changed API: paste the venue's answer, see what LiqGuard reads.
 */
import type { VenueId } from '../engine/types';
import { CANDLE_SOURCES, MARK_SOURCES, SPEC_SOURCES, TIER_SOURCES } from './sources';
import { tierTableProblems } from './tier-checks';
import type { ParseContext } from './types';

export const MARKET_KINDS = ['tiers', 'spec', 'mark', 'candles'] as const;
export type MarketKind = (typeof MARKET_KINDS)[number];

export type MarketAnswer =
  | { ok: true; venue: VenueId; symbol: string; kind: MarketKind; value: unknown }
  | { ok: false; error: string };

const KNOWN_VENUES: readonly VenueId[] = ['binance-usdm', 'binance-coinm', 'bybit', 'okx', 'bitget', 'gate', 'hyperliquid', 'mexc', 'bitmex', 'deribit', 'kraken-futures', 'phemex'];

const SOURCES: Record<MarketKind, Partial<Record<VenueId, unknown>>> = { tiers: TIER_SOURCES, spec: SPEC_SOURCES, mark: MARK_SOURCES, candles: CANDLE_SOURCES };

function isVenue(x: string): x is VenueId {
  return (KNOWN_VENUES as readonly string[]).includes(x);
}

function isKind(x: string): x is MarketKind {
  return (MARKET_KINDS as readonly string[]).includes(x);
}

/** The venues that have a live source for `kind`, for the error that names what is possible. */
export function venuesWith(kind: MarketKind): VenueId[] {
  return KNOWN_VENUES.filter((v) => SOURCES[kind][v] !== undefined);
}

/**
 * Reads `json` as `venue`'s answer to the `kind` question about `symbol`. The URL in the parse context is
 * the one the extension would have asked (so a symbol the extension would refuse to ask about is refused
 * here too); `fetchedAt` stamps tables and marks that carry no time of their own.
 */
export function marketAnswer(venue: string, kind: string, symbol: string, json: unknown, fetchedAt: string): MarketAnswer {
  if (!isVenue(venue)) return { ok: false, error: `Unknown venue "${venue.slice(0, 40)}"; one of: ${KNOWN_VENUES.join(', ')}.` };
  if (!isKind(kind)) return { ok: false, error: `Unknown question "${kind.slice(0, 40)}"; one of: ${MARKET_KINDS.join(', ')}.` };
  const at = Date.parse(fetchedAt);
  const now = Number.isFinite(at) ? at : 0;
  if (kind === 'candles') {
    const source = CANDLE_SOURCES[venue];
    if (!source) return { ok: false, error: `LiqGuard reads no candles from ${venue}; it does for ${venuesWith('candles').join(', ')}.` };
    const req = source.request(symbol, '1h', now);
    if (!req.ok) return { ok: false, error: req.error };
    const r = source.parse(json);
    if (!r.ok) return { ok: false, error: r.error };
    return { ok: true, venue, symbol, kind, value: { candles: r.value.map((c) => ({ openTime: c.openTime, close: c.close })) } };
  }
  const source = kind === 'tiers' ? TIER_SOURCES[venue] : kind === 'spec' ? SPEC_SOURCES[venue] : MARK_SOURCES[venue];
  if (!source) return { ok: false, error: `LiqGuard reads no ${kind} from a ${venue} endpoint; it does for ${venuesWith(kind).join(', ')}.` };
  const req = source.request(symbol, now);
  if (!req.ok) return { ok: false, error: req.error };
  const ctx: ParseContext = { venue, symbol, url: req.value.url, fetchedAt };
  if (kind === 'tiers') {
    const r = TIER_SOURCES[venue]?.parse(json, ctx);
    if (!r) return { ok: false, error: `No tier parser for ${venue}.` };
    if (!r.ok) return { ok: false, error: r.error };
    const problems = tierTableProblems(r.value);
    if (problems.length) return { ok: false, error: `The table failed its final check: ${problems.join(' ')}` };
    return {
      ok: true,
      venue,
      symbol,
      kind,
      value: {
        basis: r.value.basis,
        tiers: r.value.tiers.map((t) => ({ maxNotional: t.cap, maintenanceMarginRate: t.maintenanceMarginRate, maintenanceAmount: t.maintenanceAmount, maxLeverage: t.maxLeverage })),
      },
    };
  }
  if (kind === 'spec') {
    const r = SPEC_SOURCES[venue]?.parse(json, ctx);
    if (!r) return { ok: false, error: `No spec parser for ${venue}.` };
    if (!r.ok) return { ok: false, error: r.error };
    const s = r.value;
    return { ok: true, venue, symbol, kind, value: { contract: s.contract, contractSize: s.contractSize, tickSize: s.tickSize, lotSize: s.lotSize, maxLeverage: s.maxLeverage } };
  }
  const r = MARK_SOURCES[venue]?.parse(json, ctx);
  if (!r) return { ok: false, error: `No mark-price parser for ${venue}.` };
  if (!r.ok) return { ok: false, error: r.error };
  return { ok: true, venue, symbol, kind, value: { markPrice: r.value.price, at: r.value.at } };
}
