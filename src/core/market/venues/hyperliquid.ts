/**
 * Hyperliquid info endpoint (POST https://api.hyperliquid.xyz/info), public.
 * - {"type":"meta"}: {universe:[{name, szDecimals, maxLeverage, marginTableId, onlyIsolated?, isDelisted?}],
 *   marginTables:[[id, {description, marginTiers:[{lowerBound, maxLeverage}]}]]}
 *   (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint/perpetuals).
 * - {"type":"metaAndAssetCtxs"}: [meta, [{markPx, …} per universe entry]].
 * - {"type":"candleSnapshot","req":{coin, interval, startTime, endTime}}: [{t, T, s, i, o, c, h, l, v, n}].
 *
 * Margin tiers (https://hyperliquid.gitbook.io/hyperliquid-docs/trading/margin-tiers, read 2026-11):
 * maintenance_margin = notional × mmr − deduction, mmr(tier) = ½ × 1/maxLeverage(tier), and the deduction
 * follows the continuity recurrence on each tier's lower bound. "For IDs less than 50, there is a single
 * tier with max leverage equal to the ID." A lower bound belongs to its own tier: floor-inclusive.
 */
import * as v from 'valibot';
import { D } from '../../decimal';
import { LEVERAGE_BOUNDS, NON_NEGATIVE, POSITIVE, canonical } from '../numbers';
import { tiersFromCaps, type CapTier } from '../tier-checks';
import { fail, liveTable, ok, type Candle, type ContractSpec, type MarkPrice, type ParseContext, type ParseResult, type TierTable } from '../types';
import { FieldError, Num, eachRow, field, guarded, list, need, rawList, shape } from './common';

const Asset = v.looseObject({
  name: v.pipe(v.string(), v.maxLength(40)),
  szDecimals: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10)),
  maxLeverage: Num,
  marginTableId: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  // Recorded answers carry `isDelisted: null` on some assets: null says nothing, absent says nothing.
  isDelisted: v.optional(v.nullable(v.boolean())),
  onlyIsolated: v.optional(v.nullable(v.boolean())),
});
const MarginTier = v.looseObject({ lowerBound: Num, maxLeverage: Num });
const MarginTable = v.looseObject({ description: v.optional(v.string()), marginTiers: list(MarginTier, 50) });
const MarginTableEntry = v.tuple([v.pipe(v.number(), v.integer(), v.minValue(0)), MarginTable]);
/** The meta answer's outline only: each asset and margin table is validated when it is the one asked about. */
export const HyperliquidMeta = v.looseObject({
  universe: rawList(2000),
  marginTables: v.optional(rawList(500)),
});

/** The asset named `coin` and its position in the universe (the index of its context in metaAndAssetCtxs). */
function assetOf(universe: readonly unknown[], coin: string): ParseResult<{ index: number; asset: v.InferOutput<typeof Asset> } | null> {
  const index = universe.findIndex((a) => typeof a === 'object' && a !== null && (a as { name?: unknown }).name === coin);
  if (index < 0) return ok(null);
  const r = shape(Asset, universe[index], `Hyperliquid asset ${coin}`);
  return r.ok ? ok({ index, asset: r.value }) : r;
}

/** The margin table with id `id`, validated; null when the answer lists none with that id. */
function marginTableOf(tables: readonly unknown[] | undefined, id: number): ParseResult<v.InferOutput<typeof MarginTable> | null> {
  const entry = (tables ?? []).find((t) => Array.isArray(t) && t[0] === id);
  if (entry === undefined) return ok(null);
  const r = shape(MarginTableEntry, entry, `Hyperliquid margin table ${id}`);
  return r.ok ? ok(r.value[1]) : r;
}

/** Tiers from Hyperliquid's (lowerBound, maxLeverage) pairs: mmr = 1/(2·L), continuous deduction. */
export function hyperliquidTiers(pairs: { lowerBound: D; maxLeverage: D }[]): ReturnType<typeof tiersFromCaps> {
  const sorted = [...pairs].sort((a, b) => a.lowerBound.cmp(b.lowerBound));
  if (!sorted[0]?.lowerBound.isZero()) return { error: 'the first margin tier does not start at 0.' };
  const caps: CapTier[] = sorted.map((t, i) => ({
    cap: sorted[i + 1]?.lowerBound ?? null,
    // 1/(2·15) = 1/30 does not terminate; 20 decimals (rounded up, never understating margin) is below any
    // tick by many orders of magnitude and keeps the table's strings short and exactly re-checkable.
    mmr: new D(1).div(t.maxLeverage.mul(2)).toDecimalPlaces(20, D.ROUND_UP),
    maxLeverage: t.maxLeverage,
  }));
  return tiersFromCaps(caps, 'continuous');
}

