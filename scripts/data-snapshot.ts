/**
 * Builds the tier snapshots the extension ships (src/background/data/*.json).
 *
 *   npm run data:snapshot              # read data/, validate, write the JSON files
 *   npm run data:snapshot -- --check   # validate and compare, write nothing (exit 1 if stale)
 *
 * Sources (see data/PROVENANCE.md):
 * - binance-usdm.json: Binance USDⓈ-M leverage brackets as Binance's public bracket table answered on
 *   2026-09-16 (data/binance-usdm-leverage-brackets-2026-09.json, Binance's leverageBracket shape), every
 *   symbol that could trade that day (see bundledUsdmSymbol), read by the same parser a live response would
 *   go through. Keeps floor, cap, maintenance rate, cum and max leverage.
 * - binance-coinm.json: Binance COIN-M BTCUSD and ETHUSD brackets (perpetual and quarterly) as Binance's
 *   public COIN-M bracket table answered on 2026-09-17 (data/binance-coinm-brackets-2026-09.json), read by
 *   the parser the live table goes through.
 * - hyperliquid.json: the mainnet margin tiers printed on Hyperliquid's "Margin tiers" doc page.
 * Every table must pass the engine's validation (contiguous floors, rates that never fall, cum recurrence)
 * plus the market layer's ranges, or the script fails naming the symbol. Same input, same bytes: keys are
 * sorted and numbers are written as canonical decimal strings.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as v from 'valibot';
import { D } from '../src/core/decimal';
import type { Tier } from '../src/core/engine/types';
import { SNAPSHOT_COLUMNS, SNAPSHOT_FORMAT, parseSnapshot, snapshotTable, type TierSnapshot } from '../src/core/market/snapshot-format';
import { tierTableProblems } from '../src/core/market/tier-checks';
import { BINANCE_COINM_PUBLIC_BRACKETS_URL } from '../src/core/market/sources';
import { parseBinanceLeverageBrackets, parseBinancePublicBrackets } from '../src/core/market/venues/binance';
import { hyperliquidTiers } from '../src/core/market/venues/hyperliquid';
import { DATA_DIR, readBracketFile } from './data-binance-brackets';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..');
const BINANCE_BRACKETS_URL = 'https://fapi.binance.com/fapi/v1/leverageBracket';
export const OUTPUT_DIR = path.resolve(REPO_ROOT, 'src/background/data');

// ---------------------------------------------------------------------------
// Binance USDⓈ-M
// ---------------------------------------------------------------------------


/** The bracket file the bundled Binance USDⓈ-M table is built from (data/PROVENANCE.md). */
export const USDM_SOURCE = 'binance-usdm-leverage-brackets-2026-09.json';

/**
 * Whether a symbol of Binance's answer is bundled. Binance's bracket table still lists contracts that can no
 * longer trade; what provably cannot on the day of the answer is left out, everything else is kept:
 * - a settled contract (Binance renames it …SETTLED or …_SETTLED when it settles a delisted perpetual);
 * - a dated contract whose delivery date (the _YYMMDD suffix) is before the answer's date;
 * - a name that is not ASCII letters, digits and _ (币安人生USDT): LiqGuard's symbols are ASCII end to end
 *   (the snapshot format, the messages), so such a table could never be looked up.
 */
export function bundledUsdmSymbol(symbol: string, capturedAt: string): boolean {
  if (!/^[A-Za-z0-9_]{1,40}$/.test(symbol)) return false;
  if (/_?SETTLED$/.test(symbol)) return false;
  const delivery = /_(\d{2})(\d{2})(\d{2})$/.exec(symbol);
  return !delivery || `20${delivery[1]}-${delivery[2]}-${delivery[3]}` >= capturedAt;
}

function usdmSnapshot(): TierSnapshot {
  const file = readBracketFile(USDM_SOURCE);
  const symbols: Record<string, [string, string | null, string, string, string][]> = {};
  for (const { symbol } of file.response) {
    if (!bundledUsdmSymbol(symbol, file.capturedAt)) continue;
    const parsed = parseBinanceLeverageBrackets(file.response, { venue: 'binance-usdm', symbol, url: BINANCE_BRACKETS_URL, fetchedAt: file.capturedAt });
    if (!parsed.ok) throw new Error(`${USDM_SOURCE} ${symbol}: ${parsed.error}`);
    symbols[symbol] = parsed.value.tiers.map(row);
  }
  return {
    format: SNAPSHOT_FORMAT,
    venue: 'binance-usdm',
    basis: 'notional',
    // A notional exactly on a bracket floor belongs to the upper bracket (floor ≤ notional < cap); cum makes margin equal on both sides.
    boundary: 'floor-inclusive',
    cumulativeAmounts: true,
    capturedAt: file.capturedAt,
    url: 'https://www.binance.com/en/futures/trading-rules/perpetual/leverage-margin',
    provenance: file.source,
    notes: [
      "Binance changes brackets often. LiqGuard reads the live table behind Binance's public Leverage & Margin page when it answers; this bundled table is used until then, or when it cannot be had, and can be far out of date: its age is shown with every figure.",
      'Floors, caps and cum are in the quote currency (USDT, USDC, or BTC for ETHBTC).',
      'A last bracket Binance caps at 9223372036854775807 (int64 max, i.e. no cap) is written with cap null.',
    ],
    columns: [...SNAPSHOT_COLUMNS],
    symbols: sortKeys(symbols),
  };
}

