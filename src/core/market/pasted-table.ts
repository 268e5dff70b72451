/**
 * A tier table the trader copies from Binance's public "Leverage & Margin" page
 * (https://www.binance.com/en/futures/trading-rules/perpetual/leverage-margin) and pastes into LiqGuard: the
 * way to a current table when the page's own data endpoint cannot be reached. Pure: text in, a validated
 * table or one sentence saying what is wrong out.
 *
 * The page shows, per symbol, the columns Tier | Position Bracket (Notional Value in USDT) | Max Leverage |
 * Maintenance Margin Rate | Maintenance Amount (USDT), one row per tier, e.g. `1  0 - 50,000  125x  0.40%  0`
 * (COIN-M: the bracket and amount in the coin). A browser copies that as tab-separated lines, or, from a grid
 * of divs, one cell per line; both are read the same way, because rows are found by their shape rather than
 * by line breaks. Everything a table from the venue's API must pass, a pasted one must pass too: tiers
 * numbered 1…n without a gap, brackets contiguous from 0, rates that never fall, maintenance below
 * 1 / leverage, and the maintenance amounts on Binance's continuity recurrence (which catches a mistyped or
 * half-copied row).
 */
import { D } from '../decimal';
import type { VenueId } from '../engine/types';
import { LEVERAGE_BOUNDS, MMR_BOUNDS, NON_NEGATIVE, POSITIVE, canonical, readDecimal } from './numbers';
import { tierTableProblems, tiersFromCaps, type CapTier } from './tier-checks';
import { fail, ok, type ParseResult, type TierTable } from './types';

/** Venues whose "Leverage & Margin" page this reader knows. */
export type PastedTableVenue = Extract<VenueId, 'binance-usdm' | 'binance-coinm'>;
export const PASTED_TABLE_VENUES: readonly PastedTableVenue[] = ['binance-usdm', 'binance-coinm'];

/** The page the text is copied from, named with every pasted table (COIN-M contracts are on its COIN-M tab). */
export const LEVERAGE_MARGIN_PAGE: Record<PastedTableVenue, string> = {
  'binance-usdm': 'https://www.binance.com/en/futures/trading-rules/perpetual/leverage-margin',
  'binance-coinm': 'https://www.binance.com/en/futures/trading-rules/perpetual/leverage-margin',
};

/** Longer text than a 60-tier table with its headers is not a copied table; refused before any work. */
export const MAX_PASTED_CHARS = 20_000;
const MAX_ROWS = 60;
const SYMBOL = /^[A-Z0-9]{2,30}(?:_(?:PERP|\d{6}))?$/;

// One amount as the page writes it: digits with optional thousands commas and decimals ("7,500,000", "4077.5").
const AMOUNT = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
// A row: tier, bracket "floor - cap" (any dash), leverage "125x", rate "0.40%", amount. Whitespace of any
// kind (tabs, spaces, line breaks) separates the cells.
const ROW = new RegExp(
  String.raw`(?:^|\s)(\d{1,2})\s+(${AMOUNT})\s*[-–—~]\s*(${AMOUNT})\s+(\d{1,4})\s*[xX×]\s+(\d{1,2}(?:\.\d+)?)\s*%\s+(${AMOUNT})(?=\s|$)`,
  'g',
);

const amount = (text: string): D | null => readDecimal(text.replace(/,/g, ''), NON_NEGATIVE);

export interface PastedTableInput {
  venue: PastedTableVenue;
  symbol: string;
  text: string;
  /** When the trader pasted it (ISO): the table's date, since the page states none. */
  pastedAt: string;
}

/** The rows found, for the preview before the trader saves them. */
export interface PastedRow {
  tier: number;
  floor: string;
  cap: string;
  maxLeverage: string;
  maintenanceMarginRate: string;
  maintenanceAmount: string;
}

