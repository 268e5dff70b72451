/**
 * Engine benchmark: prints figures, gates nothing. Each exact-decimal case runs beside a plain-Number version of
 * the same formula in the same process, so the cost of exactness reads as a ratio.
 *
 *   npm run bench
 *
 * The last two tables are one keystroke's work in the background, alone and with ten open positions read from the
 * page: the assessment of a form snapshot, then the whole handler the message goes through (background-keystroke.ts).
 */
import { loadavg } from 'node:os';
import { assess, lossCurve, tiersFromBrackets } from '../src/core/engine/index';
import type { PositionInput, TierTable } from '../src/core/engine/index';
import * as num from './number-baselines';
import { assessSnapshot } from '../src/core/assessment/index';
import { parseSettings } from '../src/shared/settings';
import { KEYSTROKE_NOW, orderFacts, orderForm, plannedAccount } from './keystroke-cases';
import { backgroundKeystrokes, keystrokesBehindTicks } from './background-keystroke';
import type { NumOther, NumPosition, NumTier } from './number-baselines';

/** Median time per call, in microseconds, over `samples` batches of `batch` calls. */
function median(fn: () => unknown, batch: number, samples: number): number {
  for (let i = 0; i < Math.max(50, batch * 5); i++) fn(); // warm up the JIT
  const times: number[] = [];
  for (let s = 0; s < samples; s++) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) fn();
    times.push(((performance.now() - t0) * 1000) / batch);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

/** Calls per second over about one second of back-to-back calls. */
function throughput(fn: () => unknown): number {
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < 1000) {
    for (let i = 0; i < 100; i++) fn();
    n += 100;
  }
  return (n * 1000) / (performance.now() - t0);
}

function must(r: ReturnType<typeof assess>): void {
  if (!r.ok) throw new Error(`bench input rejected: ${JSON.stringify(r.errors)}`);
}

// --- Cases -----------------------------------------------------------------------------------------------------
const isolated: PositionInput = {
  venue: 'binance-usdm', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'isolated', side: 'long',
  entryPrice: '65000', markPrice: '65010.5', quantity: '0.5', quantityUnit: 'base', leverage: '20',
  maintenanceMarginRate: '0.004', maintenanceAmount: '0', takerFeeRate: '0.0005',
};
const numIsolated: NumPosition = { s: 1, entry: '65000', mark: '65010.5', size: '0.5', leverage: '20', mmr: '0.004', amount: '0', fee: '0.0005' };

const others = Array.from({ length: 10 }, (_, i) => ({
  symbol: `ALT${i}USDT`, side: i % 2 ? 'long' : 'short', quantity: String(100 + i * 7), quantityUnit: 'base',
  entryPrice: String(10 + i), markPrice: String(10.4 + i), maintenanceMarginRate: '0.01', maintenanceAmount: '0',
}));
const numOthers: NumOther[] = others.map((o) => ({ s: o.side === 'long' ? 1 : -1, size: o.quantity, entry: o.entryPrice, mark: o.markPrice, mmr: o.maintenanceMarginRate, amount: o.maintenanceAmount }));
const cross: PositionInput = { ...isolated, marginMode: 'cross', walletBalance: '20000', otherPositions: others };

const coinmPairs: [string, string][] = [['0', '0.004'], ['5', '0.005'], ['10', '0.01'], ['20', '0.025'], ['50', '0.05'], ['100', '0.1'], ['200', '0.125'], ['400', '0.15'], ['1000', '0.25'], ['1500', '0.5']];
const coinmTable: TierTable = {
  venue: 'binance-coinm', symbol: 'BTCUSD_PERP', basis: 'coin-notional', source: 'bundled', capturedAt: '2024-01-01',
  tiers: tiersFromBrackets(coinmPairs, ['125', '100', '50', '20', '10', '5', '4', '3', '2', '1']),
};
const numCoinm: NumTier[] = coinmTable.tiers.map((t) => ({ floor: Number(t.floor), cap: t.cap === null ? null : Number(t.cap), mmr: Number(t.maintenanceMarginRate), amount: Number(t.maintenanceAmount) }));
// 198 BTC at entry (10 % bracket), about 204 BTC at the liquidation price (12.5 % bracket): the walk takes a step.
const coinm: PositionInput = { venue: 'binance-coinm', symbol: 'BTCUSD_PERP', marginMode: 'isolated', side: 'long', entryPrice: '50000', markPrice: '50000', quantity: '99000', quantityUnit: 'contracts', leverage: '10', takerFeeRate: '0.0005' };
const numCoinmPos: NumPosition = { s: 1, entry: '50000', mark: '50000', size: '9900000', leverage: '10', mmr: '0', amount: '0', fee: '0.0005' };