// ---------------------------------------------------------------------------
// Binance COIN-M
// ---------------------------------------------------------------------------

/** The COIN-M bracket file the bundled COIN-M table is built from (data/PROVENANCE.md). */
export const COINM_SOURCE = 'binance-coinm-brackets-2026-09.json';

/**
 * Bundled key → the recorded symbol whose brackets it keeps. A quarterly contract has brackets of its own,
 * stricter than its perpetual's (BTCUSD_260925 starts at 1 % up to 10 BTC where BTCUSD_PERP starts at
 * 0.4 % up to 5 BTC), so quarterlies get their pair's QUARTERLY table, never the perpetual's. Every quarterly
 * of a pair listed on the recording day had the same brackets (BTCUSD_260626 and _260925; ETHUSD_260626,
 * _260925 and _261225).
 */
const COINM_TABLES: Record<string, string> = {
  BTCUSD_PERP: 'BTCUSD_PERP',
  ETHUSD_PERP: 'ETHUSD_PERP',
  BTCUSD_QUARTERLY: 'BTCUSD_260925',
  ETHUSD_QUARTERLY: 'ETHUSD_261225',
};

function coinmSnapshot(): TierSnapshot {
  const file = v.parse(
    v.object({ capturedAt: v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/)), source: v.string(), answer: v.unknown() }),
    JSON.parse(readFileSync(path.join(DATA_DIR, COINM_SOURCE), 'utf8')),
  );
  const symbols: Record<string, [string, string | null, string, string, string][]> = {};
  for (const [name, recorded] of Object.entries(COINM_TABLES)) {
    const parsed = parseBinancePublicBrackets(file.answer, { venue: 'binance-coinm', symbol: recorded, url: BINANCE_COINM_PUBLIC_BRACKETS_URL, fetchedAt: file.capturedAt });
    if (!parsed.ok) throw new Error(`${COINM_SOURCE} ${recorded}: ${parsed.error}`);
    symbols[name] = parsed.value.tiers.map(row);
  }
  return {
    format: SNAPSHOT_FORMAT,
    venue: 'binance-coinm',
    basis: 'coin-notional',
    boundary: 'floor-inclusive',
    cumulativeAmounts: true,
    capturedAt: file.capturedAt,
    url: 'https://www.binance.com/en/futures/trading-rules/perpetual/leverage-margin',
    provenance: file.source,
    notes: [
      "Binance changes brackets often. LiqGuard reads the live COIN-M table behind Binance's public Leverage & Margin page when it answers; this bundled table is used until then, or when it cannot be had: its age is shown with every figure.",
      "Floors, caps and cum are coin notional (BTC, ETH); Binance picks the bracket by the position's coin notional.",
      'Only BTCUSD and ETHUSD are bundled: the perpetuals and, as BTCUSD_QUARTERLY and ETHUSD_QUARTERLY, the brackets every quarterly of the pair had on the recording day.',
    ],
    columns: [...SNAPSHOT_COLUMNS],
    symbols: sortKeys(symbols),
  };
}

// ---------------------------------------------------------------------------
// Hyperliquid
// ---------------------------------------------------------------------------

