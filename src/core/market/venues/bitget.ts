/**
 * Bitget API v2 mix (futures), public (https://www.bitget.com/api-doc/contract/market/Get-Query-Position-Lever
 * "Get Position Tier"; Get-Candle-Data; Get-Symbol-Price; Get-All-Symbols-Contracts).
 * - GET /api/v2/mix/market/query-position-lever?symbol=&productType=: [{symbol, level, startUnit, endUnit,
 *   leverage, keepMarginRate}]. startUnit/endUnit bound the position value in USDT (the doc's BTCUSDT
 *   example: 0–50000 at 125×).
 * Bitget's published isolated formula (support article 12560603808759, 2025-09-18) has no deduction term:
 * the tier's rate applies to the whole position, so amounts are 0.
 * Only USDT-FUTURES and USDC-FUTURES are read; the unit of COIN-FUTURES tiers is not stated in the docs.
 */
import * as v from 'valibot';
import { LEVERAGE_BOUNDS, MMR_BOUNDS, NON_NEGATIVE, POSITIVE, canonical } from '../numbers';
import { tiersFromCaps, type CapTier } from '../tier-checks';
import { fail, liveTable, ok, type Candle, type ContractSpec, type MarkPrice, type ParseContext, type ParseResult, type TierTable } from '../types';
import { FieldError, Num, cell, eachRow, guarded, need, rawList, rowWhere, rowsWhere, shape, venueStamp } from './common';

export type BitgetProductType = 'USDT-FUTURES' | 'USDC-FUTURES';

/** BTCUSDT → USDT-FUTURES; BTCPERP / BTCUSDC → USDC-FUTURES; coin-margined symbols → null (not read). */
export function bitgetProductType(symbol: string): BitgetProductType | null {
  if (/^[A-Z0-9]{1,20}USDT$/.test(symbol)) return 'USDT-FUTURES';
  if (/^[A-Z0-9]{1,20}(?:PERP|USDC)$/.test(symbol)) return 'USDC-FUTURES';
  return null;
}

const Envelope = <T extends v.GenericSchema>(data: T) => v.looseObject({ code: v.literal('00000'), msg: v.optional(v.string()), data });

const TierRow = v.looseObject({ symbol: v.string(), level: Num, startUnit: Num, endUnit: Num, leverage: Num, keepMarginRate: Num });
const TiersResponse = Envelope(rawList(500));

export function parseBitgetPositionTiers(json: unknown, ctx: ParseContext): ParseResult<TierTable> {
  const r = shape(TiersResponse, json, 'Bitget position-tier response');
  if (!r.ok) return r;
  const picked = rowsWhere(r.value.data, 'symbol', ctx.symbol, TierRow, `Bitget tier of ${ctx.symbol}`);
  if (!picked.ok) return picked;
  const rows = picked.value;
  if (rows.length === 0) return fail(`Bitget position-tier has no tiers for ${ctx.symbol}.`);
  return guarded(() => {
    const read = rows
      .map((row) => ({
        level: need(row.level, 'level', POSITIVE),
        start: need(row.startUnit, `level ${String(row.level)} startUnit`, NON_NEGATIVE),
        end: need(row.endUnit, `level ${String(row.level)} endUnit`, POSITIVE),
        mmr: need(row.keepMarginRate, `level ${String(row.level)} keepMarginRate`, MMR_BOUNDS),
        lev: need(row.leverage, `level ${String(row.level)} leverage`, LEVERAGE_BOUNDS),
      }))
      .sort((a, b) => a.level.cmp(b.level));
    const caps: CapTier[] = read.map((t, i) => {
      const prev = read[i - 1];
      if (i === 0 && !t.start.isZero()) throw new FieldError('level 1 startUnit is not 0.');
      if (prev && !t.start.eq(prev.end)) throw new FieldError(`level ${t.level.toFixed()} starts at ${canonical(t.start)}, level ${prev.level.toFixed()} ends at ${canonical(prev.end)}.`);
      if (t.mmr.mul(t.lev).gte(1)) throw new FieldError(`level ${t.level.toFixed()}: keepMarginRate × leverage ≥ 1, impossible.`);
      return { cap: t.end, mmr: t.mmr, maxLeverage: t.lev };
    });
    const built = tiersFromCaps(caps, 'zero');
    if ('error' in built) return fail(`Bitget ${ctx.symbol}: ${built.error}`);
    return ok(liveTable(ctx, 'notional', built.tiers));
  });
}

const ContractRow = v.looseObject({
  symbol: v.string(),
  pricePlace: Num,
  priceEndStep: Num,
  sizeMultiplier: Num,
  maxLever: v.optional(Num),
});
const ContractsResponse = Envelope(rawList(2000));

export function parseBitgetContract(json: unknown, ctx: ParseContext): ParseResult<ContractSpec> {
  const r = shape(ContractsResponse, json, 'Bitget contracts response');
  if (!r.ok) return r;
  const picked = rowWhere(r.value.data, 'symbol', ctx.symbol, ContractRow, `Bitget contract ${ctx.symbol}`);
  if (!picked.ok) return picked;
  const row = picked.value;
  if (!row) return fail(`Bitget contracts has no ${ctx.symbol}.`);
  return guarded(() => {
    const places = need(row.pricePlace, 'pricePlace', { min: '0', max: '12' });
    if (!places.isInteger()) throw new FieldError('pricePlace is not an integer.');
    const step = need(row.priceEndStep, 'priceEndStep', POSITIVE);
    return ok({
      venue: ctx.venue,
      symbol: ctx.symbol,
      contract: 'linear',
      contractSize: '1',
      tickSize: canonical(step.div(places.toNumber() === 0 ? 1 : `1e${places.toNumber()}`)),
      lotSize: canonical(need(row.sizeMultiplier, 'sizeMultiplier', POSITIVE)),
      maxLeverage: row.maxLever === undefined ? null : canonical(need(row.maxLever, 'maxLever', LEVERAGE_BOUNDS)),
      source: 'live',
      capturedAt: ctx.fetchedAt,
      url: ctx.url,
    });
  });
}

const CandlesResponse = Envelope(rawList(1000));

/** Candles: [ts, open, high, low, close, base volume, quote volume], as strings, oldest first. */
export function parseBitgetCandles(json: unknown): ParseResult<Candle[]> {
  const r = shape(CandlesResponse, json, 'Bitget candles response');
  if (!r.ok) return r;
  return ok(eachRow(r.value.data, (k) => ({ openTime: cell(k, 0, 'ts', NON_NEGATIVE).toNumber(), close: canonical(cell(k, 4, 'close', POSITIVE)) })));
}

const PriceResponse = Envelope(rawList(2000));
const PriceRow = v.looseObject({ symbol: v.string(), markPrice: Num, ts: v.optional(Num) });

export function parseBitgetMarkPrice(json: unknown, ctx: ParseContext): ParseResult<MarkPrice> {
  const r = shape(PriceResponse, json, 'Bitget symbol-price response');
  if (!r.ok) return r;
  const picked = rowWhere(r.value.data, 'symbol', ctx.symbol, PriceRow, `Bitget price of ${ctx.symbol}`);
  if (!picked.ok) return picked;
  const row = picked.value;
  if (!row) return fail(`Bitget symbol-price has no ${ctx.symbol}.`);
  return guarded(() => ok({ venue: ctx.venue, symbol: ctx.symbol, price: canonical(need(row.markPrice, 'markPrice', POSITIVE)), at: venueStamp(row.ts, ctx.fetchedAt), url: ctx.url }));
}
