/**
 * Binance USDⓈ-M (fapi) and COIN-M (dapi) public market data.
 * - GET /fapi/v1/exchangeInfo, /dapi/v1/exchangeInfo: symbols[] with filters PRICE_FILTER.tickSize and
 *   LOT_SIZE.stepSize; dapi adds contractSize (USD per contract)
 *   (https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Exchange-Information).
 * - GET /fapi/v1/premiumIndex?symbol=: {symbol, markPrice, time}; /dapi/v1/premiumIndex?symbol=: [{…}]
 *   (…/rest-api/Mark-Price).
 * - GET /fapi/v1/klines, /dapi/v1/klines: [[openTime, open, high, low, close, volume, closeTime, …]].
 * Leverage brackets (/fapi/v1/leverageBracket) need a signed USER_DATA request, so Binance tiers come only
 * from the bundled snapshot: no live Binance table exists in LiqGuard.
 */
import * as v from 'valibot';
import { NON_NEGATIVE, POSITIVE, canonical } from '../numbers';
import { fail, ok, type Candle, type ContractSpec, type MarkPrice, type ParseContext, type ParseResult } from '../types';
import { Num, guarded, list, need, shape } from './common';

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