export function readPastedRows(text: string): ParseResult<PastedRow[]> {
  if (text.length > MAX_PASTED_CHARS) return fail(`The pasted text is ${text.length.toLocaleString('en-US')} characters; a copied table is far shorter (at most ${MAX_PASTED_CHARS.toLocaleString('en-US')}).`);
  // Non-breaking and other exotic spaces become plain spaces, so "0 - 50,000" reads whichever space the page used.
  const flat = text.replace(/[\u00a0\u2000-\u200b\u202f\u205f\u3000]/g, ' ');
  const rows: PastedRow[] = [];
  for (const m of flat.matchAll(ROW)) {
    const [, tier, floor, cap, lev, rate, amt] = m;
    if (!tier || !floor || !cap || !lev || !rate || !amt) continue;
    const f = amount(floor);
    const c = amount(cap);
    const a = amount(amt);
    const r = readDecimal(rate, { min: '0', minExclusive: true, max: '100', maxExclusive: true });
    if (f === null || c === null || a === null || r === null) return fail(`Tier ${tier}: a number could not be read ("${m[0].trim().slice(0, 80)}").`);
    rows.push({ tier: Number(tier), floor: canonical(f), cap: canonical(c), maxLeverage: lev, maintenanceMarginRate: canonical(r.div(100)), maintenanceAmount: canonical(a) });
    if (rows.length > MAX_ROWS) return fail(`More than ${MAX_ROWS} tier rows: paste one symbol's table at a time.`);
  }
  if (rows.length === 0) {
    return fail('No tier rows found. Copy the table from Binance\'s "Leverage & Margin" page, each row as "Tier, bracket (from - to), max leverage (125x), maintenance rate (0.40%), maintenance amount".');
  }
  // The page lists each symbol's tiers once, in order; a repeat means two symbols' tables were pasted.
  for (let i = 0; i < rows.length; i++) {
    if (rows[i]!.tier !== i + 1) {
      return fail(rows[i]!.tier === 1 ? 'The text holds more than one table (tier 1 appears twice): paste one symbol\'s table at a time.' : `Tier ${i + 1} is missing: row ${i + 1} is numbered ${rows[i]!.tier}. Copy the whole table.`);
    }
  }
  return ok(rows);
}

/**
 * The trader's table for `symbol`, checked like a live one: floor-inclusive brackets with Binance's cum,
 * in USDT/USDC (USDⓈ-M) or the coin (COIN-M). Source 'pasted', dated when it was pasted.
 */
export function parsePastedTable(input: PastedTableInput): ParseResult<TierTable> {
  const symbol = input.symbol.trim().toUpperCase();
  if (!SYMBOL.test(symbol)) return fail(`"${input.symbol.slice(0, 40)}" is not a Binance symbol (e.g. BTCUSDT, BTCUSD_PERP).`);
  if (input.venue === 'binance-coinm' && !/_(?:PERP|\d{6})$/.test(symbol)) return fail(`${symbol} is not a COIN-M symbol (e.g. BTCUSD_PERP).`);
  if (input.venue === 'binance-usdm' && /_PERP$/.test(symbol)) return fail(`${symbol} is a COIN-M symbol; choose Binance COIN-M.`);
  if (!Number.isFinite(Date.parse(input.pastedAt))) return fail('The paste has no valid date.');
  const rows = readPastedRows(input.text);
  if (!rows.ok) return rows;
  const caps: CapTier[] = [];
  for (const row of rows.value) {
    const lev = readDecimal(row.maxLeverage, LEVERAGE_BOUNDS);
    const mmr = readDecimal(row.maintenanceMarginRate, MMR_BOUNDS);
    const cap = readDecimal(row.cap, POSITIVE);
    if (lev === null) return fail(`Tier ${row.tier}: max leverage ${row.maxLeverage}x is outside 1x–1000x.`);
    if (mmr === null) return fail(`Tier ${row.tier}: maintenance rate ${new D(row.maintenanceMarginRate).mul(100).toFixed()} % is outside 0.01 %–100 %.`);
    if (cap === null) return fail(`Tier ${row.tier}: the bracket's upper bound is not above 0.`);
    const expectedFloor = caps.length === 0 ? new D(0) : caps[caps.length - 1]!.cap!;
    if (!new D(row.floor).eq(expectedFloor)) {
      return fail(`Tier ${row.tier} starts at ${row.floor}, not where tier ${row.tier - 1 || 1} ${caps.length === 0 ? 'should (0)' : `ends (${canonical(expectedFloor)})`}: a row is missing or mistyped.`);
    }
    caps.push({ cap, mmr, maxLeverage: lev, publishedAmount: new D(row.maintenanceAmount) });
  }
  const built = tiersFromCaps(caps, 'continuous');
  if ('error' in built) return fail(`${built.error} Check that every row was copied whole.`);
  const table: TierTable = {
    venue: input.venue,
    symbol,
    basis: input.venue === 'binance-coinm' ? 'coin-notional' : 'notional',
    tiers: built.tiers,
    source: 'pasted',
    capturedAt: new Date(Date.parse(input.pastedAt)).toISOString(),
    url: LEVERAGE_MARGIN_PAGE[input.venue],
    boundary: 'floor-inclusive',
  };
  const problems = tierTableProblems(table, { cumulativeAmounts: true });
  return problems.length ? fail(`The table failed its final check: ${problems.join(' ')}`) : ok(table);
}
