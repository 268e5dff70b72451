/**
 * Turns a public dump of Binance USDⓈ-M leverage brackets into the repository's source file
 * (data/binance-usdm-leverage-brackets-<date>.json), in the shape of Binance's own
 * GET /fapi/v1/leverageBracket response with every number written as an exact decimal string.
 *
 *   npx tsx scripts/data-binance-brackets.ts <dump.json> <YYYY-MM-DD> "<where the dump came from>"
 *
 * Accepted dumps: ccxt's "leverage tiers" shape as freqtrade publishes it ({ "BTC/USDT:USDT": [{ info:
 * {bracket, initialLeverage, notionalCap, notionalFloor, maintMarginRatio, cum} }] }), a
 * leverageBracket response itself ([{ symbol, brackets: [...] }]), or a deduplicated save of Binance's
 * public bracket table ({ fetchedAt, usdm: { tables: [[[floor, cap, maxLeverage, maintMarginRatio, cum],
 * …], …], symbols: { BTCUSDT: tableIndex } } }, see savedTableEntries). Only Binance's numbers are kept:
 * nothing else of the dump is copied (see data/PROVENANCE.md for why). Every symbol must pass the same
 * parser and checks the extension uses, or the script stops naming it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as v from 'valibot';
import { D } from '../src/core/decimal';
import { canonical } from '../src/core/market/numbers';
import { parseBinanceLeverageBrackets } from '../src/core/market/venues/binance';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..');
export const DATA_DIR = path.resolve(REPO_ROOT, 'data');

const FIELDS = ['bracket', 'initialLeverage', 'notionalCap', 'notionalFloor', 'maintMarginRatio', 'cum'] as const;
type Field = (typeof FIELDS)[number];
export type BracketRow = Record<Field, string>;
export interface BracketFile {
  venue: 'binance-usdm';
  endpoint: 'GET /fapi/v1/leverageBracket';
  capturedAt: string;
  source: string;
  response: { symbol: string; brackets: BracketRow[] }[];
}

const Text = v.union([v.string(), v.number()]);
const BracketShape = v.object(Object.fromEntries(FIELDS.map((f) => [f, Text])) as Record<Field, typeof Text>);
const CcxtDump = v.record(v.string(), v.array(v.looseObject({ info: BracketShape })));
const BinanceDump = v.array(v.looseObject({ symbol: v.string(), brackets: v.array(v.looseObject(BracketShape.entries)) }));
const SavedRow = v.tuple([v.number(), v.number(), v.number(), v.number(), v.number()]);
const SavedTables = v.looseObject({
  fetchedAt: v.string(),
  usdm: v.object({ tables: v.array(v.array(SavedRow)), symbols: v.record(v.string(), v.pipe(v.number(), v.integer(), v.minValue(0))) }),
});

/** Binance's "no upper bound" (int64 max) and what it becomes after a pass through a JavaScript number. */
const INT64_MAX = '9223372036854775807';
/**
 * Not a symbol: the brackets Binance applies to a symbol it lists no brackets for. LiqGuard never applies a
 * table to a symbol it was not published for, so it is not kept.
 */
export const DEFAULT_BRACKETS = 'DEFAULT_BRACKETS';

/** ccxt market id → Binance symbol: BTC/USDT:USDT → BTCUSDT, BTC/USDT:USDT-241227 → BTCUSDT_241227. */
export function binanceSymbol(ccxtId: string): string {
  const m = /^([A-Z0-9]+)\/([A-Z0-9]+):([A-Z0-9]+)(?:-(\d{6}))?$/.exec(ccxtId);
  if (!m) throw new Error(`unexpected ccxt market id ${ccxtId}`);
  return `${m[1]}${m[2]}${m[4] ? `_${m[4]}` : ''}`;
}

function exact(x: string | number): string {
  const d = new D(typeof x === 'number' ? String(x) : x);
  return canonical(d);
}

function row(b: v.InferOutput<typeof BracketShape>): BracketRow {
  return Object.fromEntries(FIELDS.map((f) => [f, exact(b[f])])) as BracketRow;
}

/**
 * A deduplicated save of Binance's public USDⓈ-M bracket table (POST …/friendly/future/common/brackets):
 * each distinct table once as rows [bracketNotionalFloor, bracketNotionalCap, maxOpenPosLeverage,
 * bracketMaintenanceMarginRate, cumFastMaintenanceAmount], and every symbol → its table's index. The numbers
 * went through JavaScript numbers on the way (the public endpoint answers with JSON numbers), so each is
 * written back in its shortest form, which is exact for every value of a bracket table; int64 max, which a
 * double cannot hold, comes back as Binance's own 9223372036854775807.
 */
