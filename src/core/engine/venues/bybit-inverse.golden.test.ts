/**
 * Bybit inverse (BTCUSD), isolated: a position as Bybit's v2 API returned it, with its liquidation and
 * bankruptcy prices, and the risk-limit table of the same documentation.
 *
 * Source: Bybit's API documentation (Chinese edition, late 2019), the response example of
 * GET /v2/private/position/list, kept in a public copy of the docs (found with the code search of public GitHub
 * files, read 2026-12-07): BTCUSD, side Buy, size 11 (contracts of 1 USD), entry_price 7041.53223741, leverage 1,
 * risk_id 1, position_value = position_margin = 0.00156216 BTC, liq_price 3530, bust_price 3521,
 * occ_closing_fee 0.00000235, created 2019-09-08, updated 2019-12-18. The same page's risk-limit list gives
 * risk id 1 for BTC: maintain_margin 0.50 %, starting_margin 1.00 %. BTCUSD's tick was 0.5; the taker fee 0.075 %.
 *
 * The figures are Bybit's own and each follows from its published inverse formula (LP = Q / (PV + IM − MM), MM
 * at entry value): bankruptcy 11 / (2 × 0.00156216) = 3,520.77 and liquidation 3,529.59, each shown rounded up to
 * the 0.5 tick (toward the mark, as LiqGuard's display does); the fee reserved to close is 11 × 0.075 % / 3,520.77
 * = 0.00000234 BTC, which Bybit prints rounded up, 0.00000235.
 */
import { describe, expect, it } from 'vitest';
import { answerLine } from '../../../cli/calc';
import { D } from '../../decimal';
import { assess } from '../assess';
import type { PositionInput } from '../types';

const position: PositionInput = {
  venue: 'bybit',
  symbol: 'BTCUSD',
  contract: 'inverse',
  marginMode: 'isolated',
  side: 'long',
  entryPrice: '7041.53223741',
  markPrice: '7041.53223741',
  quantity: '11',
  quantityUnit: 'contracts',
  leverage: '1',
  maintenanceMarginRate: '0.005',
  takerFeeRate: '0.00075',
  tickSize: '0.5',
  positionStatus: 'open',
};

describe('Bybit inverse isolated: BTCUSD 11 contracts long at 1× (Bybit’s v2 API documentation, 2019)', () => {
  it.each([
    ['from the leverage', position],
    ['from the position margin Bybit reports', { ...position, isolatedMargin: '0.00156216' }],
  ])('%s: liquidation 3530, bankruptcy 3521, as Bybit shows them', (_how, input) => {
    const r = assess(input);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const a = r.assessment;
    expect(a.display).toMatchObject({ liquidationPrice: '3530.0', bankruptcyPrice: '3521.0' });
    // The exact figures are within one tick below Bybit's (rounded up for a long).
    for (const [ours, bybit] of [[a.liquidationPrice, '3530'], [a.bankruptcyPrice, '3521']] as const) {
      const below = new D(bybit).minus(ours ?? 'NaN');
      expect(below.gte(0) && below.lt('0.5'), `ours ${ours} vs Bybit ${bybit}`).toBe(true);
    }
    expect(new D(a.initialMargin ?? 'NaN').toDecimalPlaces(8).toString()).toBe('0.00156216');
  });

  it('the fee Bybit reserves to close is the taker fee at the bankruptcy price', () => {
    const r = assess(position);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const fee = new D(11).mul('0.00075').div(r.assessment.bankruptcyPrice ?? 'NaN');
    expect(fee.toDecimalPlaces(8, D.ROUND_UP).toString()).toBe('0.00000235');
  });

  it('the command line’s self-check calls Bybit’s 3530 a match', () => {
    const o = answerLine(JSON.stringify({ ...position, venueLiquidationPrice: '3530' }), '2026-12-07T00:00:00Z') as { selfCheck?: { verdict: string } };
    expect(o.selfCheck?.verdict).toBe('match');
  });
});
