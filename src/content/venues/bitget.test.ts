// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { fixtureCases } from '../../../test/helpers/fixture-cases';
import { bitget } from './bitget';

const URL_ = 'https://www.bitget.com/futures/usdt/BTCUSDT';
const ok = { kind: 'complete', symbol: 'BTCUSDT', contract: 'linear', product: 'usdt', sides: ['long', 'short'] } as const;

describe('Bitget fixtures', () => {
  fixtureCases([
    { ...ok, file: 'bitget/limit-cross.html', url: URL_, orderType: 'limit', price: '65000.5', quantity: { value: '0.25', unit: 'base' }, leverage: '20', marginMode: 'cross', positionMode: 'oneway', balance: { value: '1250.75', asset: 'USDT' } },
    { ...ok, file: 'bitget/market-isolated.html', url: URL_, orderType: 'market', price: '65010.3', priceKind: 'mark', leverage: '10', marginMode: 'isolated' },
    { ...ok, file: 'bitget/unit-quote.html', url: URL_, quantity: { value: '500', unit: 'quote' } },
    { ...ok, file: 'bitget/hedge.html', url: URL_, positionMode: 'hedge', intent: 'open' },
    { ...ok, file: 'bitget/dark.html', url: URL_ },
    { ...ok, file: 'bitget/i18n-de.html', url: 'https://www.bitget.com/de/futures/usdt/BTCUSDT', price: '65000.5', balance: { value: '1250.75', asset: 'USDT' }, marginMode: 'cross', pageLanguage: 'de' },
    { file: 'bitget/broken-no-price.html', url: URL_, kind: 'unreadable', unreadable: { price: /not found/ } },
    // German page, size box empty until the 25 % button writes a machine number (misread-classes.test.ts clicks it).
    { file: 'bitget/machine-input.html', url: 'https://www.bitget.com/de/futures/usdt/BTCUSDT', kind: 'empty', symbol: 'BTCUSDT', price: '65000.5', leverage: '20', marginMode: 'cross' },
  ]);

  it('matches only futures pages with a product segment', () => {
    expect(bitget.isOrderPage(new URL('https://www.bitget.com/futures/usdc/BTCPERP'))).toBe(true);
    expect(bitget.isOrderPage(new URL('https://www.bitget.com/futures/'))).toBe(false);
    expect(bitget.isOrderPage(new URL('https://www.bitget.com/spot/BTCUSDT'))).toBe(false);
  });
});