export function savedTableEntries(saved: v.InferOutput<typeof SavedTables>): BracketFile['response'] {
  return Object.entries(saved.usdm.symbols)
    .filter(([symbol]) => symbol !== DEFAULT_BRACKETS)
    .map(([symbol, index]) => {
      const table = saved.usdm.tables[index];
      if (!table) throw new Error(`${symbol} names table ${index}; the save has ${saved.usdm.tables.length}.`);
      return {
        symbol,
        brackets: table.map(([floor, cap, leverage, mmr, cum], i): BracketRow => ({
          bracket: String(i + 1),
          initialLeverage: exact(leverage),
          notionalCap: cap === Number(INT64_MAX) ? INT64_MAX : exact(cap),
          notionalFloor: exact(floor),
          maintMarginRatio: exact(mmr),
          cum: exact(cum),
        })),
      };
    });
}

/** Reads any accepted dump shape into sorted { symbol, brackets } entries. */
export function bracketsFromDump(raw: unknown): BracketFile['response'] {
  const entries: BracketFile['response'] = [];
  const ccxt = v.safeParse(CcxtDump, raw);
  const saved = v.safeParse(SavedTables, raw);
  if (saved.success) {
    entries.push(...savedTableEntries(saved.output));
  } else if (ccxt.success) {
    for (const [id, tiers] of Object.entries(ccxt.output)) entries.push({ symbol: binanceSymbol(id), brackets: tiers.map((t) => row(t.info)) });
  } else {
    const binance = v.safeParse(BinanceDump, raw);
    if (!binance.success) throw new Error('The dump is neither ccxt leverage tiers, a Binance leverageBracket response nor a saved bracket table.');
    for (const e of binance.output) entries.push({ symbol: e.symbol, brackets: e.brackets.map(row) });
  }
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.symbol)) throw new Error(`two entries for ${e.symbol}`);
    seen.add(e.symbol);
    e.brackets.sort((a, b) => Number(a.bracket) - Number(b.bracket));
  }
  return entries.sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
}

/** Every symbol through the extension's own parser; the problems, one per symbol. */
export function bracketProblems(file: Pick<BracketFile, 'response'>): string[] {
  const problems: string[] = [];
  for (const { symbol } of file.response) {
    const r = parseBinanceLeverageBrackets(file.response, { venue: 'binance-usdm', symbol, url: 'https://fapi.binance.com/fapi/v1/leverageBracket', fetchedAt: '2000-01-01T00:00:00.000Z' });
    if (!r.ok) problems.push(`${symbol}: ${r.error}`);
  }
  return problems;
}

/** The file's text: one symbol per line so a diff shows which symbol changed. */
export function renderBracketFile(file: BracketFile): string {
  const { response, ...head } = file;
  const lines = response.map((e) => JSON.stringify(e));
  return `${JSON.stringify(head).slice(0, -1)},"response":[\n${lines.join(',\n')}\n]}\n`;
}

export function readBracketFile(name: string): BracketFile {
  return JSON.parse(readFileSync(path.join(DATA_DIR, name), 'utf8')) as BracketFile;
}

function main(): void {
  const [dumpPath, capturedAt, source] = process.argv.slice(2);
  if (!dumpPath || !capturedAt || !/^\d{4}-\d{2}-\d{2}$/.test(capturedAt) || !source) {
    console.error('usage: tsx scripts/data-binance-brackets.ts <dump.json> <YYYY-MM-DD> "<source>"');
    process.exit(2);
  }
  const file: BracketFile = {
    venue: 'binance-usdm',
    endpoint: 'GET /fapi/v1/leverageBracket',
    capturedAt,
    source,
    response: bracketsFromDump(JSON.parse(readFileSync(dumpPath, 'utf8'))),
  };
  const problems = bracketProblems(file);
  if (problems.length) {
    console.error(`${problems.length} symbol(s) failed the extension's checks:\n${problems.slice(0, 20).join('\n')}`);
    process.exit(1);
  }
  const out = path.join(DATA_DIR, `binance-usdm-leverage-brackets-${capturedAt.slice(0, 7)}.json`);
  writeFileSync(out, renderBracketFile(file));
  console.log(`${path.relative(REPO_ROOT, out)}: ${file.response.length} symbols`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
