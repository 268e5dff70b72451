// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { fixtureCases, readCurrent, readFixture } from '../../../test/helpers/fixture-cases';
import { loadFixture } from '../../../test/helpers/fixture-dom';
import { binanceCoinm } from './binance-coinm';
import { binanceUsdm } from './binance-usdm';

const USDM = 'https://www.binance.com/en/futures/BTCUSDT';
const COINM = 'https://www.binance.com/en/delivery/BTCUSD_PERP';
const full = { kind: 'complete', symbol: 'BTCUSDT', contract: 'linear', product: 'usdm', sides: ['long', 'short'] } as const;

describe('Binance USDⓈ-M fixtures', () => {
  fixtureCases([
    { ...full, file: 'binance-usdm/limit-cross.html', url: USDM, orderType: 'limit', price: '65000.5', priceKind: 'limit', quantity: { value: '0.25', unit: 'base' }, leverage: '20', marginMode: 'cross', positionMode: 'oneway', intent: 'open', balance: { value: '1250.75', asset: 'USDT' } },
    { ...full, file: 'binance-usdm/market-isolated.html', url: USDM, orderType: 'market', price: '65010.3', priceKind: 'mark', leverage: '10', marginMode: 'isolated' },
    { ...full, file: 'binance-usdm/unit-quote.html', url: USDM, quantity: { value: '500', unit: 'quote' } },
    { ...full, file: 'binance-usdm/unit-percent.html', url: USDM, quantity: { value: '25', unit: 'percent' }, balance: { value: '1250.75', asset: 'USDT' } },
    { ...full, file: 'binance-usdm/hedge.html', url: USDM, positionMode: 'hedge', intent: 'open', sides: ['long', 'short'] },
    { ...full, file: 'binance-usdm/dark.html', url: USDM, price: '65000.5', leverage: '20' },
    { ...full, file: 'binance-usdm/i18n-zh.html', url: 'https://www.binance.com/zh-CN/futures/BTCUSDT', pageLanguage: 'zh-CN', orderType: 'limit', price: '65000.5', quantity: { value: '0.25', unit: 'base' }, marginMode: 'cross', leverage: '20' },
    { ...full, file: 'binance-usdm/conditional.html', url: USDM, orderType: 'conditional', price: '65000.5', priceKind: 'limit' },
    { file: 'binance-usdm/broken-no-leverage.html', url: USDM, kind: 'unreadable', unreadable: { leverage: /no leverage control/ } },
    // The misread classes (src/content/read/misread-classes.test.ts assesses them): a USDT size that is the Cost, a stale route,
    // a market order at the page's last price, an Arabic page with bidi marks.
    { ...full, file: 'binance-usdm/unit-cost.html', url: USDM, quantity: { value: '500', unit: 'cost' }, leverage: '20' },
    { file: 'binance-usdm/stale-route.html', url: USDM, kind: 'unreadable', unreadable: { symbol: /the URL names BTCUSDT, but the page's header shows “ETHUSDT”/, quantity: /the size is in ETH, but the URL's market is BTC\/USDT/ } },
    { ...full, file: 'binance-usdm/market-last.html', url: USDM, orderType: 'market', price: '64980.1', priceKind: 'last', leverage: '10', marginMode: 'isolated' },
    // A layout the reader does not know (icon side buttons, abbreviated tabs): only the field picker supplies these (src/content/read/picked.test.ts).
    { file: 'binance-usdm/picker-unknown-controls.html', url: USDM, kind: 'no-form' },
    { ...full, file: 'binance-usdm/i18n-ar.html', url: 'https://www.binance.com/ar/futures/BTCUSDT', pageLanguage: 'ar', orderType: 'limit', price: '65000.5', quantity: { value: '0.25', unit: 'base' }, leverage: '20', marginMode: 'cross' },
  ]);

  it('fails closed on a hostile page whose symbol is markup, and keeps that text as plain text', () => {
    const r = readFixture('binance-usdm/hostile.html', 'https://www.binance.com/en/futures/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E');
    expect(r.kind).toBe('unreadable');
    if (r.kind !== 'unreadable') return;
    const symbol = r.reasons.find((n) => n.field === 'symbol');
    expect(symbol?.message).toContain('<img src=x onerror=alert(1)>');
    expect(r.snapshot.availableBalance?.ok).toBe(false);
  });

  it('puts the hovered or focused side first', () => {
    loadFixture('binance-usdm/limit-cross.html');
    const sell = document.querySelector('.fx-sell');
    const buy = document.querySelector('.fx-buy');
    expect(sell && buy).toBeTruthy();
    const hovered = readCurrent(USDM, { hovered: sell });
    expect(hovered.kind === 'complete' && hovered.snapshot.activeSide).toBe('short');
    const focused = readCurrent(USDM, { focused: buy, hovered: null });
    expect(focused.kind === 'complete' && focused.snapshot.activeSide).toBe('long');
    const none = readCurrent(USDM);
    expect(none.kind === 'complete' && none.snapshot.activeSide).toBeUndefined();
  });

  it('treats a blank or zero size as an empty form, even when other fields are missing', () => {
    loadFixture('binance-usdm/broken-no-leverage.html');
    const size = document.getElementById('unitAmount-1') as HTMLInputElement;
    expect(readCurrent(USDM).kind).toBe('unreadable');
    size.value = '';
    expect(readCurrent(USDM).kind).toBe('empty');
    size.value = '0.000';
    expect(readCurrent(USDM).kind).toBe('empty');
    size.value = '0,25';
    const r = readCurrent(USDM);
    expect(r.kind).toBe('unreadable');
    if (r.kind === 'unreadable') expect(r.reasons.find((n) => n.field === 'quantity')?.message).toMatch(/decimal separator/);
  });

  it('matches only its order pages', () => {
    expect(binanceUsdm.isOrderPage(new URL(USDM))).toBe(true);
    expect(binanceUsdm.isOrderPage(new URL('https://www.binance.com/futures/ETHUSDT'))).toBe(true);
    expect(binanceUsdm.isOrderPage(new URL('https://www.binance.com/en/futures/BTCUSDT/calculator'))).toBe(false);
    expect(binanceUsdm.isOrderPage(new URL('https://www.binance.com/en/delivery/BTCUSD_PERP'))).toBe(false);
    expect(binanceCoinm.isOrderPage(new URL(COINM))).toBe(true);
  });
});

