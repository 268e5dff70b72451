/**
 * OKX API v5 public endpoints (https://www.okx.com/docs-v5/en/, sections "Get position tiers",
 * "Get instruments", "Get candlesticks", "Get mark price"; field lists cross-checked with the public
 * position-tier structs of nautilus_okx and okxr, read 2026-11).
 *
 * Position tiers for SWAP/FUTURES count CONTRACTS (minSz/maxSz), not notional: the tier lookup must use the
 * contract count (research §1 "OKX"). OKX charges the tier's rate on the whole position (maintenance margin
 * = position value × mmr, no deduction), so amounts are 0 and margin steps at a boundary.
 * Tier n covers (maxSz of n−1, maxSz of n]; OKX prints the next floor either equal to the previous cap or
 * one contract above it, and both read the same way.
 */
import * as v from 'valibot';
import { IMR_BOUNDS, LEVERAGE_BOUNDS, MMR_BOUNDS, NON_NEGATIVE, POSITIVE, canonical } from '../numbers';
import { tiersFromCaps, type CapTier } from '../tier-checks';
import { fail, liveTable, ok, type Candle, type ContractSpec, type MarkPrice, type ParseContext, type ParseResult, type TierTable } from '../types';
import { FieldError, Num, cell, eachRow, guarded, need, rawList, rowWhere, rowsWhere, shape, venueStamp } from './common';

/**
 * BTC-USDT-SWAP → { instType: SWAP, instFamily: BTC-USDT }. OKX's USDⓈ-margined linear contracts carry a
 * `_UM` family suffix (BTC-USD_UM-SWAP, BTC-USD_UM-261225: instFamily BTC-USD_UM, ctType linear, 0.01 BTC a
 * contract), distinct from the coin-margined BTC-USD family that shares their `uly`. Null for ids that are
 * not swaps or dated futures (spot, options, the `_UM_XPERP` long-dated perpetual-style board).
 */
export function okxInstrument(instId: string): { instType: 'SWAP' | 'FUTURES'; instFamily: string } | null {
  const m = /^([A-Z0-9]{1,20})-([A-Z]{2,6}(?:_UM)?)-(SWAP|\d{6})$/.exec(instId);
  if (!m) return null;
  return { instType: m[3] === 'SWAP' ? 'SWAP' : 'FUTURES', instFamily: `${m[1]}-${m[2]}` };
}

const Envelope = <T extends v.GenericSchema>(data: T) => v.looseObject({ code: v.literal('0'), msg: v.optional(v.string()), data });

const TierRow = v.looseObject({
  instFamily: v.optional(v.string()),
  uly: v.optional(v.string()),
  instId: v.optional(v.string()),
  tier: Num,
  minSz: Num,
  maxSz: Num,
  mmr: Num,
  imr: Num,
  maxLever: Num,
});
const TiersResponse = Envelope(rawList(500));

export function parseOkxPositionTiers(json: unknown, ctx: ParseContext): ParseResult<TierTable> {
  const r = shape(TiersResponse, json, 'OKX position-tiers response');
  if (!r.ok) return r;
  const family = okxInstrument(ctx.symbol)?.instFamily;
  if (!family) return fail(`${ctx.symbol} is not an OKX swap or futures id.`);
  // instFamily names the margin family exactly; `uly` is shared by BTC-USD and BTC-USD_UM, so a row that
  // carries only `uly` is matched only for a family without the _UM suffix.
  const byFamily = rowsWhere(r.value.data, 'instFamily', family, TierRow, `OKX tier of ${family}`);
  if (!byFamily.ok) return byFamily;
  let rows = byFamily.value;
  if (rows.length === 0 && !family.endsWith('_UM')) {
    const byUly = rowsWhere(r.value.data, 'uly', family, TierRow, `OKX tier of ${family}`);
    if (!byUly.ok) return byUly;
    rows = byUly.value.filter((row) => row.instFamily === undefined || row.instFamily === family);
  }
  if (rows.length === 0) return fail(`OKX position-tiers has no tiers for ${family ?? ctx.symbol}.`);
  return guarded(() => {
    const read = rows
      .map((row) => ({
        tier: need(row.tier, 'tier', POSITIVE),
        min: need(row.minSz, `tier ${String(row.tier)} minSz`, NON_NEGATIVE),
        max: need(row.maxSz, `tier ${String(row.tier)} maxSz`, POSITIVE),
        mmr: need(row.mmr, `tier ${String(row.tier)} mmr`, MMR_BOUNDS),
        imr: need(row.imr, `tier ${String(row.tier)} imr`, IMR_BOUNDS),
        lev: need(row.maxLever, `tier ${String(row.tier)} maxLever`, LEVERAGE_BOUNDS),
      }))
      .sort((a, b) => a.tier.cmp(b.tier));
    const caps: CapTier[] = [];
    read.forEach((t, i) => {
      const prev = read[i - 1];
      if (i === 0 && !t.min.isZero()) throw new FieldError('tier 1 minSz is not 0.');
      if (prev && !(t.min.eq(prev.max) || (t.min.eq(prev.max.plus(1)) && prev.max.isInteger()))) {
        throw new FieldError(`tier ${t.tier.toFixed()} starts at ${canonical(t.min)} but tier ${prev.tier.toFixed()} ends at ${canonical(prev.max)}.`);
      }
      if (!t.mmr.lt(t.imr)) throw new FieldError(`tier ${t.tier.toFixed()}: mmr ${canonical(t.mmr)} is not below imr ${canonical(t.imr)}.`);
      if (t.imr.mul(t.lev).minus(1).abs().gt('0.05')) throw new FieldError(`tier ${t.tier.toFixed()}: imr × maxLever is not ≈ 1.`);
      caps.push({ cap: t.max, mmr: t.mmr, maxLeverage: t.lev });
    });
    const built = tiersFromCaps(caps, 'zero');
    if ('error' in built) return fail(`OKX ${ctx.symbol}: ${built.error}`);
    return ok(liveTable(ctx, 'contracts', built.tiers));
  });
}

