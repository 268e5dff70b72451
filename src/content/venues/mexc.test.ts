// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { fixtureCases } from '../../../test/helpers/fixture-cases';
import { mexc } from './mexc';

const URL_ = 'https://www.mexc.com/futures/BTC_USDT';
const ok = { kind: 'complete', symbol: 'BTC_USDT', contract: 'linear', sides: ['long', 'short'] } as const;

describe('MEXC fixtures', () => {
  fixtureCases([
    { ...ok, file: 'mexc/limit-cross.html', url: URL_, orderType: 'limit', price: '65000.5', quantity: { value: '250', unit: 'contracts' }, leverage: '20', marginMode: 'cross', positionMode: 'oneway' },
    { ...ok, file: 'mexc/market-isolated.html', url: 'https://futures.mexc.com/exchange/BTC_USDT', orderType: 'market', price: '65010.3', priceKind: 'mark', leverage: '10', marginMode: 'isolated' },
    { ...ok, file: 'mexc/unit-base.html', url: URL_, quantity: { value: '0.25', unit: 'base' } },
    { ...ok, file: 'mexc/unit-quote.html', url: URL_, quantity: { value: '500', unit: 'quote' } },
    { ...ok, file: 'mexc/hedge.html', url: URL_, positionMode: 'hedge', intent: 'open' },
    { ...ok, file: 'mexc/dark.html', url: URL_ },
    { ...ok, file: 'mexc/i18n-ja.html', url: 'https://www.mexc.com/ja-JP/futures/BTC_USDT', quantity: { value: '250', unit: 'contracts' }, marginMode: 'cross', pageLanguage: 'ja' },
    { file: 'mexc/broken-two-leverages.html', url: URL_, kind: 'unreadable', unreadable: { leverage: /different leverages \(10x, 20x\)/ } },
    { ...ok, file: 'mexc/i18n-vi.html', url: 'https://futures.mexc.com/vi-VN/exchange/BTC_USDT', quantity: { value: '2500', unit: 'contracts' }, leverage: '20', marginMode: 'isolated' },
    { ...ok, file: 'mexc/plain-divs.html', url: 'https://futures.mexc.com/exchange/BTC_USDT', quantity: { value: '2500', unit: 'contracts' }, leverage: '20', marginMode: 'cross', positionMode: 'hedge' },
  ]);

  it('matches both MEXC futures hosts', () => {
    expect(mexc.isOrderPage(new URL('https://futures.mexc.com/exchange/ETH_USDT'))).toBe(true);
    expect(mexc.isOrderPage(new URL('https://www.mexc.com/exchange/BTC_USDT'))).toBe(false);
  });
});
