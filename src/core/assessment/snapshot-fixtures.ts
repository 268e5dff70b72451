/**
 * FormSnapshot fixtures for the assessment tests: complete, well-formed snapshots as the venue
 * adapters send them, and small helpers to break one field at a time. Test-only (imported by
 * *.test.ts files); pure like the rest of src/core.
 */
import type { TierTable } from '../engine/types';
import type { ContractSpec, MarkPrice } from '../market/types';
import type { FormSnapshot, Read } from '../../shared/form-snapshot';
import type { MarketFacts, TierFacts } from './types';

export const ok = <T>(value: T, source: `selector:${string}` | 'page' = 'selector:test'): Read<T> => ({ ok: true, value, source });
export const bad = <T>(reason: string): Read<T> => ({ ok: false, reason });

/** Binance USDⓈ-M BTCUSDT, market order at the page's mark, isolated 10x, 0.25 BTC, both sides shown. */
export function binanceMarket(over: Partial<FormSnapshot> = {}): FormSnapshot {
  return {
    venue: 'binance',
    product: 'usdm',
    url: 'https://www.binance.com/en/futures/BTCUSDT',
    pageLanguage: 'en',
    symbol: ok('BTCUSDT'),
    contract: ok('linear'),
    sides: ok(['long', 'short']),
    orderType: ok('market'),
    price: ok('65010.3'),
    priceKind: 'mark',
    markPrice: ok('65010.3', 'page'),
    quantity: ok({ value: '0.25', unit: 'base', label: 'BTC' }),
    leverage: ok('10'),
    marginMode: ok('isolated'),
    positionMode: ok('oneway'),
    availableBalance: ok({ value: '1250.75', asset: 'USDT' }),
    confidence: 'adapter',
    readAt: 1_700_000_000_000,
    ...over,
  };
}

/** Binance USDⓈ-M limit order at 64000, cross 20x, 0.1 BTC, no mark on the page. */
export function binanceLimitCross(over: Partial<FormSnapshot> = {}): FormSnapshot {
  const s = binanceMarket({ orderType: ok('limit'), price: ok('64000'), priceKind: 'limit', leverage: ok('20'), marginMode: ok('cross'), quantity: ok({ value: '0.1', unit: 'base', label: 'BTC' }), ...over });
  if (!('markPrice' in over)) delete s.markPrice;
  return s;
}

/** OKX BTC-USDT-SWAP, limit, isolated 5x, 10 contracts. */
export function okxContracts(over: Partial<FormSnapshot> = {}): FormSnapshot {
  const s = binanceMarket({
    venue: 'okx',
    url: 'https://www.okx.com/trade-swap/btc-usdt-swap',
    symbol: ok('BTC-USDT-SWAP'),
    orderType: ok('limit'),
    price: ok('64000'),
    priceKind: 'limit',
    markPrice: ok('64100.5', 'page'),
    quantity: ok({ value: '10', unit: 'contracts', label: 'Contracts' }),
    leverage: ok('5'),
    ...over,
  });
  if (!('product' in over)) delete s.product;
  return s;
}

/** Binance COIN-M BTCUSD_PERP, market, isolated 10x, 5 contracts. */
export function binanceCoinm(over: Partial<FormSnapshot> = {}): FormSnapshot {
  return binanceMarket({
    product: 'coinm',
    url: 'https://www.binance.com/en/delivery/BTCUSD_PERP',
    symbol: ok('BTCUSD_PERP'),
    contract: ok('inverse'),
    quantity: ok({ value: '5', unit: 'contracts', label: 'Cont' }),
    availableBalance: ok({ value: '0.5', asset: 'BTC' }),
    ...over,
  });
}

/** A small two-tier Binance-style table (not the real one: the tests check the mapping, not Binance). */
export function table(venue: TierTable['venue'], symbol: string, basis: TierTable['basis'] = 'notional'): TierTable {
  return {
    venue,
    symbol,
    basis,
    source: 'bundled',
    capturedAt: '2026-01-10',
    tiers: [
      { floor: '0', cap: '50000', maintenanceMarginRate: '0.004', maintenanceAmount: '0', maxLeverage: '125' },
      { floor: '50000', cap: null, maintenanceMarginRate: '0.005', maintenanceAmount: '50', maxLeverage: '100' },
    ],
  };
}

export function tierFacts(t: TierTable | null, over: Partial<TierFacts['note']> = {}): TierFacts {
  return {
    table: t,
    note: {
      source: t ? t.source : 'none',
      capturedAt: t ? t.capturedAt : null,
      age: { ageDays: t ? '5' : null, level: t ? 'fresh' : 'unknown', message: '' },
      refresh: 'not-available',
      lastError: null,
      message: t ? `Bundled tier table for ${t.venue} ${t.symbol}, dated ${t.capturedAt}.` : 'No tier table is bundled or documented. Enter the maintenance rate by hand to get a liquidation price.',
      ...over,
    },
  };
}

export function spec(venue: ContractSpec['venue'], symbol: string, contractSize: string, tickSize: string, contract: 'linear' | 'inverse' = 'linear'): MarketFacts['spec'] {
  return {
    spec: { venue, symbol, contract, contractSize, tickSize, lotSize: '1', maxLeverage: null, source: 'live', capturedAt: '2026-02-01T10:00:00.000Z', url: 'https://example.invalid/spec' },
    note: { message: `Contract spec from ${venue}.`, lastError: null },
  };
}

export function mark(venue: MarkPrice['venue'], symbol: string, price: string): MarketFacts['mark'] {
  return { mark: { venue, symbol, price, at: '2026-02-01T10:00:00.000Z', url: 'https://example.invalid/mark' }, note: { message: 'Mark price from the venue.', lastError: null } };
}

export const NOW = '2026-02-01T12:00:00.000Z';