const InstrumentRow = v.looseObject({
  instId: v.string(),
  ctVal: Num,
  ctMult: v.optional(Num),
  ctType: v.optional(v.string()),
  tickSz: Num,
  lotSz: Num,
  lever: v.optional(v.union([Num, v.literal('')])),
  state: v.optional(v.string()),
});
const InstrumentsResponse = Envelope(rawList(2000));

export function parseOkxInstrument(json: unknown, ctx: ParseContext): ParseResult<ContractSpec> {
  const r = shape(InstrumentsResponse, json, 'OKX instruments response');
  if (!r.ok) return r;
  const picked = rowWhere(r.value.data, 'instId', ctx.symbol, InstrumentRow, `OKX instrument ${ctx.symbol}`);
  if (!picked.ok) return picked;
  const row = picked.value;
  if (!row) return fail(`OKX instruments has no ${ctx.symbol}.`);
  return guarded(() => {
    const ctVal = need(row.ctVal, 'ctVal', POSITIVE);
    const ctMult = row.ctMult === undefined || row.ctMult === '' ? null : need(row.ctMult, 'ctMult', POSITIVE);
    if (row.ctType !== 'linear' && row.ctType !== 'inverse') throw new FieldError(`ctType is ${JSON.stringify(row.ctType)}, expected linear or inverse.`);
    return ok({
      venue: ctx.venue,
      symbol: ctx.symbol,
      contract: row.ctType,
      contractSize: canonical(ctMult ? ctVal.mul(ctMult) : ctVal),
      tickSize: canonical(need(row.tickSz, 'tickSz', POSITIVE)),
      lotSize: canonical(need(row.lotSz, 'lotSz', POSITIVE)),
      maxLeverage: row.lever === undefined || row.lever === '' ? null : canonical(need(row.lever, 'lever', LEVERAGE_BOUNDS)),
      source: 'live',
      capturedAt: ctx.fetchedAt,
      url: ctx.url,
    });
  });
}

const CandlesResponse = Envelope(rawList(1000));

/** OKX candles arrive newest first; the 9th field `confirm` is "0" while the candle is still open. */
export function parseOkxCandles(json: unknown): ParseResult<Candle[]> {
  const r = shape(CandlesResponse, json, 'OKX candles response');
  if (!r.ok) return r;
  const closed = r.value.data.filter((k) => !(Array.isArray(k) && k[8] === '0'));
  return ok(eachRow(closed, (k) => ({ openTime: cell(k, 0, 'ts', NON_NEGATIVE).toNumber(), close: canonical(cell(k, 4, 'close', POSITIVE)) })));
}

const MarkResponse = Envelope(rawList(2000));
const MarkRow = v.looseObject({ instId: v.string(), markPx: Num, ts: v.optional(Num) });

export function parseOkxMarkPrice(json: unknown, ctx: ParseContext): ParseResult<MarkPrice> {
  const r = shape(MarkResponse, json, 'OKX mark-price response');
  if (!r.ok) return r;
  const picked = rowWhere(r.value.data, 'instId', ctx.symbol, MarkRow, `OKX mark price of ${ctx.symbol}`);
  if (!picked.ok) return picked;
  const row = picked.value;
  if (!row) return fail(`OKX mark-price has no ${ctx.symbol}.`);
  return guarded(() => {
    return ok({ venue: ctx.venue, symbol: ctx.symbol, price: canonical(need(row.markPx, 'markPx', POSITIVE)), at: venueStamp(row.ts, ctx.fetchedAt), url: ctx.url });
  });
}
