import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { marketAnswer } from './answer';
import { REAL_PAYLOADS } from './fixtures/real';

const REAL_DIR = path.resolve(import.meta.dirname, 'fixtures/real');
const real = (file: string): unknown => JSON.parse(readFileSync(path.join(REAL_DIR, file), 'utf8'));
const AT = '2026-12-06T00:00:00.000Z';

/** The derived view the expectations are written in: first and last tier, counts, first candle. */
function view(value: Record<string, unknown>): Record<string, unknown> {
  const tiers = value['tiers'] as Record<string, unknown>[] | undefined;
  const candles = value['candles'] as Record<string, unknown>[] | undefined;
  return {
    ...value,
    ...(tiers ? { tierCount: tiers.length, firstTier: tiers[0], lastTier: tiers[tiers.length - 1] } : {}),
    ...(candles ? { candleCount: candles.length, firstCandle: candles[0] } : {}),
  };
}

describe('real venue answers read through the market command', () => {
  it.each(REAL_PAYLOADS.map((p) => [`${p.venue} ${p.kind} ${p.symbol} (${p.file})`, p] as const))('%s', (_name, p) => {
    const answer = marketAnswer(p.venue, p.kind, p.symbol, real(p.file), AT);
    if ('error' in p.expect) {
      expect(answer).toEqual({ ok: false, error: expect.stringContaining(p.expect.error) });
      return;
    }
    if (!answer.ok) throw new Error(answer.error);
    expect(answer).toMatchObject({ venue: p.venue, symbol: p.symbol, kind: p.kind });
    expect(view(answer.value as Record<string, unknown>)).toMatchObject(p.expect.value);
  });

  it('every real file is listed with its source and date, and SOURCES.md names it', () => {
    const files = readdirSync(REAL_DIR).filter((f) => f.endsWith('.json'));
    const listed = new Set(REAL_PAYLOADS.map((p) => p.file));
    expect(files.filter((f) => !listed.has(f))).toEqual([]);
    const sources = readFileSync(path.join(REAL_DIR, 'SOURCES.md'), 'utf8');
    for (const f of files) expect(sources, f).toContain(f);
    for (const p of REAL_PAYLOADS) {
      expect(p.captured, p.file).toMatch(/^(?:\d{4}-\d{2}-\d{2}|undated \(.+\))$/);
      expect(p.source.length, p.file).toBeGreaterThan(20);
    }
  });

  it('has at least one real answer for every live endpoint the extension reads', () => {
    const covered = new Set(REAL_PAYLOADS.map((p) => `${p.venue} ${p.kind}`));
    const wanted = [
      'bybit tiers', 'bybit spec', 'bybit mark', 'bybit candles',
      'bitget tiers', 'bitget spec', 'bitget candles', 'gate tiers', 'gate spec', 'gate mark', 'gate candles',
      'hyperliquid tiers', 'hyperliquid spec', 'hyperliquid mark', 'hyperliquid candles', 'okx tiers', 'okx spec', 'okx mark', 'okx candles',
      'bitget mark', 'binance-usdm tiers', 'binance-usdm spec', 'binance-usdm mark', 'binance-usdm candles',
      'binance-coinm tiers', 'binance-coinm spec', 'binance-coinm mark', 'binance-coinm candles', 'bitmex spec', 'bitmex mark',
      'mexc tiers', 'mexc spec', 'mexc mark', 'mexc candles', 'kraken-futures tiers', 'kraken-futures spec', 'kraken-futures mark', 'kraken-futures candles',
      'deribit spec', 'deribit mark', 'deribit candles',
    ];
    expect(wanted.filter((w) => !covered.has(w))).toEqual([]);
  });
});

