// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { fixtureCases, readFixture } from '../../../test/helpers/fixture-cases';

const URL_ = 'https://www.bitmex.com/app/trade/XBTUSD';
const ok = { kind: 'complete', symbol: 'XBTUSD', contract: 'inverse', sides: ['long', 'short'] } as const;

describe('BitMEX fixtures', () => {
  fixtureCases([
    { ...ok, file: 'bitmex/limit-cross.html', url: URL_, orderType: 'limit', price: '65000.5', quantity: { value: '1000', unit: 'contracts' }, leverage: '10', marginMode: 'cross', balance: { value: '0.015', asset: 'XBT' } },
    { ...ok, file: 'bitmex/market-isolated.html', url: URL_, orderType: 'market', price: '65010.3', priceKind: 'mark', leverage: '5', marginMode: 'isolated' },
    { ...ok, file: 'bitmex/unit-base.html', url: 'https://www.bitmex.com/app/trade/XBTUSDT', symbol: 'XBTUSDT', contract: 'linear', quantity: { value: '0.01', unit: 'base' } },
    { ...ok, file: 'bitmex/dark.html', url: URL_ },
    { ...ok, file: 'bitmex/i18n-es.html', url: URL_, price: '65000.5', balance: { value: '0.015', asset: 'XBT' }, marginMode: 'cross', pageLanguage: 'es' },
    { file: 'bitmex/broken-ambiguous-price.html', url: URL_, kind: 'unreadable', unreadable: { price: /could mean 65\.000 or 65000/ } },
  ]);

  it('fails closed on quanto contracts', () => {
    const r = readFixture('bitmex/limit-cross.html', 'https://www.bitmex.com/app/trade/ETHUSD');
    expect(r.kind).toBe('unreadable');
    if (r.kind === 'unreadable') expect(r.reasons.find((n) => n.field === 'contract')?.message).toMatch(/quanto/);
  });
});
