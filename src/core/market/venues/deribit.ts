/**
 * Deribit public JSON-RPC over HTTP (https://docs.deribit.com/, "public/get_instrument", "public/ticker",
 * "public/get_tradingview_chart_data"); every answer is {jsonrpc: "2.0", result, usIn, usOut, …} or
 * {jsonrpc, error: {code, message}}.
 * - get_instrument?instrument_name=: {tick_size, contract_size, min_trade_amount, kind, settlement_currency,
 *   quote_currency, instrument_name, max_leverage, …}. An instrument settled in its quote currency
 *   (BTC_USDC-PERPETUAL) is linear; one settled in the coin (BTC-PERPETUAL: contract_size 10 USD) is inverse.
 * - ticker?instrument_name=: {mark_price, timestamp (ms), instrument_name, …}.
 * - get_tradingview_chart_data?instrument_name=&start_timestamp=&end_timestamp=&resolution=60|1D:
 *   {ticks: [ms at the candle's open], close: [], status: "ok"}.
 * Deribit publishes no tier table: its maintenance rate grows with the position (see venue-defaults.ts).
 */
import * as v from 'valibot';
import { LEVERAGE_BOUNDS, POSITIVE, canonical } from '../numbers';
import { fail, ok, type Candle, type ContractSpec, type MarkPrice, type ParseContext, type ParseResult } from '../types';
import { Num, guarded, need, rawList, shape, venueStamp } from './common';

/** BTC-PERPETUAL, BTC_USDC-PERPETUAL, ETH-27DEC26. */
export function deribitInstrument(name: string): boolean {
  return /^[A-Z0-9]{2,10}(?:_(?:USDC|USDT))?-(?:PERPETUAL|\d{1,2}[A-Z]{3}\d{2})$/.test(name);
}

const Rpc = <T extends v.GenericSchema>(result: T) => v.looseObject({ jsonrpc: v.optional(v.string()), result });

const Instrument = v.looseObject({
  instrument_name: v.string(),
  kind: v.string(),
  tick_size: Num,
  contract_size: Num,
  min_trade_amount: v.optional(Num),
  settlement_currency: v.optional(v.string()),
  quote_currency: v.optional(v.string()),
  counter_currency: v.optional(v.string()),
  max_leverage: v.optional(v.nullable(Num)),
});

export function parseDeribitInstrument(json: unknown, ctx: ParseContext): ParseResult<ContractSpec> {
  const r = shape(Rpc(v.union([Instrument, rawList(5000)])), json, 'Deribit instrument response');
  if (!r.ok) return r;
  const rows = Array.isArray(r.value.result) ? r.value.result : [r.value.result];
  const raw = rows.find((x) => typeof x === 'object' && x !== null && (x as { instrument_name?: unknown }).instrument_name === ctx.symbol);
  if (raw === undefined) return fail(`Deribit answered without ${ctx.symbol}.`);
  const i = shape(Instrument, raw, `Deribit instrument ${ctx.symbol}`);
  if (!i.ok) return i;
  const inst = i.value;
  if (inst.kind !== 'future') return fail(`Deribit ${ctx.symbol} is a ${inst.kind}, not a future.`);
  const settle = inst.settlement_currency;
  const quote = inst.quote_currency;
  if (settle === undefined || quote === undefined) return fail(`Deribit ${ctx.symbol}: settlement or quote currency missing, so linear and inverse cannot be told apart.`);
  return guarded(() =>
    ok({
      venue: ctx.venue,
      symbol: ctx.symbol,
      contract: settle === quote ? 'linear' : 'inverse',
      contractSize: canonical(need(inst.contract_size, 'contract_size', POSITIVE)),
      tickSize: canonical(need(inst.tick_size, 'tick_size', POSITIVE)),
      lotSize: inst.min_trade_amount === undefined ? null : canonical(need(inst.min_trade_amount, 'min_trade_amount', POSITIVE)),
      maxLeverage: inst.max_leverage === undefined || inst.max_leverage === null ? null : canonical(need(inst.max_leverage, 'max_leverage', LEVERAGE_BOUNDS)),
      source: 'live',
      capturedAt: ctx.fetchedAt,
      url: ctx.url,
    }),
  );
}

const Ticker = Rpc(v.looseObject({ instrument_name: v.string(), mark_price: Num, timestamp: v.optional(v.number()) }));

export function parseDeribitMarkPrice(json: unknown, ctx: ParseContext): ParseResult<MarkPrice> {
  const r = shape(Ticker, json, 'Deribit ticker response');
  if (!r.ok) return r;
  const t = r.value.result;
  if (t.instrument_name !== ctx.symbol) return fail(`Deribit answered for ${t.instrument_name}, not ${ctx.symbol}.`);
  return guarded(() => {
    const at = venueStamp(t.timestamp, ctx.fetchedAt);
    return ok({ venue: ctx.venue, symbol: ctx.symbol, price: canonical(need(t.mark_price, 'mark_price', POSITIVE)), at, url: ctx.url });
  });
}

const Chart = Rpc(v.looseObject({ ticks: rawList(5000), close: rawList(5000), status: v.optional(v.string()) }));

export function parseDeribitCandles(json: unknown): ParseResult<Candle[]> {
  const r = shape(Chart, json, 'Deribit chart data response');
  if (!r.ok) return r;
  const { ticks, close, status } = r.value.result;
  if (status !== undefined && status !== 'ok') return fail(`Deribit chart data status is ${status}.`);
  if (ticks.length !== close.length) return fail('Deribit chart data: ticks and close have different lengths.');
  const out: Candle[] = [];
  ticks.forEach((t, i) => {
    const c = close[i];
    if (typeof t === 'number' && Number.isSafeInteger(t) && t > 0 && (typeof c === 'number' || typeof c === 'string')) {
      try {
        out.push({ openTime: t, close: canonical(need(c, 'close', POSITIVE)) });
      } catch {
        // A bad candle is a gap; see eachRow.
      }
    }
  });
  return ok(out);
}