describe('the defects found with real answers', () => {
  it("Bitget: a 1× tier at 60 % maintenance (Bitget's BTCUSDT and BTCPERP) is a valid table", () => {
    for (const symbol of ['BTCUSDT', 'BTCPERP']) {
      const a = marketAnswer('bitget', 'tiers', symbol, real(`bitget-position-tier-${symbol}.json`), AT);
      expect(a.ok, JSON.stringify(a)).toBe(true);
    }
  });

  it('rates are refused below 0.01 % (1e-30 was accepted) and at 100 %', () => {
    const j = real('bitget-position-tier-BTCUSDT.json') as { data: Record<string, string>[] };
    j.data[0]!['keepMarginRate'] = '1e-30';
    expect(marketAnswer('bitget', 'tiers', 'BTCUSDT', j, AT)).toMatchObject({ ok: false, error: expect.stringContaining('keepMarginRate') });
    const k = real('bitget-position-tier-BTCUSDT.json') as { data: Record<string, string>[] };
    k.data[11]!['keepMarginRate'] = '1';
    expect(marketAnswer('bitget', 'tiers', 'BTCUSDT', k, AT).ok).toBe(false);
  });

  it('Gate: a contract with fractional sizes (order_size_min 0) keeps its spec, with no lot size, and its mark price', () => {
    expect(marketAnswer('gate', 'spec', 'ARIA_USDT', real('gate-contract-ARIA_USDT.json'), AT)).toMatchObject({ ok: true, value: { lotSize: null, contractSize: '100' } });
    expect(marketAnswer('gate', 'mark', 'ARIA_USDT', real('gate-contract-ARIA_USDT.json'), AT)).toMatchObject({ ok: true, value: { markPrice: '0.03764' } });
  });

  it('Gate: an odd spec field never costs the mark price read from the same answer', () => {
    const j = real('gate-contract-BTC_USDT.json') as Record<string, unknown>;
    j['order_price_round'] = null;
    expect(marketAnswer('gate', 'spec', 'BTC_USDT', j, AT).ok).toBe(false);
    expect(marketAnswer('gate', 'mark', 'BTC_USDT', j, AT)).toMatchObject({ ok: true, value: { markPrice: '83760.7' } });
  });

  it('Gate: tiers scaled ÷10 (or ÷100), or in percent with deductions to match, are refused by the unit check', () => {
    const scaled = (k: number) =>
      (real('gate-risk-limit-tiers-BTC_USDT.json') as Record<string, string | number>[]).map((t) => ({
        ...t,
        maintenance_rate: String(Number(t['maintenance_rate']) * k),
        initial_rate: String(Number(t['initial_rate']) * k),
        deduction: String(Number(t['deduction']) * k),
      }));
    // Every other check passes on these tables: contiguous caps, rising rates, continuous deductions.
    expect(marketAnswer('gate', 'tiers', 'BTC_USDT', scaled(0.1), AT)).toMatchObject({ ok: false, error: expect.stringContaining('not ≈ 1') });
    expect(marketAnswer('gate', 'tiers', 'BTC_USDT', scaled(100), AT)).toMatchObject({ ok: false, error: expect.stringContaining('not ≈ 1') });
    expect(marketAnswer('gate', 'tiers', 'BTC_USDT', scaled(0.01), AT).ok).toBe(false);
  });

  it('Hyperliquid: isDelisted null on one asset, or markPx null on a delisted one, costs only that asset', () => {
    const meta = real('hyperliquid-meta.json') as { universe: Record<string, unknown>[] };
    meta.universe[2]!['isDelisted'] = null;
    expect(marketAnswer('hyperliquid', 'tiers', 'BTC', meta, AT).ok).toBe(true);
    expect(marketAnswer('hyperliquid', 'tiers', 'ATOM', meta, AT).ok).toBe(true);
    const broken = real('hyperliquid-meta.json') as { universe: Record<string, unknown>[] };
    broken.universe[3]!['szDecimals'] = 'x';
    expect(marketAnswer('hyperliquid', 'tiers', 'BTC', broken, AT).ok).toBe(true);
    expect(marketAnswer('hyperliquid', 'tiers', 'MATIC', broken, AT).ok).toBe(false);
    const ctxs = (real('hyperliquid-meta.json') as { universe: { name: string }[] }).universe.map((a) => ({ markPx: a.name === 'MATIC' ? null : a.name === 'BTC' ? '83757.0' : '1.0' }));
    expect(marketAnswer('hyperliquid', 'mark', 'BTC', [real('hyperliquid-meta.json'), ctxs], AT)).toMatchObject({ ok: true, value: { markPrice: '83757' } });
  });

  it('OKX: linear dated futures (BTC-USD_UM-…) are asked for and read', () => {
    expect(marketAnswer('okx', 'tiers', 'BTC-USD_UM-261030', real('okx-position-tiers-BTC-USD_UM.json'), AT).ok).toBe(true);
    expect(marketAnswer('okx', 'spec', 'BTC-USD_UM-261030', real('okx-instruments-FUTURES.json'), AT)).toMatchObject({ ok: true, value: { contract: 'linear' } });
    // The coin-margined family shares uly BTC-USD: its tiers must not be read for the _UM family, nor the reverse.
    expect(marketAnswer('okx', 'tiers', 'BTC-USD-261030', real('okx-position-tiers-BTC-USD_UM.json'), AT).ok).toBe(false);
  });

  it('one odd row elsewhere in a list answer costs only that row', () => {
    const contracts = real('bitget-contracts-USDT-FUTURES.json') as { data: Record<string, unknown>[] };
    contracts.data[1]!['pricePlace'] = null;
    contracts.data.push(null as unknown as Record<string, unknown>);
    expect(marketAnswer('bitget', 'spec', 'BTCUSDT', contracts, AT).ok).toBe(true);
    expect(marketAnswer('bitget', 'spec', 'ETHUSDT', contracts, AT).ok).toBe(false);
    const okx = real('okx-instruments-SWAP.json') as { data: Record<string, unknown>[] };
    okx.data[2]!['ctVal'] = null;
    expect(marketAnswer('okx', 'spec', 'BTC-USDT-SWAP', okx, AT).ok).toBe(true);
  });
});

