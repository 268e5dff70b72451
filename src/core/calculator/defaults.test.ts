import { describe, expect, it } from 'vitest';
import { VENUES } from '../engine/index';
import type { TierTable } from '../engine/index';
import { buildDefaults } from './defaults';

const table: TierTable = {
  venue: 'okx',
  symbol: 'BTC-USDT-SWAP',
  basis: 'contracts',
  source: 'live',
  capturedAt: '2026-11-20T08:00:00.000Z',
  url: 'https://www.okx.com/api/v5/public/position-tiers',
  tiers: [
    { floor: '0', cap: '10000', maintenanceMarginRate: '0.004', maintenanceAmount: '0', maxLeverage: '100' },
    { floor: '10000', cap: null, maintenanceMarginRate: '0.006', maintenanceAmount: '0', maxLeverage: '50' },
  ],
};

describe('buildDefaults', () => {
  it('prefers live market data and says where each value came from', () => {
    const d = buildDefaults('okx', 'BTC-USDT-SWAP', undefined, {
      tier: { table, note: { message: 'Live tier table' } },
      spec: { spec: { contract: 'linear', contractSize: '0.01', tickSize: '0.1', maxLeverage: '125', url: 'https://www.okx.com/api/v5/public/instruments', capturedAt: '2026-11-21T00:00:00Z' }, note: { message: '' } },
      mark: { mark: { price: '61000.1', at: '2026-11-22T00:00:00Z', url: 'https://www.okx.com/api/v5/public/mark-price' }, note: { message: '' } },
    });
    expect(d.contract).toBe('linear');
    expect(d.contractSize).toMatchObject({ value: '0.01' });
    expect(d.contractSize?.source).toContain('www.okx.com');
    expect(d.tickSize?.value).toBe('0.1');
    expect(d.markPrice).toMatchObject({ value: '61000.1', at: '2026-11-22T00:00:00Z' });
    expect(d.maxLeverage).toMatchObject({ value: '125', source: 'live contract spec' });
    expect(d.takerFeeRate.value).toBe(VENUES.okx.defaultTakerFee.rate);
    expect(d.tierTable?.tiers).toHaveLength(2);
    expect(d.notes).toEqual([]);
  });

  it('falls back to the venue’s documented defaults and lists what it could not get', () => {
    const d = buildDefaults('binance-coinm', 'BTCUSD_PERP', undefined, {
      tier: { table: null, note: { message: 'No tier table for binance-coinm BTCUSD_PERP.' } },
      spec: { spec: null, note: { message: 'No contract spec: timeout.' } },
      mark: { mark: null, note: { message: 'No mark price: timeout.' } },
    });
    expect(d.contract).toBe('inverse');
    expect(d.contractSize?.value).toBe(VENUES['binance-coinm'].defaultContractSize('inverse', 'BTCUSD_PERP')?.value);
    expect(d.contractSize?.source).toContain('default');
    expect(d.markPrice).toBeNull();
    expect(d.tickSize).toBeNull();
    expect(d.maxLeverage).toBeNull();
    expect(d.notes).toEqual(['No contract spec: timeout.', 'No mark price: timeout.', 'No tier table for binance-coinm BTCUSD_PERP.']);
  });

  it('takes the maximum leverage from the first tier when the spec has none', () => {
    const d = buildDefaults('okx', 'BTC-USDT-SWAP', 'linear', { tier: { table, note: { message: '' } }, spec: null, mark: null });
    expect(d.maxLeverage).toEqual({ value: '100', source: 'first tier of the live tier table' });
  });
});
