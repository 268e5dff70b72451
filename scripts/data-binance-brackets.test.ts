import { describe, expect, it } from 'vitest';
import { parseBinanceLeverageBrackets } from '../src/core/market/venues/binance';
import { binanceSymbol, bracketProblems, bracketsFromDump, readBracketFile, renderBracketFile } from './data-binance-brackets';

const file = readBracketFile('binance-usdm-leverage-brackets-2024-10.json');
const ctx = (symbol: string) => ({ venue: 'binance-usdm' as const, symbol, url: 'https://fapi.binance.com/fapi/v1/leverageBracket', fetchedAt: '2024-10-24T00:00:00.000Z' });

describe('data/binance-usdm-leverage-brackets-2024-10.json', () => {
  it('holds 349 symbols, every one accepted by the parser the extension uses', () => {
    expect(file.capturedAt).toBe('2024-10-24');
    expect(file.response).toHaveLength(349);
    expect(bracketProblems(file)).toEqual([]);
  });

  it('is written exactly as the generator writes it (one symbol per line, sorted)', () => {
    expect(renderBracketFile({ ...file, response: bracketsFromDump(file.response) })).toBe(renderBracketFile(file));
  });

  it('reads BTCUSDT as Binance published it, with int64 max as an open last bracket', () => {
    const r = parseBinanceLeverageBrackets(file.response, ctx('BTCUSDT'));
    if (!r.ok) throw new Error(r.error);
    expect(r.value.boundary).toBe('floor-inclusive');
    expect(r.value.tiers.slice(0, 3).map((t) => [t.floor, t.cap, t.maintenanceMarginRate, t.maintenanceAmount, t.maxLeverage])).toEqual([
      ['0', '50000', '0.004', '0', '125'],
      ['50000', '600000', '0.005', '50', '100'],
      ['600000', '3000000', '0.0065', '950', '75'],
    ]);
    const btcst = parseBinanceLeverageBrackets(file.response, ctx('BTCSTUSDT'));
    expect(btcst.ok && btcst.value.tiers.at(-1)?.cap).toBeNull();
  });

  it('refuses a cum that breaks continuity, a gap between brackets and a rate at or above 1 / leverage', () => {
    const entry = (mutate: (b: Record<string, string>[]) => void) => {
      const brackets = structuredClone(file.response.find((e) => e.symbol === 'BTCUSDT')!.brackets) as unknown as Record<string, string>[];
      mutate(brackets);
      return [{ symbol: 'BTCUSDT', brackets }];
    };
    expect(parseBinanceLeverageBrackets(entry((b) => (b[2]!['cum'] = '951')), ctx('BTCUSDT'))).toMatchObject({ ok: false, error: expect.stringContaining('continuous') });
    expect(parseBinanceLeverageBrackets(entry((b) => (b[2]!['notionalFloor'] = '600001')), ctx('BTCUSDT'))).toMatchObject({ ok: false, error: expect.stringContaining('starts at') });
    expect(parseBinanceLeverageBrackets(entry((b) => (b[0]!['maintMarginRatio'] = '0.008')), ctx('BTCUSDT'))).toMatchObject({ ok: false, error: expect.stringContaining('1 / leverage') });
  });

  it('maps ccxt ids to Binance symbols', () => {
    expect(binanceSymbol('BTC/USDT:USDT')).toBe('BTCUSDT');
    expect(binanceSymbol('BTC/USDT:USDT-241227')).toBe('BTCUSDT_241227');
    expect(binanceSymbol('1000BONK/USDC:USDC')).toBe('1000BONKUSDC');
    expect(() => binanceSymbol('nonsense')).toThrow();
  });
});
