/**
 * The bundled Binance USDⓈ-M table of 2026-09-16 comes from a transcription of a saved copy of Binance's public
 * bracket table (data/binance-brackets-2026-09-16.transcription.json, see data/PROVENANCE.md). These tests are
 * the proof that the transcription is the source, character for character where arithmetic can tell and by a
 * second keying where it cannot, and that the repository's bracket file is exactly the script's reading of it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { D } from '../src/core/decimal';
import { DATA_DIR, DEFAULT_BRACKETS, bracketProblems, bracketsFromDump, readBracketFile, renderBracketFile } from './data-binance-brackets';

const TEXT = readFileSync(path.join(DATA_DIR, 'binance-brackets-2026-09-16.transcription.json'), 'utf8');
const SECOND = readFileSync(path.join(DATA_DIR, 'binance-brackets-2026-09-16.second-entry.txt'), 'utf8');
const BRACKETS = readBracketFile('binance-usdm-leverage-brackets-2026-09.json');
const real = (name: string): unknown => JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../src/core/market/fixtures/real', name), 'utf8'));

type Row = [floor: string, cap: string, leverage: string, mmr: string, cum: string];
interface Part {
  tables: Row[][];
  /** Symbol → table index, in the order the file lists them (JSON.parse would merge a repeated key). */
  symbols: [string, number][];
}

/** One part ("usdm" or "coinm") read from the text itself, every number as written. */
function part(name: 'usdm' | 'coinm'): Part {
  const start = TEXT.indexOf(`  "${name}": {\n`);
  const symbolsAt = TEXT.indexOf('    "symbols": {\n', start);
  const symbolsEnd = TEXT.indexOf('\n    }', symbolsAt);
  expect(start).toBeGreaterThan(0);
  const tableLines = TEXT.slice(start, symbolsAt).split('\n').filter((l) => l.startsWith('      [['));
  const tables = tableLines.map((line) => [...line.matchAll(/\[([^[\]]+)\]/g)].map((m) => m[1]!.split(',') as Row));
  const symbols = [...TEXT.slice(symbolsAt, symbolsEnd).matchAll(/^ {6}"([^"]+)": (\d+),?$/gm)].map((m): [string, number] => [m[1]!, Number(m[2])]);
  return { tables, symbols };
}

const usdm = part('usdm');
const coinm = part('coinm');

