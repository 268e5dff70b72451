import type { TierTable } from '../engine/types';
import type { AccountSnapshot, PositionRow, RowRead } from '../../shared/account-snapshot';
import type { AccountFacts } from './account';

/**
 * Test accounts. The first is Binance's own cross-margin worked example (FAQ "How to calculate the
 * liquidation price of USDⓈ-M contracts", as carried by freqtrade's tests): wallet 1,535,443.01 USDT;
 * BTCUSDT long 109.488 @ 32,481.98 (mark 31,967.27, MMR 2.5 %, cum 16,300) liquidates at 26,316.89, and
 * ETHUSDT long 3,683.979 @ 1,456.84 (mark 1,335.18, MMR 10 %, cum 135,365) at 1,153.26.
 */

/** A one-tier table with the rate and amount a worked example uses. */
export function oneTier(venue: TierTable['venue'], symbol: string, rate: string, amount: string, basis: TierTable['basis'] = 'notional'): TierTable {
  return { venue, symbol, basis, source: 'live', capturedAt: '2026-12-01', tiers: [{ floor: '0', cap: null, maintenanceMarginRate: rate, maintenanceAmount: amount, maxLeverage: '20' }] };
}

export const row = (r: Partial<PositionRow> & Pick<PositionRow, 'symbol' | 'side' | 'entryPrice'>): RowRead => ({
  ok: true,
  row: { sideFrom: 'sign', size: { value: '1', unit: 'base', label: '' }, markPrice: null, marginMode: 'cross', leverage: '20', margin: null, unrealizedPnl: null, liquidationPrice: null, ...r },
});

export const FAQ_BTC = row({ symbol: 'BTCUSDT', side: 'long', size: { value: '109.488', unit: 'base', label: 'BTC' }, entryPrice: '32481.98', markPrice: '31967.27', liquidationPrice: '26316.89' });
export const FAQ_ETH = row({ symbol: 'ETHUSDT', side: 'long', size: { value: '3683.979', unit: 'base', label: 'ETH' }, entryPrice: '1456.84', markPrice: '1335.18', liquidationPrice: '1153.26', leverage: '10' });

export const FAQ_FACTS: AccountFacts = {
  BTCUSDT: { table: oneTier('binance-usdm', 'BTCUSDT', '0.025', '16300'), contractSize: null, tick: '0.1' },
  ETHUSDT: { table: oneTier('binance-usdm', 'ETHUSDT', '0.1', '135365'), contractSize: null, tick: '0.01' },
};

export function binanceAccount(rows: RowRead[], extra: Partial<AccountSnapshot> = {}): AccountSnapshot {
  return {
    venue: 'binance',
    product: 'usdm',
    url: 'https://www.binance.com/en/futures/BTCUSDT',
    positions: { ok: true, value: { rows }, source: 'selector:positions (column headers)' },
    wallet: { ok: true, value: { value: '1535443.01', asset: 'USDT' }, source: 'selector:panel wallet' },
    readAt: 1,
    ...extra,
  };
}

export const faqAccount = (): AccountSnapshot => binanceAccount([FAQ_BTC, FAQ_ETH]);
