/**
 * Gate API v4 futures, public (https://www.gate.io/docs/developers/apiv4/, "Futures"; field lists from the
 * generated SDK docs gate/gateapi-python docs/Contract.md, FuturesLimitRiskTiers.md, FuturesCandlestick.md).
 * - GET /api/v4/futures/{settle}/contracts/{contract}: contract spec and mark price (read separately).
 * - GET /api/v4/futures/{settle}/risk_limit_tiers?contract=…: [{tier, risk_limit, initial_rate,
 *   maintenance_rate, leverage_max, deduction}]; risk_limit is the tier's cap of position value in the
 *   settle currency, and maintenance margin = value × maintenance_rate − deduction ("quick calculation
 *   deduction"), which must keep margin continuous.
 * - GET /api/v4/futures/{settle}/candlesticks: [{t (seconds), o, h, l, c, v, sum}], oldest first.
 * Only USDT-settled contracts are read: for BTC-settled (inverse) contracts the unit of risk_limit is not
 * stated in the stored docs, and a table in the wrong unit is worse than none.
 */
import * as v from 'valibot';
import { IMR_BOUNDS, LEVERAGE_BOUNDS, MMR_BOUNDS, NON_NEGATIVE, POSITIVE, canonical } from '../numbers';
import { tiersFromCaps, type CapTier } from '../tier-checks';
import { fail, liveTable, ok, type Candle, type ContractSpec, type MarkPrice, type ParseContext, type ParseResult, type TierTable } from '../types';
import { FieldError, Num, eachRow, eachValid, field, guarded, need, rawList, shape } from './common';

/** BTC_USDT → usdt. Null for anything else (inverse BTC-settled contracts are not read; see above). */
export function gateSettle(contract: string): 'usdt' | null {
  return /^[A-Z0-9]{1,20}_USDT$/.test(contract) ? 'usdt' : null;
}

const TierRow = v.looseObject({
  tier: Num,
  risk_limit: Num,
  initial_rate: Num,
  maintenance_rate: Num,
  leverage_max: Num,
  contract: v.optional(v.string()),
  deduction: v.optional(Num),
});
const TiersResponse = rawList(500);

export function parseGateRiskLimitTiers(json: unknown, ctx: ParseContext): ParseResult<TierTable> {
  const r = shape(TiersResponse, json, 'Gate risk_limit_tiers response');
  if (!r.ok) return r;
  // Asked with ?contract=, Gate answers that contract's tiers without naming it; an answer for several
  // contracts names each row's contract, and only this contract's rows are read.
  const mine = r.value.filter((row) => !(typeof row === 'object' && row !== null && 'contract' in row && (row as { contract: unknown }).contract !== ctx.symbol));
  const picked = eachValid(mine, TierRow, `Gate tier of ${ctx.symbol}`);
  if (!picked.ok) return picked;
  const rows = picked.value;
  if (rows.length === 0) return fail(`Gate risk_limit_tiers has no tiers for ${ctx.symbol}.`);
  return guarded(() => {
    const read = rows
      .map((row) => {
        const at = `tier ${String(row.tier)}`;
        const imr = need(row.initial_rate, `${at} initial_rate`, IMR_BOUNDS);
        const mmr = need(row.maintenance_rate, `${at} maintenance_rate`, MMR_BOUNDS);
        const lev = need(row.leverage_max, `${at} leverage_max`, LEVERAGE_BOUNDS);
        // The unit check Bybit and OKX have: rates are fractions exactly when initial_rate × leverage_max ≈ 1
        // (Gate prints 0.006666 beside 150.01×). A table scaled ÷100, or written in percent with its
        // deductions scaled to match, passes every other check and would misread margin 100×.
        if (imr.mul(lev).minus(1).abs().gt('0.05')) {
          throw new FieldError(`${at}: initial_rate ${canonical(imr)} × leverage_max ${canonical(lev)} is not ≈ 1; the rates are not fractions as expected.`);
        }
        if (!mmr.lt(imr)) throw new FieldError(`${at}: maintenance_rate ${canonical(mmr)} is not below initial_rate ${canonical(imr)}.`);
        return {
          tier: need(row.tier, 'tier', POSITIVE),
          cap: need(row.risk_limit, `${at} risk_limit`, POSITIVE),
          mmr,
          maxLeverage: lev,
          publishedAmount: row.deduction === undefined ? null : need(row.deduction, `${at} deduction`, NON_NEGATIVE),
        };
      })
      .sort((a, b) => a.tier.cmp(b.tier));
    const built = tiersFromCaps(read satisfies CapTier[], 'continuous');
    if ('error' in built) return fail(`Gate ${ctx.symbol}: ${built.error}`);
    return ok(liveTable(ctx, 'notional', built.tiers));
  });
}

