/**
 * Which public endpoint answers which question for each venue, and which parser reads it. Pure: it builds
 * requests and parses bodies; the background does the fetching. Symbols are the venue's own ids:
 * Binance BTCUSDT / BTCUSD_PERP, Bybit BTCUSDT / BTCUSD, OKX BTC-USDT-SWAP, Gate BTC_USDT,
 * Bitget BTCUSDT, Hyperliquid BTC.
 */
import type { TierTable, VenueId } from '../engine/types';
import { INTERVAL_MS } from './volatility';
import { fail, ok, type Candle, type CandleInterval, type ContractSpec, type MarkPrice, type ParseContext, type ParseResult } from './types';
import { parseBinanceExchangeInfo, parseBinanceKlines, parseBinanceLeverageBrackets, parseBinancePremiumIndex, parseBinancePublicBrackets } from './venues/binance';
import { parseBitgetCandles, parseBitgetContract, parseBitgetMarkPrice, parseBitgetPositionTiers, bitgetProductType } from './venues/bitget';
import { bitmexSymbol, parseBitmexInstrument } from './venues/bitmex';
import { bybitCategory, parseBybitInstrument, parseBybitKlines, parseBybitMarkPrice, parseBybitRiskLimit } from './venues/bybit';
import { gateSettle, parseGateCandles, parseGateContractSpec, parseGateMarkPrice, parseGateRiskLimitTiers } from './venues/gate';
import { parseHyperliquidCandles, parseHyperliquidMarkPrice, parseHyperliquidMeta } from './venues/hyperliquid';
import { deribitInstrument, parseDeribitCandles, parseDeribitInstrument, parseDeribitMarkPrice } from './venues/deribit';
import { krakenSymbol, parseKrakenCandles, parseKrakenInstrument, parseKrakenMarginLevels, parseKrakenMarkPrice } from './venues/kraken';
import { mexcSymbol, parseMexcContractSpec, parseMexcFairPrice, parseMexcKlines, parseMexcRiskTiers } from './venues/mexc';
import { okxInstrument, parseOkxCandles, parseOkxInstrument, parseOkxMarkPrice, parseOkxPositionTiers } from './venues/okx';

export interface HttpRequest {
  url: string;
  method: 'GET' | 'POST';
  /** JSON body for POST (Hyperliquid's info endpoint, Binance's brackets). */
  body?: string;
  /**
   * The answer covers every symbol of the venue (Hyperliquid's meta, Binance's brackets): one fetch can serve
   * the next symbols asked about for a few minutes instead of downloading the same answer again.
   */
  shared?: boolean;
}

export interface LiveSource<T> {
  /** The request for a symbol, or why this venue cannot be asked about it. */
  request(symbol: string, nowMs: number): ParseResult<HttpRequest>;
  parse(json: unknown, ctx: ParseContext): ParseResult<T>;
}

const get = (url: string): ParseResult<HttpRequest> => ok({ url, method: 'GET' });
const getShared = (url: string): ParseResult<HttpRequest> => ok({ url, method: 'GET', shared: true });
const post = (url: string, body: unknown): ParseResult<HttpRequest> => ok({ url, method: 'POST', body: JSON.stringify(body) });
const postShared = (url: string, body: unknown): ParseResult<HttpRequest> => ok({ url, method: 'POST', body: JSON.stringify(body), shared: true });
const q = encodeURIComponent;

const BINANCE_SYMBOL = /^[A-Z0-9]{2,30}$/;
const BINANCE_COINM_SYMBOL = /^[A-Z0-9]{2,20}USD_(?:PERP|\d{6})$/;
const BYBIT_SYMBOL = /^[A-Z0-9]{2,30}$/;
const HL_COIN = /^[A-Za-z0-9]{1,20}$/;

function binanceBase(venue: VenueId, symbol: string): ParseResult<string> {
  if (venue === 'binance-coinm') return BINANCE_COINM_SYMBOL.test(symbol) ? ok('https://dapi.binance.com/dapi/v1') : fail(`${symbol} is not a Binance COIN-M symbol (e.g. BTCUSD_PERP).`);
  return BINANCE_SYMBOL.test(symbol) ? ok('https://fapi.binance.com/fapi/v1') : fail(`${symbol} is not a Binance USDⓈ-M symbol (e.g. BTCUSDT).`);
}

