import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { marketAnswer } from './answer';
import { parsePastedTable, readPastedRows } from './pasted-table';

const AT = '2026-12-06T11:00:00.000Z';

/**
 * BTCUSDT's first four brackets as Binance's "Leverage & Margin" page shows them, written from the real
 * answer of the page's own data endpoint (fixtures/real/binance-usdm-public-brackets.json, recorded
 * 2026-08-02). No copy of the page's text itself was found in public sources, so the two layouts a browser
 * produces are both tested: a table copied as tab-separated lines, and a grid of divs copied one cell per line.
 */
const HEADER = 'Tier\tPosition Bracket (Notional Value in USDT)\tMax Leverage\tMaintenance Margin Rate\tMaintenance Amount (USDT)';
const ROWS = [
  ['1', '0 - 300,000', '150x', '0.40%', '0'],
  ['2', '300,000 - 800,000', '100x', '0.50%', '300'],
  ['3', '800,000 - 3,000,000', '75x', '0.65%', '1,500'],
  ['4', '3,000,000 - 12,000,000', '50x', '1.00%', '12,000'],
];
const TABBED = [HEADER, ...ROWS.map((r) => r.join('\t'))].join('\n');
const ONE_CELL_PER_LINE = ['BTCUSDT Perpetual', ...HEADER.split('\t'), ...ROWS.flat()].join('\n');

const paste = (text: string, symbol = 'BTCUSDT', venue: 'binance-usdm' | 'binance-coinm' = 'binance-usdm') => parsePastedTable({ venue, symbol, text, pastedAt: AT });

describe("a table pasted from Binance's Leverage & Margin page", () => {
  it('reads a tab-separated copy into the same tiers the live endpoint gives for that table', () => {
    const r = paste(TABBED);
    if (!r.ok) throw new Error(r.error);
    expect(r.value).toMatchObject({ venue: 'binance-usdm', symbol: 'BTCUSDT', basis: 'notional', source: 'pasted', capturedAt: AT, boundary: 'floor-inclusive' });
    const real = JSON.parse(readFileSync(path.resolve(import.meta.dirname, 'fixtures/real/binance-usdm-public-brackets.json'), 'utf8')) as unknown;
    const live = marketAnswer('binance-usdm', 'tiers', 'BTCUSDT', real, AT);
    if (!live.ok) throw new Error(live.error);
    const liveTiers = (live.value as { tiers: { maxNotional: string | null; maintenanceMarginRate: string; maintenanceAmount: string; maxLeverage: string }[] }).tiers;
    expect(r.value.tiers.map((t) => ({ maxNotional: t.cap, maintenanceMarginRate: t.maintenanceMarginRate, maintenanceAmount: t.maintenanceAmount, maxLeverage: t.maxLeverage }))).toEqual(liveTiers);
  });

  it('reads a grid copied one cell per line, with non-breaking spaces and en dashes, the same way', () => {
    const r = paste(ONE_CELL_PER_LINE.replace(/ - /g, '\u00a0–\u00a0'));
    const t = paste(TABBED);
    expect(r.ok && t.ok && r.value.tiers).toEqual(t.ok && t.value.tiers);
  });

  it('COIN-M: brackets and amounts in the coin', () => {
    const coin = ['1\t0 - 5\t125x\t0.40%\t0', '2\t5 - 10\t100x\t0.50%\t0.005', '3\t10 - 25\t50x\t1.00%\t0.055'].join('\n');
    const r = paste(coin, 'btcusd_perp', 'binance-coinm');
    expect(r).toMatchObject({ ok: true, value: { symbol: 'BTCUSD_PERP', basis: 'coin-notional', tiers: [{ cap: '5' }, { cap: '10', maintenanceAmount: '0.005' }, { cap: '25' }] } });
  });

  it.each([
    ['a mistyped maintenance amount', TABBED.replace('1,500', '1,050'), 'does not keep margin continuous'],
    ['a row left out', TABBED.replace(/\n3\t[^\n]+/, ''), 'Tier 3 is missing'],
    ['a bracket that does not start where the last ended', TABBED.replace('800,000 - 3,000,000', '900,000 - 3,000,000'), 'starts at 900000'],
    ['two symbols pasted at once', `${TABBED}\n${TABBED}`, 'more than one table'],
    ['a rate read as 40 %', TABBED.replace('0.40%', '40%'), 'does not keep margin continuous'],
    ['rates that fall', TABBED.replace('1.00%', '0.45%'), ''],
    ['text with no table', 'BTCUSDT Perpetual\nNo data', 'No tier rows found'],
    ['a huge paste', 'x'.repeat(20_001), 'characters'],
  ])('refuses %s, saying why', (_name, text, why) => {
    const r = paste(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(why);
  });

  it('refuses a symbol that is not Binance, or of the other market', () => {
    expect(paste(TABBED, 'BTC-USDT-SWAP')).toMatchObject({ ok: false, error: expect.stringContaining('not a Binance symbol') });
    expect(paste(TABBED, 'BTCUSD_PERP')).toMatchObject({ ok: false, error: expect.stringContaining('COIN-M') });
    expect(paste(TABBED, 'BTCUSDT', 'binance-coinm')).toMatchObject({ ok: false, error: expect.stringContaining('not a COIN-M symbol') });
  });

  it('previews the rows it found, rates as fractions', () => {
    const r = readPastedRows(TABBED);
    expect(r).toMatchObject({ ok: true, value: [{ tier: 1, floor: '0', cap: '300000', maxLeverage: '150', maintenanceMarginRate: '0.004', maintenanceAmount: '0' }, {}, {}, { tier: 4, cap: '12000000' }] });
  });
});
