/**
 * BitMEX REST API v1, public (https://www.bitmex.com/api/explorer/, "Instrument"; field list as in the API's
 * Instrument model, e.g. symbol, isInverse, multiplier, underlyingToSettleMultiplier, tickSize, lotSize,
 * initMargin, markPrice, timestamp).
 * - GET /api/v1/instrument?symbol=XBTUSD → [instrument]: contract spec and mark price in one answer.
 * Only inverse instruments are read, because the engine's BitMEX formula is the inverse one; for those, one
 * contract is worth multiplier ÷ underlyingToSettleMultiplier USD (XBTUSD: −1e8 ÷ −1e8 = 1 USD). A quanto or
 * linear instrument is refused rather than read in the wrong unit.
 */
import * as v from 'valibot';
import { IMR_BOUNDS, POSITIVE, canonical } from '../numbers';
import { fail, ok, type ContractSpec, type MarkPrice, type ParseContext, type ParseResult } from '../types';
import { FieldError, Num, guarded, need, rawList, rowWhere, shape } from './common';
import { D } from '../../decimal';

/** BitMEX symbols: XBTUSD, ETHUSD, XBTZ26… */
export function bitmexSymbol(symbol: string): boolean {
  return /^[A-Z0-9]{3,20}$/.test(symbol);
}

const Instrument = v.looseObject({
  symbol: v.string(),
  isInverse: v.boolean(),
  isQuanto: v.optional(v.boolean()),
  multiplier: Num,
  underlyingToSettleMultiplier: v.nullable(Num),
  tickSize: Num,
  lotSize: Num,
  initMargin: Num,
  markPrice: v.nullable(Num),
  timestamp: v.optional(v.string()),
});
const InstrumentResponse = rawList(50);

export function parseBitmexInstrument(json: unknown, ctx: ParseContext): ParseResult<{ spec: ContractSpec; mark: MarkPrice | null }> {
  const r = shape(InstrumentResponse, json, 'BitMEX instrument response');
  if (!r.ok) return r;
  const picked = rowWhere(r.value, 'symbol', ctx.symbol, Instrument, `BitMEX instrument ${ctx.symbol}`);
  if (!picked.ok) return picked;
  const inst = picked.value;
  if (!inst) return fail(`BitMEX answered without ${ctx.symbol}.`);
  if (!inst.isInverse || inst.isQuanto === true) return fail(`BitMEX ${ctx.symbol} is not an inverse contract; LiqGuard reads only inverse BitMEX contracts.`);
  return guarded(() => {
    // Both multipliers are negative for inverse contracts; their ratio is the USD face value of one contract.
    const multiplier = new D(String(inst.multiplier));
    const settle = inst.underlyingToSettleMultiplier === null ? null : new D(String(inst.underlyingToSettleMultiplier));
    if (settle === null || settle.isZero() || !multiplier.isFinite() || !settle.isFinite()) throw new FieldError('underlyingToSettleMultiplier is missing or zero.');
    const faceValue = multiplier.div(settle);
    if (!faceValue.gt(0) || faceValue.gt(1e6)) throw new FieldError(`multiplier ÷ underlyingToSettleMultiplier is ${faceValue.toString()}, not a contract face value.`);
    const imr = need(inst.initMargin, 'initMargin', IMR_BOUNDS);
    const spec: ContractSpec = {
      venue: ctx.venue,
      symbol: ctx.symbol,
      contract: 'inverse',
      contractSize: canonical(faceValue),
      tickSize: canonical(need(inst.tickSize, 'tickSize', POSITIVE)),
      lotSize: canonical(need(inst.lotSize, 'lotSize', POSITIVE)),
      maxLeverage: canonical(new D(1).div(imr).toDecimalPlaces(2, D.ROUND_DOWN)),
      source: 'live',
      capturedAt: ctx.fetchedAt,
      url: ctx.url,
    };
    const at = inst.timestamp !== undefined && !Number.isNaN(Date.parse(inst.timestamp)) ? inst.timestamp : ctx.fetchedAt;
    const mark = inst.markPrice === null ? null : { venue: ctx.venue, symbol: ctx.symbol, price: canonical(need(inst.markPrice, 'markPrice', POSITIVE)), at, url: ctx.url };
    return ok({ spec, mark });
  });
}