const hlInfo = 'https://api.hyperliquid.xyz/info';

const mexcDetail = (s: string): ParseResult<HttpRequest> =>
  mexcSymbol(s) ? get(`https://contract.mexc.com/api/v1/contract/detail?symbol=${q(s)}`) : fail(`${s} is not a USDT- or USDC-margined MEXC contract (e.g. BTC_USDT).`);
// The instruments list answers for every contract at once: one download serves the next symbols too.
const krakenInstruments = (s: string): ParseResult<HttpRequest> =>
  krakenSymbol(s) ? getShared('https://futures.kraken.com/derivatives/api/v3/instruments') : fail(`${s} is not a Kraken Futures symbol (e.g. PI_XBTUSD, PF_XBTUSD).`);
const deribitInstrumentRequest = (s: string): ParseResult<HttpRequest> =>
  deribitInstrument(s) ? get(`https://www.deribit.com/api/v2/public/get_instrument?instrument_name=${q(s)}`) : fail(`${s} is not a Deribit future (e.g. BTC-PERPETUAL, BTC_USDC-PERPETUAL).`);

/** Binance's public web endpoint behind its "Leverage & Margin" page (the API's /fapi/v1/leverageBracket needs a key). */
export const BINANCE_PUBLIC_BRACKETS_URL = 'https://www.binance.com/bapi/futures/v1/friendly/future/common/brackets';

/** The same page's table for COIN-M contracts (brackets in the base coin). */
export const BINANCE_COINM_PUBLIC_BRACKETS_URL = 'https://www.binance.com/bapi/futures/v1/friendly/delivery/common/brackets';

/** Live tier tables. */
export const TIER_SOURCES: Partial<Record<VenueId, LiveSource<TierTable>>> = {
  'binance-usdm': {
    request: (s) => (BINANCE_SYMBOL.test(s) ? postShared(BINANCE_PUBLIC_BRACKETS_URL, {}) : fail(`${s} is not a Binance USDⓈ-M symbol (e.g. BTCUSDT).`)),
    // The live answer is the web endpoint's; a signed /fapi/v1/leverageBracket answer (a list) reads the same.
    parse: (json, ctx) => (Array.isArray(json) ? parseBinanceLeverageBrackets(json, ctx) : parseBinancePublicBrackets(json, ctx)),
  },
  'binance-coinm': {
    request: (s) => (BINANCE_COINM_SYMBOL.test(s) ? postShared(BINANCE_COINM_PUBLIC_BRACKETS_URL, {}) : fail(`${s} is not a Binance COIN-M symbol (e.g. BTCUSD_PERP).`)),
    parse: parseBinancePublicBrackets,
  },
  bybit: {
    request: (s) => (BYBIT_SYMBOL.test(s) ? get(`https://api.bybit.com/v5/market/risk-limit?category=${bybitCategory(s)}&symbol=${q(s)}`) : fail(`${s} is not a Bybit symbol.`)),
    parse: parseBybitRiskLimit,
  },
  okx: {
    request: (s) => {
      const inst = okxInstrument(s);
      return inst
        ? get(`https://www.okx.com/api/v5/public/position-tiers?instType=${inst.instType}&tdMode=isolated&instFamily=${q(inst.instFamily)}`)
        : fail(`${s} is not an OKX swap or futures id (e.g. BTC-USDT-SWAP).`);
    },
    parse: parseOkxPositionTiers,
  },
  gate: {
    request: (s) => (gateSettle(s) ? get(`https://api.gateio.ws/api/v4/futures/usdt/risk_limit_tiers?contract=${q(s)}`) : fail(`${s} is not a USDT-settled Gate contract (e.g. BTC_USDT).`)),
    parse: parseGateRiskLimitTiers,
  },
  bitget: {
    request: (s) => {
      const pt = bitgetProductType(s);
      return pt ? get(`https://api.bitget.com/api/v2/mix/market/query-position-lever?symbol=${q(s)}&productType=${pt}`) : fail(`${s} is not a USDT- or USDC-margined Bitget symbol.`);
    },
    parse: parseBitgetPositionTiers,
  },
  hyperliquid: {
    request: (s) => (HL_COIN.test(s) ? postShared(hlInfo, { type: 'meta' }) : fail(`${s} is not a Hyperliquid coin name (e.g. BTC).`)),
    parse: (json, ctx) => {
      const r = parseHyperliquidMeta(json, ctx);
      return r.ok ? ok(r.value.table) : r;
    },
  },
  mexc: { request: mexcDetail, parse: parseMexcRiskTiers },
  'kraken-futures': { request: krakenInstruments, parse: parseKrakenMarginLevels },
};

