/**
 * Bybit v5 public market data.
 * - GET /v5/market/risk-limit: https://bybit-exchange.github.io/docs/v5/market/risk-limit (docs repo
 *   bybit-exchange/docs, docs/v5/market/risk-limit.mdx, version with mmDeduction and nextPageCursor).
 * - GET /v5/market/instruments-info: https://bybit-exchange.github.io/docs/v5/market/instrument
 * - GET /v5/market/kline: https://bybit-exchange.github.io/docs/v5/market/kline (newest first)
 * - GET /v5/market/tickers: https://bybit-exchange.github.io/docs/v5/market/tickers (markPrice)
 *
 * Units. riskLimitValue is the cap of position value: USDT/USDC for linear, coin for inverse (the doc's
 * BTCUSD example caps tier 1 at 150, i.e. BTC). Rates are fractions in live responses (0.005); the doc's
 * example prints "0.5" and "1" beside maxLeverage "100.00", which only makes sense as percent. We do not
 * guess which one a response uses: each tier must satisfy initialMargin × maxLeverage ≈ 1, so a response
 * in percent (or any other scale) is refused instead of being read 100× wrong.
 * Maintenance margin = position value × MMR − mmDeduction (Bybit help "Risk Limit (Perpetual and
 * Futures)"); mmDeduction is empty on the lowest tier and otherwise must follow the continuity recurrence.
 */
import * as v from 'valibot';
import { IMR_BOUNDS, LEVERAGE_BOUNDS, MMR_BOUNDS, NON_NEGATIVE, POSITIVE, canonical } from '../numbers';
import { tiersFromCaps, type CapTier } from '../tier-checks';
import { fail, liveTable, ok, type Candle, type ContractSpec, type MarkPrice, type ParseContext, type ParseResult, type TierTable } from '../types';
import { FieldError, Num, cell, eachRow, guarded, need, rawList, rowWhere, rowsWhere, shape } from './common';

export type BybitCategory = 'linear' | 'inverse';

/** Bybit inverse symbols end in USD (perpetual) or USD plus a month code and year (BTCUSDH25). */
export function bybitCategory(symbol: string): BybitCategory {
  return /USD(?:[FGHJKMNQUVXZ]\d{2})?$/.test(symbol) && !/USD[TC]/.test(symbol) ? 'inverse' : 'linear';
}

const Envelope = <T extends v.GenericSchema>(result: T) =>
  v.looseObject({ retCode: v.literal(0), retMsg: v.optional(v.string()), result });

const RiskLimitRow = v.looseObject({
  id: v.union([v.number(), v.string()]),
  symbol: v.string(),
  riskLimitValue: Num,
  maintenanceMargin: Num,
  initialMargin: Num,
  isLowestRisk: v.optional(v.union([v.number(), v.string()])),
  maxLeverage: Num,
  mmDeduction: v.optional(v.union([Num, v.null()])),
});

const RiskLimitResponse = Envelope(v.looseObject({ category: v.optional(v.string()), list: rawList(2000), nextPageCursor: v.optional(v.string()) }));

export function parseBybitRiskLimit(json: unknown, ctx: ParseContext): ParseResult<TierTable> {
  const r = shape(RiskLimitResponse, json, 'Bybit risk-limit response');
  if (!r.ok) return r;
  const picked = rowsWhere(r.value.result.list, 'symbol', ctx.symbol, RiskLimitRow, `Bybit risk-limit tier of ${ctx.symbol}`);
  if (!picked.ok) return picked;
  const rows = picked.value;
  if (rows.length === 0) return fail(`Bybit risk-limit response has no tiers for ${ctx.symbol}.`);
  return guarded(() => {
    const read = rows.map((row, i) => {
      const at = `tier ${i + 1}`;
      const cap = need(row.riskLimitValue, `${at} riskLimitValue`, POSITIVE);
      const mmr = need(row.maintenanceMargin, `${at} maintenanceMargin`, MMR_BOUNDS);
      const imr = need(row.initialMargin, `${at} initialMargin`, IMR_BOUNDS);
      const lev = need(row.maxLeverage, `${at} maxLeverage`, LEVERAGE_BOUNDS);
      if (imr.mul(lev).minus(1).abs().gt('0.05')) {
        throw new FieldError(`${at}: initialMargin ${canonical(imr)} × maxLeverage ${canonical(lev)} is not ≈ 1; the rates are not fractions as expected.`);
      }
      if (!mmr.lt(imr)) throw new FieldError(`${at}: maintenance rate ${canonical(mmr)} is not below the initial rate ${canonical(imr)}.`);
      const ded = row.mmDeduction;
      const publishedAmount = ded === undefined || ded === null || ded === '' ? null : need(ded, `${at} mmDeduction`, NON_NEGATIVE);
      return { cap, mmr, maxLeverage: lev, publishedAmount } satisfies CapTier;
    });
    read.sort((a, b) => (a.cap === null || b.cap === null ? 0 : a.cap.cmp(b.cap)));
    for (let i = 1; i < read.length; i++) {
      if (read[i]?.cap?.eq(read[i - 1]?.cap ?? -1)) return fail(`Bybit lists two tiers with the same risk limit for ${ctx.symbol}.`);
    }
    const built = tiersFromCaps(read, 'continuous');
    if ('error' in built) return fail(`Bybit ${ctx.symbol}: ${built.error}`);
    // Position value ≤ riskLimitValue belongs to the tier: cap-inclusive (the engine's default).
    return ok(liveTable(ctx, bybitCategory(ctx.symbol) === 'inverse' ? 'coin-notional' : 'notional', built.tiers));
  });
}

