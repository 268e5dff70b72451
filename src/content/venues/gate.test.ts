// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { fixtureCases, readFixture } from '../../../test/helpers/fixture-cases';

const URL_ = 'https://www.gate.com/futures/USDT/BTC_USDT';
const ok = { kind: 'complete', symbol: 'BTC_USDT', contract: 'linear', sides: ['long', 'short'] } as const;

describe('Gate fixtures', () => {
  fixtureCases([
    { ...ok, file: 'gate/limit-cross.html', url: URL_, orderType: 'limit', price: '65000.5', quantity: { value: '25', unit: 'contracts' }, leverage: '20', marginMode: 'cross', positionMode: 'oneway' },
    { ...ok, file: 'gate/market-isolated.html', url: 'https://www.gate.io/futures/USDT/BTC_USDT', orderType: 'market', price: '65010.3', priceKind: 'mark', leverage: '10', marginMode: 'isolated' },
    { ...ok, file: 'gate/unit-base.html', url: URL_, quantity: { value: '0.25', unit: 'base' } },
    { ...ok, file: 'gate/unit-quote.html', url: URL_, quantity: { value: '500', unit: 'quote' } },
    { ...ok, file: 'gate/hedge.html', url: URL_, positionMode: 'hedge', intent: 'open' },
    { ...ok, file: 'gate/dark.html', url: URL_ },
    // Russian UI, en-style numbers: the page's own "1,250.75" outranks <html lang="ru">.
    { ...ok, file: 'gate/i18n-ru.html', url: 'https://www.gate.com/ru/futures/USDT/BTC_USDT', price: '65000.5', quantity: { value: '25', unit: 'contracts' }, marginMode: 'cross', balance: { value: '1250.75', asset: 'USDT' } },
    { file: 'gate/broken-no-leverage.html', url: URL_, kind: 'unreadable', unreadable: { leverage: /not found|no leverage/ } },
    { file: 'gate/machine-input.html', url: 'https://www.gate.com/ru/futures/USDT/BTC_USDT', kind: 'empty', symbol: 'BTC_USDT', price: '65000.5', leverage: '100', marginMode: 'cross' },
    { ...ok, file: 'gate/i18n-vi.html', url: 'https://www.gate.com/vi/futures/USDT/BTC_USDT', quantity: { value: '2500', unit: 'contracts' }, leverage: '20', marginMode: 'isolated' },
  ]);

  it('refuses a contract whose settle segment disagrees', () => {
    const r = readFixture('gate/limit-cross.html', 'https://www.gate.com/futures/BTC/BTC_USDT');
    expect(r.kind).toBe('unreadable');
    if (r.kind === 'unreadable') expect(r.reasons.map((n) => n.field)).toContain('contract');
  });
});