const bitmexInstrument = (s: string): ParseResult<HttpRequest> =>
  bitmexSymbol(s) ? get(`https://www.bitmex.com/api/v1/instrument?symbol=${q(s)}`) : fail(`${s} is not a BitMEX symbol (e.g. XBTUSD).`);

export const SPEC_SOURCES: Partial<Record<VenueId, LiveSource<ContractSpec>>> = {
  mexc: { request: mexcDetail, parse: parseMexcContractSpec },
  'kraken-futures': { request: krakenInstruments, parse: parseKrakenInstrument },
  deribit: { request: deribitInstrumentRequest, parse: parseDeribitInstrument },
  bitmex: {
    request: bitmexInstrument,
    parse: (json, ctx) => {
      const r = parseBitmexInstrument(json, ctx);
      return r.ok ? ok(r.value.spec) : r;
    },
  },
  'binance-usdm': { request: (s) => binanceExchangeInfo('binance-usdm', s), parse: parseBinanceExchangeInfo },
  'binance-coinm': { request: (s) => binanceExchangeInfo('binance-coinm', s), parse: parseBinanceExchangeInfo },
  bybit: {
    request: (s) => (BYBIT_SYMBOL.test(s) ? get(`https://api.bybit.com/v5/market/instruments-info?category=${bybitCategory(s)}&symbol=${q(s)}`) : fail(`${s} is not a Bybit symbol.`)),
    parse: parseBybitInstrument,
  },
  okx: {
    request: (s) => {
      const inst = okxInstrument(s);
      return inst ? get(`https://www.okx.com/api/v5/public/instruments?instType=${inst.instType}&instId=${q(s)}`) : fail(`${s} is not an OKX swap or futures id.`);
    },
    parse: parseOkxInstrument,
  },
  gate: {
    request: (s) => (gateSettle(s) ? get(`https://api.gateio.ws/api/v4/futures/usdt/contracts/${q(s)}`) : fail(`${s} is not a USDT-settled Gate contract.`)),
    parse: parseGateContractSpec,
  },
  bitget: {
    request: (s) => {
      const pt = bitgetProductType(s);
      return pt ? get(`https://api.bitget.com/api/v2/mix/market/contracts?productType=${pt}&symbol=${q(s)}`) : fail(`${s} is not a USDT- or USDC-margined Bitget symbol.`);
    },
    parse: parseBitgetContract,
  },
  hyperliquid: {
    request: (s) => (HL_COIN.test(s) ? postShared(hlInfo, { type: 'meta' }) : fail(`${s} is not a Hyperliquid coin name.`)),
    parse: (json, ctx) => {
      const r = parseHyperliquidMeta(json, ctx);
      return r.ok ? ok(r.value.spec) : r;
    },
  },
};

function binanceExchangeInfo(venue: VenueId, s: string): ParseResult<HttpRequest> {
  const base = binanceBase(venue, s);
  return base.ok ? get(`${base.value}/exchangeInfo`) : base;
}

