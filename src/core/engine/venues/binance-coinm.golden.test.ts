/**
 * Binance COIN-M cross: the liquidation price Binance's own futures calculator gave for one BTCUSD perpetual long.
 *
 * Source: "Coin Margined Futures Liquidation Price Calculation Help (CM variable)", Binance developer forum,
 * https://dev.binance.vision/t/coin-margined-futures-liquidation-price-calculation-help-cm-variable/6292 (2021,
 * read 2026-12-07). A trader's inputs: wallet balance 101 BTC, long $10,000,000 = 100,000 contracts of BTCUSD
 * (100 USD each) at 45,000, cross, one position. "The Binance Calculator is calculating the Liquidation Price as
 * $33,599.40"; the trader's own code gave 33,578.859744834.
 *
 * The brackets: the position is 222.2 BTC at the entry and 297.6 BTC at the liquidation price, so both fall in the
 * 200–400 BTC bracket at 12.5 % (the FAQ "How to Calculate Liquidation Price of COIN-M Futures Contracts",
 * https://www.binance.com/en/support/faq/ceccfcfb4e3a45e3b48b0b1bb1a8ae46, 2021-02-05: "if the position of the
 * BTCUSD contract is 300 BTC, then the maintenance margin rate would be 12.5%"). Its maintenance amount is not
 * given with the thread. The FAQ's example amount for that bracket, 11.81 BTC (its level 5 = 50 × (5 % − 2.5 %) +
 * 0.56 = 1.81), gives exactly the trader's 33,578.86; the calculator's 33,599.40 needs 11.605 BTC. 11.605 is what
 * the FAQ's own rule (amount on level n = floor × (MMR n − MMR n−1) + amount on level n−1) gives for the bracket
 * table 0–5 BTC 0.4 %, 5–10 0.5 %, 10–20 1 %, 20–50 2.5 %, 50–100 5 %, 100–200 10 %, 200–400 12.5 %, whose first
 * three levels (0.4 / 0.5 / 1 %, amounts 0 / 0.005 / 0.055) are those Binance still serves (the recorded
 * binance-coinm-public-brackets.json). The table below is that one, reconstructed: only the 12.5 % bracket's
 * amount is pinned by Binance's figure, the others are there so the engine must find the bracket itself, at the
 * liquidation price, as the FAQ says.
 *
 * How close: the calculator prints to the 0.1 tick and cuts (33,599.4186 → 33,599.40); LiqGuard rounds a long's
 * liquidation price up, towards the mark (33,599.5), on purpose. Fees are not in Binance's COIN-M formula.
 */
import { describe, expect, it } from 'vitest';
import { answerLine } from '../../../cli/calc';
import { D } from '../../decimal';
import { assess } from '../assess';
import type { PositionInput, TierTable } from '../types';
import { docLiquidationPrice } from './binance-coinm';

const position: PositionInput = {
  venue: 'binance-coinm', symbol: 'BTCUSD_PERP', contract: 'inverse', marginMode: 'cross', side: 'long',
  entryPrice: '45000', markPrice: '45000', quantity: '100000', quantityUnit: 'contracts', walletBalance: '101', tickSize: '0.1',
};
const BRACKETS: [string, string | null, string, string, string][] = [
  ['0', '5', '0.004', '0', '125'],
  ['5', '10', '0.005', '0.005', '100'],
  ['10', '20', '0.01', '0.055', '50'],
  ['20', '50', '0.025', '0.355', '20'],
  ['50', '100', '0.05', '1.605', '10'],
  ['100', '200', '0.1', '6.605', '5'],
  ['200', '400', '0.125', '11.605', '4'],
  ['400', '1000', '0.15', '21.605', '3'],
];
const table: TierTable = {
  venue: 'binance-coinm', symbol: 'BTCUSD_PERP', basis: 'coin-notional', source: 'pasted', capturedAt: '2021-06-01',
  tiers: BRACKETS.map(([floor, cap, maintenanceMarginRate, maintenanceAmount, maxLeverage]) => ({ floor, cap, maintenanceMarginRate, maintenanceAmount, maxLeverage })),
};
const CALCULATOR = '33599.40';

describe('Binance COIN-M cross: its calculator’s 33,599.40 for 100,000 BTCUSD contracts long at 45,000 on 101 BTC', () => {
  it('the cum amounts follow the FAQ’s rule from the rates and floors', () => {
    let cum = new D(0);
    for (let i = 1; i < BRACKETS.length; i++) {
      const [floor, , rate] = BRACKETS[i] ?? [];
      const prev = BRACKETS[i - 1]?.[2] ?? '0';
      cum = cum.plus(new D(floor ?? '0').mul(new D(rate ?? '0').minus(prev)));
      expect(cum.toString()).toBe(BRACKETS[i]?.[3]);
    }
  });

  it('the engine walks to the 200–400 BTC bracket at the liquidation price and lands on Binance’s figure', () => {
    const r = assess(position, { tiers: table });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const a = r.assessment;
    expect(a.tier).toMatchObject({ index: 6, maintenanceMarginRate: '0.125', maintenanceAmount: '11.605', measuredAt: 'liquidation-price' });
    // 297.62 BTC at the liquidation price.
    expect(new D(a.tier?.basisValue ?? 'NaN').toDecimalPlaces(2).toString()).toBe('297.62');
    const lp = new D(a.liquidationPrice ?? 'NaN');
    // Binance's calculator cuts to the tick: ours cut the same way is its figure to the cent.
    expect(lp.toDecimalPlaces(1, D.ROUND_DOWN).toFixed(2)).toBe(CALCULATOR);
    expect(a.display.liquidationPrice).toBe('33599.5');
    const doc = docLiquidationPrice({ WB: new D(101), TMM1: new D(0), UPNL1: new D(0), cum: new D('11.605'), side: 1, Q: new D(100000), CS: new D(100), EP: new D(45000), MMR: new D('0.125') });
    expect(lp.minus(doc).abs().lt('1e-30')).toBe(true);
  });

  it('with the FAQ example’s 11.81 BTC for the bracket, the trader’s own 33,578.86, 20.54 below the calculator', () => {
    const r = assess({ ...position, maintenanceMarginRate: '0.125', maintenanceAmount: '11.81' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(new D(r.assessment.liquidationPrice ?? 'NaN').toDecimalPlaces(9).toString()).toBe('33578.859744834');
  });

  it('the command line says the same, and its self-check calls Binance’s figure a match at the tick', () => {
    const o = answerLine(JSON.stringify({ ...position, venueLiquidationPrice: CALCULATOR, context: { tiers: table, now: '2021-06-02T00:00:00Z' } }), '2026-12-07T00:00:00Z') as { liquidationPrice?: string; selfCheck?: { verdict: string }; tier?: { index: number } };
    expect(new D(o.liquidationPrice ?? 'NaN').toDecimalPlaces(1, D.ROUND_DOWN).toFixed(2)).toBe(CALCULATOR);
    expect(o.tier?.index).toBe(6);
    expect(o.selfCheck?.verdict).toBe('match');
  });
});
