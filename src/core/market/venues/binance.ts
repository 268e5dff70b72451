/**
 * Binance USDⓈ-M (fapi) and COIN-M (dapi) public market data.
 * - GET /fapi/v1/exchangeInfo, /dapi/v1/exchangeInfo: symbols[] with filters PRICE_FILTER.tickSize and
 *   LOT_SIZE.stepSize; dapi adds contractSize (USD per contract)
 *   (https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Exchange-Information).
 * - GET /fapi/v1/premiumIndex?symbol=: {symbol, markPrice, time}; /dapi/v1/premiumIndex?symbol=: [{…}]
 *   (…/rest-api/Mark-Price).
 * - GET /fapi/v1/klines, /dapi/v1/klines: [[openTime, open, high, low, close, volume, closeTime, …]].
 * Leverage brackets (/fapi/v1/leverageBracket) need a signed USER_DATA request, so Binance tiers come only
 * from the bundled snapshot: no live Binance table exists in LiqGuard. The snapshot's source file
 * (data/binance-usdm-leverage-brackets-*.json) keeps that endpoint's documented shape
 * (…/usds-margined-futures/account/rest-api/Notional-and-Leverage-Brackets), read by
 * parseBinanceLeverageBrackets below, so a newer response captured by anyone reads the same way.
 */
import * as v from 'valibot';
import { LEVERAGE_BOUNDS, MMR_BOUNDS, NON_NEGATIVE, POSITIVE, canonical } from '../numbers';
import { tiersFromCaps, type CapTier } from '../tier-checks';
import { fail, liveTable, ok, type Candle, type ContractSpec, type MarkPrice, type ParseContext, type ParseResult, type TierTable } from '../types';
import { FieldError, Num, guarded, list, need, shape } from './common';

const Filter = v.looseObject({ filterType: v.string(), tickSize: v.optional(Num), stepSize: v.optional(Num) });
const SymbolInfo = v.looseObject({
  symbol: v.string(),
  contractType: v.optional(v.string()),
  contractSize: v.optional(Num),
  filters: list(Filter, 50),
});
const ExchangeInfo = v.looseObject({ symbols: list(SymbolInfo, 3000) });

export function parseBinanceExchangeInfo(json: unknown, ctx: ParseContext): ParseResult<ContractSpec> {
  const r = shape(ExchangeInfo, json, 'Binance exchangeInfo response');
  if (!r.ok) return r;
  const info = r.value.symbols.find((s) => s.symbol === ctx.symbol);
  if (!info) return fail(`Binance exchangeInfo has no ${ctx.symbol}.`);
  const price = info.filters.find((f) => f.filterType === 'PRICE_FILTER');
  const lot = info.filters.find((f) => f.filterType === 'LOT_SIZE');
  if (!price || !lot) return fail(`Binance exchangeInfo ${ctx.symbol} lacks PRICE_FILTER or LOT_SIZE.`);
  const inverse = ctx.venue === 'binance-coinm';
  return guarded(() =>
    ok({
      venue: ctx.venue,
      symbol: ctx.symbol,
      contract: inverse ? 'inverse' : 'linear',
      contractSize: inverse ? canonical(need(info.contractSize, 'contractSize', POSITIVE)) : '1',
      tickSize: canonical(need(price.tickSize, 'PRICE_FILTER.tickSize', POSITIVE)),
      lotSize: canonical(need(lot.stepSize, 'LOT_SIZE.stepSize', POSITIVE)),
      maxLeverage: null,
      source: 'live',
      capturedAt: ctx.fetchedAt,
      url: ctx.url,
    }),
  );
}

const Premium = v.looseObject({ symbol: v.string(), markPrice: Num, time: v.optional(v.number()) });
const PremiumResponse = v.union([Premium, list(Premium, 3000)]);