export const MARK_SOURCES: Partial<Record<VenueId, LiveSource<MarkPrice>>> = {
  mexc: {
    request: (s) => (mexcSymbol(s) ? get(`https://contract.mexc.com/api/v1/contract/fair_price/${q(s)}`) : fail(`${s} is not a USDT- or USDC-margined MEXC contract.`)),
    parse: parseMexcFairPrice,
  },
  'kraken-futures': {
    request: (s) => (krakenSymbol(s) ? get(`https://futures.kraken.com/derivatives/api/v3/tickers/${q(s)}`) : fail(`${s} is not a Kraken Futures symbol.`)),
    parse: parseKrakenMarkPrice,
  },
  deribit: {
    request: (s) => (deribitInstrument(s) ? get(`https://www.deribit.com/api/v2/public/ticker?instrument_name=${q(s)}`) : fail(`${s} is not a Deribit future.`)),
    parse: parseDeribitMarkPrice,
  },
  bitmex: {
    request: bitmexInstrument,
    parse: (json, ctx) => {
      const r = parseBitmexInstrument(json, ctx);
      if (!r.ok) return r;
      return r.value.mark ? ok(r.value.mark) : fail(`BitMEX sent no mark price for ${ctx.symbol}.`);
    },
  },
  'binance-usdm': { request: (s) => binancePremium('binance-usdm', s), parse: parseBinancePremiumIndex },
  'binance-coinm': { request: (s) => binancePremium('binance-coinm', s), parse: parseBinancePremiumIndex },
  bybit: {
    request: (s) => (BYBIT_SYMBOL.test(s) ? get(`https://api.bybit.com/v5/market/tickers?category=${bybitCategory(s)}&symbol=${q(s)}`) : fail(`${s} is not a Bybit symbol.`)),
    parse: parseBybitMarkPrice,
  },
  okx: {
    request: (s) => {
      const inst = okxInstrument(s);
      return inst ? get(`https://www.okx.com/api/v5/public/mark-price?instType=${inst.instType}&instId=${q(s)}`) : fail(`${s} is not an OKX swap or futures id.`);
    },
    parse: parseOkxMarkPrice,
  },
  gate: {
    request: (s) => (gateSettle(s) ? get(`https://api.gateio.ws/api/v4/futures/usdt/contracts/${q(s)}`) : fail(`${s} is not a USDT-settled Gate contract.`)),
    parse: parseGateMarkPrice,
  },
  bitget: {
    request: (s) => {
      const pt = bitgetProductType(s);
      return pt ? get(`https://api.bitget.com/api/v2/mix/market/symbol-price?productType=${pt}&symbol=${q(s)}`) : fail(`${s} is not a USDT- or USDC-margined Bitget symbol.`);
    },
    parse: parseBitgetMarkPrice,
  },
  hyperliquid: {
    request: (s) => (HL_COIN.test(s) ? post(hlInfo, { type: 'metaAndAssetCtxs' }) : fail(`${s} is not a Hyperliquid coin name.`)),
    parse: parseHyperliquidMarkPrice,
  },
};

function binancePremium(venue: VenueId, s: string): ParseResult<HttpRequest> {
  const base = binanceBase(venue, s);
  return base.ok ? get(`${base.value}/premiumIndex?symbol=${q(s)}`) : base;
}

/** Candles wanted per interval: the volatility window plus the still-open candle and a little slack. */
const CANDLE_LIMIT: Record<CandleInterval, number> = { '1h': 200, '1d': 40 };

export interface CandleSource {
  request(symbol: string, interval: CandleInterval, nowMs: number): ParseResult<HttpRequest>;
  parse(json: unknown): ParseResult<Candle[]>;
}

