/**
 * The December 2026 review's cases (research ux-review-2026-12, M1 and M2), rebuilt from the same kinds of
 * forms: the level the overlay, popup and badge show must mean distance, and "if liquidated you lose" must
 * follow the venue's mechanics. Each case goes through the whole pure path a page's order takes (snapshot →
 * engine → SideFigures → badge), or the calculator's.
 */
import { describe, expect, it } from 'vitest';
import { D } from '../decimal';
import { calculate } from '../calculator/calculate';
import type { OverlayState, SideFigures } from '../../shared/overlay-state';
import { defaultSettings } from '../../shared/settings';
import { assessSnapshot } from './assess-snapshot';
import { BADGE_COLORS, badgeFor } from './badge';
import { binanceCoinm, binanceMarket, NOW, ok, okxContracts, spec, table, tierFacts } from './snapshot-fixtures';
import { NO_FACTS, type MarketFacts } from './types';

const settings = defaultSettings();

function sides(state: OverlayState): Record<string, SideFigures> {
  if (state.kind !== 'assessed') throw new Error(`expected assessed, got ${JSON.stringify(state).slice(0, 400)}`);
  return Object.fromEntries(state.sides.map((s) => [s.side, s]));
}

describe('severity follows distance (review M1)', () => {
  // OKX cross, 3 contracts of 0.01 BTC at 10x, wallet 6,996.26 USDT: the long cannot be liquidated by price,
  // the short liquidates more than 350 % away. Both showed Danger and the badge was red.
  const okxCross = okxContracts({ marginMode: ok('cross'), leverage: ok('10'), price: ok('65000'), markPrice: ok('65000', 'page'), quantity: ok({ value: '3', unit: 'contracts', label: 'Contracts' }), availableBalance: ok({ value: '6996.26', asset: 'USDT' }) });
  const okxFacts: MarketFacts = { ...NO_FACTS, tiers: tierFacts(table('okx', 'BTC-USDT-SWAP', 'contracts')), spec: spec('okx', 'BTC-USDT-SWAP', '0.01', '0.1') };

  it('no liquidation price: the neutral level, said in words, never Danger', () => {
    const s = assessSnapshot(okxCross, okxFacts, settings, { now: NOW }).state;
    const long = sides(s).long;
    expect(long?.liquidationPrice).toBeNull();
    expect(long?.severity).toBe('none');
    expect(long?.severityReasons[0]).toMatch(/cannot be liquidated by a price move alone/);
  });

  it('a short 356 % away in cross is ok: cross margin and the form’s 10x do not raise it', () => {
    const short = sides(assessSnapshot(okxCross, okxFacts, settings, { now: NOW }).state).short;
    expect(new D(short?.distancePercent ?? '0').gt(350)).toBe(true);
    expect(short?.severity).toBe('ok');
    // The account's effective leverage is the position over the wallet: 1,950 / 6,996.26.
    expect(short?.effectiveLeverage).toBe('0.28');
  });

  it('the badge shows the side that can be liquidated in its own colour, and is neutral grey when none can', () => {
    const both = badgeFor(assessSnapshot(okxCross, okxFacts, settings, { now: NOW }).state);
    expect(both).toMatchObject({ text: '>99%', color: BADGE_COLORS.ok });
    const longOnly = badgeFor(assessSnapshot({ ...okxCross, sides: ok(['long']) }, okxFacts, settings, { now: NOW }).state);
    expect(longOnly).toMatchObject({ text: '—', color: BADGE_COLORS.none });
    expect(longOnly.title).toMatch(/cannot be liquidated by price alone/);
  });

  it('11.5 % away at 25x cross with a 5,000 USDT wallet is caution, as its first reason says (calculator)', () => {
    const r = calculate(
      {
        input: {
          venue: 'binance-usdm', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'cross', side: 'long', entryPrice: '60000', markPrice: '60000',
          quantity: '0.7', quantityUnit: 'base', leverage: '25', walletBalance: '5000', takerFeeRate: '0.0005', tickSize: '0.1',
        },
      },
      { now: NOW, tiers: table('binance-usdm', 'BTCUSDT') },
    );
    if (!r.result.ok) throw new Error(JSON.stringify(r.result.errors));
    const a = r.result.assessment;
    expect(a.distance?.percent.slice(0, 5)).toBe('11.55');
    expect(a.severity.level).toBe('caution');
    expect(a.severity.reasons[0]?.message).toMatch(/caution at 15 % or less/);
    // 42,000 of position on a 5,000 wallet: 8.4x effective, below the 10x caution leverage.
    expect(a.effectiveLeverage).toBe('8.4');
  });

  it('0.55 % away at 100x isolated is critical, by distance', () => {
    const s = sides(assessSnapshot(binanceMarket({ leverage: ok('100'), quantity: ok({ value: '1.5', unit: 'base', label: 'BTC' }), sides: ok(['long']) }), { ...NO_FACTS, tiers: tierFacts(table('binance-usdm', 'BTCUSDT')), spec: spec('binance-usdm', 'BTCUSDT', '1', '0.10') }, settings, { now: NOW }).state);
    expect(s.long?.distancePercent).toBe('0.55');
    expect(s.long?.severity).toBe('critical');
    expect(s.long?.severityReasons[0]).toMatch(/^Liquidation is only 0\.55 % away/);
  });
});