export function parseHyperliquidMeta(json: unknown, ctx: ParseContext): ParseResult<{ table: TierTable; spec: ContractSpec }> {
  const r = shape(HyperliquidMeta, json, 'Hyperliquid meta response');
  if (!r.ok) return r;
  const found = assetOf(r.value.universe, ctx.symbol);
  if (!found.ok) return found;
  if (!found.value) return fail(`Hyperliquid meta has no asset ${ctx.symbol}.`);
  const asset = found.value.asset;
  if (asset.isDelisted === true) return fail(`Hyperliquid lists ${ctx.symbol} as delisted.`);
  const id = asset.marginTableId;
  const table = id === undefined ? ok(null) : marginTableOf(r.value.marginTables, id);
  if (!table.ok) return table;
  return guarded(() => {
    const assetLev = need(asset.maxLeverage, 'maxLeverage', LEVERAGE_BOUNDS);
    let pairs: { lowerBound: D; maxLeverage: D }[];
    const listed = table.value;
    if (listed) {
      pairs = listed.marginTiers.map((t, i) => ({
        lowerBound: need(t.lowerBound, `margin tier ${i + 1} lowerBound`, NON_NEGATIVE),
        maxLeverage: need(t.maxLeverage, `margin tier ${i + 1} maxLeverage`, LEVERAGE_BOUNDS),
      }));
    } else if (id !== undefined && id < 50) {
      pairs = [{ lowerBound: new D(0), maxLeverage: need(id, 'marginTableId', LEVERAGE_BOUNDS) }];
    } else if (id === undefined) {
      pairs = [{ lowerBound: new D(0), maxLeverage: assetLev }];
    } else {
      throw new FieldError(`marginTableId ${id} is not in marginTables.`);
    }
    if (pairs[0] && pairs[0].maxLeverage.gt(assetLev)) {
      throw new FieldError(`margin table allows ${canonical(pairs[0].maxLeverage)}× but the asset's maxLeverage is ${canonical(assetLev)}×.`);
    }
    const built = hyperliquidTiers(pairs);
    if ('error' in built) return fail(`Hyperliquid ${ctx.symbol}: ${built.error}`);
    const lot = new D(1).div(new D(10).pow(asset.szDecimals));
    return ok({
      table: liveTable(ctx, 'notional', built.tiers, 'floor-inclusive'),
      spec: {
        venue: ctx.venue,
        symbol: ctx.symbol,
        contract: 'linear',
        contractSize: '1',
        // Hyperliquid prices use 5 significant figures and at most 6 − szDecimals decimals ("Tick and lot
        // size" page), so the tick depends on the price: not a fixed number here.
        tickSize: canonical(new D(1).div(new D(10).pow(Math.max(0, 6 - asset.szDecimals)))),
        priceRule: { significantFigures: 5, maxDecimals: Math.max(0, 6 - asset.szDecimals) },
        lotSize: canonical(lot),
        maxLeverage: canonical(assetLev),
        source: 'live',
        capturedAt: ctx.fetchedAt,
        url: ctx.url,
      },
    });
  });
}

const AssetCtx = v.looseObject({ markPx: Num });
const MetaAndCtxs = v.tuple([HyperliquidMeta, rawList(2000)]);

/** metaAndAssetCtxs: [meta, contexts], one context per universe entry in the same order. */
export function parseHyperliquidMarkPrice(json: unknown, ctx: ParseContext): ParseResult<MarkPrice> {
  const r = shape(MetaAndCtxs, json, 'Hyperliquid metaAndAssetCtxs response');
  if (!r.ok) return r;
  const [meta, ctxs] = r.value;
  if (meta.universe.length !== ctxs.length) return fail('Hyperliquid metaAndAssetCtxs: universe and contexts differ in length.');
  const found = assetOf(meta.universe, ctx.symbol);
  if (!found.ok) return found;
  if (!found.value) return fail(`Hyperliquid metaAndAssetCtxs has no ${ctx.symbol}.`);
  // A delisted asset's context can carry markPx null; that is about that asset only.
  if (found.value.asset.isDelisted === true) return fail(`Hyperliquid lists ${ctx.symbol} as delisted.`);
  const row = shape(AssetCtx, ctxs[found.value.index], `Hyperliquid context of ${ctx.symbol}`);
  if (!row.ok) return row;
  return guarded(() => ok({ venue: ctx.venue, symbol: ctx.symbol, price: canonical(need(row.value.markPx, 'markPx', POSITIVE)), at: ctx.fetchedAt, url: ctx.url }));
}

const CandlesResponse = rawList(6000);

export function parseHyperliquidCandles(json: unknown): ParseResult<Candle[]> {
  const r = shape(CandlesResponse, json, 'Hyperliquid candleSnapshot response');
  if (!r.ok) return r;
  return ok(eachRow(r.value, (k) => ({ openTime: field(k, 't', NON_NEGATIVE).toNumber(), close: canonical(field(k, 'c', POSITIVE)) })));
}
