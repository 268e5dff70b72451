/**
 * MEXC futures public endpoints (https://mexcdevelop.github.io/apidocs/contract_v1_en/, "Market endpoints";
 * the docs repository mexcdevelop/apidocs, source/index.html.md).
 * - GET /api/v1/contract/detail?symbol=BTC_USDT: {success, code, data}, data one contract (a list without a
 *   symbol): contractSize (base units per contract for USDT-margined), priceUnit (tick), volUnit (size step,
 *   in contracts), maxLeverage, and the risk limit: riskLimitType BY_VOLUME (limits count contracts) or
 *   BY_VALUE, and either
 *     riskLimitMode CUSTOM with riskLimitCustom [{level, maxVol, mmr, imr, maxLeverage}], or
 *     the stepped form (riskLimitMode INCREASE, or no mode on older answers): level n = 1…riskLevelLimit
 *     holds up to riskBaseVol + (n − 1) × riskIncrVol contracts at maintenance rate maintenanceMarginRate +
 *     (n − 1) × riskIncrMmr and initial rate initialMarginRate + (n − 1) × riskIncrImr (the docs name these
 *     fields "initial volume", "risk increasing volume", "maintain/initial increasing margin rate", "risk
 *     level limit"; the levels they describe are the ones MEXC's risk-limit page lists).
 * - GET /api/v1/contract/fair_price/{symbol}: {data: {symbol, fairPrice, timestamp}}: MEXC liquidates on
 *   the fair price, so it is the mark.
 * - GET /api/v1/contract/kline/{symbol}?interval=Min60&start=&end= (seconds): data {time[], open[], close[],
 *   high[], low[], vol[], amount[]}, column arrays, time in seconds at the candle's open.
 *
 * The tier table is given in the base coin (contracts × contractSize), the basis the engine measures a
 * linear position in, so no contract size is needed downstream. MEXC's docs do not say whether a level's
 * rate applies to the part of the position inside it or to all of it; LiqGuard applies it to all of it,
 * which can only make the maintenance margin larger. Only USDT- and USDC-margined (linear) contracts with
 * BY_VOLUME limits are read: for BY_VALUE and coin-margined contracts the unit of the limits is not stated.
 */
import * as v from 'valibot';
import { D } from '../../decimal';
import { IMR_BOUNDS, LEVERAGE_BOUNDS, MMR_BOUNDS, NON_NEGATIVE, POSITIVE, canonical } from '../numbers';
import { tiersFromCaps, type CapTier } from '../tier-checks';
import { fail, liveTable, ok, type Candle, type ContractSpec, type MarkPrice, type ParseContext, type ParseResult, type TierTable } from '../types';
import { FieldError, Num, guarded, list, need, rawList, rowWhere, shape, venueStamp } from './common';

/** BTC_USDT, ETH_USDC: the linear contracts LiqGuard reads. */
export function mexcSymbol(symbol: string): boolean {
  return /^[A-Z0-9]{1,20}_(?:USDT|USDC)$/.test(symbol);
}

const Envelope = <T extends v.GenericSchema>(data: T) => v.looseObject({ success: v.literal(true), code: v.optional(v.number()), data });

const CustomLevel = v.looseObject({ level: Num, maxVol: Num, mmr: Num, imr: Num, maxLeverage: v.optional(Num) });
const Detail = v.looseObject({
  symbol: v.string(),
  quoteCoin: v.optional(v.string()),
  settleCoin: v.optional(v.string()),
  contractSize: Num,
  priceUnit: Num,
  volUnit: v.optional(Num),
  maxLeverage: v.optional(Num),
  maintenanceMarginRate: v.optional(Num),
  initialMarginRate: v.optional(Num),
  riskBaseVol: v.optional(Num),
  riskIncrVol: v.optional(Num),
  riskIncrMmr: v.optional(Num),
  riskIncrImr: v.optional(Num),
  riskLevelLimit: v.optional(Num),
  riskLimitType: v.optional(v.nullable(v.string())),
  riskLimitMode: v.optional(v.nullable(v.string())),
  riskLimitCustom: v.optional(v.nullable(list(CustomLevel, 100))),
  state: v.optional(v.number()),
});
const DetailResponse = Envelope(v.union([v.looseObject({ symbol: v.string() }), rawList(3000)]));

