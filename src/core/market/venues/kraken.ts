/**
 * Kraken Futures public endpoints (https://docs.futures.kraken.com/, "Instrument details", "Tickers"; charts
 * service "OHLC").
 * - GET /derivatives/api/v3/instruments: {result: "success", instruments: [{symbol, type, tickSize,
 *   contractSize, contractValueTradePrecision, marginLevels: [{contracts | numNonContractUnits,
 *   initialMargin, maintenanceMargin}], …}]}. Inverse contracts (PI_, FI_; type futures_inverse) count
 *   their margin levels in contracts of contractSize USD; multi-collateral ones (PF_, FF_; flexible_futures)
 *   in numNonContractUnits, the position's value in the quote currency (PF_XBTUSD's levels at 1,000,000 and
 *   3,000,000 sit far above its 1,200 BTC position limit, so they are dollars). Each level starts at its
 *   number and runs to the next one.
 * - GET /derivatives/api/v3/tickers/{symbol}: {result, ticker: {symbol, markPrice, lastTime?}, serverTime}
 *   (or /tickers with a `tickers` list).
 * - GET /api/charts/v1/mark/{symbol}/{1h|1d}?from=&to= (seconds): {candles: [{time (ms, open), open, high,
 *   low, close, volume}], more_candles}.
 * Kraken does not say whether a level's rate applies to the part of the position inside it or to all of it;
 * LiqGuard applies it to all of it, which can only make the maintenance margin larger.
 */
import * as v from 'valibot';
import { D } from '../../decimal';
import { IMR_BOUNDS, MMR_BOUNDS, NON_NEGATIVE, POSITIVE, canonical } from '../numbers';
import { tiersFromCaps } from '../tier-checks';
import { fail, liveTable, ok, type Candle, type ContractSpec, type MarkPrice, type ParseContext, type ParseResult, type TierTable } from '../types';
import { FieldError, Num, eachRow, field, guarded, list, need, rawList, rowWhere, shape } from './common';

/** PI_XBTUSD, PF_ETHUSD, FI_XBTUSD_261225, FF_XBTUSD_261225. */
export function krakenSymbol(symbol: string): boolean {
  return /^(?:PI|PF|FI|FF|PV|FV)_[A-Z0-9]{2,20}(?:_\d{6})?$/.test(symbol);
}

const Level = v.looseObject({ contracts: v.optional(Num), numNonContractUnits: v.optional(Num), initialMargin: Num, maintenanceMargin: Num });
const Instrument = v.looseObject({
  symbol: v.string(),
  type: v.string(),
  tickSize: Num,
  contractSize: Num,
  contractValueTradePrecision: v.optional(v.number()),
  tradeable: v.optional(v.boolean()),
  marginLevels: v.optional(list(Level, 100)),
});
const Instruments = v.looseObject({ result: v.literal('success'), instruments: rawList(2000) });

function instrumentOf(json: unknown, ctx: ParseContext): ParseResult<v.InferOutput<typeof Instrument>> {
  const r = shape(Instruments, json, 'Kraken Futures instruments response');
  if (!r.ok) return r;
  const picked = rowWhere(r.value.instruments, 'symbol', ctx.symbol, Instrument, `Kraken Futures instrument ${ctx.symbol}`);
  if (!picked.ok) return picked;
  return picked.value ? ok(picked.value) : fail(`Kraken Futures instruments has no ${ctx.symbol}.`);
}

const isInverse = (type: string): boolean => type === 'futures_inverse';

export function parseKrakenInstrument(json: unknown, ctx: ParseContext): ParseResult<ContractSpec> {
  const i = instrumentOf(json, ctx);
  if (!i.ok) return i;
  const inst = i.value;
  if (inst.type !== 'futures_inverse' && inst.type !== 'flexible_futures') return fail(`Kraken Futures ${ctx.symbol} is of type ${inst.type}; LiqGuard reads inverse and multi-collateral futures only.`);
  return guarded(() => {
    const first = inst.marginLevels?.[0];
    const p = inst.contractValueTradePrecision;
    return ok({
      venue: ctx.venue,
      symbol: ctx.symbol,
      contract: isInverse(inst.type) ? 'inverse' : 'linear',
      contractSize: canonical(need(inst.contractSize, 'contractSize', POSITIVE)),
      tickSize: canonical(need(inst.tickSize, 'tickSize', POSITIVE)),
      // contractValueTradePrecision is the number of decimals a size may have (negative: a multiple of 10^-p).
      lotSize: p !== undefined && Number.isInteger(p) && Math.abs(p) <= 12 ? canonical(new D(10).pow(-p)) : null,
      maxLeverage: first ? canonical(new D(1).div(need(first.initialMargin, 'marginLevels[0].initialMargin', IMR_BOUNDS)).toDecimalPlaces(2, D.ROUND_DOWN)) : null,
      source: 'live',
      capturedAt: ctx.fetchedAt,
      url: ctx.url,
    });
  });
}

