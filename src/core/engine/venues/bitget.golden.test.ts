/**
 * Bitget USDT-M isolated: liquidation prices Bitget itself reported for live positions, with every input it sent.
 *
 * Source: metacodi/bitget (a Bitget API client), its recorded websocket position updates, raw as Bitget sent them:
 * test/log/positionUpdate.ts, test/log/raw-ws-real-futures-old.ts, test/log/trade-01-futures.ts and
 * test/log/trade-03-futures.ts at 2a69d41ce455d56a6d3d16da74eec756c50b9f65 (https://github.com/metacodi/bitget,
 * read 2026-12-07). BTCUSDT_UMCBL, October–November 2022, marginMode "fixed" (isolated), hedge mode
 * ("double_hold"). Each update carries the position's size (`total`), `averageOpenPrice`, isolated `margin`,
 * `keepMarginRate` (0.4 %) and Bitget's `liqPx`; the taker fee is Bitget's standard 0.06 % (VIP 0), which the
 * published formula puts next to the maintenance rate. Identical updates are kept once.
 *
 * How close we must be: Bitget prints the margin to 4 decimals and the price to 2, so its own inputs can be off by
 * up to 1e-4 USDT of margin, which moves the price by 1e-4 / (Q·(1 ∓ (MMR + f))), plus half a cent of printing.
 * Without the fee in the trigger every row would miss by about 12 USDT; with the maintenance margin taken at
 * entry value (Bybit's way) by 0.3 to 3 USDT.
 *
 * Left out: the same client's parsed logs carry no margin (only size, entry, leverage and liqPx), so they cannot
 * be checked without guessing the margin; two of them (0.04 BTC @ 28,033.5 and 0.05 BTC @ 28,009.1, 25×, 2023)
 * are 10 to 13 USDT above a margin of size × entry ÷ leverage, the rest agree with it to a cent. Cross positions
 * in those logs show a negative liqPx (-348,951.24): Bitget's way of saying none; they carry no wallet balance.
 */
import { describe, expect, it } from 'vitest';
import { answerLine } from '../../../cli/calc';
import { D } from '../../decimal';
import { assess } from '../assess';
import type { PositionInput } from '../types';

/** [side, total, averageOpenPrice, margin, leverage, liqPx, markPrice] */
const UPDATES: ['long' | 'short', string, string, string, string, string, string][] = [
  ['short', '0.041', '20342.5', '11.1205', '75', '20519.34', '20342.06'],
  ['short', '0.03', '20548.5', '4.9316', '125', '20618.04', '20555.47'],
  ['short', '0.011', '20493.5', '1.8034', '125', '20562.85', '20490.17'],
  ['short', '0.009', '20372.5', '1.4668', '125', '20441.44', '20371.48'],
  ['long', '0.062', '19147', '15.8281', '75', '18979.01', '19154.25'],
  ['short', '0.006', '19291.5', '4.6299', '25', '19971.29', '19293.69'],
  ['short', '0.006', '19291.5', '4.6183', '25', '19969.36', '19333.98'],
  ['short', '0.037', '19060', '9.4029', '75', '19225.69', '19060.37'],
];
const MMR = '0.004';
const TAKER = '0.0006';

function input(row: (typeof UPDATES)[number]): PositionInput {
  const [side, total, entry, margin, leverage, , mark] = row;
  return { venue: 'bitget', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'isolated', positionMode: 'hedge', side, entryPrice: entry, markPrice: mark, quantity: total, quantityUnit: 'base', leverage, isolatedMargin: margin, maintenanceMarginRate: MMR, takerFeeRate: TAKER, positionStatus: 'open' };
}

function bound(row: (typeof UPDATES)[number]): D {
  const [side, total] = row;
  const r = new D(MMR).plus(TAKER);
  const den = new D(total).mul(side === 'long' ? new D(1).minus(r) : new D(1).plus(r));
  return new D('1e-4').div(den).plus('0.005');
}

describe('Bitget isolated: the venue’s liqPx for 8 live BTCUSDT positions (2022, recorded by an API client)', () => {
  it.each(UPDATES)('%s %s BTC @ %s, margin %s, %s× → %s', (...row) => {
    const r = assess(input(row));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const venue = row[5];
    const ours = r.assessment.liquidationPrice ?? 'NaN';
    expect(new D(ours).minus(venue).abs().lte(bound(row)), `ours ${ours} vs Bitget ${venue}`).toBe(true);
    // The command line says the same, and its self-check calls it a match at Bitget's printed precision.
    const o = answerLine(JSON.stringify({ ...input(row), tickSize: '0.01', venueLiquidationPrice: venue }), '2026-12-07T00:00:00Z') as { liquidationPrice?: string; selfCheck?: { verdict: string } };
    expect(o.liquidationPrice).toBe(ours);
    expect(o.selfCheck?.verdict).toBe('match');
  });
});
