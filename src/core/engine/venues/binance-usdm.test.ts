import { describe, expect, it } from 'vitest';
import { D } from '../../decimal';
import { assess } from '../assess';
import type { Assessment, PositionInput } from '../types';
import { binanceTable2024 } from '../../../../test/helpers/binance-brackets';
import { docLiquidationPrice } from './binance-usdm';


function ok(input: PositionInput, ctx = {}): Assessment {
  const r = assess(input, ctx);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.assessment;
}

const tick = new D('0.01');
const withinTick = (value: string | null, expected: string): void => {
  expect(value).not.toBeNull();
  expect(new D(value ?? '0').minus(expected).abs().lte(tick)).toBe(true);
};

// Binance FAQ "calc example" (as carried by freqtrade's tests): one cross wallet, two long positions.
const WB = '1535443.01';
type Leg = { symbol: string; side: string; quantity: string; quantityUnit: string; entryPrice: string; markPrice: string; maintenanceMarginRate: string; maintenanceAmount: string };
const btc: Leg = { symbol: 'BTCUSDT', side: 'long', quantity: '109.488', quantityUnit: 'base', entryPrice: '32481.98', markPrice: '31967.27', maintenanceMarginRate: '0.025', maintenanceAmount: '16300' };
const eth: Leg = { symbol: 'ETHUSDT', side: 'long', quantity: '3683.979', quantityUnit: 'base', entryPrice: '1456.84', markPrice: '1335.18', maintenanceMarginRate: '0.1', maintenanceAmount: '135365' };
const cross = (main: Leg, other: Leg): PositionInput => ({
  venue: 'binance-usdm',
  contract: 'linear',
  marginMode: 'cross',
  leverage: '20',
  walletBalance: WB,
  ...main,
  otherPositions: [other],
});

describe('Binance USDⓈ-M FAQ cross example (faq/b3c689c1…, via freqtrade c9ae5e1)', () => {
  it('ETHUSDT cross liquidation price is 1,153.26', () => {
    withinTick(ok(cross(eth, btc)).liquidationPrice, '1153.26');
  });

  it('BTCUSDT cross liquidation price is 26,316.89 (signed uPnL of the other position at mark)', () => {
    const a = ok(cross(btc, eth));
    withinTick(a.liquidationPrice, '26316.89');
    // The FAQ's intermediate TMM for the other (ETH) position.
    expect(new D('3683.979').mul('1335.18').mul('0.1').minus('135365').toFixed(3)).toBe('356512.508');
  });

  it('the engine equals the FAQ closed form written in its own notation', () => {
    const tmm = new D(eth.quantity).mul(eth.markPrice).mul(eth.maintenanceMarginRate).minus(eth.maintenanceAmount);
    const upnl = new D(eth.quantity).mul(new D(eth.markPrice).minus(eth.entryPrice));
    const zero = new D(0);
    const doc = docLiquidationPrice({
      WB: new D(WB), TMM1: tmm, UPNL1: upnl, cumB: new D('16300'), cumL: zero, cumS: zero,
      side1BOTH: 1, position1BOTH: new D(btc.quantity), ep1BOTH: new D(btc.entryPrice),
      position1LONG: zero, ep1LONG: zero, position1SHORT: zero, ep1SHORT: zero,
      mmrB: new D('0.025'), mmrL: zero, mmrS: zero,
    });
    expect(ok(cross(btc, eth)).liquidationPrice).toBe(doc.toString());
  });

  it('another SHORT position counts with its own sign (freqtrade defect #2 fixed)', () => {
    const shortEth: Leg = { ...eth, side: 'short' };
    const a = ok(cross(btc, shortEth));
    // A short ETH that is in profit (mark below entry) adds equity: the BTC liquidation price must be lower.
    expect(new D(a.liquidationPrice ?? '0').lt('26316.89')).toBe(true);
  });
});