export function parseKrakenMarginLevels(json: unknown, ctx: ParseContext): ParseResult<TierTable> {
  const i = instrumentOf(json, ctx);
  if (!i.ok) return i;
  const inst = i.value;
  const levels = inst.marginLevels ?? [];
  if (levels.length === 0) return fail(`Kraken Futures lists no margin levels for ${ctx.symbol}.`);
  const inverse = isInverse(inst.type);
  if (!inverse && inst.type !== 'flexible_futures') return fail(`Kraken Futures ${ctx.symbol} is of type ${inst.type}; no table is built.`);
  return guarded(() => {
    const read = levels.map((l, n) => {
      const at = `margin level ${n + 1}`;
      const start = inverse ? l.contracts : l.numNonContractUnits;
      if (start === undefined) throw new FieldError(`${at} has no ${inverse ? 'contracts' : 'numNonContractUnits'}.`);
      const imr = need(l.initialMargin, `${at} initialMargin`, IMR_BOUNDS);
      const mmr = need(l.maintenanceMargin, `${at} maintenanceMargin`, MMR_BOUNDS);
      if (!mmr.lt(imr)) throw new FieldError(`${at}: maintenanceMargin ${canonical(mmr)} is not below initialMargin ${canonical(imr)}.`);
      return { start: need(start, `${at} start`, NON_NEGATIVE), mmr, lev: new D(1).div(imr).toDecimalPlaces(2, D.ROUND_DOWN) };
    });
    read.sort((a, b) => a.start.cmp(b.start));
    if (!read[0]?.start.isZero()) throw new FieldError('the first margin level does not start at 0.');
    const built = tiersFromCaps(read.map((l, n) => ({ cap: read[n + 1]?.start ?? null, mmr: l.mmr, maxLeverage: l.lev })), 'zero');
    if ('error' in built) return fail(`Kraken Futures ${ctx.symbol}: ${built.error}`);
    return ok(liveTable(ctx, inverse ? 'contracts' : 'notional', built.tiers));
  });
}

const Ticker = v.looseObject({ symbol: v.string(), markPrice: Num, lastTime: v.optional(v.string()) });
const TickerResponse = v.looseObject({ result: v.literal('success'), ticker: v.optional(v.unknown()), tickers: v.optional(rawList(2000)), serverTime: v.optional(v.string()) });

export function parseKrakenMarkPrice(json: unknown, ctx: ParseContext): ParseResult<MarkPrice> {
  const r = shape(TickerResponse, json, 'Kraken Futures tickers response');
  if (!r.ok) return r;
  const rows = r.value.tickers ?? (r.value.ticker === undefined ? [] : [r.value.ticker]);
  // Kraken's one-symbol answer writes the symbol in lower case (pi_xbtusd) where the list writes PI_XBTUSD.
  const raw = rows.find((x) => typeof x === 'object' && x !== null && String((x as { symbol?: unknown }).symbol).toUpperCase() === ctx.symbol);
  if (raw === undefined) return fail(`Kraken Futures tickers has no ${ctx.symbol}.`);
  const picked = shape(Ticker, raw, `Kraken Futures ticker ${ctx.symbol}`);
  if (!picked.ok) return picked;
  const t = picked.value;
  return guarded(() => {
    const stamp = t.lastTime ?? r.value.serverTime;
    const at = stamp !== undefined && Number.isFinite(Date.parse(stamp)) ? new Date(Date.parse(stamp)).toISOString() : ctx.fetchedAt;
    return ok({ venue: ctx.venue, symbol: ctx.symbol, price: canonical(need(t.markPrice, 'markPrice', POSITIVE)), at, url: ctx.url });
  });
}

const Candles = v.looseObject({ candles: rawList(5000) });

export function parseKrakenCandles(json: unknown): ParseResult<Candle[]> {
  const r = shape(Candles, json, 'Kraken Futures charts response');
  if (!r.ok) return r;
  return ok(eachRow(r.value.candles, (k) => ({ openTime: field(k, 'time', NON_NEGATIVE).toNumber(), close: canonical(field(k, 'close', POSITIVE)) })));
}
