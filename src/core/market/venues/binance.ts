/**
 * Binance USDⓈ-M (fapi) and COIN-M (dapi) public market data.
 * - GET /fapi/v1/exchangeInfo, /dapi/v1/exchangeInfo: symbols[] with filters PRICE_FILTER.tickSize and
 *   LOT_SIZE.stepSize; dapi adds contractSize (USD per contract)
 *   (https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Exchange-Information).
 * - GET /fapi/v1/premiumIndex?symbol=: {symbol, markPrice, time}; /dapi/v1/premiumIndex?symbol=: [{…}]
 *   (…/rest-api/Mark-Price).
 * - GET /fapi/v1/klines, /dapi/v1/klines: [[openTime, open, high, low, close, volume, closeTime, …]].
 * - Tier tables: the signed /fapi/v1/leverageBracket needs a key, so the live table comes from the public web
 *   endpoint behind Binance's "Leverage & Margin" page (parseBinancePublicBrackets below; USDⓈ-M and COIN-M),
 *   and the bundled snapshot is the fallback. The snapshot's source file
 *   (data/binance-usdm-leverage-brackets-*.json) keeps the signed endpoint's documented shape
 *   (…/usds-margined-futures/account/rest-api/Notional-and-Leverage-Brackets), read by
 *   parseBinanceLeverageBrackets, so a newer response captured by anyone reads the same way.
 */
import * as v from 'valibot';
import type { D } from '../../decimal';
import { LEVERAGE_BOUNDS, MMR_BOUNDS, NON_NEGATIVE, POSITIVE, canonical } from '../numbers';
import { tiersFromCaps, type CapTier } from '../tier-checks';
import { fail, liveTable, ok, type Candle, type ContractSpec, type MarkPrice, type ParseContext, type ParseResult, type TierTable } from '../types';
import { FieldError, Num, cell, eachRow, guarded, list, need, rawList, rowWhere, shape, venueStamp } from './common';

const Filter = v.looseObject({ filterType: v.string(), tickSize: v.optional(Num), stepSize: v.optional(Num) });
const SymbolInfo = v.looseObject({
  symbol: v.string(),
  contractType: v.optional(v.string()),
  contractSize: v.optional(Num),
  filters: list(Filter, 50),
});
const ExchangeInfo = v.looseObject({ symbols: rawList(3000) });

export function parseBinanceExchangeInfo(json: unknown, ctx: ParseContext): ParseResult<ContractSpec> {
  const r = shape(ExchangeInfo, json, 'Binance exchangeInfo response');
  if (!r.ok) return r;
  const picked = rowWhere(r.value.symbols, 'symbol', ctx.symbol, SymbolInfo, `Binance exchangeInfo ${ctx.symbol}`);
  if (!picked.ok) return picked;
  const info = picked.value;
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
const PremiumResponse = v.union([v.looseObject({ symbol: v.string() }), rawList(3000)]);

/** GET premiumIndex: one object with ?symbol= on fapi, a list on dapi and without a symbol. */
export function parseBinancePremiumIndex(json: unknown, ctx: ParseContext): ParseResult<MarkPrice> {
  const r = shape(PremiumResponse, json, 'Binance premiumIndex response');
  if (!r.ok) return r;
  const picked = rowWhere(Array.isArray(r.value) ? r.value : [r.value], 'symbol', ctx.symbol, Premium, `Binance premiumIndex ${ctx.symbol}`);
  if (!picked.ok) return picked;
  const row = picked.value;
  if (!row) return fail(`Binance premiumIndex has no ${ctx.symbol}.`);
  return guarded(() => {
    const at = venueStamp(row.time, ctx.fetchedAt);
    return ok({ venue: ctx.venue, symbol: ctx.symbol, price: canonical(need(row.markPrice, 'markPrice', POSITIVE)), at, url: ctx.url });
  });
}

const Klines = rawList(1500);

export function parseBinanceKlines(json: unknown): ParseResult<Candle[]> {
  const r = shape(Klines, json, 'Binance klines response');
  if (!r.ok) return r;
  return ok(eachRow(r.value, (k) => ({ openTime: cell(k, 0, 'openTime', NON_NEGATIVE).toNumber(), close: canonical(cell(k, 4, 'close', POSITIVE)) })));
}


const Bracket = v.looseObject({
  bracket: Num,
  initialLeverage: Num,
  notionalCap: Num,
  notionalFloor: Num,
  maintMarginRatio: Num,
  cum: Num,
});
const BracketEntry = v.looseObject({ symbol: v.string(), brackets: list(Bracket, 200) });
const BracketsResponse = rawList(3000);

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
  const picked = rowWhere(r.value, 'symbol', ctx.symbol, BracketEntry, `Binance brackets of ${ctx.symbol}`);
  if (!picked.ok) return picked;
  const entry = picked.value;
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
    return bracketTable(read, ctx, 'notional');
  });
}