describe('Binance USDⓈ-M hedge mode (the FAQ hedge formula with LONG and SHORT legs)', () => {
  it('two legs of one symbol move with the same mark and match the FAQ hedge closed form', () => {
    const input: PositionInput = {
      venue: 'binance-usdm', symbol: 'ETHUSDT', contract: 'linear', marginMode: 'cross', positionMode: 'hedge', leverage: '10',
      walletBalance: '5000', side: 'long', quantity: '10', quantityUnit: 'base', entryPrice: '2000', markPrice: '2000',
      maintenanceMarginRate: '0.005', maintenanceAmount: '0',
      otherPositions: [{ symbol: 'ETHUSDT', side: 'short', quantity: '4', quantityUnit: 'base', entryPrice: '2100', markPrice: '2000', maintenanceMarginRate: '0.005', maintenanceAmount: '0' }],
    };
    const zero = new D(0);
    const doc = docLiquidationPrice({
      WB: new D('5000'), TMM1: zero, UPNL1: zero, cumB: zero, cumL: zero, cumS: zero,
      side1BOTH: 0, position1BOTH: zero, ep1BOTH: zero,
      position1LONG: new D('10'), ep1LONG: new D('2000'), position1SHORT: new D('4'), ep1SHORT: new D('2100'),
      mmrB: zero, mmrL: new D('0.005'), mmrS: new D('0.005'),
    });
    expect(ok(input).liquidationPrice).toBe(doc.toString());
  });

  it('in one-way mode a second position on the same symbol is a field error', () => {
    const r = assess({
      venue: 'binance-usdm', symbol: 'ETHUSDT', contract: 'linear', marginMode: 'cross', leverage: '10', walletBalance: '5000',
      side: 'long', quantity: '1', quantityUnit: 'base', entryPrice: '2000', markPrice: '2000', maintenanceMarginRate: '0.005',
      otherPositions: [{ symbol: 'ETHUSDT', side: 'short', quantity: '1', quantityUnit: 'base', entryPrice: '2000', markPrice: '2000', maintenanceMarginRate: '0.005' }],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ field: 'otherPositions[0].symbol', code: 'inconsistent' });
  });
});

describe('Binance USDⓈ-M brackets (bundled Oct 2024 table)', () => {
  const table = binanceTable2024('BTCUSDT');
  const base: PositionInput = { venue: 'binance-usdm', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'isolated', side: 'long', quantityUnit: 'base' };

  it('takes the bracket that holds the notional at the liquidation price, not at entry', () => {
    // 50 BTC @ 64,000 = 3.2M (bracket 4, 1 %) at entry; at the liquidation price the notional is below 3M (bracket 3).
    const a = ok({ ...base, entryPrice: '64000', markPrice: '64000', quantity: '50', leverage: '10' }, { tiers: table });
    expect(a.tier.index).toBe(2);
    expect(a.tier.measuredAt).toBe('liquidation-price');
    const n = new D(a.tier.basisValue ?? '0');
    expect(n.gt('600000') && n.lte('3000000')).toBe(true);
    expect(new D(a.liquidationPrice ?? '0').mul('50').eq(n)).toBe(true);
  });

  it('an exact bracket boundary: maintenance margin is equal on both sides and the lower bracket owns the cap', () => {
    // Margin chosen so that the liquidation notional is exactly 3,000,000 (50 BTC at 60,000).
    const a = ok({ ...base, entryPrice: '65000', markPrice: '65000', quantity: '50', leverage: '10', isolatedMargin: '268550' }, { tiers: table });
    expect(a.liquidationPrice).toBe('60000');
    expect(a.tier.index).toBe(2);
    expect(a.tier.maxLeverage).toBe('75');
  });

  it('warns when the leverage is above the bracket maximum for the order size', () => {
    const a = ok({ ...base, entryPrice: '64000', markPrice: '64000', quantity: '50', leverage: '100' }, { tiers: table });
    expect(a.warnings.find((w) => w.code === 'leverage-above-tier-maximum')).toMatchObject({ field: 'leverage' });
  });

  it('reports the table age, with a visible warning past 30 days and a stronger one past 180 days', () => {
    const young = ok({ ...base, entryPrice: '64000', markPrice: '64000', quantity: '1', leverage: '10' }, { tiers: table, now: '2024-12-01T00:00:00Z' });
    expect(young.tierTable).toMatchObject({ source: 'bundled', capturedAt: '2024-10-24', ageDays: '38' });
    expect(young.warnings.find((w) => w.code === 'tier-table-age')).toMatchObject({ field: 'tiers', message: expect.stringContaining('38 days old') });
    expect(young.assumptions.some((a) => a.code === 'tier-table-age')).toBe(false);
    const old = ok({ ...base, entryPrice: '64000', markPrice: '64000', quantity: '1', leverage: '10' }, { tiers: table, now: '2026-11-22T00:00:00Z' });
    expect(old.warnings.find((w) => w.code === 'tier-table-old')?.message).toMatch(/days old/);
  });

  it('says so when the table carries no readable capture date, instead of calling it fresh', () => {
    const undated = ok({ ...base, entryPrice: '64000', markPrice: '64000', quantity: '1', leverage: '10' }, { tiers: { ...table, capturedAt: 'unknown' }, now: '2026-11-22T00:00:00Z' });
    expect(undated.tierTable).toMatchObject({ capturedAt: 'unknown', ageDays: null });
    // A table that may be any age is a warning the trader sees, not a collapsed assumption.
    expect(undated.warnings.find((w) => w.code === 'tier-table-undated')).toMatchObject({ field: 'tiers', message: expect.stringMatching(/no readable capture date/) });
    expect(undated.assumptions.some((a) => a.code === 'tier-table-undated')).toBe(false);
  });
});