const deribit: PositionInput = { venue: 'deribit', symbol: 'BTC-PERPETUAL', contract: 'inverse', marginMode: 'cross', side: 'long', entryPrice: '100000', markPrice: '100000', quantity: '2500000', quantityUnit: 'quote', leverage: '10', walletBalance: '2.5', tickSize: '0.5' };
const numDeribit: NumPosition = { s: 1, entry: '100000', mark: '100000', size: '2500000', leverage: '10', mmr: '0', amount: '0', fee: '0.0005' };

const usdmTiers: TierTable = {
  venue: 'binance-usdm', symbol: 'BTCUSDT', basis: 'notional', source: 'bundled', capturedAt: '2024-10-24',
  tiers: tiersFromBrackets([['0', '0.004'], ['50000', '0.005'], ['600000', '0.0065'], ['3000000', '0.01'], ['12000000', '0.02']], ['125', '100', '75', '50', '25']),
};
const crossTiered: PositionInput = { ...cross, maintenanceMarginRate: undefined, maintenanceAmount: undefined };
const numUsdm: NumTier[] = usdmTiers.tiers.map((t) => ({ floor: Number(t.floor), cap: t.cap === null ? null : Number(t.cap), mmr: Number(t.maintenanceMarginRate), amount: Number(t.maintenanceAmount) }));

for (const r of [assess(isolated), assess(cross), assess(coinm, { tiers: coinmTable }), assess(deribit)]) must(r);
const coinmCheck = assess(coinm, { tiers: coinmTable });
if (coinmCheck.ok && coinmCheck.assessment.tier.index !== 6) throw new Error('COIN-M case no longer crosses a bracket');

// --- Run -------------------------------------------------------------------------------------------------------
const rows: [string, number, number, string, string][] = [];
const add = (name: string, dec: number, flt: number, unit: 'µs' | 'ms', target: string) => rows.push([name, dec, flt, unit, target]);

add('isolated linear, one assessment', median(() => assess(isolated), 50, 200), median(() => num.linearAssessment(numIsolated), 2000, 200), 'µs', '< 50 µs');
add('cross with 10 other positions', median(() => assess(cross), 20, 200), median(() => num.linearAssessment(numIsolated, '20000', numOthers), 1000, 200), 'µs', '');
add('COIN-M with bracket iteration', median(() => assess(coinm, { tiers: coinmTable }), 20, 200), median(() => num.coinmAssessment(numCoinmPos, numCoinm), 1000, 200), 'µs', '');
add('Deribit numeric solve', median(() => assess(deribit), 5, 200), median(() => num.deribitAssessment(numDeribit, '2.5', 0.5), 500, 200), 'µs', '');
const curveDec = median(() => lossCurve(crossTiered, { tiers: usdmTiers }, { from: '50000', to: '80000', points: 256 }), 1, 60) / 1000;
const curveNum = median(() => num.lossCurve(numIsolated, '20000', numOthers, numUsdm, 50000, 80000, 256), 50, 100) / 1000;
add('256-point loss curve, 10-position cross', curveDec, curveNum, 'ms', '< 10 ms');
const perSecDec = throughput(() => assess(isolated));
const perSecNum = throughput(() => num.linearAssessment(numIsolated));

// --- Print -----------------------------------------------------------------------------------------------------
const fmt = (v: number, unit: string) => (unit === 'ms' ? `${v.toFixed(3)} ms` : `${v.toFixed(1)} µs`);
const pad = (s: string, n: number) => s.padEnd(n);
const padL = (s: string, n: number) => s.padStart(n);
console.log(`LiqGuard engine benchmark (node ${process.version}, ${new Date().toISOString().slice(0, 10)}); medians; Number = same formula in binary floats\n`);
console.log(`${pad('case', 42)}${padL('decimal.js', 13)}${padL('Number', 12)}${padL('ratio', 9)}  target`);
console.log('-'.repeat(88));
for (const [name, dec, flt, unit, target] of rows) {
  const met = target === '' ? '' : (unit === 'ms' ? dec < 10 : dec < 50) ? '  (met)' : '  (NOT met)';
  console.log(`${pad(name, 42)}${padL(fmt(dec, unit), 13)}${padL(fmt(flt, unit), 12)}${padL((dec / flt).toFixed(0) + '×', 9)}  ${target}${met}`);
}
console.log(`${pad('assessments per second (isolated linear)', 42)}${padL(Math.round(perSecDec).toLocaleString('en-US'), 13)}${padL(Math.round(perSecNum).toLocaleString('en-US'), 12)}${padL((perSecNum / perSecDec).toFixed(0) + '×', 9)}`);

