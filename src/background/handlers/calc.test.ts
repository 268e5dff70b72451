import { describe, expect, it, vi } from 'vitest';
import type { TierTable } from '../../core/engine/types';
import { parseRequest } from '../../shared/message-schemas';
import { defaultSettings, type Settings } from '../../shared/settings';
import { handleCalc, type CalcDeps } from './calc';

const table: TierTable = {
  venue: 'binance-usdm',
  symbol: 'BTCUSDT',
  basis: 'notional',
  source: 'bundled',
  capturedAt: '2026-11-01',
  tiers: [
    { floor: '0', cap: '50000', maintenanceMarginRate: '0.004', maintenanceAmount: '0', maxLeverage: '125' },
    { floor: '50000', cap: null, maintenanceMarginRate: '0.005', maintenanceAmount: '50', maxLeverage: '100' },
  ],
};

function fakeMarket(over: Partial<CalcDeps['market']> = {}): CalcDeps['market'] {
  return {
    tierTable: vi.fn(async () => ({
      table,
      note: { source: 'bundled' as const, capturedAt: '2026-11-01', age: { level: 'fresh', days: 21, message: '' } as never, refresh: 'fresh' as const, lastError: null, message: 'Bundled tier table', details: [], confidence: 'medium' as const },
    })),
    contractSpec: vi.fn(async () => ({ spec: null, note: { source: 'none' as const, fetchedAt: null, lastError: null, message: 'No contract spec.' } })),
    markPrice: vi.fn(async () => ({ mark: { venue: 'binance-usdm' as const, symbol: 'BTCUSDT', price: '61000', at: '2026-11-22T00:00:00Z', url: 'https://fapi.binance.com/fapi/v1/premiumIndex' }, note: { source: 'live' as const, fetchedAt: null, lastError: null, message: '' } })),
    volatility: vi.fn(async () => ({ sigmaDaily: '0.03', source: 'binance-usdm BTCUSDT candles', window: '30 days' })),
    ...over,
  };
}

const request = {
  type: 'calc/assess' as const,
  input: { venue: 'binance-usdm', symbol: 'BTCUSDT', side: 'long', entryPrice: '60000', markPrice: '60000', quantity: '0.5', quantityUnit: 'base', leverage: '10', marginMode: 'isolated', takerFeeRate: '0.0005' },
};

const NOW = () => Date.parse('2026-11-22T12:00:00Z');