describe('data/binance-brackets-2026-09-16.transcription.json', () => {
  it('has the stored copy’s length (92,942 characters) and its date: Binance’s server time 2026-09-16T15:08:52.487Z', () => {
    expect(TEXT.length).toBe(92_942);
    const json = JSON.parse(TEXT) as { fetchedAt: string; sources: { usdmVersion: string; mode: string } };
    expect(json.fetchedAt).toBe('2026-09-16T15:08:52.487Z');
    // The recorder dates a save by the server time that leads Binance's data.version.
    expect(new Date(Number(json.sources.usdmVersion.split('_')[0])).toISOString()).toBe(json.fetchedAt);
  });

  it('holds 280 USDⓈ-M tables and 1,032 symbol lines, sorted, none repeated, every table used', () => {
    expect(usdm.tables).toHaveLength(280);
    expect(usdm.symbols).toHaveLength(1032);
    const names = usdm.symbols.map(([s]) => s);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(names);
    expect(new Set(usdm.symbols.map(([, i]) => i))).toEqual(new Set(usdm.tables.keys()));
  });

  it.each([
    ['USDⓈ-M', usdm],
    ['COIN-M', coinm],
  ])('%s: every table starts at 0, is contiguous, and its cum follows from its floors and rates exactly', (_, { tables }) => {
    const problems: string[] = [];
    tables.forEach((rows, t) => {
      rows.forEach(([floor, cap, leverage, mmr, cum], i) => {
        const at = `table ${t} bracket ${i + 1}`;
        if (!new D(cap).gt(floor)) problems.push(`${at}: cap ${cap} ≤ floor ${floor}`);
        if (!new D(mmr).mul(leverage).lt(1)) problems.push(`${at}: rate ${mmr} not below 1 / ${leverage}`);
        const prev = rows[i - 1];
        if (!prev) {
          if (floor !== '0' || cum !== '0') problems.push(`${at}: starts at ${floor} with cum ${cum}`);
          return;
        }
        if (floor !== prev[1]) problems.push(`${at}: floor ${floor} ≠ previous cap ${prev[1]}`);
        // cum_i = cum_{i-1} + floor_i × (mmr_i − mmr_{i-1}): maintenance margin continuous at the floor.
        const expected = new D(prev[4]).plus(new D(floor).mul(new D(mmr).minus(prev[3])));
        if (!expected.eq(cum)) problems.push(`${at}: cum ${cum}, recomputed ${expected.toFixed()}`);
        if (new D(leverage).gt(prev[2])) problems.push(`${at}: leverage rises to ${leverage}`);
        if (new D(mmr).lt(prev[3])) problems.push(`${at}: rate falls to ${mmr}`);
      });
    });
    expect(problems).toEqual([]);
    expect(tables.reduce((n, rows) => n + rows.length - 1, 0)).toBeGreaterThan(0);
  });

  it('numbers its tables in the recorder’s order: most used first, ties by their first symbol', () => {
    // The recorder's encoder (scripts/update-binance-leverage-tiers.mjs) sorts distinct tables by how many
    // symbols use them, then by the first of those symbols. A mistyped index changes two counts and, almost
    // always, this order; the second keying below catches the rest.
    for (const { tables, symbols } of [usdm, coinm]) {
      const uses = tables.map(() => 0);
      const first = tables.map(() => '');
      for (const [symbol, i] of symbols) {
        uses[i]! += 1;
        if (!first[i]) first[i] = symbol;
      }
      const order = [...tables.keys()].sort((a, b) => uses[b]! - uses[a]! || (first[a]! < first[b]! ? -1 : 1));
      expect(order).toEqual([...tables.keys()]);
    }
  });

  it('agrees with a second keying of what arithmetic cannot check: every leverage, every last cap, every symbol’s table', () => {
    const [tablesPart, symbolsPart] = SECOND.split('[symbols]\n') as [string, string];
    const keyed = tablesPart.split('[tables]\n')[1]!.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(keyed).toEqual(usdm.tables.map((rows) => `${rows.map((r) => r[2]).join(',')}|${rows.at(-1)![1]}`));
    const tokens = symbolsPart.split(/\s+/).filter(Boolean);
    const pairs = Array.from({ length: tokens.length / 2 }, (_, k): [string, number] => [tokens[2 * k]!, Number(tokens[2 * k + 1])]);
    expect(pairs).toEqual(usdm.symbols);
  });

  it('writes every USDⓈ-M number in the form a JavaScript number gives back, so the conversion loses nothing', () => {
    expect(usdm.tables.flat(2).filter((n) => String(Number(n)) !== n)).toEqual([]);
    // Binance's "no cap" (int64 max) is there as the recorder's double printed it; the script restores it below.
    expect(usdm.tables.flat(2).filter((n) => n === '9223372036854776000')).toHaveLength(2);
  });

  it('matches the real captures we hold: BTCUSDT of 2026-08-02 bracket for bracket; COIN-M of 2026-09-17 for all four symbols', () => {
    const table = (p: Part, symbol: string) => p.tables[p.symbols.find(([s]) => s === symbol)![1]]!;
    // Perplab's capture (trimmed by its recorder to BTCUSDT's first four brackets and ETHUSDT's first).
    const aug = real('binance-usdm-public-brackets.json') as { data: { brackets: { symbol: string; riskBrackets: Record<string, number>[] }[] } };
    const asRow = (b: Record<string, number>): Row => [b['bracketNotionalFloor'], b['bracketNotionalCap'], b['maxOpenPosLeverage'], b['bracketMaintenanceMarginRate'], b['cumFastMaintenanceAmount']].map(String) as Row;
    const btc = aug.data.brackets.find((e) => e.symbol === 'BTCUSDT')!.riskBrackets.map(asRow);
    expect(table(usdm, 'BTCUSDT').slice(0, 4)).toEqual(btc);
    // ETHUSDT differs: 0.75 % to 50,000 at 100× on 2026-08-02, 0.4 % to 300,000 at 150× here (PROVENANCE.md).
    const eth = aug.data.brackets.find((e) => e.symbol === 'ETHUSDT')!.riskBrackets.map(asRow);
    expect(eth[0]).toEqual(['0', '50000', '100', '0.0075', '0']);
    expect(table(usdm, 'ETHUSDT')[0]).toEqual(['0', '300000', '150', '0.004', '0']);
    // The whole COIN-M answer of the next day, as recorded by someone else: the same doubles in every bracket.
    const sep = JSON.parse(readFileSync(path.join(DATA_DIR, 'binance-coinm-brackets-2026-09.json'), 'utf8')) as { answer: { data: { brackets: { symbol: string; riskBrackets: Record<string, number>[] }[] } } };
    const recorded = sep.answer.data.brackets;
    expect(recorded.map((e) => e.symbol).sort()).toEqual(['BTCUSD_260925', 'BTCUSD_PERP', 'ETHUSD_261225', 'ETHUSD_PERP']);
    for (const { symbol, riskBrackets } of recorded) {
      const mine = table(coinm, symbol).map((r) => r.map(Number));
      const theirs = [...riskBrackets].sort((a, b) => a['bracketSeq']! - b['bracketSeq']!).map((b) => asRow(b).map(Number));
      expect(mine, symbol).toEqual(theirs);
    }
  });
});

describe('data/binance-usdm-leverage-brackets-2026-09.json', () => {
  it('is exactly what scripts/data-binance-brackets.ts writes from the transcription', () => {
    const expected = renderBracketFile({ ...BRACKETS, response: bracketsFromDump(JSON.parse(TEXT)) });
    expect(readFileSync(path.join(DATA_DIR, 'binance-usdm-leverage-brackets-2026-09.json'), 'utf8')).toBe(expected);
    expect(BRACKETS.capturedAt).toBe('2026-09-16');
  });

  it(`keeps every symbol but ${DEFAULT_BRACKETS} (1,031), each accepted by the parser the extension uses`, () => {
    expect(BRACKETS.response).toHaveLength(1031);
    expect(BRACKETS.response.some((e) => e.symbol === DEFAULT_BRACKETS)).toBe(false);
    expect(bracketProblems(BRACKETS)).toEqual([]);
  });

  it('writes int64 max back as Binance’s own 9223372036854775807, an open last bracket', () => {
    const open = BRACKETS.response.filter((e) => e.brackets.at(-1)!.notionalCap === '9223372036854775807').map((e) => e.symbol);
    expect(open).toEqual(['BTCSTUSDTSETTLED', 'BTCUSDT_210625', 'ETHUSDT_210625']);
    expect(JSON.stringify(BRACKETS)).not.toContain('9223372036854776000');
  });
});
