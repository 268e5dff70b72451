/**
 * The engine's work for one keystroke on the benchmark's Binance USDⓈ-M pages, in Node: the order form of
 * test/fixtures/bench/positions-10.html (BTCUSDT limit 65,000.5, 0.25 BTC, cross 20×, both sides) assessed as
 * the background assesses a snapshot, alone and with that page's ten open positions and 3,500 USDT wallet.
 * Tier tables are the ones the extension bundles (src/background/data/binance-usdm.json). Bench-only.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkPositions, planAccount, type AccountFacts } from '../src/core/assessment/account';
import { row } from '../src/core/assessment/account-fixtures';
import type { AssessOptions } from '../src/core/assessment/assess-snapshot';
import { binanceLimitCross, ok, tierFacts } from '../src/core/assessment/snapshot-fixtures';
import type { MarketFacts } from '../src/core/assessment/types';
import { parseSnapshot, snapshotTable } from '../src/core/market/snapshot-format';
import type { TierTable } from '../src/core/engine/types';
import type { AccountSnapshot, PositionRow } from '../src/shared/account-snapshot';
import type { FormSnapshot } from '../src/shared/form-snapshot';

const NOW = '2026-12-06T12:00:00.000Z';
const bundled = parseSnapshot(JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../src/background/data/binance-usdm.json'), 'utf8')));
if (!bundled.ok) throw new Error(`the bundled USDⓈ-M snapshot does not parse: ${bundled.error}`);
const snapshot = bundled.value;

function bundledTable(symbol: string): TierTable {
  const t = snapshotTable(snapshot, symbol);
  if (!t.ok) throw new Error(`no bundled table for ${symbol}: ${t.error}`);
  return t.value;
}

/** The page's order form as the Binance adapter reads it; `size` varies per keystroke. */
export function orderForm(size: string): FormSnapshot {
  return binanceLimitCross({ price: ok('65000.5'), quantity: ok({ value: size, unit: 'base', label: 'BTC' }), availableBalance: ok({ value: '1250.75', asset: 'USDT' }) });
}

export const orderFacts: MarketFacts = { tiers: tierFacts(bundledTable('BTCUSDT')), spec: null, mark: null, volatility: null };

type Held = [symbol: string, side: PositionRow['side'], size: string, entry: string, mark: string, liq: string | null, mode: 'cross' | 'isolated', leverage: string, margin: string];
/** The ten rows of test/fixtures/bench/positions-10.html. */
const HELD: Held[] = [
  ['BTCUSDT', 'long', '0.5', '63200', '65010.3', '57306.44', 'cross', '20', '1625.26'],
  ['ETHUSDT', 'short', '4', '3520', '3456.78', '4412.09', 'cross', '10', '1382.71'],
  ['SOLUSDT', 'short', '40', '150', '148.2', '164.17', 'isolated', '10', '600'],
  ['BNBUSDT', 'long', '20', '600', '610', '417.1', 'cross', '5', '2440'],
  ['XRPUSDT', 'long', '5000', '0.52', '0.5312', null, 'cross', '10', '265.6'],
  ['DOGEUSDT', 'short', '20000', '0.15', '0.148', '0.33887', 'cross', '10', '296'],
  ['ADAUSDT', 'long', '8000', '0.45', '0.442', null, 'cross', '10', '353.6'],
  ['LINKUSDT', 'long', '150', '14.5', '14.82', '13.116', 'isolated', '10', '217.5'],
  ['AVAXUSDT', 'short', '100', '28', '27.5', '65.651', 'cross', '10', '275'],
  ['LTCUSDT', 'long', '30', '72', '73.1', null, 'cross', '10', '219.3'],
];

export const benchAccount: AccountSnapshot = {
  venue: 'binance',
  product: 'usdm',
  url: 'https://www.binance.com/en/futures/BTCUSDT',
  positions: {
    ok: true,
    value: {
      rows: HELD.map(([symbol, side, size, entryPrice, markPrice, liquidationPrice, marginMode, leverage, margin]) =>
        row({ symbol, side, size: { value: size, unit: 'base', label: symbol.replace(/USDT$/, '') }, entryPrice, markPrice, liquidationPrice, marginMode, leverage, margin }),
      ),
      count: HELD.length,
    },
    source: 'selector:positions (column headers)',
  },
  wallet: { ok: true, value: { value: '3500', asset: 'USDT' }, source: 'selector:panel wallet' },
  readAt: 1,
};

const accountFacts: AccountFacts = Object.fromEntries(HELD.map(([symbol]) => [symbol, { table: bundledTable(symbol), contractSize: null, tick: null }]));

/** The account as the background plans it for the tab once per read of the page (not per keystroke). */
export function plannedAccount(): NonNullable<AssessOptions['account']> {
  const plan = planAccount(benchAccount, accountFacts);
  if (!plan.ok) throw new Error(`the bench account does not plan: ${plan.reason}`);
  return { plan, checks: checkPositions(plan, NOW), venueRatio: null };
}

export const KEYSTROKE_NOW = NOW;