function detailOf(json: unknown, ctx: ParseContext): ParseResult<v.InferOutput<typeof Detail>> {
  const r = shape(DetailResponse, json, 'MEXC contract detail response');
  if (!r.ok) return r;
  const picked = rowWhere(Array.isArray(r.value.data) ? r.value.data : [r.value.data], 'symbol', ctx.symbol, Detail, `MEXC contract ${ctx.symbol}`);
  if (!picked.ok) return picked;
  if (!picked.value) return fail(`MEXC contract detail has no ${ctx.symbol}.`);
  const d = picked.value;
  if (d.settleCoin !== undefined && d.quoteCoin !== undefined && d.settleCoin !== d.quoteCoin) {
    return fail(`MEXC ${ctx.symbol} settles in ${d.settleCoin}: LiqGuard reads only USDT- and USDC-margined MEXC contracts.`);
  }
  return ok(d);
}

export function parseMexcContractSpec(json: unknown, ctx: ParseContext): ParseResult<ContractSpec> {
  const d = detailOf(json, ctx);
  if (!d.ok) return d;
  const c = d.value;
  return guarded(() =>
    ok({
      venue: ctx.venue,
      symbol: ctx.symbol,
      contract: 'linear',
      contractSize: canonical(need(c.contractSize, 'contractSize', POSITIVE)),
      tickSize: canonical(need(c.priceUnit, 'priceUnit', POSITIVE)),
      // Orders are in contracts; volUnit is the step.
      lotSize: c.volUnit === undefined ? null : canonical(need(c.volUnit, 'volUnit', POSITIVE)),
      maxLeverage: c.maxLeverage === undefined ? null : canonical(need(c.maxLeverage, 'maxLeverage', LEVERAGE_BOUNDS)),
      source: 'live',
      capturedAt: ctx.fetchedAt,
      url: ctx.url,
    }),
  );
}

/** MEXC's steps never run past this many levels; a larger riskLevelLimit is a misread answer. */
const MAX_LEVELS = 100;

