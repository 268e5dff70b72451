import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { D } from '../src/core/decimal';
import { parseSnapshot, snapshotTable } from '../src/core/market/snapshot-format';
import { OUTPUT_DIR, buildSnapshots } from './data-snapshot';

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

  it('keeps every one of the 349 Binance symbols, with continuous cum at every bracket boundary', () => {
    const snap = parseSnapshot(JSON.parse(built['binance-usdm.json']!));
    if (!snap.ok) throw new Error(snap.error);
    const symbols = Object.keys(snap.value.symbols);
    expect(symbols).toHaveLength(349);
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

  it('keeps Binance BTCUSDT exactly as published in October 2024', () => {
    const snap = parseSnapshot(JSON.parse(built['binance-usdm.json']!));
    if (!snap.ok) throw new Error(snap.error);
    expect(snap.value.capturedAt).toBe('2024-10-24');
    expect(snap.value.symbols['BTCUSDT']!.slice(0, 3)).toEqual([
      ['0', '50000', '0.004', '0', '125'],
      ['50000', '600000', '0.005', '50', '100'],
      ['600000', '3000000', '0.0065', '950', '75'],
    ]);
  });

  it("COIN-M BTCUSD: 300 BTC falls in the 12.5 % bracket with cum 11.605 BTC (Binance COIN-M FAQ's newer example)", () => {
    const snap = parseSnapshot(JSON.parse(built['binance-coinm.json']!));
    if (!snap.ok) throw new Error(snap.error);
    const t = snapshotTable(snap.value, 'BTCUSD_PERP');
    if (!t.ok) throw new Error(t.error);
    const bracket = t.value.tiers.find((x) => new D(300).gte(x.floor) && (x.cap === null || new D(300).lt(x.cap)));
    expect(bracket).toMatchObject({ maintenanceMarginRate: '0.125', maintenanceAmount: '11.605' });
    expect(snap.value.capturedAt).toBe('unknown');
  });

  it('writes compact files that keep only the engine fields', () => {
    expect(built['binance-usdm.json']!.length).toBeLessThan(150_000);
    expect(built['binance-usdm.json']).not.toMatch(/notionalCap|initialLeverage|"info"/);
  });
});
