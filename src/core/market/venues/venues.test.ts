import { describe, expect, it } from 'vitest';
import { copy, RECORDED, hlMetaAndCtxs } from '../fixtures';
import { tierTableProblems } from '../tier-checks';
import type { ParseContext, ParseResult, TierTable } from '../types';
import { parseBinanceExchangeInfo, parseBinancePremiumIndex } from './binance';
import { parseBitmexInstrument } from './bitmex';
import { bitgetProductType, parseBitgetContract, parseBitgetMarkPrice, parseBitgetPositionTiers } from './bitget';
import { bybitCategory, parseBybitInstrument, parseBybitMarkPrice, parseBybitRiskLimit } from './bybit';
import { gateSettle, parseGateContractSpec, parseGateMarkPrice, parseGateRiskLimitTiers } from './gate';
import { parseHyperliquidMarkPrice, parseHyperliquidMeta } from './hyperliquid';
import { okxInstrument, parseOkxInstrument, parseOkxMarkPrice, parseOkxPositionTiers } from './okx';

const at = '2026-11-22T10:00:00.000Z';
const ctx = (venue: ParseContext['venue'], symbol: string): ParseContext => ({ venue, symbol, url: 'https://example.invalid/x', fetchedAt: at });

function value<T>(r: ParseResult<T>): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}
function rows(t: TierTable): string[][] {
  return t.tiers.map((x) => [x.floor, x.cap ?? 'null', x.maintenanceMarginRate, x.maintenanceAmount, x.maxLeverage]);
}

describe('Bybit risk-limit', () => {
  const c = ctx('bybit', 'BTCUSDT');
  it('reads the recording into contiguous tiers with the published deductions', () => {
    const t = value(parseBybitRiskLimit(RECORDED.bybitRisk, c));
    expect(t.basis).toBe('notional');
    expect(t.source).toBe('live');
    expect(t.capturedAt).toBe(at);
    expect(rows(t)).toEqual([
      ['0', '2000000', '0.005', '0', '100'],
      ['2000000', '2600000', '0.0056', '1200', '86.2'],
      ['2600000', '3200000', '0.0062', '2760', '75.75'],
    ]);
    expect(tierTableProblems(t, { cumulativeAmounts: true })).toEqual([]);
  });
  it('accepts rates sent as JSON numbers (the doc types them as number)', () => {
    const j = copy(RECORDED.bybitRisk) as { result: { list: Record<string, unknown>[] } };
    for (const row of j.result.list) row['maintenanceMargin'] = Number(row['maintenanceMargin']);
    expect(value(parseBybitRiskLimit(j, c)).tiers[1]?.maintenanceMarginRate).toBe('0.0056');
  });
  it("refuses the doc's percent-looking example instead of reading 0.5 as 50 %", () => {
    const r = parseBybitRiskLimit(RECORDED.bybitRiskDoc, ctx('bybit', 'BTCUSD'));
    expect(r.ok).toBe(false);
  });
  it('refuses a deduction that breaks continuity', () => {
    const j = copy(RECORDED.bybitRisk);
    j.result.list[2]!.mmDeduction = '9999';
    expect(parseBybitRiskLimit(j, c)).toMatchObject({ ok: false, error: expect.stringContaining('continuous') });
  });
  it('refuses an error envelope, wrong types, missing fields and absurd values', () => {
    const variants: unknown[] = [
      { retCode: 10001, retMsg: 'params error', result: {}, time: 1 },
      (() => { const j = copy(RECORDED.bybitRisk) as { result: { list: Record<string, unknown>[] } }; j.result.list[0]!['riskLimitValue'] = true; return j; })(),
      (() => { const j = copy(RECORDED.bybitRisk) as { result: { list: Record<string, unknown>[] } }; delete j.result.list[0]!['maintenanceMargin']; return j; })(),
      (() => { const j = copy(RECORDED.bybitRisk); j.result.list[0]!.maintenanceMargin = '-0.005'; return j; })(),
      (() => { const j = copy(RECORDED.bybitRisk); j.result.list[0]!.maintenanceMargin = '0.9'; return j; })(),
      (() => { const j = copy(RECORDED.bybitRisk); j.result.list[0]!.maxLeverage = '5000'; return j; })(),
      (() => { const j = copy(RECORDED.bybitRisk); j.result.list[0]!.riskLimitValue = 'NaN'; return j; })(),
      (() => { const j = copy(RECORDED.bybitRisk); j.result.list[0]!.riskLimitValue = '1e400'; return j; })(),
      { retCode: 0, result: { list: [] } },
      null,
      'ok',
    ];
    for (const j of variants) expect(parseBybitRiskLimit(j, c).ok).toBe(false);
  });
  it('reads instruments and mark price', () => {
    expect(value(parseBybitInstrument(RECORDED.bybitInstruments, c))).toMatchObject({ contract: 'linear', tickSize: '0.1', lotSize: '0.001', maxLeverage: '100' });
    expect(value(parseBybitMarkPrice(RECORDED.bybitTickers, c)).price).toBe('97001.2');
  });
  it('tells inverse from linear symbols', () => {
    expect(bybitCategory('BTCUSDT')).toBe('linear');
    expect(bybitCategory('BTCPERP')).toBe('linear');
    expect(bybitCategory('BTCUSD')).toBe('inverse');
    expect(bybitCategory('BTCUSDH25')).toBe('inverse');
  });
});