export function parseMexcRiskTiers(json: unknown, ctx: ParseContext): ParseResult<TierTable> {
  const d = detailOf(json, ctx);
  if (!d.ok) return d;
  const c = d.value;
  if (c.riskLimitType !== undefined && c.riskLimitType !== null && c.riskLimitType !== 'BY_VOLUME') {
    return fail(`MEXC ${ctx.symbol} limits risk ${c.riskLimitType === 'BY_VALUE' ? 'by position value' : `by ${c.riskLimitType}`}; MEXC does not state the unit of those limits, so no table is built.`);
  }
  return guarded(() => {
    const size = need(c.contractSize, 'contractSize', POSITIVE);
    const levels: { cap: D; mmr: D; imr: D; lev: D }[] = [];
    if (c.riskLimitMode === 'CUSTOM' || (c.riskLimitCustom && c.riskLimitCustom.length > 0 && c.riskLimitMode !== 'INCREASE')) {
      const rows = [...(c.riskLimitCustom ?? [])].map((l) => ({ n: need(l.level, 'level', POSITIVE), l })).sort((a, b) => a.n.cmp(b.n));
      if (rows.length === 0) throw new FieldError('riskLimitMode is CUSTOM but riskLimitCustom is empty.');
      for (const { n, l } of rows) {
        const at = `level ${n.toFixed()}`;
        const imr = need(l.imr, `${at} imr`, IMR_BOUNDS);
        const lev = l.maxLeverage === undefined ? new D(1).div(imr).toDecimalPlaces(2, D.ROUND_DOWN) : need(l.maxLeverage, `${at} maxLeverage`, LEVERAGE_BOUNDS);
        levels.push({ cap: need(l.maxVol, `${at} maxVol`, POSITIVE), mmr: need(l.mmr, `${at} mmr`, MMR_BOUNDS), imr, lev });
      }
    } else {
      const base = need(c.riskBaseVol, 'riskBaseVol', POSITIVE);
      const step = need(c.riskIncrVol, 'riskIncrVol', NON_NEGATIVE);
      const mmr0 = need(c.maintenanceMarginRate, 'maintenanceMarginRate', MMR_BOUNDS);
      const imr0 = need(c.initialMarginRate, 'initialMarginRate', IMR_BOUNDS);
      const mmrStep = need(c.riskIncrMmr, 'riskIncrMmr', NON_NEGATIVE);
      const imrStep = need(c.riskIncrImr, 'riskIncrImr', NON_NEGATIVE);
      const count = need(c.riskLevelLimit, 'riskLevelLimit', { min: '1', max: String(MAX_LEVELS) });
      if (!count.isInteger()) throw new FieldError('riskLevelLimit is not a whole number.');
      // One level when the steps are zero (riskIncrVol 0 in recorded answers): the base volume is the limit.
      const n = step.isZero() ? 1 : count.toNumber();
      for (let i = 0; i < n; i++) {
        const imr = imr0.plus(imrStep.mul(i));
        levels.push({
          cap: base.plus(step.mul(i)),
          mmr: mmr0.plus(mmrStep.mul(i)),
          imr,
          lev: new D(1).div(imr).toDecimalPlaces(2, D.ROUND_DOWN),
        });
      }
    }
    const caps: CapTier[] = levels.map((l, i) => {
      if (!l.mmr.lt(l.imr)) throw new FieldError(`level ${i + 1}: maintenance rate ${canonical(l.mmr)} is not below the initial rate ${canonical(l.imr)}.`);
      // The unit check the other venues have: rates are fractions exactly when imr × leverage ≈ 1.
      if (l.imr.mul(l.lev).minus(1).abs().gt('0.05')) throw new FieldError(`level ${i + 1}: initial rate ${canonical(l.imr)} × leverage ${canonical(l.lev)} is not ≈ 1.`);
      return { cap: l.cap.mul(size), mmr: l.mmr, maxLeverage: l.lev };
    });
    const built = tiersFromCaps(caps, 'zero');
    if ('error' in built) return fail(`MEXC ${ctx.symbol}: ${built.error}`);
    // Positions are measured in the base coin (contracts × contractSize) at the liquidation price.
    return ok(liveTable(ctx, 'coin-notional', built.tiers));
  });
}

const FairPrice = Envelope(v.looseObject({ symbol: v.string(), fairPrice: Num, timestamp: v.optional(v.number()) }));

export function parseMexcFairPrice(json: unknown, ctx: ParseContext): ParseResult<MarkPrice> {
  const r = shape(FairPrice, json, 'MEXC fair price response');
  if (!r.ok) return r;
  const p = r.value.data;
  if (p.symbol !== ctx.symbol) return fail(`MEXC answered for ${p.symbol}, not ${ctx.symbol}.`);
  return guarded(() => {
    const at = venueStamp(p.timestamp, ctx.fetchedAt);
    return ok({ venue: ctx.venue, symbol: ctx.symbol, price: canonical(need(p.fairPrice, 'fairPrice', POSITIVE)), at, url: ctx.url });
  });
}

const Kline = Envelope(v.looseObject({ time: rawList(2000), close: rawList(2000) }));

export function parseMexcKlines(json: unknown): ParseResult<Candle[]> {
  const r = shape(Kline, json, 'MEXC kline response');
  if (!r.ok) return r;
  const { time, close } = r.value.data;
  if (time.length !== close.length) return fail('MEXC kline: time and close have different lengths.');
  const out: Candle[] = [];
  time.forEach((t, i) => {
    const open = readSeconds(t);
    const c = close[i];
    const px = typeof c === 'number' || typeof c === 'string' ? readPositive(c) : null;
    if (open !== null && px !== null) out.push({ openTime: open * 1000, close: px });
  });
  return ok(out);
}

function readSeconds(x: unknown): number | null {
  return typeof x === 'number' && Number.isSafeInteger(x) && x > 0 ? x : null;
}

function readPositive(x: string | number): string | null {
  try {
    return canonical(need(x, 'close', POSITIVE));
  } catch {
    return null;
  }
}