const InstrumentRow = v.looseObject({
  symbol: v.string(),
  contractType: v.optional(v.string()),
  status: v.optional(v.string()),
  priceFilter: v.looseObject({ tickSize: Num }),
  lotSizeFilter: v.looseObject({ qtyStep: Num }),
  leverageFilter: v.optional(v.looseObject({ maxLeverage: Num })),
});

const InstrumentsResponse = Envelope(v.looseObject({ category: v.optional(v.string()), list: rawList(1000) }));

export function parseBybitInstrument(json: unknown, ctx: ParseContext): ParseResult<ContractSpec> {
  const r = shape(InstrumentsResponse, json, 'Bybit instruments-info response');
  if (!r.ok) return r;
  const picked = rowWhere(r.value.result.list, 'symbol', ctx.symbol, InstrumentRow, `Bybit instrument ${ctx.symbol}`);
  if (!picked.ok) return picked;
  const row = picked.value;
  if (!row) return fail(`Bybit instruments-info has no ${ctx.symbol}.`);
  return guarded(() => {
    const inverse = bybitCategory(ctx.symbol) === 'inverse';
    return ok({
      venue: ctx.venue,
      symbol: ctx.symbol,
      contract: inverse ? 'inverse' : 'linear',
      // Linear orders are in base units; inverse orders are in USD (1 USD per contract).
      contractSize: '1',
      tickSize: canonical(need(row.priceFilter.tickSize, 'priceFilter.tickSize', POSITIVE)),
      lotSize: canonical(need(row.lotSizeFilter.qtyStep, 'lotSizeFilter.qtyStep', POSITIVE)),
      maxLeverage: row.leverageFilter ? canonical(need(row.leverageFilter.maxLeverage, 'leverageFilter.maxLeverage', LEVERAGE_BOUNDS)) : null,
      source: 'live',
      capturedAt: ctx.fetchedAt,
      url: ctx.url,
    });
  });
}

const KlineResponse = Envelope(v.looseObject({ symbol: v.optional(v.string()), list: rawList(1000) }));

export function parseBybitKlines(json: unknown): ParseResult<Candle[]> {
  const r = shape(KlineResponse, json, 'Bybit kline response');
  if (!r.ok) return r;
  return ok(eachRow(r.value.result.list, (k) => ({ openTime: cell(k, 0, 'startTime', NON_NEGATIVE).toNumber(), close: canonical(cell(k, 4, 'closePrice', POSITIVE)) })));
}

const TickersResponse = Envelope(v.looseObject({ list: rawList(1000) }));
const TickerRow = v.looseObject({ symbol: v.string(), markPrice: Num });

export function parseBybitMarkPrice(json: unknown, ctx: ParseContext): ParseResult<MarkPrice> {
  const r = shape(TickersResponse, json, 'Bybit tickers response');
  if (!r.ok) return r;
  const picked = rowWhere(r.value.result.list, 'symbol', ctx.symbol, TickerRow, `Bybit ticker ${ctx.symbol}`);
  if (!picked.ok) return picked;
  const row = picked.value;
  if (!row) return fail(`Bybit tickers has no ${ctx.symbol}.`);
  return guarded(() => ok({ venue: ctx.venue, symbol: ctx.symbol, price: canonical(need(row.markPrice, 'markPrice', POSITIVE)), at: ctx.fetchedAt, url: ctx.url }));
}
