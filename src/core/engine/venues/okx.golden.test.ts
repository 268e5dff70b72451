/**
 * OKX coin-margined isolated: the position OKX's own API documentation shows, with its liqPx.
 *
 * Source: OKX API v5 documentation, "Get positions" response example and the "positions" websocket push example,
 * https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-positions (read 2026-12-07 in the copies API clients
 * keep of it, e.g. thrasher-corp/gocryptotrader exchanges/okx/okx_test.go, `accountPositin` and
 * `positionPushDataJSON`). ETH-USD-210430 (coin-margined futures, 10 USD a contract), mgnMode isolated, posSide long,
 * pos 1, avgPx 2566.31, lever 10, margin 0.0003896645377994 ETH (exactly 10 ÷ 2,566.31 ÷ 10), liqPx
 * 2352.8496681818233. The example names no maintenance rate or fee; its markPx (2,353.849), upl and mgnRatio do
 * not agree with each other, so only the fields that make the liquidation price are used.
 *
 * What it shows: OKX's figure is (1 + r) / (1/EP + M/(ctVal·N)) with r = MMR + fee = 0.85 % (for instance 0.8 %
 * maintenance and OKX's 0.05 % Lv1 taker) plus exactly one 0.01 tick: 2,566.31 × 1.0085 ÷ 1.1 = 2,352.83967 and
 * OKX prints 2,352.84967 (to 5e-12, its own float printing). No plausible r gives OKX's digits alone (0.850428636 %
 * would). The same position with the maintenance taken at the entry value (Bybit's inverse way) lands at 2,351.18,
 * without the fee in the trigger (r = 0.8 %) at 2,351.67: each a dollar or more off, where the help centre's form
 * with r = 0.85 % is off by the one tick. A documented difference, not an engine defect: a long's liquidation
 * price one tick higher is the cautious side, and LiqGuard's own display rounds a long up to the tick.
 */
import { describe, expect, it } from 'vitest';
import { answerLine } from '../../../cli/calc';
import { D } from '../../decimal';
import { assess } from '../assess';
import type { PositionInput } from '../types';
import { docInverseLiquidationPrice } from './okx';

const position: PositionInput = {
  venue: 'okx', symbol: 'ETH-USD-210430', contract: 'inverse', contractSize: '10', marginMode: 'isolated', positionMode: 'hedge',
  side: 'long', entryPrice: '2566.31', markPrice: '2566.31', quantity: '1', quantityUnit: 'contracts', leverage: '10',
  isolatedMargin: '0.0003896645377994', maintenanceMarginRate: '0.008', takerFeeRate: '0.0005', tickSize: '0.01', positionStatus: 'open',
};
const OKX = '2352.8496681818233';

function lp(input: PositionInput): D {
  const r = assess(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return new D(r.assessment.liquidationPrice ?? 'NaN');
}

describe('OKX inverse isolated: the API documentation’s ETH-USD-210430 long (liqPx 2352.8496681818233)', () => {
  it('the margin is the documented one: 1 contract × 10 USD ÷ 2,566.31 ÷ 10×', () => {
    expect(new D(10).div('2566.31').div(10).toDecimalPlaces(16).toString()).toBe('0.0003896645377994');
  });

  it('OKX’s figure is the help centre’s inverse form with MMR + fee = 0.85 %, plus one 0.01 tick', () => {
    const ours = lp(position);
    const doc = docInverseLiquidationPrice({ side: 1, EP: new D('2566.31'), M: new D('0.0003896645377994'), N: new D(1), ctVal: new D(10), MMR: new D('0.008'), f: new D('0.0005') });
    expect(ours.minus(doc).abs().lt('1e-30')).toBe(true);
    expect(ours.toDecimalPlaces(5).toString()).toBe('2352.83967');
    expect(new D(OKX).minus(ours).minus('0.01').abs().lt('1e-11')).toBe(true);
    // Shown to the tick, rounded up: 2,352.84, a tick below OKX's 2,352.85.
    const o = answerLine(JSON.stringify(position), '2026-12-07T00:00:00Z') as { display?: { liquidationPrice: string } };
    expect(o.display?.liquidationPrice).toBe('2352.84');
  });

  it('the other readings miss by a dollar or more: no fee in the trigger, or the maintenance at entry value', () => {
    expect(lp({ ...position, takerFeeRate: '0' }).minus(OKX).abs().gt(1)).toBe(true);
    // Maintenance at entry value: M + (1/EP − 1/P) = r/EP → P = EP / (1.1 − r).
    const atEntry = new D('2566.31').div(new D('1.1').minus('0.0085'));
    expect(atEntry.minus(OKX).abs().gt(1)).toBe(true);
  });
});