// --- One keystroke: what the background computes for each snapshot the content script sends ----------------
// assessSnapshot() (both sides, the page's checks, the policy answer, and with an account every open cross
// position's liquidation after the order and the margin ratio), on the order form of the bench's positions page,
// alone and with that page's ten open positions. Process CPU time (user + system), so other work on a shared
// machine does not count; the size is the answer as JSON (what goes back to the page).
const settings = parseSettings(undefined).settings;
const keystrokeAccount = plannedAccount();
function perKeystroke(withAccount: boolean): { cpu: number[]; bytes: number } {
  const options = { now: KEYSTROKE_NOW, ...(withAccount ? { account: keystrokeAccount } : {}) };
  // Every keystroke changes the size, so nothing can be reused from the one before.
  const sizes = Array.from({ length: 40 }, (_, i) => (0.25 + i / 1000).toFixed(3));
  const answer = (i: number) => assessSnapshot(orderForm(sizes[i % sizes.length] as string), orderFacts, settings, options);
  const first = answer(0);
  if (first.state.kind !== 'assessed' || (withAccount && first.state.account?.status !== 'read')) throw new Error(`the keystroke case is not assessed: ${JSON.stringify(first.state).slice(0, 300)}`);
  for (let i = 0; i < 200; i++) answer(i); // warm up the JIT
  const cpu: number[] = [];
  for (let s = 0; s < 30; s++) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < 20; i++) answer(s * 20 + i);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000 / 20);
  }
  return { cpu: cpu.sort((a, b) => a - b), bytes: JSON.stringify(first.state).length };
}
console.log(`\nOne keystroke in the background (assessSnapshot, CPU time per keystroke; 30 batches of 20)`);
console.log(`${pad('case', 42)}${padL('median', 13)}${padL('p95', 12)}${padL('answer', 12)}`);
console.log('-'.repeat(79));
for (const [name, withAccount] of [['order form alone', false], ['with ten open positions', true]] as const) {
  const { cpu, bytes } = perKeystroke(withAccount);
  const at = (p: number) => cpu[Math.min(cpu.length - 1, Math.ceil(p * cpu.length) - 1)] as number;
  console.log(`${pad(name, 42)}${padL(`${at(0.5).toFixed(3)} ms`, 13)}${padL(`${at(0.95).toFixed(3)} ms`, 12)}${padL(`${(bytes / 1024).toFixed(1)} KiB`, 12)}`);
}

// --- The same keystroke through the whole background handler (bench/background-keystroke.ts) ----------------
console.log(`\nOne keystroke through the background's handler (port, router, schema, assessor, market data, tab store; CPU time per keystroke, 400 keystrokes; bytes the port posts back, median, and the same answer whole)`);
console.log(`${pad('case', 42)}${padL('median', 13)}${padL('p95', 12)}${padL('p10', 12)}${padL('posted', 10)}${padL('whole', 10)}`);
console.log('-'.repeat(99));
for (const [name, withAccount] of [['order form alone', false], ['with ten open positions', true]] as const) {
  const { cpu, posted, whole } = await backgroundKeystrokes(withAccount);
  const at = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.max(0, Math.ceil(p * xs.length) - 1))] as number;
  const kib = (b: number) => `${(b / 1024).toFixed(2)} KiB`;
  console.log(`${pad(name, 42)}${padL(`${at(cpu, 0.5).toFixed(3)} ms`, 13)}${padL(`${at(cpu, 0.95).toFixed(3)} ms`, 12)}${padL(`${at(cpu, 0.1).toFixed(3)} ms`, 12)}${padL(kib(at(posted, 0.5)), 10)}${padL(kib(at(whole, 0.5)), 10)}`);
}

// --- A keystroke right behind a tick of the positions list (bench/background-keystroke.ts) -----------------
console.log(`\nA keystroke posted right behind a read of the ten positions whose marks ticked (wall clock from its post to its answer, 200 keystrokes; load ${loadavg().map((l) => l.toFixed(1)).join(' ')})`);
console.log(`${pad('case', 42)}${padL('median', 13)}${padL('p90', 12)}${padL('p95', 12)}`);
console.log('-'.repeat(79));
{
  const { wall } = await keystrokesBehindTicks();
  const at = (p: number) => wall[Math.min(wall.length - 1, Math.max(0, Math.ceil(p * wall.length) - 1))] as number;
  console.log(`${pad('keystroke behind a tick', 42)}${padL(`${at(0.5).toFixed(3)} ms`, 13)}${padL(`${at(0.9).toFixed(3)} ms`, 12)}${padL(`${at(0.95).toFixed(3)} ms`, 12)}`);
}