describe('OKX position tiers', () => {
  const c = ctx('okx', 'BTC-USDT-SWAP');
  it('counts contracts and reads a one-contract step between tiers as contiguous', () => {
    const t = value(parseOkxPositionTiers(RECORDED.okxTiers, c));
    expect(t.basis).toBe('contracts');
    expect(rows(t)).toEqual([
      ['0', '2000', '0.004', '0', '125'],
      ['2000', '4000', '0.005', '0', '100'],
      ['4000', '10000', '0.01', '0', '50'],
    ]);
    expect(tierTableProblems(t)).toEqual([]);
  });
  it('accepts floors equal to the previous cap too, and refuses a real gap', () => {
    const j = copy(RECORDED.okxTiers);
    j.data[1]!.minSz = '2000';
    expect(parseOkxPositionTiers(j, c).ok).toBe(true);
    j.data[1]!.minSz = '2500';
    expect(parseOkxPositionTiers(j, c).ok).toBe(false);
  });
  it('refuses mmr ≥ imr and a non-zero first floor', () => {
    const a = copy(RECORDED.okxTiers);
    a.data[0]!.mmr = '0.008';
    expect(parseOkxPositionTiers(a, c).ok).toBe(false);
    const b = copy(RECORDED.okxTiers);
    b.data[0]!.minSz = '1';
    expect(parseOkxPositionTiers(b, c).ok).toBe(false);
  });
  it('reads ctVal × ctMult, tick and lot, and the mark price', () => {
    expect(value(parseOkxInstrument(RECORDED.okxInstruments, c))).toMatchObject({ contract: 'linear', contractSize: '0.01', tickSize: '0.1', lotSize: '0.01' });
    expect(value(parseOkxMarkPrice(RECORDED.okxMark, c))).toMatchObject({ price: '97003.4', at: '2025-11-22T08:26:40.000Z' });
  });
  it('maps instrument ids', () => {
    expect(okxInstrument('BTC-USDT-SWAP')).toEqual({ instType: 'SWAP', instFamily: 'BTC-USDT' });
    expect(okxInstrument('BTC-USD-251226')).toEqual({ instType: 'FUTURES', instFamily: 'BTC-USD' });
    expect(okxInstrument('BTC-USDT')).toBeNull();
  });
});

describe('Gate risk limit tiers and contract', () => {
  const c = ctx('gate', 'BTC_USDT');
  it('reads tiers with the published deductions', () => {
    const t = value(parseGateRiskLimitTiers(RECORDED.gateTiers, c));
    expect(rows(t)).toEqual([
      ['0', '500000', '0.005', '0', '100'],
      ['500000', '1000000', '0.0075', '1250', '66.66'],
      ['1000000', '2000000', '0.01', '3750', '50'],
    ]);
    expect(tierTableProblems(t, { cumulativeAmounts: true })).toEqual([]);
  });
  it('reads the contract spec and mark price; refuses another contract', () => {
    expect(value(parseGateContractSpec(RECORDED.gateContract, c))).toMatchObject({ contractSize: '0.0001', tickSize: '0.1', maxLeverage: '125' });
    expect(value(parseGateMarkPrice(RECORDED.gateContract, c)).price).toBe('97002.1');
    expect(parseGateContractSpec(RECORDED.gateContract, ctx('gate', 'ETH_USDT')).ok).toBe(false);
    expect(parseGateMarkPrice(RECORDED.gateContract, ctx('gate', 'ETH_USDT')).ok).toBe(false);
  });
  it('only reads USDT-settled contracts', () => {
    expect(gateSettle('BTC_USDT')).toBe('usdt');
    expect(gateSettle('BTC_USD')).toBeNull();
  });
});

describe('Bitget position tier', () => {
  const c = ctx('bitget', 'BTCUSDT');
  it("reads the doc's example", () => {
    const t = value(parseBitgetPositionTiers(RECORDED.bitgetTiers, c));
    expect(rows(t)).toEqual([
      ['0', '50000', '0.004', '0', '125'],
      ['50000', '200000', '0.005', '0', '100'],
    ]);
  });
  it('reads contract spec and mark price', () => {
    expect(value(parseBitgetContract(RECORDED.bitgetContracts, c))).toMatchObject({ tickSize: '0.1', lotSize: '0.0001', maxLeverage: '125' });
    expect(value(parseBitgetMarkPrice(RECORDED.bitgetPrice, c)).price).toBe('97001.9');
  });
  it('refuses an error envelope and coin-margined symbols', () => {
    expect(parseBitgetPositionTiers({ code: '40034', msg: 'Parameter does not exist', data: null }, c).ok).toBe(false);
    expect(bitgetProductType('BTCUSD')).toBeNull();
  });
});