const RiskBracket = v.looseObject({
  bracketSeq: Num,
  bracketNotionalFloor: Num,
  bracketNotionalCap: Num,
  bracketMaintenanceMarginRate: Num,
  cumFastMaintenanceAmount: Num,
  maxOpenPosLeverage: Num,
});
const RiskEntry = v.looseObject({ symbol: v.string(), updateTime: v.optional(v.number()), riskBrackets: list(RiskBracket, 200) });
const PublicBrackets = v.looseObject({ code: v.literal('000000'), data: v.looseObject({ brackets: rawList(3000) }) });

/**
 * POST https://www.binance.com/bapi/futures/v1/friendly/future/common/brackets with body {}: the table behind
 * Binance's public "Leverage & Margin" page, for every USDⓈ-M symbol, with no key. COIN-M's page loads the
 * same shape from …/friendly/delivery/common/brackets, with floors, caps and amounts in the base coin
 * (BTCUSD_PERP's first bracket ends at 5 BTC), so a COIN-M table's basis is coin notional. Per symbol: riskBrackets
 * [{bracketSeq, bracketNotionalFloor, bracketNotionalCap, bracketMaintenanceMarginRate,
 * cumFastMaintenanceAmount, minOpenPosLeverage, maxOpenPosLeverage}], the same numbers the signed
 * /fapi/v1/leverageBracket names notionalFloor, notionalCap, maintMarginRatio, cum and initialLeverage
 * (maxOpenPosLeverage is the bracket's highest leverage). It is a web endpoint, not a documented API: it can
 * change without notice, and is read with every check the documented shape gets.
 */
export function parseBinancePublicBrackets(json: unknown, ctx: ParseContext): ParseResult<TierTable> {
  const r = shape(PublicBrackets, json, 'Binance brackets response');
  if (!r.ok) return r;
  const picked = rowWhere(r.value.data.brackets, 'symbol', ctx.symbol, RiskEntry, `Binance brackets of ${ctx.symbol}`);
  if (!picked.ok) return picked;
  const entry = picked.value;
  if (!entry || entry.riskBrackets.length === 0) return fail(`Binance brackets have no ${ctx.symbol}.`);
  return guarded(() => {
    const read = entry.riskBrackets
      .map((b) => {
        const at = `bracket ${String(b.bracketSeq)}`;
        const open = String(b.bracketNotionalCap) === INT64_MAX || b.bracketNotionalCap === Number(INT64_MAX);
        return {
          n: need(b.bracketSeq, 'bracketSeq', POSITIVE),
          floor: need(b.bracketNotionalFloor, `${at} bracketNotionalFloor`, NON_NEGATIVE),
          cap: open ? null : need(b.bracketNotionalCap, `${at} bracketNotionalCap`, POSITIVE),
          mmr: need(b.bracketMaintenanceMarginRate, `${at} bracketMaintenanceMarginRate`, MMR_BOUNDS),
          lev: need(b.maxOpenPosLeverage, `${at} maxOpenPosLeverage`, LEVERAGE_BOUNDS),
          cum: need(b.cumFastMaintenanceAmount, `${at} cumFastMaintenanceAmount`, NON_NEGATIVE),
        };
      })
      .sort((a, b) => a.n.cmp(b.n));
    return bracketTable(read, ctx, ctx.venue === 'binance-coinm' ? 'coin-notional' : 'notional');
  });
}

interface ReadBracket {
  n: D;
  floor: D;
  cap: D | null;
  mmr: D;
  lev: D;
  cum: D;
}

/** Contiguous brackets, maintenance below initial margin, cum on the continuity recurrence: a tier table. */
function bracketTable(read: ReadBracket[], ctx: ParseContext, basis: TierTable['basis']): ParseResult<TierTable> {
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
  return ok(liveTable(ctx, basis, built.tiers, 'floor-inclusive'));
}