describe('MEXC, Kraken Futures and Deribit refuse what they cannot read', () => {
  it('MEXC: limits by value, a coin-margined contract, a custom table with mmr at or above imr', () => {
    const byValue = real('mexc-contract-detail-BTC_USDT.json') as { data: Record<string, unknown> };
    byValue.data['riskLimitType'] = 'BY_VALUE';
    expect(marketAnswer('mexc', 'tiers', 'BTC_USDT', byValue, AT)).toMatchObject({ ok: false, error: expect.stringContaining('by position value') });
    expect(marketAnswer('mexc', 'spec', 'BTC_USDT', byValue, AT).ok).toBe(true);
    const inverse = real('mexc-contract-detail-BTC_USDT.json') as { data: Record<string, unknown> };
    inverse.data['settleCoin'] = 'BTC';
    expect(marketAnswer('mexc', 'tiers', 'BTC_USDT', inverse, AT)).toMatchObject({ ok: false, error: expect.stringContaining('settles in BTC') });
    const custom = real('mexc-contract-detail-BTC_USDT.json') as { data: Record<string, unknown> };
    custom.data['riskLimitMode'] = 'CUSTOM';
    custom.data['riskLimitCustom'] = [
      { level: 1, maxVol: 50000, mmr: 0.001, imr: 0.002, maxLeverage: 500 },
      { level: 2, maxVol: 310000, mmr: 0.0025, imr: 0.005, maxLeverage: 200 },
    ];
    expect(marketAnswer('mexc', 'tiers', 'BTC_USDT', custom, AT)).toMatchObject({ ok: true, value: { tiers: [{ maxNotional: '5', maintenanceMarginRate: '0.001', maxLeverage: '500' }, { maxNotional: '31' }] } });
    (custom.data['riskLimitCustom'] as Record<string, number>[])[1]!['mmr'] = 0.005;
    expect(marketAnswer('mexc', 'tiers', 'BTC_USDT', custom, AT).ok).toBe(false);
    expect(marketAnswer('mexc', 'tiers', 'BTC_USD', real('mexc-contract-detail-BTC_USDT.json'), AT)).toMatchObject({ ok: false, error: expect.stringContaining('not a USDT- or USDC-margined') });
  });

  it('Kraken: margin levels that do not start at 0, or with maintenance at or above initial margin', () => {
    const j = real('kraken-instruments.json') as { instruments: { symbol: string; marginLevels: Record<string, number>[] }[] };
    j.instruments[0]!.marginLevels[0]!['numNonContractUnits'] = 10;
    expect(marketAnswer('kraken-futures', 'tiers', 'PF_XBTUSD', j, AT).ok).toBe(false);
    expect(marketAnswer('kraken-futures', 'tiers', 'PI_XBTUSD', j, AT).ok).toBe(true);
    const k = real('kraken-instruments.json') as { instruments: { marginLevels: Record<string, number>[] }[] };
    k.instruments[3]!.marginLevels[1]!['maintenanceMargin'] = 0.04;
    expect(marketAnswer('kraken-futures', 'tiers', 'PI_XBTUSD', k, AT).ok).toBe(false);
  });

  it('Deribit: an error answer, another instrument, an option', () => {
    expect(marketAnswer('deribit', 'mark', 'BTC-PERPETUAL', { jsonrpc: '2.0', error: { code: -32602, message: 'Invalid params' } }, AT).ok).toBe(false);
    expect(marketAnswer('deribit', 'mark', 'ETH-PERPETUAL', real('deribit-ticker-BTC-PERPETUAL.json'), AT)).toMatchObject({ ok: false, error: expect.stringContaining('not ETH-PERPETUAL') });
    expect(marketAnswer('deribit', 'spec', 'BTC-PERPETUAL', { jsonrpc: '2.0', result: { instrument_name: 'BTC-PERPETUAL', kind: 'option', tick_size: 0.0005, contract_size: 1, settlement_currency: 'BTC', quote_currency: 'BTC' } }, AT).ok).toBe(false);
  });
});

describe('market command answers', () => {
  it('names what is wrong with the question', () => {
    expect(marketAnswer('nope', 'tiers', 'X', {}, AT)).toMatchObject({ ok: false, error: expect.stringContaining('Unknown venue') });
    expect(marketAnswer('bybit', 'depth', 'BTCUSDT', {}, AT)).toMatchObject({ ok: false, error: expect.stringContaining('Unknown question') });
    expect(marketAnswer('okx', 'tiers', 'BTC-USDT', {}, AT)).toMatchObject({ ok: false, error: expect.stringContaining('not an OKX swap or futures id') });
    expect(marketAnswer('bitmex', 'tiers', 'XBTUSD', {}, AT)).toMatchObject({ ok: false, error: expect.stringContaining('LiqGuard reads no tiers') });
    expect(marketAnswer('binance-coinm', 'tiers', 'BTCUSDT', {}, AT)).toMatchObject({ ok: false, error: expect.stringContaining('not a Binance COIN-M symbol') });
  });
});