describe('"if liquidated you lose" follows each venue’s mechanics (review M2)', () => {
  const usdm: MarketFacts = { ...NO_FACTS, tiers: tierFacts(table('binance-usdm', 'BTCUSDT')), spec: spec('binance-usdm', 'BTCUSDT', '1', '0.10') };

  it('Binance keeps the margin left: 1.5 BTC at 100x loses the whole 975.16 margin plus the opening fee; the loss at the liquidation price is the lower line', () => {
    const s = sides(assessSnapshot(binanceMarket({ leverage: ok('100'), quantity: ok({ value: '1.5', unit: 'base', label: 'BTC' }), sides: ok(['long']) }), usdm, settings, { now: NOW }).state);
    const long = s.long;
    expect(long?.marginAtRisk.amount).toBe('975.16');
    // 975.1545 of margin + 0.05 % of 97,515.45 = 48.757725 of opening fee, rounded up.
    expect(long?.lossIfLiquidated).toMatchObject({ amount: '1023.92', basis: 'whole-margin' });
    expect(long?.lossIfLiquidated?.note).toMatch(/Binance USDⓈ-M keeps the margin left at liquidation/);
    expect(new D(long?.lossAtLiquidation ?? '0').lt(long?.lossIfLiquidated?.amount ?? '0')).toBe(true);
  });

  it('with no liquidation price: the position’s own worst move (≈1,950 USDT), not the 6,996 USDT wallet', () => {
    const okxCross = okxContracts({ marginMode: ok('cross'), leverage: ok('10'), price: ok('65000'), markPrice: ok('65000', 'page'), quantity: ok({ value: '3', unit: 'contracts', label: 'Contracts' }), availableBalance: ok({ value: '6996.26', asset: 'USDT' }), sides: ok(['long']) });
    const long = sides(assessSnapshot(okxCross, { ...NO_FACTS, tiers: tierFacts(table('okx', 'BTC-USDT-SWAP', 'contracts')), spec: spec('okx', 'BTC-USDT-SWAP', '0.01', '0.1') }, settings, { now: NOW }).state).long;
    // 3 × 0.01 BTC × 65,000 = 1,950 to zero, plus OKX's default 0.05 % opening fee of 0.975.
    expect(long?.lossIfLiquidated).toMatchObject({ amount: '1950.98', basis: 'worst-move' });
    expect(long?.lossAtLiquidation).toBe('1950.98');
    expect(long?.marginAtRisk.amount).toBe('6996.26');
  });

  it('a coin-margined short with no liquidation price loses at most its coin value, not the 0.5 BTC wallet', () => {
    const coinm = binanceCoinm({ marginMode: ok('cross'), leverage: ok('1'), sides: ok(['short']) });
    const facts: MarketFacts = { ...NO_FACTS, tiers: tierFacts(table('binance-coinm', 'BTCUSD_PERP', 'coin-notional')), spec: spec('binance-coinm', 'BTCUSD_PERP', '100', '0.1', 'inverse') };
    const short = sides(assessSnapshot(coinm, facts, settings, { now: NOW }).state).short;
    expect(short?.liquidationPrice).toBeNull();
    expect(short?.severity).toBe('none');
    expect(short?.lossIfLiquidated?.basis).toBe('worst-move');
    // 500 USD of contracts at 65,010.3: 0.0076911 BTC as the price rises without bound, plus the opening fee.
    expect(new D(short?.lossIfLiquidated?.amount ?? '1').lt('0.0078')).toBe(true);
    expect(new D(short?.lossIfLiquidated?.amount ?? '0').gt('0.0076')).toBe(true);
  });

  it('Hyperliquid returns what is left after a market close: the loss at the liquidation price is the figure', () => {
    const hl = binanceMarket({
      venue: 'hyperliquid', url: 'https://app.hyperliquid.xyz/trade/BTC', symbol: ok('BTC'), leverage: ok('40'), sides: ok(['long']),
      availableBalance: ok({ value: '5000', asset: 'USDC' }),
    });
    delete hl.product;
    const facts: MarketFacts = { ...NO_FACTS, spec: { spec: { venue: 'hyperliquid', symbol: 'BTC', contract: 'linear', contractSize: '1', tickSize: '1', lotSize: '0.00001', maxLeverage: '40', source: 'live', capturedAt: '2026-02-01T10:00:00.000Z', url: 'https://example.invalid/spec' }, note: { message: 'spec', lastError: null } } };
    const long = sides(assessSnapshot(hl, facts, settings, { now: NOW }).state).long;
    expect(long?.lossIfLiquidated?.basis).toBe('at-liquidation-price');
    expect(long?.lossIfLiquidated?.amount).toBe(long?.lossAtLiquidation);
    expect(long?.lossIfLiquidated?.note).toMatch(/backstop liquidator takes the position and all its margin/);
  });
});
