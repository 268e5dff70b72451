// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { fixtureCases, readCurrent, readFixture } from '../../../test/helpers/fixture-cases';

const URL_ = 'https://app.hyperliquid.xyz/trade/BTC';
const ok = { kind: 'complete', symbol: 'BTC', contract: 'linear', sides: ['long'] } as const;

describe('Hyperliquid fixtures', () => {
  fixtureCases([
    { ...ok, file: 'hyperliquid/limit-cross.html', url: URL_, orderType: 'limit', price: '65000.5', quantity: { value: '0.25', unit: 'base' }, leverage: '20', marginMode: 'cross', balance: { value: '1250.75', asset: 'USDC' } },
    { ...ok, file: 'hyperliquid/market-isolated.html', url: URL_, orderType: 'market', price: '65010.3', priceKind: 'mark', leverage: '10', marginMode: 'isolated' },
    { ...ok, file: 'hyperliquid/unit-quote.html', url: URL_, quantity: { value: '500', unit: 'quote' } },
    { ...ok, file: 'hyperliquid/dark.html', url: URL_ },
    { ...ok, file: 'hyperliquid/i18n-zh.html', url: URL_, marginMode: 'cross', quantity: { value: '0.25', unit: 'base' }, pageLanguage: 'zh-CN' },
    { file: 'hyperliquid/broken-no-unit.html', url: URL_, kind: 'unreadable', unreadable: { quantity: /no unit/ } },
    { ...ok, file: 'hyperliquid/plain-divs.html', url: URL_, orderType: 'limit', price: '65000.5', quantity: { value: '0.2', unit: 'base' }, leverage: '20', marginMode: 'isolated' },
  ]);

  it('fails closed on the bare /trade page, which does not name the coin', () => {
    const r = readFixture('hyperliquid/limit-cross.html', 'https://app.hyperliquid.xyz/trade');
    expect(r.kind).toBe('unreadable');
    if (r.kind === 'unreadable') expect(r.reasons.find((n) => n.field === 'symbol')?.message).toMatch(/names no coin/);
  });

  it('the selected side of the toggle is the one assessed', () => {
    readFixture('hyperliquid/limit-cross.html', URL_);
    const [buy, sell] = [...document.querySelectorAll('[role="tab"]')].filter((t) => /Long|Short/.test(t.textContent ?? ''));
    buy?.setAttribute('aria-selected', 'false');
    sell?.setAttribute('aria-selected', 'true');
    const r = readCurrent(URL_);
    expect(r.kind === 'complete' && r.snapshot.sides).toMatchObject({ ok: true, value: ['short'] });
  });
});