const ContractName = v.looseObject({ name: v.string() });
const ContractSpecFields = v.looseObject({
  name: v.string(),
  type: v.picklist(['direct', 'inverse']),
  quanto_multiplier: Num,
  leverage_max: v.optional(Num),
  order_price_round: Num,
  order_size_min: v.optional(Num),
  enable_decimal: v.optional(v.nullable(v.boolean())),
});
const ContractMarkFields = v.looseObject({ name: v.string(), mark_price: Num });

/** The contract object, checked to be the one asked for; nothing else of it is read here. */
function gateContract(json: unknown, ctx: ParseContext): ParseResult<unknown> {
  const r = shape(ContractName, json, 'Gate contract response');
  if (!r.ok) return r;
  return r.value.name === ctx.symbol ? ok(json) : fail(`Gate answered for ${r.value.name}, not ${ctx.symbol}.`);
}

/**
 * GET /futures/usdt/contracts/{contract}: the spec. Each question reads only its own fields, so an odd
 * field elsewhere (for example order_size_min 0 on the contracts Gate trades in fractional sizes) never
 * costs the mark price read from the same answer.
 * Sizes: without the X-Gate-Size-Decimal header Gate keeps its integer size fields, and a contract with
 * fractional sizes (enable_decimal) reports order_size_min 0: its size step is then not in the answer, and
 * lotSize is null rather than a guess.
 */
export function parseGateContractSpec(json: unknown, ctx: ParseContext): ParseResult<ContractSpec> {
  const c0 = gateContract(json, ctx);
  if (!c0.ok) return c0;
  const r = shape(ContractSpecFields, c0.value, 'Gate contract response');
  if (!r.ok) return r;
  const c = r.value;
  return guarded(() => {
    const minSize = c.order_size_min === undefined ? null : need(c.order_size_min, 'order_size_min', NON_NEGATIVE);
    const lot = c.enable_decimal === true || minSize === null || minSize.isZero() ? null : canonical(minSize);
    return ok({
      venue: ctx.venue,
      symbol: ctx.symbol,
      contract: c.type === 'inverse' ? 'inverse' : 'linear',
      contractSize: canonical(need(c.quanto_multiplier, 'quanto_multiplier', POSITIVE)),
      tickSize: canonical(need(c.order_price_round, 'order_price_round', POSITIVE)),
      lotSize: lot,
      maxLeverage: c.leverage_max === undefined ? null : canonical(need(c.leverage_max, 'leverage_max', LEVERAGE_BOUNDS)),
      source: 'live',
      capturedAt: ctx.fetchedAt,
      url: ctx.url,
    });
  });
}

/** The mark price from the same contract answer. */
export function parseGateMarkPrice(json: unknown, ctx: ParseContext): ParseResult<MarkPrice> {
  const c0 = gateContract(json, ctx);
  if (!c0.ok) return c0;
  const r = shape(ContractMarkFields, c0.value, 'Gate contract response');
  if (!r.ok) return r;
  const c = r.value;
  return guarded(() => ok({ venue: ctx.venue, symbol: ctx.symbol, price: canonical(need(c.mark_price, 'mark_price', POSITIVE)), at: ctx.fetchedAt, url: ctx.url }));
}

const CandlesResponse = rawList(2000);

/** Perpetual candles: objects {t (seconds, open time), o, h, l, c, v (contracts), sum}, oldest first. */
export function parseGateCandles(json: unknown): ParseResult<Candle[]> {
  const r = shape(CandlesResponse, json, 'Gate candlesticks response');
  if (!r.ok) return r;
  return ok(eachRow(r.value, (k) => ({ openTime: field(k, 't', NON_NEGATIVE).mul(1000).toNumber(), close: canonical(field(k, 'c', POSITIVE)) })));
}
