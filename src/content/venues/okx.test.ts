// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { fixtureCases, readFixture, readFixtureAs } from '../../../test/helpers/fixture-cases';
import { okx } from './okx';

const URL_ = 'https://www.okx.com/trade-swap/btc-usdt-swap';
const ok = { kind: 'complete', symbol: 'BTC-USDT-SWAP', contract: 'linear', sides: ['long', 'short'] } as const;

describe('OKX fixtures', () => {
  fixtureCases([
    { ...ok, file: 'okx/limit-cross.html', url: URL_, orderType: 'limit', price: '65000.5', quantity: { value: '3', unit: 'contracts' }, leverage: '10', marginMode: 'cross', balance: { value: '6996.26', asset: 'USDT' }, positionMode: null },
    { ...ok, file: 'okx/market-isolated.html', url: URL_, orderType: 'market', price: '71704.6', priceKind: 'last', leverage: '5', marginMode: 'isolated' },
    { ...ok, file: 'okx/unit-base.html', url: URL_, quantity: { value: '0.03', unit: 'base' } },
    { ...ok, file: 'okx/unit-quote.html', url: URL_, quantity: { value: '500', unit: 'quote' } },
    { ...ok, file: 'okx/hedge.html', url: URL_, positionMode: 'hedge', intent: 'open' },
    { ...ok, file: 'okx/dark.html', url: URL_ },
    { ...ok, file: 'okx/i18n-zh.html', url: 'https://www.okx.com/zh-hans/trade-swap/btc-usdt-swap', quantity: { value: '3', unit: 'contracts' }, price: '65000.5', marginMode: 'cross', balance: { value: '6996.26', asset: 'USDT' } },
    { file: 'okx/broken-no-margin.html', url: URL_, kind: 'unreadable', unreadable: { marginMode: /not found/ } },
    { file: 'okx/stale-route.html', url: URL_, kind: 'unreadable', unreadable: { symbol: /the URL names BTC-USDT-SWAP, but the page's header shows “ETH-USDT-SWAP”/ } },
    { ...ok, file: 'okx/market-last.html', url: URL_, orderType: 'market', price: '64980.1', priceKind: 'last', quantity: { value: '3', unit: 'contracts' }, leverage: '5', marginMode: 'isolated' },
  ]);

  it('reads inverse swaps and dated futures from the URL', () => {
    const inverse = readFixtureAs('okx/unit-base.html', 'https://www.okx.com/trade-swap/btc-usd-swap', 'BTC-USD-SWAP');
    expect(inverse.kind !== 'no-form' && inverse.snapshot.contract).toMatchObject({ ok: true, value: 'inverse' });
    const dated = readFixtureAs('okx/unit-base.html', 'https://www.okx.com/trade-futures/btc-usd-250328', 'BTC-USD-250328');
    expect(dated.kind !== 'no-form' && dated.snapshot.symbol).toMatchObject({ ok: true, value: 'BTC-USD-250328' });
    expect(okx.isOrderPage(new URL('https://www.okx.com/trade-spot/btc-usdt'))).toBe(false);
  });

  it('a segmented Buy/Sell tab picks one side', () => {
    readFixture('okx/limit-cross.html', URL_);
    const form = document.querySelector('.place-order-container-common');
    const tabs = document.createElement('div');
    for (const [text, selected] of [['Buy', true], ['Sell', false]] as const) {
      const tab = document.createElement('div');
      tab.className = `okui-tabs-pane okui-tabs-pane-segmented${selected ? ' okui-tabs-pane-segmented-active' : ''}`;
      tab.setAttribute('role', 'tab');
      tab.textContent = text;
      tabs.append(tab);
    }
    form?.prepend(tabs);
    const r = okx.read({ doc: document, url: new URL(URL_), now: 0 });
    expect(r.ok && r.snapshot.sides).toMatchObject({ ok: true, value: ['long'] });
    expect(r.ok && r.snapshot.activeSide).toBe('long');
  });
});