export const CANDLE_SOURCES: Partial<Record<VenueId, CandleSource>> = {
  mexc: {
    request: (s, i, now) =>
      mexcSymbol(s)
        ? get(`https://contract.mexc.com/api/v1/contract/kline/${q(s)}?interval=${i === '1h' ? 'Min60' : 'Day1'}&start=${Math.floor((now - CANDLE_LIMIT[i] * INTERVAL_MS[i]) / 1000)}&end=${Math.floor(now / 1000)}`)
        : fail(`${s} is not a USDT- or USDC-margined MEXC contract.`),
    parse: parseMexcKlines,
  },
  'kraken-futures': {
    request: (s, i, now) =>
      krakenSymbol(s)
        ? get(`https://futures.kraken.com/api/charts/v1/mark/${q(s)}/${i}?from=${Math.floor((now - CANDLE_LIMIT[i] * INTERVAL_MS[i]) / 1000)}&to=${Math.floor(now / 1000)}`)
        : fail(`${s} is not a Kraken Futures symbol.`),
    parse: parseKrakenCandles,
  },
  deribit: {
    request: (s, i, now) =>
      deribitInstrument(s)
        ? get(`https://www.deribit.com/api/v2/public/get_tradingview_chart_data?instrument_name=${q(s)}&start_timestamp=${now - CANDLE_LIMIT[i] * INTERVAL_MS[i]}&end_timestamp=${now}&resolution=${i === '1h' ? '60' : '1D'}`)
        : fail(`${s} is not a Deribit future.`),
    parse: parseDeribitCandles,
  },
  'binance-usdm': { request: (s, i) => binanceKlines('binance-usdm', s, i), parse: parseBinanceKlines },
  'binance-coinm': { request: (s, i) => binanceKlines('binance-coinm', s, i), parse: parseBinanceKlines },
  bybit: {
    request: (s, i) =>
      BYBIT_SYMBOL.test(s) ? get(`https://api.bybit.com/v5/market/kline?category=${bybitCategory(s)}&symbol=${q(s)}&interval=${i === '1h' ? '60' : 'D'}&limit=${CANDLE_LIMIT[i]}`) : fail(`${s} is not a Bybit symbol.`),
    parse: parseBybitKlines,
  },
  okx: {
    request: (s, i) =>
      okxInstrument(s) ? get(`https://www.okx.com/api/v5/market/candles?instId=${q(s)}&bar=${i === '1h' ? '1H' : '1Dutc'}&limit=${CANDLE_LIMIT[i]}`) : fail(`${s} is not an OKX swap or futures id.`),
    parse: parseOkxCandles,
  },
  gate: {
    request: (s, i) =>
      gateSettle(s) ? get(`https://api.gateio.ws/api/v4/futures/usdt/candlesticks?contract=${q(s)}&interval=${i}&limit=${CANDLE_LIMIT[i]}`) : fail(`${s} is not a USDT-settled Gate contract.`),
    parse: parseGateCandles,
  },
  bitget: {
    request: (s, i) => {
      const pt = bitgetProductType(s);
      return pt ? get(`https://api.bitget.com/api/v2/mix/market/candles?symbol=${q(s)}&productType=${pt}&granularity=${i === '1h' ? '1H' : '1D'}&limit=${CANDLE_LIMIT[i]}`) : fail(`${s} is not a USDT- or USDC-margined Bitget symbol.`);
    },
    parse: parseBitgetCandles,
  },
  hyperliquid: {
    request: (s, i, now) =>
      HL_COIN.test(s)
        ? post(hlInfo, { type: 'candleSnapshot', req: { coin: s, interval: i, startTime: now - CANDLE_LIMIT[i] * INTERVAL_MS[i], endTime: now } })
        : fail(`${s} is not a Hyperliquid coin name.`),
    parse: parseHyperliquidCandles,
  },
};

function binanceKlines(venue: VenueId, s: string, i: CandleInterval): ParseResult<HttpRequest> {
  const base = binanceBase(venue, s);
  return base.ok ? get(`${base.value}/klines?symbol=${q(s)}&interval=${i}&limit=${CANDLE_LIMIT[i]}`) : base;
}

/**
 * Candles as the volatility code wants them: oldest first, one per open time, only candles that have
 * closed by `nowMs` (venues include the running candle, whose close is just the last trade).
 */
export function closedCandles(candles: Candle[], interval: CandleInterval, nowMs: number): Candle[] {
  const byTime = new Map<number, Candle>();
  for (const c of candles) if (Number.isSafeInteger(c.openTime) && c.openTime + INTERVAL_MS[interval] <= nowMs) byTime.set(c.openTime, c);
  return [...byTime.values()].sort((a, b) => a.openTime - b.openTime);
}

/** Venues whose tier table is bundled with the extension (used when no live table exists or as fallback). */
export const BUNDLED_FOR: Partial<Record<VenueId, 'binance-usdm' | 'binance-coinm' | 'hyperliquid'>> = {
  'binance-usdm': 'binance-usdm',
  'binance-coinm': 'binance-coinm',
  hyperliquid: 'hyperliquid',
};
