/**
 * Test vectors of a peer implementation nobody on this project wrote: freqtrade's liquidation-price tests.
 *
 * Source: https://github.com/freqtrade/freqtrade at c9ae5e1e9ff25bb55dd61f5e5519f7c479291edb (2024-10-24), read
 * 2026-12-07:
 * - tests/exchange/test_binance.py, test_liquidation_price_binance: the two ISOLATED rows built on Binance's
 *   "calc example" (wallet 1,535,443.01 as the isolated wallet of each position): ETHUSDT long 3,683.979 @ 1,456.84,
 *   MMR 10 %, cum 135,365 → 1,114.78; BTCUSDT long 109.488 @ 32,481.98, MMR 2.5 %, cum 16,300 → 18,778.73, both
 *   compared after rounding to 2 decimals. (The two cross rows, 1,153.26 and 26,316.89, are Binance's own and
 *   already pinned in binance-usdm.test.ts and the README.)
 * - tests/exchange/test_exchange.py, test_get_liquidation_price: isolated positions on Binance (MMR 1 %, cum 0.01),
 *   Gate and OKX (MMR 1 %, taker 0.06 % in the trigger) and Bybit (MMR 1 %, maintenance at entry value), margin =
 *   amount × open rate ÷ leverage, liquidation buffer 0. Its expected values are floats; we hold the engine to
 *   1e-9 relative (freqtrade itself computes the 3× wallet as 3.3333333333, a 3e-12 error).
 * These vectors check the venues' published formulas as another team read them, not the venues' own figures.
 */
import { describe, expect, it } from 'vitest';
import { answerLine } from '../../../cli/calc';
import { D } from '../../decimal';
import { assess } from '../assess';
import type { PositionInput, VenueId } from '../types';

function lp(input: PositionInput): string {
  const r = assess(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.assessment.liquidationPrice ?? 'none';
}

describe('Binance USDⓈ-M isolated, the calc example’s positions on their own (freqtrade test_liquidation_price_binance)', () => {
  const rows: [string, string, string, string, string, string, string][] = [
    // symbol, entry, mark, size, MMR, cum, expected (2 decimals)
    ['ETHUSDT', '1456.84', '1335.18', '3683.979', '0.1', '135365', '1114.78'],
    ['BTCUSDT', '32481.98', '31967.27', '109.488', '0.025', '16300', '18778.73'],
  ];
  it.each(rows)('%s long %s → %s', (symbol, entry, mark, size, mmr, cum, expected) => {
    const input: PositionInput = { venue: 'binance-usdm', symbol, contract: 'linear', marginMode: 'isolated', side: 'long', entryPrice: entry, markPrice: mark, quantity: size, quantityUnit: 'base', isolatedMargin: '1535443.01', maintenanceMarginRate: mmr, maintenanceAmount: cum, tickSize: '0.01', positionStatus: 'open' };
    const ours = lp(input);
    expect(new D(ours).toDecimalPlaces(2).toFixed(2)).toBe(expected);
    // The same through the command line.
    expect(answerLine(JSON.stringify(input), '2026-12-07T00:00:00Z').liquidationPrice).toBe(ours);
  });

  it('the overlay rounds a long’s price up to the tick (toward danger): 1,114.785 shows as 1,114.79 where freqtrade rounds to 1,114.78', () => {
    const r = assess({ venue: 'binance-usdm', symbol: 'ETHUSDT', contract: 'linear', marginMode: 'isolated', side: 'long', entryPrice: '1456.84', markPrice: '1335.18', quantity: '3683.979', quantityUnit: 'base', isolatedMargin: '1535443.01', maintenanceMarginRate: '0.1', maintenanceAmount: '135365', tickSize: '0.01', positionStatus: 'open' });
    expect(r.ok && r.assessment.display.liquidationPrice).toBe('1114.79');
  });
});

describe('isolated positions on four venues (freqtrade test_get_liquidation_price)', () => {
  // venue, short, leverage, open rate, amount, expected
  const rows: [VenueId, boolean, string, string, string, string][] = [
    ['binance-usdm', true, '5', '10', '1', '11.89108910891089'],
    ['binance-usdm', true, '3', '10', '1', '13.211221122079207'],
    ['binance-usdm', true, '5', '8', '1', '9.514851485148514'],
    ['binance-usdm', true, '5', '10', '0.6', '11.897689768976898'],
    ['binance-usdm', false, '5', '10', '1', '8.070707070707071'],
    ['binance-usdm', false, '5', '8', '1', '6.454545454545454'],
    ['binance-usdm', false, '3', '10', '1', '6.723905723905723'],
    ['binance-usdm', false, '5', '10', '0.6', '8.063973063973064'],
    ['gate', true, '5', '10', '1', '11.87413417771621'],
    ['gate', true, '5', '10', '2', '11.87413417771621'],
    ['gate', true, '3', '10', '1', '13.193482419684678'],
    ['gate', true, '5', '8', '1', '9.499307342172967'],
    ['okx', true, '3', '10', '1', '13.193482419684678'],
    ['gate', false, '5', '10', '1', '8.085708510208207'],
    ['gate', false, '3', '10', '1', '6.738090425173506'],
    ['okx', false, '3', '10', '1', '6.738090425173506'],
    ['bybit', false, '1', '10', '1', '0.1'],
    ['bybit', false, '3', '10', '1', '6.7666666'],
    ['bybit', false, '5', '10', '1', '8.1'],
    ['bybit', false, '10', '10', '1', '9.1'],
    ['bybit', true, '1', '10', '1', '19.9'],
    ['bybit', true, '3', '10', '1', '13.233333'],
    ['bybit', true, '5', '10', '1', '11.9'],
    ['bybit', true, '10', '10', '1', '10.9'],
  ];
  it.each(rows)('%s short=%s %s× @ %s × %s → %s', (venue, short, leverage, open, amount, expected) => {
    const input: PositionInput = {
      venue,
      symbol: 'ETHUSDT',
      contract: 'linear',
      contractSize: '1',
      marginMode: 'isolated',
      side: short ? 'short' : 'long',
      entryPrice: open,
      markPrice: open,
      quantity: amount,
      quantityUnit: 'base',
      leverage,
      maintenanceMarginRate: '0.01',
      ...(venue === 'binance-usdm' ? { maintenanceAmount: '0.01' } : {}),
      takerFeeRate: '0.0006',
      positionStatus: 'open',
    };
    const ours = new D(lp(input));
    // freqtrade's Bybit rows are printed to 7 or 8 digits; the rest are doubles.
    const tol = venue === 'bybit' ? new D('1e-6') : new D(expected).mul('1e-9');
    expect(ours.minus(expected).abs().lte(tol), `ours ${ours.toString()} vs ${expected}`).toBe(true);
  });
});