/** Mainnet margin tiers as printed on the doc page: [lower bound in USDC, max leverage] per tier. */
const HYPERLIQUID_TABLES: { coins: string[]; tiers: [string, string][] }[] = [
  { coins: ['BTC'], tiers: [['0', '40'], ['150000000', '20']] },
  { coins: ['ETH'], tiers: [['0', '25'], ['100000000', '15']] },
  { coins: ['SOL'], tiers: [['0', '20'], ['70000000', '10']] },
  { coins: ['XRP'], tiers: [['0', '20'], ['40000000', '10']] },
  {
    coins: ['DOGE', 'kPEPE', 'SUI', 'WLD', 'TRUMP', 'LTC', 'ENA', 'POPCAT', 'WIF', 'AAVE', 'kBONK', 'LINK', 'CRV', 'AVAX', 'ADA', 'UNI', 'NEAR', 'TIA', 'APT', 'BCH', 'HYPE', 'FARTCOIN'],
    tiers: [['0', '10'], ['20000000', '5']],
  },
  { coins: ['OP', 'ARB', 'LDO', 'TON', 'MKR', 'ONDO', 'JUP', 'INJ', 'kSHIB', 'SEI', 'TRX', 'BNB', 'DOT'], tiers: [['0', '10'], ['3000000', '5']] },
];

function hyperliquidSnapshot(): TierSnapshot {
  const symbols: Record<string, [string, string | null, string, string, string][]> = {};
  for (const group of HYPERLIQUID_TABLES) {
    const built = hyperliquidTiers(group.tiers.map(([lb, lev]) => ({ lowerBound: new D(lb), maxLeverage: new D(lev) })));
    if ('error' in built) throw new Error(`hyperliquid ${group.coins.join(',')}: ${built.error}`);
    for (const coin of group.coins) symbols[coin] = built.tiers.map(row);
  }
  return {
    format: SNAPSHOT_FORMAT,
    venue: 'hyperliquid',
    basis: 'notional',
    boundary: 'floor-inclusive',
    cumulativeAmounts: true,
    capturedAt: '2026-11-22',
    url: 'https://hyperliquid.gitbook.io/hyperliquid-docs/trading/margin-tiers',
    provenance: "Hyperliquid docs, Trading › Margin tiers, mainnet tables (stored copy read 2026-11-22; the page shows no version date).",
    notes: [
      'Maintenance rate is half the initial margin at each tier\'s max leverage; the deduction keeps margin continuous (doc formula).',
      'Only assets the page lists are bundled. Every other asset, and any change since, comes from the live meta endpoint.',
      "An asset's own max leverage (meta universe) can be lower than its table's first tier.",
    ],
    columns: [...SNAPSHOT_COLUMNS],
    symbols: sortKeys(symbols),
  };
}

// ---------------------------------------------------------------------------

function row(t: Tier): [string, string | null, string, string, string] {
  return [t.floor, t.cap, t.maintenanceMarginRate, t.maintenanceAmount, t.maxLeverage];
}

function sortKeys<T>(obj: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(obj).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Validates every symbol of a snapshot through the same loader the background uses. */
export function validateSnapshot(snapshot: TierSnapshot): string[] {
  const problems: string[] = [];
  const reparsed = parseSnapshot(JSON.parse(JSON.stringify(snapshot)));
  if (!reparsed.ok) return [reparsed.error];
  for (const symbol of Object.keys(snapshot.symbols)) {
    const t = snapshotTable(reparsed.value, symbol);
    if (!t.ok) problems.push(t.error);
    else problems.push(...tierTableProblems(t.value, { cumulativeAmounts: snapshot.cumulativeAmounts }).map((p) => `${symbol}: ${p}`));
  }
  return problems;
}

/** File name → exact file contents. Deterministic: same inputs, same bytes. */
export function buildSnapshots(): Record<string, string> {
  const usdm = usdmSnapshot();
  const snapshots = [usdm, coinmSnapshot(), hyperliquidSnapshot()];
  const out: Record<string, string> = {};
  for (const s of snapshots) {
    const problems = validateSnapshot(s);
    if (problems.length) throw new Error(`${s.venue} snapshot failed validation:\n${problems.slice(0, 20).join('\n')}`);
    // One symbol per line: compact, yet a diff shows which symbol changed.
    const { symbols, ...head } = s;
    const lines = Object.entries(symbols).map(([k, rows]) => `${JSON.stringify(k)}:${JSON.stringify(rows)}`);
    out[`${s.venue}.json`] = `${JSON.stringify(head).slice(0, -1)},"symbols":{\n${lines.join(',\n')}\n}}\n`;
  }
  return out;
}

function main(): void {
  const check = process.argv.includes('--check');
  const files = buildSnapshots();
  let stale = false;
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(OUTPUT_DIR, name);
    let current: string | null;
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      current = null;
    }
    if (current === text) {
      console.log(`${name}: up to date (${text.length} bytes)`);
      continue;
    }
    stale = true;
    if (check) console.log(`${name}: STALE (run npm run data:snapshot)`);
    else {
      writeFileSync(file, text);
      console.log(`${name}: written (${text.length} bytes)`);
    }
  }
  if (check && stale) process.exit(1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
