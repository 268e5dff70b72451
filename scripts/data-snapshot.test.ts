import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { D } from '../src/core/decimal';
import { parseSnapshot, snapshotTable } from '../src/core/market/snapshot-format';
import { OUTPUT_DIR, USDM_SOURCE, buildSnapshots, bundledUsdmSymbol } from './data-snapshot';
import { readBracketFile } from './data-binance-brackets';

const built = buildSnapshots();

describe('data:snapshot', () => {
  it('is deterministic: two runs give identical bytes, equal to the committed files', () => {
    const again = buildSnapshots();
    expect(Object.keys(built).sort()).toEqual(['binance-coinm.json', 'binance-usdm.json', 'hyperliquid.json']);
    for (const [name, text] of Object.entries(built)) {
      expect(again[name]).toBe(text);
      expect(readFileSync(path.join(OUTPUT_DIR, name), 'utf8'), `${name} is stale: run npm run data:snapshot`).toBe(text);
    }
  });

  it('keeps the 961 Binance symbols that could trade on 2026-09-16, with continuous cum at every bracket boundary', () => {
    const snap = parseSnapshot(JSON.parse(built['binance-usdm.json']!));
    if (!snap.ok) throw new Error(snap.error);
    const symbols = Object.keys(snap.value.symbols);
    expect(symbols).toHaveLength(961);
    const source = readBracketFile(USDM_SOURCE).response.map((e) => e.symbol);
    expect(symbols).toEqual(source.filter((s) => bundledUsdmSymbol(s, '2026-09-16')));
    // Left out: 46 expired dated contracts, 19 settled ones, 5 names that are not ASCII (1,031 − 70).
    expect(source.length - symbols.length).toBe(70);
    for (const symbol of symbols) {
      const rows = snap.value.symbols[symbol]!;
      expect(rows[0]![0], symbol).toBe('0');
      expect(rows[0]![3], symbol).toBe('0');
      for (let i = 1; i < rows.length; i++) {
        const [floor, , mmr, cum] = rows[i]!;
        const [, prevCap, prevMmr, prevCum] = rows[i - 1]!;
        expect(prevCap, `${symbol} bracket ${i + 1} floor`).toBe(floor);
        // Maintenance margin is the same on both sides of the floor: cum_n = cum_{n-1} + floor·(mmr_n − mmr_{n-1}).
        const left = new D(floor).mul(prevMmr).minus(prevCum);
        const right = new D(floor).mul(mmr).minus(cum);
        expect(left.eq(right), `${symbol} bracket ${i + 1}`).toBe(true);
      }
      expect(snapshotTable(snap.value, symbol).ok, symbol).toBe(true);
    }
  });

  it('keeps Binance BTCUSDT exactly as its public table answered on 2026-09-16', () => {
    const snap = parseSnapshot(JSON.parse(built['binance-usdm.json']!));
    if (!snap.ok) throw new Error(snap.error);
    expect(snap.value.capturedAt).toBe('2026-09-16');
    expect(snap.value.symbols['BTCUSDT']!.slice(0, 4)).toEqual([
      ['0', '300000', '0.004', '0', '150'],
      ['300000', '800000', '0.005', '300', '100'],
      ['800000', '3000000', '0.0065', '1500', '75'],
      ['3000000', '12000000', '0.01', '12000', '50'],
    ]);
    expect(snap.value.symbols['BTCUSDT']!.at(-1)).toEqual(['1200000000', '1800000000', '0.5', '421482000', '1']);
  });

  it('bundles a symbol only if it could trade on the day of the answer', () => {
    expect(bundledUsdmSymbol('BTCUSDT', '2026-09-16')).toBe(true);
    expect(bundledUsdmSymbol('BTCUSDT_260925', '2026-09-16')).toBe(true);
    expect(bundledUsdmSymbol('BTCUSDT_260916', '2026-09-16')).toBe(true);
    expect(bundledUsdmSymbol('BTCUSDT_260626', '2026-09-16')).toBe(false);
    expect(bundledUsdmSymbol('LITUSDTSETTLED', '2026-09-16')).toBe(false);
    expect(bundledUsdmSymbol('ICPUSDT_SETTLED', '2026-09-16')).toBe(false);
    expect(bundledUsdmSymbol('币安人生USDT', '2026-09-16')).toBe(false);
  });

  it("COIN-M: BTCUSD and ETHUSD as Binance's public COIN-M table answered on 2026-09-17, perpetual and quarterly apart", () => {
    const snap = parseSnapshot(JSON.parse(built['binance-coinm.json']!));
    if (!snap.ok) throw new Error(snap.error);
    expect(snap.value.capturedAt).toBe('2026-09-17');
    expect(Object.keys(snap.value.symbols)).toEqual(['BTCUSD_PERP', 'BTCUSD_QUARTERLY', 'ETHUSD_PERP', 'ETHUSD_QUARTERLY']);
    // BTCUSD_PERP: 300 BTC falls in the 150–400 BTC bracket, 5 % less 4.18 BTC (bracketSeq 5 as recorded).
    const perp = snapshotTable(snap.value, 'BTCUSD_PERP');
    if (!perp.ok) throw new Error(perp.error);
    const at300 = perp.value.tiers.find((x) => new D(300).gte(x.floor) && (x.cap === null || new D(300).lt(x.cap)));
    expect(at300).toMatchObject({ floor: '150', cap: '400', maintenanceMarginRate: '0.05', maintenanceAmount: '4.18', maxLeverage: '10' });
    // A quarterly is stricter than the perpetual at the same size: 1 % to 10 BTC against 0.4 % to 5 BTC.
    expect(snap.value.symbols['BTCUSD_QUARTERLY']![0]).toEqual(['0', '10', '0.01', '0', '50']);
    expect(snap.value.symbols['BTCUSD_PERP']![0]).toEqual(['0', '5', '0.004', '0', '125']);
  });

  it('writes compact files that keep only the engine fields', () => {
    // 961 symbols at about 320 bytes each (307 KB, 21 KB gzipped in the package): read once by the worker,
    // never by a content script (test/build/market-data-assets.test.ts). The bound catches a format that grows.
    expect(built['binance-usdm.json']!.length).toBeLessThan(330_000);
    expect(built['binance-usdm.json']).not.toMatch(/notionalCap|initialLeverage|"info"/);
  });
});