describe('Binance COIN-M fixtures', () => {
  const coin = { kind: 'complete', symbol: 'BTCUSD_PERP', contract: 'inverse', product: 'coinm', sides: ['long', 'short'] } as const;
  fixtureCases([
    { ...coin, file: 'binance-coinm/limit-cross.html', url: COINM, orderType: 'limit', price: '65000.5', quantity: { value: '10', unit: 'contracts' }, leverage: '20', marginMode: 'cross', balance: { value: '0.5', asset: 'BTC' } },
    { ...coin, file: 'binance-coinm/market-isolated.html', url: COINM, orderType: 'market', price: '65010.3', priceKind: 'mark', marginMode: 'isolated', leverage: '10' },
    { ...coin, file: 'binance-coinm/unit-base.html', url: COINM, quantity: { value: '0.5', unit: 'base' } },
    { ...coin, file: 'binance-coinm/hedge.html', url: COINM, positionMode: 'hedge', intent: 'open' },
    { ...coin, file: 'binance-coinm/dark.html', url: COINM },
    { ...coin, file: 'binance-coinm/i18n-tr.html', url: 'https://www.binance.com/tr/delivery/BTCUSD_PERP', price: '65000.5', marginMode: 'cross', balance: { value: '0.5', asset: 'BTC' }, pageLanguage: 'tr' },
    { file: 'binance-coinm/broken-unit.html', url: COINM, kind: 'unreadable', unreadable: { quantity: /“\?” is not a unit/ } },
  ]);

  it('refuses a USDⓈ-M symbol on a COIN-M page', () => {
    const r = readFixture('binance-coinm/limit-cross.html', 'https://www.binance.com/en/delivery/BTCUSDT');
    expect(r.kind).toBe('unreadable');
    if (r.kind === 'unreadable') expect(r.reasons.map((n) => n.field)).toContain('contract');
  });
});