describe('Hyperliquid meta', () => {
  it('builds BTC tiers from its margin table: mmr = 1/(2·L), continuous deduction', () => {
    const { table, spec } = value(parseHyperliquidMeta(RECORDED.hlMeta, ctx('hyperliquid', 'BTC')));
    expect(rows(table)).toEqual([
      ['0', '150000000', '0.0125', '0', '40'],
      ['150000000', 'null', '0.025', '1875000', '20'],
    ]);
    expect(table.boundary).toBe('floor-inclusive');
    expect(spec).toMatchObject({ lotSize: '0.00001', maxLeverage: '40' });
  });
  it('reads an id below 50 as one tier at that leverage; refuses delisted and unknown coins', () => {
    expect(rows(value(parseHyperliquidMeta(RECORDED.hlMeta, ctx('hyperliquid', 'DOGE'))).table)).toEqual([['0', 'null', '0.05', '0', '10']]);
    expect(parseHyperliquidMeta(RECORDED.hlMeta, ctx('hyperliquid', 'OLD')).ok).toBe(false);
    expect(parseHyperliquidMeta(RECORDED.hlMeta, ctx('hyperliquid', 'NOPE')).ok).toBe(false);
  });
  it('refuses a margin table more generous than the asset allows', () => {
    const j = copy(RECORDED.hlMeta);
    j.universe[0]!.maxLeverage = 20;
    expect(parseHyperliquidMeta(j, ctx('hyperliquid', 'BTC')).ok).toBe(false);
  });
  it('reads the mark price from metaAndAssetCtxs', () => {
    expect(value(parseHyperliquidMarkPrice(hlMetaAndCtxs('97004.5'), ctx('hyperliquid', 'BTC'))).price).toBe('97004.5');
  });
});

describe('Binance exchangeInfo and premiumIndex', () => {
  it('reads tick and lot sizes', () => {
    expect(value(parseBinanceExchangeInfo(RECORDED.binanceExchangeInfo, ctx('binance-usdm', 'BTCUSDT')))).toMatchObject({ contract: 'linear', tickSize: '0.1', lotSize: '0.001' });
  });
  it('reads the mark price from the object and the array forms', () => {
    const c = ctx('binance-usdm', 'BTCUSDT');
    expect(value(parseBinancePremiumIndex(RECORDED.binancePremium, c)).price).toBe('97001.5');
    expect(value(parseBinancePremiumIndex([RECORDED.binancePremium], c)).price).toBe('97001.5');
    expect(parseBinancePremiumIndex({ code: -1121, msg: 'Invalid symbol.' }, c).ok).toBe(false);
  });
});

describe('BitMEX instrument', () => {
  const c = ctx('bitmex', 'XBTUSD');
  it('reads the inverse contract: 1 USD face value, 0.5 tick, 100 lot, 100x from the 1 % initial margin, and the mark', () => {
    const r = value(parseBitmexInstrument(RECORDED.bitmexInstrument, c));
    expect(r.spec).toMatchObject({ venue: 'bitmex', symbol: 'XBTUSD', contract: 'inverse', contractSize: '1', tickSize: '0.5', lotSize: '100', maxLeverage: '100', source: 'live' });
    expect(r.mark).toMatchObject({ price: '65010.37', at: '2026-11-22T10:00:00.000Z' });
  });
  it('refuses a quanto or linear instrument instead of reading it in the wrong unit', () => {
    const j = copy(RECORDED.bitmexInstrument) as Record<string, unknown>[];
    j[0]!.isInverse = false;
    expect(parseBitmexInstrument(j, c)).toMatchObject({ ok: false, error: expect.stringContaining('not an inverse') });
  });
  it('refuses a face value that is not positive, a missing settle multiplier, and an answer for another symbol', () => {
    const flipped = copy(RECORDED.bitmexInstrument) as Record<string, unknown>[];
    flipped[0]!.multiplier = 100000000;
    expect(parseBitmexInstrument(flipped, c).ok).toBe(false);
    const noSettle = copy(RECORDED.bitmexInstrument) as Record<string, unknown>[];
    noSettle[0]!.underlyingToSettleMultiplier = null;
    expect(parseBitmexInstrument(noSettle, c).ok).toBe(false);
    expect(parseBitmexInstrument(RECORDED.bitmexInstrument, ctx('bitmex', 'ETHUSD'))).toMatchObject({ ok: false, error: expect.stringContaining('without ETHUSD') });
  });
  it('refuses hostile shapes: HTML, an object instead of a list, a string tick', () => {
    expect(parseBitmexInstrument('<html>503</html>', c).ok).toBe(false);
    expect(parseBitmexInstrument({ error: { message: 'Rate limit' } }, c).ok).toBe(false);
    const badTick = copy(RECORDED.bitmexInstrument) as Record<string, unknown>[];
    badTick[0]!.tickSize = '-0.5';
    expect(parseBitmexInstrument(badTick, c).ok).toBe(false);
  });
});
