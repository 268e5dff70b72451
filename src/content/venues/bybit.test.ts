// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { fixtureCases, readFixtureAs } from '../../../test/helpers/fixture-cases';
import { bybit } from './bybit';

const URL_ = 'https://www.bybit.com/trade/usdt/BTCUSDT';
const ok = { kind: 'complete', symbol: 'BTCUSDT', contract: 'linear', product: 'usdt', sides: ['long', 'short'] } as const;

describe('Bybit fixtures', () => {
  fixtureCases([
    { ...ok, file: 'bybit/limit-cross.html', url: URL_, orderType: 'limit', price: '65000.5', quantity: { value: '0.25', unit: 'base' }, leverage: '20', marginMode: 'cross', positionMode: 'oneway', balance: { value: '1250.75', asset: 'USDT' } },
    { ...ok, file: 'bybit/market-isolated.html', url: URL_, orderType: 'market', price: '65010.3', priceKind: 'last', leverage: '10', marginMode: 'isolated' },
    { ...ok, file: 'bybit/unit-quote.html', url: URL_, quantity: { value: '500', unit: 'quote' } },
    { ...ok, file: 'bybit/unit-contracts.html', url: 'https://www.bybit.com/trade/inverse/BTCUSD', symbol: 'BTCUSD', contract: 'inverse', product: 'inverse', quantity: { value: '1000', unit: 'contracts' }, balance: { value: '0.05', asset: 'BTC' } },
    { ...ok, file: 'bybit/hedge.html', url: URL_, positionMode: 'hedge', intent: 'open' },
    { ...ok, file: 'bybit/dark.html', url: URL_ },
    { ...ok, file: 'bybit/i18n-ko.html', url: 'https://www.bybit.com/ko-KR/trade/usdt/BTCUSDT', orderType: 'limit', marginMode: 'cross', quantity: { value: '0.25', unit: 'base' }, pageLanguage: 'ko' },
    { file: 'bybit/broken-no-margin.html', url: URL_, kind: 'unreadable', unreadable: { marginMode: /not found/ } },
    { ...ok, file: 'bybit/unit-cost.html', url: URL_, quantity: { value: '500', unit: 'cost' }, leverage: '20' },
    { ...ok, file: 'bybit/i18n-ar.html', url: 'https://www.bybit.com/ar-SA/trade/usdt/BTCUSDT', pageLanguage: 'ar', price: '65000.5', quantity: { value: '0.1', unit: 'base' }, leverage: '10', marginMode: 'isolated' },
    // No roles, labels or aria: class-only tabs and inputs captioned by a sibling in their row.
    { ...ok, file: 'bybit/plain-divs.html', url: URL_, orderType: 'limit', price: '65000.5', quantity: { value: '0.1', unit: 'base' }, leverage: '10', marginMode: 'isolated' },
  ]);

  it('reads USDC perpetual names and matches only trade pages', () => {
    expect(bybit.isOrderPage(new URL('https://www.bybit.com/trade/usdc/BTCPERP'))).toBe(true);
    expect(bybit.isOrderPage(new URL('https://www.bybit.com/en/trade/usdt/ETHUSDT'))).toBe(true);
    expect(bybit.isOrderPage(new URL('https://www.bybit.com/trade/spot/BTC/USDT'))).toBe(false);
    const r = readFixtureAs('bybit/limit-cross.html', 'https://www.bybit.com/trade/usdc/BTCPERP', 'BTCPERP');
    // The fixture's size says BTC, which is BTCPERP's base: the product changes, the read does not.
    expect(r.kind !== 'no-form' && r.snapshot.symbol).toMatchObject({ ok: true, value: 'BTCPERP' });
    expect(r.kind !== 'no-form' && r.snapshot.product).toBe('usdc');
  });
});