describe('handleCalc: calc/assess', () => {
  it('assesses with the market’s tier table and volatility, and says where they came from', async () => {
    const market = fakeMarket();
    const r = await handleCalc(request, { market, settings: defaultSettings(), now: NOW });
    expect(market.tierTable).toHaveBeenCalledWith('binance-usdm', 'BTCUSDT');
    if (!r.ok || !('result' in r) || !r.result.ok) throw new Error('expected an assessment');
    expect(r.result.assessment.tierTable?.source).toBe('bundled');
    expect(r.result.assessment.touchProbability24h?.sigmaDaily).toBe('0.03');
    expect(r.data.tierTable?.message).toBe('Bundled tier table');
    expect(r.data.volatility?.source).toBe('binance-usdm BTCUSDT candles');
  });

  it('applies the thresholds, region and account mode from settings', async () => {
    const settings: Settings = defaultSettings();
    settings.region = 'EU';
    settings.venues.binance.accountMode = 'usdm_coinm_classic_wallet';
    const base = await handleCalc(request, { market: fakeMarket(), settings, now: NOW });
    settings.thresholds.distancePercent = { caution: '99', danger: '98', critical: '97' };
    const strict = await handleCalc(request, { market: fakeMarket(), settings: async () => settings, now: NOW });
    if (!('result' in base) || !('result' in strict) || !base.result.ok || !strict.result.ok) throw new Error('expected assessments');
    expect(base.result.assessment.severity.level).not.toBe('critical');
    expect(strict.result.assessment.severity.level).toBe('critical');
    expect(strict.data).toMatchObject({ region: 'EU', accountMode: 'usdm_coinm_classic_wallet' });
    expect(strict.policy?.accountMode?.id).toBe('usdm_coinm_classic_wallet');
  });

  it('does not fetch a tier table when the trader typed a maintenance rate', async () => {
    const market = fakeMarket();
    const r = await handleCalc({ ...request, input: { ...request.input, maintenanceMarginRate: '0.01' } }, { market, settings: defaultSettings(), now: NOW });
    expect(market.tierTable).not.toHaveBeenCalled();
    expect('result' in r && r.result.ok && r.result.assessment.tier.measuredAt).toBe('override');
  });

  it('answers without a touch probability when volatility is slow, rather than waiting', async () => {
    const market = fakeMarket({ volatility: () => new Promise(() => undefined) });
    const started = Date.now();
    const r = await handleCalc(request, { market, settings: defaultSettings(), now: NOW, waitMs: { volatility: 30 } });
    expect(Date.now() - started).toBeLessThan(1000);
    expect('result' in r && r.result.ok && r.result.assessment.touchProbability24h).toBeNull();
    expect('data' in r && r.data.volatility).toBeNull();
  });

  it('still answers when the market data fails', async () => {
    const market = fakeMarket({ tierTable: () => Promise.reject(new Error('down')), volatility: () => Promise.reject(new Error('down')) });
    const r = await handleCalc(request, { market, settings: defaultSettings(), now: NOW });
    // Binance USDⓈ-M has no built-in table: the engine asks for the maintenance rate by name.
    expect('result' in r && !r.result.ok && r.result.errors.map((e) => e.field)).toEqual(['maintenanceMarginRate']);
  });

  it('is reached only through the router’s schema: the popup’s request shape passes parseRequest', () => {
    const parsed = parseRequest({ ...request, accountMode: null, region: 'EU', extras: { gapPercent: '10', fundingHours: '24', priceFor: '61000' } });
    expect(parsed.ok).toBe(true);
  });
});

describe('handleCalc: calc/defaults', () => {
  it('fills the form from market data', async () => {
    const r = await handleCalc({ type: 'calc/defaults', venue: 'binance-usdm', symbol: 'BTCUSDT' }, { market: fakeMarket(), settings: defaultSettings(), now: NOW });
    if (!('defaults' in r)) throw new Error('expected defaults');
    expect(r.defaults.markPrice?.value).toBe('61000');
    expect(r.defaults.tierTable?.tiers).toHaveLength(2);
    expect(r.defaults.maxLeverage?.value).toBe('125');
    expect(r.defaults.notes).toEqual(['No contract spec.']);
  });

  it('gives up on a slow mark price with a note', async () => {
    const market = fakeMarket({ markPrice: () => new Promise(() => undefined) });
    const r = await handleCalc({ type: 'calc/defaults', venue: 'binance-usdm', symbol: 'BTCUSDT' }, { market, settings: defaultSettings(), waitMs: { mark: 20 } });
    if (!('defaults' in r)) throw new Error('expected defaults');
    expect(r.defaults.markPrice).toBeNull();
    expect(r.defaults.notes.join(' ')).toMatch(/mark price/i);
  });

  it('refuses an unknown venue and unknown types with an error reply', async () => {
    const deps = { market: fakeMarket(), settings: defaultSettings() };
    expect(await handleCalc({ type: 'calc/defaults', venue: 'nope' as never, symbol: 'X' }, deps)).toMatchObject({ ok: false, error: { code: 'invalid-message' } });
    expect(await handleCalc({ type: 'calc/other' } as never, deps)).toMatchObject({ ok: false, error: { code: 'unknown-type' } });
  });

  it('turns a defect into an internal error reply, never a throw', async () => {
    const r = await handleCalc(request, { market: fakeMarket(), settings: () => { throw new Error('boom'); } });
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
