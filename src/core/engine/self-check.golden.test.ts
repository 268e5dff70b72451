/**
 * The self-check against venue figures computed from unrounded inputs.
 *
 * Case: Hyperliquid's own answer for a live isolated BTC short (freqtrade tests/exchange/test_hyperliquid.py,
 * see venues/hyperliquid.golden.test.ts): entry 68,595, size 0.00069, collateral 23.64871 (printed to the
 * micro-USDC), 2×, MMR 1 % (50× maximum) → liquidationPrice 101849.99354283. LiqGuard's figure from the printed
 * collateral is 101849.99283: 7e-9 apart, all of it the collateral's last digit (23.6487105 reproduces the
 * venue's). Before, the self-check called it a mismatch "implying a maintenance rate of 1 %, where LiqGuard used
 * … 1 %: the venue's tier table has likely changed", which contradicts itself and blames the wrong thing.
 */
import { describe, expect, it } from 'vitest';
import { answerLine } from '../../cli/calc';
import { D } from '../decimal';
import { selfCheck } from './self-check';
import type { PositionInput } from './types';

const position: PositionInput = { venue: 'hyperliquid', symbol: 'BTC', marginMode: 'isolated', side: 'short', entryPrice: '68595', markPrice: '68595', quantity: '0.00069', quantityUnit: 'base', leverage: '2', isolatedMargin: '23.64871', maxLeverage: '50' };
const VENUE = '101849.99354283';

describe('self-check: a gap the last digit of the margin given explains', () => {
  it('is a match, not a maintenance rate "equal to ours" that differs', () => {
    const r = selfCheck(position, VENUE);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.selfCheck.verdict).toBe('match');
    expect(r.selfCheck.likelyCause).toBeNull();
    const o = answerLine(JSON.stringify({ ...position, venueLiquidationPrice: VENUE }), '2026-12-07T00:00:00Z') as { selfCheck?: { verdict: string } };
    expect(o.selfCheck?.verdict).toBe('match');
  });

  it('a margin typed to fewer than five significant digits does not widen the match: 23.65 stays a mismatch', () => {
    const r = selfCheck({ ...position, isolatedMargin: '23.65' }, VENUE);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.selfCheck.verdict).toBe('mismatch');
    // What the venue's figure implies: the printed collateral plus half a micro-USDC.
    expect(new D(r.selfCheck.implied.isolatedMargin ?? 'NaN').minus('23.6487105').abs().lt('1e-9')).toBe(true);
  });

  it('nor does a margin one digit off: 23.64881 (the fifth decimal wrong) is a mismatch', () => {
    const r = selfCheck({ ...position, isolatedMargin: '23.64881' }, VENUE);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.selfCheck.verdict).toBe('mismatch');
  });

  it('a maintenance-rate cause never names a rate that is LiqGuard’s own to the digits shown', () => {
    // 23.648711 is one micro-USDC off in a sixth decimal the venue never printed: five-digit rates agree.
    for (const m of ['23.648711', '23.64881', '23.65', '23.6', '24']) {
      const r = selfCheck({ ...position, isolatedMargin: m }, VENUE);
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      const c = r.selfCheck.likelyCause;
      if (c?.code === 'maintenance-rate') expect(c.message).not.toMatch(/rate of 1 % at this size/);
    }
  });
});

/**
 * The words of a maintenance-rate cause when no table was used. Hyperliquid with only its maximum leverage given
 * (MMR = 1/(2 × 40) = 1.25 %) against a venue figure 0.39 % lower: the cause said LiqGuard used "the rate used …
 * from the maintenance rate entered" and that "the venue's tier table has likely changed since ours", where the
 * trader entered no rate and LiqGuard had no table.
 */
describe('self-check: a maintenance-rate cause names where the rate came from', () => {
  const hl: PositionInput = { venue: 'hyperliquid', symbol: 'BTC', contract: 'linear', marginMode: 'isolated', side: 'long', entryPrice: '60000', markPrice: '60000', quantity: '1', quantityUnit: 'base', leverage: '20', positionStatus: 'open' };

  it('from the maximum leverage entered: says so, and blames no table', () => {
    const r = selfCheck({ ...hl, maxLeverage: '40' }, '57500');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const c = r.selfCheck.likelyCause;
    expect(c?.code).toBe('maintenance-rate');
    expect(c?.message).toContain('maximum leverage you entered (40×)');
    expect(c?.message).toContain('1.25 %');
    expect(c?.message).not.toMatch(/maintenance rate entered|tier table|the rate used/);
  });

  it('from a maintenance rate entered: says so, and blames no table', () => {
    const r = selfCheck({ ...hl, maintenanceMarginRate: '0.0125' }, '57500');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const c = r.selfCheck.likelyCause;
    expect(c?.code).toBe('maintenance-rate');
    expect(c?.message).toContain('the maintenance rate you entered');
    expect(c?.message).not.toMatch(/tier table|the rate used/);
  });
});