export function parseBinancePremiumIndex(json: unknown, ctx: ParseContext): ParseResult<MarkPrice> {
  const r = shape(PremiumResponse, json, 'Binance premiumIndex response');
  if (!r.ok) return r;
  const row = (Array.isArray(r.value) ? r.value : [r.value]).find((p) => p.symbol === ctx.symbol);
  if (!row) return fail(`Binance premiumIndex has no ${ctx.symbol}.`);
  return guarded(() => {
    const at = row.time !== undefined && Number.isSafeInteger(row.time) && row.time > 0 ? new Date(row.time).toISOString() : ctx.fetchedAt;
    return ok({ venue: ctx.venue, symbol: ctx.symbol, price: canonical(need(row.markPrice, 'markPrice', POSITIVE)), at, url: ctx.url });
  });
}

const Klines = list(v.pipe(v.array(v.union([v.number(), v.string()])), v.minLength(7)), 1500);

export function parseBinanceKlines(json: unknown): ParseResult<Candle[]> {
  const r = shape(Klines, json, 'Binance klines response');
  if (!r.ok) return r;
  return guarded(() => ok(r.value.map((k) => ({ openTime: need(k[0], 'openTime', NON_NEGATIVE).toNumber(), close: canonical(need(k[4], 'close', POSITIVE)) }))));
}


const Bracket = v.looseObject({
  bracket: Num,
  initialLeverage: Num,
  notionalCap: Num,
  notionalFloor: Num,
  maintMarginRatio: Num,
  cum: Num,
});
const BracketsResponse = list(v.looseObject({ symbol: v.string(), brackets: list(Bracket, 200) }), 3000);

/** Binance writes "no upper bound" as int64 max: that exact value is an open last bracket. */
const INT64_MAX = '9223372036854775807';

/**
 * GET /fapi/v1/leverageBracket: [{symbol, brackets: [{bracket, initialLeverage, notionalCap, notionalFloor,
 * maintMarginRatio, cum}]}]. Brackets are in quote notional; a notional exactly on a floor belongs to the
 * upper bracket (floor-inclusive), and cum must keep maintenance margin continuous at every floor.
 */
export function parseBinanceLeverageBrackets(json: unknown, ctx: ParseContext): ParseResult<TierTable> {
  const r = shape(BracketsResponse, json, 'Binance leverageBracket response');
  if (!r.ok) return r;
  const entry = r.value.find((e) => e.symbol === ctx.symbol);
  if (!entry || entry.brackets.length === 0) return fail(`Binance leverageBracket has no brackets for ${ctx.symbol}.`);
  return guarded(() => {
    const read = entry.brackets
      .map((b) => {
        const at = `bracket ${String(b.bracket)}`;
        const open = String(b.notionalCap) === INT64_MAX || b.notionalCap === Number(INT64_MAX);
        return {
          n: need(b.bracket, 'bracket', POSITIVE),
          floor: need(b.notionalFloor, `${at} notionalFloor`, NON_NEGATIVE),
          cap: open ? null : need(b.notionalCap, `${at} notionalCap`, POSITIVE),
          mmr: need(b.maintMarginRatio, `${at} maintMarginRatio`, MMR_BOUNDS),
          lev: need(b.initialLeverage, `${at} initialLeverage`, LEVERAGE_BOUNDS),
          cum: need(b.cum, `${at} cum`, NON_NEGATIVE),
        };
      })
      .sort((a, b) => a.n.cmp(b.n));
    read.forEach((b, i) => {
      const prev = read[i - 1];
      if (prev && !(prev.cap !== null && b.floor.eq(prev.cap))) throw new FieldError(`bracket ${b.n.toFixed()} starts at ${canonical(b.floor)}, not where the bracket before it ends.`);
      // Maintenance must stay below initial margin, or a fresh position would be liquidated at once.
      if (!b.mmr.mul(b.lev).lt(1)) throw new FieldError(`bracket ${b.n.toFixed()}: maintenance rate ${canonical(b.mmr)} is not below 1 / leverage ${canonical(b.lev)}.`);
    });
    const built = tiersFromCaps(
      read.map((b): CapTier => ({ cap: b.cap, mmr: b.mmr, maxLeverage: b.lev, publishedAmount: b.cum })),
      'continuous',
    );
    if ('error' in built) return fail(`Binance ${ctx.symbol}: ${built.error}`);
    return ok(liveTable(ctx, 'notional', built.tiers, 'floor-inclusive'));
  });
}
