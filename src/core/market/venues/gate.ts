/**
 * Gate API v4 futures, public (https://www.gate.io/docs/developers/apiv4/, "Futures"; field lists from the
 * generated SDK docs gate/gateapi-python docs/Contract.md, FuturesLimitRiskTiers.md, FuturesCandlestick.md).
 * - GET /api/v4/futures/{settle}/contracts/{contract}: contract spec and mark price.
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
import { FieldError, Num, guarded, list, need, shape } from './common';

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
const TiersResponse = list(TierRow, 500);

export function parseGateRiskLimitTiers(json: unknown, ctx: ParseContext): ParseResult<TierTable> {
  const r = shape(TiersResponse, json, 'Gate risk_limit_tiers response');
  if (!r.ok) return r;
  const rows = r.value.filter((row) => row.contract === undefined || row.contract === ctx.symbol);
  if (rows.length === 0) return fail(`Gate risk_limit_tiers has no tiers for ${ctx.symbol}.`);
  return guarded(() => {
    const read = rows
      .map((row) => {
        const at = `tier ${String(row.tier)}`;
        const imr = need(row.initial_rate, `${at} initial_rate`, IMR_BOUNDS);
        const mmr = need(row.maintenance_rate, `${at} maintenance_rate`, MMR_BOUNDS);
        const lev = need(row.leverage_max, `${at} leverage_max`, LEVERAGE_BOUNDS);
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

const ContractResponse = v.looseObject({
  name: v.string(),
  type: v.picklist(['direct', 'inverse']),
  quanto_multiplier: Num,
  leverage_max: Num,
  mark_price: Num,
  order_price_round: Num,
  order_size_min: Num,
});

export function parseGateContract(json: unknown, ctx: ParseContext): ParseResult<{ spec: ContractSpec; mark: MarkPrice }> {
  const r = shape(ContractResponse, json, 'Gate contract response');
  if (!r.ok) return r;
  if (r.value.name !== ctx.symbol) return fail(`Gate answered for ${r.value.name}, not ${ctx.symbol}.`);
  const c = r.value;
  return guarded(() =>
    ok({
      spec: {
        venue: ctx.venue,
        symbol: ctx.symbol,
        contract: c.type === 'inverse' ? 'inverse' : 'linear',
        contractSize: canonical(need(c.quanto_multiplier, 'quanto_multiplier', POSITIVE)),
        tickSize: canonical(need(c.order_price_round, 'order_price_round', POSITIVE)),
        lotSize: canonical(need(c.order_size_min, 'order_size_min', POSITIVE)),
        maxLeverage: canonical(need(c.leverage_max, 'leverage_max', LEVERAGE_BOUNDS)),
        source: 'live',
        capturedAt: ctx.fetchedAt,
        url: ctx.url,
      },
      mark: { venue: ctx.venue, symbol: ctx.symbol, price: canonical(need(c.mark_price, 'mark_price', POSITIVE)), at: ctx.fetchedAt, url: ctx.url },
    }),
  );
}

const CandlesResponse = list(v.looseObject({ t: Num, c: Num }), 2000);

export function parseGateCandles(json: unknown): ParseResult<Candle[]> {
  const r = shape(CandlesResponse, json, 'Gate candlesticks response');
  if (!r.ok) return r;
  return guarded(() => ok(r.value.map((k) => ({ openTime: need(k.t, 't', NON_NEGATIVE).mul(1000).toNumber(), close: canonical(need(k.c, 'c', POSITIVE)) }))));
}
