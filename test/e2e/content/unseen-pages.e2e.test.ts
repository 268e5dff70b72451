import type { Page as PlaywrightPage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionSession } from '../harness/chromium';
import type { AnyPage } from '../harness/pages';
import { extensionReader, startCli, type CliSession, type StorageReader } from '../shared/background';
import { STUBBED_MARKET_HOSTS, stubMarketData } from '../shared/market-stubs';
import { cliFor, compareWithCli, settle, type ExpectedInputs } from '../venues/figures';
import { clickInOverlay, overlayCollapsed, overlayTexts, waitForAnswer, waitForState } from './helpers';

/**
 * Pages unlike the team's fixtures (test/fixtures/unseen/, each page's comment works out the right
 * answer by hand), under the venues' real hostnames with their public market data stubbed: the
 * overlay shows the engine CLI's figure for the order the page really holds, or no figure and a
 * reason naming the field. Never another number. One browser for the file.
 */

const MARK = '65010.3';
let session: ExtensionSession;
let reader: StorageReader;
let calc: CliSession;

beforeAll(async () => {
  calc = startCli();
  session = await launchWithExtension({ hosts: ['www.bitmex.com', 'www.gate.com', 'app.hyperliquid.xyz', 'www.mexc.com', 'www.okx.com', 'www.binance.com', 'www.bybit.com', 'www.bitget.com', ...STUBBED_MARKET_HOSTS] });
  stubMarketData(session.server, { mark: MARK });
  reader = await extensionReader(session);
});
afterAll(async () => {
  await Promise.all([session?.close(), calc?.close()]);
});

async function open(host: string, path: string, fixture: string): Promise<{ page: AnyPage; tabId: () => Promise<number> }> {
  const page = await session.context.newPage();
  await page.goto(session.venueUrl(host, path, `unseen/${fixture}`));
  await waitForAnswer(page, 15_000);
  const tabId = async () => {
    const rec = await reader.tabRecordFor(`${host}${path}`);
    if (!rec) throw new Error(`no tab record for ${host}${path}`);
    return rec.tabId;
  };
  return { page, tabId };
}

/** Host, path, page, the order it holds, and how many of the page's order-value and cost figures bear it out. */
const CASES: [string, string, string, ExpectedInputs, number][] = [
  // μXBT figures and balance: 1,000 USD contracts, the figures converted and agreeing.
  ['www.bitmex.com', '/app/trade/XBTUSD', 'bitmex-cost-microxbt.html', { venue: 'bitmex', symbol: 'XBTUSD', contract: 'inverse', marginMode: 'isolated', entryPrice: '65000.5', quantity: '1000', quantityUnit: 'contracts', leverage: '10', markPrice: MARK, tickSize: '0.5', contractSize: '1', sides: ['long', 'short'] }, 4],
  // "Cont ≈ 0,25 BTC" after the size, French numbers with narrow no-break spaces.
  ['www.gate.com', '/fr/futures/USDT/BTC_USDT', 'gate-fr-nnbsp-contracts.html', { venue: 'gate', symbol: 'BTC_USDT', contract: 'linear', marginMode: 'isolated', entryPrice: '65000.5', quantity: '2500', quantityUnit: 'contracts', leverage: '20', markPrice: MARK, tickSize: '0.1', contractSize: '0.0001', sides: ['long', 'short'] }, 4],
  // The size's unit selector above the box; after the input only other controls and "Avbl 1,250.75 USDT".
  ['www.binance.com', '/en/futures/BTCUSDT', 'binance-unit-before-market.html', { venue: 'binance-usdm', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'cross', entryPrice: '65012', quantity: '0.25', quantityUnit: 'base', leverage: '20', markPrice: MARK, walletBalance: '1250.75', tickSize: '0.1', contractSize: '1', sides: ['long', 'short'] }, 0],
  // The inactive pane (400 Cont) is laid out at opacity 0: the browser's own visibility check drops it.
  ['www.okx.com', '/trade-swap/btc-usdt-swap', 'okx-opacity-pane.html', { venue: 'okx', symbol: 'BTC-USDT-SWAP', contract: 'linear', marginMode: 'isolated', entryPrice: '64500', quantity: '25', quantityUnit: 'contracts', leverage: '10', markPrice: MARK, tickSize: '0.1', contractSize: '0.01', sides: ['long', 'short'] }, 0],
  // Figures abbreviated in words on a comma-decimal page: "16,25 тыс. USDT" is 16,250 ± 10, the cost "1,63 тыс." 1,630 ± 10.
  ['www.bybit.com', '/ru-RU/trade/usdt/BTCUSDT', 'bybit-ru-abbreviated-figures.html', { venue: 'bybit', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'isolated', entryPrice: '65000.5', quantity: '0.25', quantityUnit: 'base', leverage: '10', markPrice: MARK, tickSize: '0.1', contractSize: '1', sides: ['long', 'short'] }, 4],
  // "Value 16.25K USDT" and "Max 15.38K Cont" beside an exact cost.
  ['www.gate.com', '/futures/USDT/BTC_USDT', 'gate-abbreviated-max.html', { venue: 'gate', symbol: 'BTC_USDT', contract: 'linear', marginMode: 'cross', entryPrice: '65000.5', quantity: '2500', quantityUnit: 'contracts', leverage: '20', markPrice: MARK, walletBalance: '5000', tickSize: '0.1', contractSize: '0.0001', sides: ['long', 'short'] }, 4],
  // A bare "Margin" is the order's cost; the maintenance margin is not; "≈ 16,250.13 USDT ≈ $16,248.50" is in USDT.
  ['www.okx.com', '/trade-swap/btc-usdt-swap', 'okx-bare-margin-approx.html', { venue: 'okx', symbol: 'BTC-USDT-SWAP', contract: 'linear', marginMode: 'isolated', entryPrice: '65000.5', quantity: '25', quantityUnit: 'contracts', leverage: '20', markPrice: MARK, tickSize: '0.1', contractSize: '0.01', sides: ['long', 'short'] }, 4],
  // Russian "Маржа" beside "Поддерживающая маржа", "~16,250.13", a maximum with a conversion after it.
  ['www.bitget.com', '/ru/futures/usdt/BTCUSDT', 'bitget-ru-margin-maintenance.html', { venue: 'bitget', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'cross', entryPrice: '65000.5', quantity: '0.25', quantityUnit: 'base', leverage: '20', markPrice: MARK, walletBalance: '1250.75', tickSize: '0.1', contractSize: '1', sides: ['long', 'short'] }, 4],
  // A take-profit box in the price's own row; French thin-space figures; a "--" liquidation estimate.
  ['www.binance.com', '/en/futures/BTCUSDT', 'binance-tp-beside-price.html', { venue: 'binance-usdm', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'cross', entryPrice: '65000.5', quantity: '0.25', quantityUnit: 'base', leverage: '20', markPrice: MARK, walletBalance: '1250.75', tickSize: '0.1', contractSize: '1', sides: ['long', 'short'] }, 2],
  ['www.bitget.com', '/fr/futures/usdt/BTCUSDT', 'bitget-fr-thin-space.html', { venue: 'bitget', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'isolated', entryPrice: '65000.5', quantity: '0.25', quantityUnit: 'base', leverage: '10', markPrice: MARK, tickSize: '0.1', contractSize: '1', sides: ['long', 'short'] }, 4],
  ['app.hyperliquid.xyz', '/trade/BTC', 'hyperliquid-liq-dash.html', { venue: 'hyperliquid', symbol: 'BTC', contract: 'linear', marginMode: 'isolated', entryPrice: '65000.5', quantity: '0.25', quantityUnit: 'base', leverage: '20', markPrice: MARK, tickSize: '1', contractSize: '1', sides: ['long'] }, 2],
  // Tether written "USDt": the cross wallet and the cost.
  ['www.gate.com', '/futures/USDT/BTC_USDT', 'gate-cross-usdt-lowercase.html', { venue: 'gate', symbol: 'BTC_USDT', contract: 'linear', marginMode: 'cross', entryPrice: '65000.5', quantity: '2500', quantityUnit: 'contracts', leverage: '20', markPrice: MARK, walletBalance: '1250.75', tickSize: '0.1', contractSize: '0.0001', sides: ['long', 'short'] }, 2],
  // The account's margin rate ("Initial Margin 16.25%") under a form that shows no cost; the account's position and frozen margins beside the form's costs.
  ['www.bybit.com', '/trade/usdt/BTCUSDT', 'bybit-uta-margin-rates.html', { venue: 'bybit', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'isolated', entryPrice: '65000.5', quantity: '0.25', quantityUnit: 'base', leverage: '20', markPrice: MARK, tickSize: '0.1', contractSize: '1', sides: ['long'] }, 1],
  ['www.mexc.com', '/futures/BTC_USDT', 'mexc-assets-position-margin.html', { venue: 'mexc', symbol: 'BTC_USDT', contract: 'linear', marginMode: 'isolated', entryPrice: '65000.5', quantity: '2500', quantityUnit: 'contracts', leverage: '20', markPrice: MARK, tickSize: '0.1', contractSize: '0.0001', sides: ['long', 'short'] }, 2],
  // Market orders with TP/SL menus showing "Last price ▾" / "Mark price ▾" / "Fair Price ▾": the entry is the header's last price.
  ['www.bitget.com', '/futures/usdt/BTCUSDT', 'bitget-market-tpsl-trigger-types.html', { venue: 'bitget', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'isolated', entryPrice: '65001', quantity: '0.25', quantityUnit: 'base', leverage: '20', markPrice: MARK, tickSize: '0.1', contractSize: '1', sides: ['long', 'short'] }, 4],
  ['www.mexc.com', '/futures/BTC_USDT', 'mexc-market-tpsl-fair-price.html', { venue: 'mexc', symbol: 'BTC_USDT', contract: 'linear', marginMode: 'isolated', entryPrice: '65001', quantity: '2500', quantityUnit: 'contracts', leverage: '20', markPrice: MARK, tickSize: '0.1', contractSize: '0.0001', sides: ['long', 'short'] }, 2],
  // TP/SL boxes captioned only "Price" (and "Size") under "Take profit" / "Stop loss" headings, below the order's own.
  ['www.gate.com', '/futures/USDT/BTC_USDT', 'gate-limit-tpsl-price-captions.html', { venue: 'gate', symbol: 'BTC_USDT', contract: 'linear', marginMode: 'isolated', entryPrice: '65000.5', quantity: '2500', quantityUnit: 'contracts', leverage: '20', markPrice: MARK, tickSize: '0.1', contractSize: '0.0001', sides: ['long', 'short'] }, 4],
  ['www.bitget.com', '/futures/usdt/BTCUSDT', 'bitget-limit-tpsl-price-boxes.html', { venue: 'bitget', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'cross', entryPrice: '65000.5', quantity: '0.25', quantityUnit: 'base', leverage: '10', markPrice: MARK, walletBalance: '5000', tickSize: '0.1', contractSize: '1', sides: ['long', 'short'] }, 4],
  // Cross orders whose available balance the page shows twice, the same amount (and a "Max available" size beside it).
  ['www.mexc.com', '/futures/BTC_USDT', 'mexc-cross-available-twice.html', { venue: 'mexc', symbol: 'BTC_USDT', contract: 'linear', marginMode: 'cross', entryPrice: '65000.5', quantity: '2500', quantityUnit: 'contracts', leverage: '20', markPrice: MARK, walletBalance: '5000', tickSize: '0.1', contractSize: '0.0001', sides: ['long', 'short'] }, 2],
  ['www.bitget.com', '/futures/usdt/BTCUSDT', 'bitget-cross-assets-available.html', { venue: 'bitget', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'cross', entryPrice: '65000.5', quantity: '0.25', quantityUnit: 'base', leverage: '10', markPrice: MARK, walletBalance: '5000', tickSize: '0.1', contractSize: '1', sides: ['long', 'short'] }, 4],
  // The browser's own <select>s for margin mode, leverage (listing up to 125x) and order type: the chosen options.
  ['www.gate.com', '/futures/USDT/BTC_USDT', 'gate-native-selects.html', { venue: 'gate', symbol: 'BTC_USDT', contract: 'linear', marginMode: 'isolated', entryPrice: '65000.5', quantity: '2500', quantityUnit: 'contracts', leverage: '20', markPrice: MARK, tickSize: '0.1', contractSize: '0.0001', sides: ['long', 'short'] }, 4],
  ['www.bitmex.com', '/app/trade/XBTUSD', 'bitmex-native-selects.html', { venue: 'bitmex', symbol: 'XBTUSD', contract: 'inverse', marginMode: 'isolated', entryPrice: '65000.5', quantity: '1000', quantityUnit: 'contracts', leverage: '10', markPrice: MARK, tickSize: '0.5', contractSize: '1', sides: ['long', 'short'] }, 4],
  // A position's quick close (its own "Price" and size boxes, a Limit tab, "Close") before the order form in the page.
  ['www.gate.com', '/futures/USDT/BTC_USDT', 'gate-position-close-before-form.html', { venue: 'gate', symbol: 'BTC_USDT', contract: 'linear', marginMode: 'cross', entryPrice: '65000.5', quantity: '2500', quantityUnit: 'contracts', leverage: '20', markPrice: MARK, walletBalance: '1250.75', tickSize: '0.1', contractSize: '0.0001', sides: ['long', 'short'] }, 4],
  ['www.bitget.com', '/futures/usdt/BTCUSDT', 'bitget-position-card-close.html', { venue: 'bitget', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'cross', entryPrice: '65000.5', quantity: '0.25', quantityUnit: 'base', leverage: '10', markPrice: MARK, walletBalance: '5000', tickSize: '0.1', contractSize: '1', sides: ['long', 'short'] }, 4],
  // A hedge position card holding both legs, its one quick close's "Close Long" and "Close Short" before the form.
  ['www.bitget.com', '/futures/usdt/BTCUSDT', 'bitget-hedge-card-close-both.html', { venue: 'bitget', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'cross', entryPrice: '65000.5', quantity: '0.25', quantityUnit: 'base', leverage: '10', markPrice: MARK, walletBalance: '5000', tickSize: '0.1', contractSize: '1', sides: ['long', 'short'] }, 4],
  // The account's margin by mode ("Isolated margin 1,203.40 USDT") beside the form's own cost, or beside a form that prints none.
  ['www.bitget.com', '/futures/usdt/BTCUSDT', 'bitget-assets-isolated-margin.html', { venue: 'bitget', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'isolated', entryPrice: '65000.5', quantity: '0.25', quantityUnit: 'base', leverage: '10', markPrice: MARK, tickSize: '0.1', contractSize: '1', sides: ['long', 'short'] }, 4],
  ['www.gate.com', '/futures/USDT/BTC_USDT', 'gate-isolated-margin-no-cost.html', { venue: 'gate', symbol: 'BTC_USDT', contract: 'linear', marginMode: 'isolated', entryPrice: '65000.5', quantity: '2500', quantityUnit: 'contracts', leverage: '20', markPrice: MARK, tickSize: '0.1', contractSize: '0.0001', sides: ['long', 'short'] }, 2],
  // An open position's card or strip beside the form, with its own "Liq. price" and "Margin": the form prints no estimate of its own.
  ['www.bitget.com', '/futures/usdt/BTCUSDT', 'bitget-position-card-liq.html', { venue: 'bitget', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'cross', entryPrice: '65000.5', quantity: '0.25', quantityUnit: 'base', leverage: '10', markPrice: MARK, walletBalance: '5000', tickSize: '0.1', contractSize: '1', sides: ['long', 'short'] }, 4],
  ['www.mexc.com', '/futures/BTC_USDT', 'mexc-position-strip-liq.html', { venue: 'mexc', symbol: 'BTC_USDT', contract: 'linear', marginMode: 'isolated', entryPrice: '65000.5', quantity: '2500', quantityUnit: 'contracts', leverage: '20', markPrice: MARK, tickSize: '0.1', contractSize: '0.0001', sides: ['long', 'short'] }, 2],
  // A one-way position's strip naming no side ("BTC_USDT Perpetual", "+1,000 Cont") with its own "Liq. price" and "Margin".
  ['www.gate.com', '/futures/USDT/BTC_USDT', 'gate-position-strip-no-side.html', { venue: 'gate', symbol: 'BTC_USDT', contract: 'linear', marginMode: 'cross', entryPrice: '65000.5', quantity: '2500', quantityUnit: 'contracts', leverage: '20', markPrice: MARK, walletBalance: '1250.75', tickSize: '0.1', contractSize: '0.0001', sides: ['long', 'short'] }, 4],
  // A placeholder liquidation estimate ("Liq. price --", "推定清算価格 --") in one short box with another figure: no estimate is read.
  ['www.okx.com', '/trade-swap/btc-usdt-swap', 'okx-liq-dash-fee.html', { venue: 'okx', symbol: 'BTC-USDT-SWAP', contract: 'linear', marginMode: 'isolated', entryPrice: '65000.5', quantity: '25', quantityUnit: 'contracts', leverage: '20', markPrice: MARK, tickSize: '0.1', contractSize: '0.01', sides: ['long', 'short'] }, 4],
  ['www.bybit.com', '/ja-JP/trade/usdt/BTCUSDT', 'bybit-ja-order-value-liq-dash.html', { venue: 'bybit', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'cross', entryPrice: '65000.5', quantity: '0.25', quantityUnit: 'base', leverage: '20', markPrice: MARK, walletBalance: '1250.75', tickSize: '0.1', contractSize: '1', sides: ['long', 'short'] }, 4],
  // The mobile layout's order sheet, closed (moved off screen, aria-hidden) with its last values, before the desktop form.
  ['www.bitget.com', '/futures/usdt/BTCUSDT', 'bitget-closed-mobile-sheet.html', { venue: 'bitget', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'cross', entryPrice: '65000.5', quantity: '0.25', quantityUnit: 'base', leverage: '10', markPrice: MARK, walletBalance: '5000', tickSize: '0.1', contractSize: '1', sides: ['long', 'short'] }, 4],
  // The margin mode and the leverage in one button ("Cross 20x", "Isolated 10X"), a position's own leverage beside the form.
  ['www.bitget.com', '/futures/usdt/BTCUSDT', 'bitget-cross-leverage-one-button.html', { venue: 'bitget', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'cross', entryPrice: '65000.5', quantity: '0.25', quantityUnit: 'base', leverage: '20', markPrice: MARK, walletBalance: '5000', tickSize: '0.1', contractSize: '1', sides: ['long', 'short'] }, 4],
  ['www.mexc.com', '/futures/BTC_USDT', 'mexc-isolated-leverage-one-button.html', { venue: 'mexc', symbol: 'BTC_USDT', contract: 'linear', marginMode: 'isolated', entryPrice: '65000.5', quantity: '2500', quantityUnit: 'contracts', leverage: '10', markPrice: MARK, tickSize: '0.1', contractSize: '0.0001', sides: ['long', 'short'] }, 2],
  // A notice open over the page: the app's whole root aria-hidden; inside it the closed mobile sheet (aria-hidden itself) before the desktop form.
  ['www.bybit.com', '/trade/usdt/BTCUSDT', 'bybit-modal-over-closed-sheet.html', { venue: 'bybit', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'cross', entryPrice: '65000.5', quantity: '0.25', quantityUnit: 'base', leverage: '10', markPrice: MARK, walletBalance: '5000', tickSize: '0.1', contractSize: '1', sides: ['long', 'short'] }, 4],
  // The order's summary in its own box after the form, captions in capitals: "AVAILABLE USDT" names no market.
  ['www.bybit.com', '/trade/usdt/BTCUSDT', 'bybit-caps-summary-beside-form.html', { venue: 'bybit', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'cross', entryPrice: '65000.5', quantity: '0.25', quantityUnit: 'base', leverage: '10', markPrice: MARK, walletBalance: '5000', tickSize: '0.1', contractSize: '1', sides: ['long', 'short'] }, 4],
];

describe('pages nobody on the team wrote', () => {
  it.each(CASES)('%s %s (%s): the overlay shows the CLI’s figures for the order the page holds', async (host, path, fixture, want, agreeing) => {
    const { page, tabId } = await open(host, path, fixture);
    const settled = await settle(page, reader, tabId, (t) => t.state.kind === 'assessed');
    const [answers] = await cliFor(calc, settled);
    compareWithCli(settled, want, answers ?? []);
    const checks = settled.tab.state.kind === 'assessed' ? (settled.tab.state.checks ?? []) : [];
    expect(checks.filter((c) => c.code === 'cost' || c.code === 'order-value').map((c) => c.result)).toEqual(Array(agreeing).fill('agrees'));
    await page.close();
  });

  it('Hyperliquid names its USDC perp "BTC-USD" in the header: the figure is shown, checked by the page’s order value', async () => {
    const { page, tabId } = await open('app.hyperliquid.xyz', '/trade/BTC', 'hyperliquid-usdc-size-market.html');
    const settled = await settle(page, reader, tabId, (t) => t.state.kind === 'assessed');
    const checks = settled.tab.state.kind === 'assessed' ? (settled.tab.state.checks ?? []) : [];
    expect(checks.find((c) => c.code === 'symbol')?.result).toBe('agrees');
    expect(checks.find((c) => c.code === 'order-value')?.result).toBe('agrees');
    const [answers] = await cliFor(calc, settled);
    expect(settled.tab.replay?.inputs.map((i) => [i.quantity, i.quantityUnit, i.leverage, i.marginMode])).toEqual([['1625.26', 'quote', '20', 'cross']]);
    expect(settled.tab.state.kind === 'assessed' && settled.tab.state.sides[0]?.raw?.liquidationPrice).toBe(answers?.[0]?.liquidationPrice);
    await page.close();
  });

  it.each([
    ['app.hyperliquid.xyz', '/trade/BTC', 'hyperliquid-icon-reduce-only.html'],
    ['www.mexc.com', '/zh-CN/futures/BTC_USDT', 'mexc-zh-checkbox-reduce-only.html'],
  ])('%s %s (%s): a reduce-only toggle named only by aria-label is on: a close order, no liquidation figure', async (host, path, fixture) => {
    const { page, tabId } = await open(host, path, fixture);
    const settled = await settle(page, reader, tabId, (t) => t.state.kind === 'idle');
    expect(settled.tab.snapshot.intent).toMatchObject({ ok: true, value: 'close' });
    expect(await overlayTexts(page, '[data-liqguard="liquidation-price"]')).toEqual([]);
    await page.close();
  });

  it.each([['gate-web-component-form.html'], ['gate-frame-form.html']])('Gate (%s): a form out of the reads’ reach (a shadow root, a frame): no figure, and the reason says it was not found', async (fixture) => {
    const page = await session.context.newPage();
    await page.goto(session.venueUrl('www.gate.com', '/futures/USDT/BTC_USDT', `unseen/${fixture}`));
    await waitForState(page, ['unreadable'], 15_000);
    if ((await overlayCollapsed(page)) === 'true') await clickInOverlay(page, '[data-liqguard-action="toggle"]');
    await expect.poll(() => overlayTexts(page, '[data-liqguard="unreadable-reason"]'), { timeout: 10_000 }).toEqual(['Gate: the order form was not found on this page']);
    expect(await overlayTexts(page, '[data-liqguard="liquidation-price"]')).toEqual([]);
    await page.close();
  });

  it('Gate with <select>s: the trader chooses 50x in the leverage select; the page’s margin (for 20x) then disagrees, and no figure is shown', async () => {
    const { page, tabId } = await open('www.gate.com', '/futures/USDT/BTC_USDT', 'gate-native-selects.html');
    await settle(page, reader, tabId, (t) => t.state.kind === 'assessed');
    // The trader's choice: the option chosen, then the select's input and change events.
    await (page as PlaywrightPage).selectOption('select[aria-label^="Leverage"]', '50x');
    const settled = await settle(page, reader, tabId, (t) => t.state.kind === 'unreadable');
    expect(settled.tab.snapshot.leverage).toMatchObject({ ok: true, value: '50' });
    expect(await overlayTexts(page, '[data-liqguard="liquidation-price"]')).toEqual([]);
    await page.close();
  });

  it('Hyperliquid cross with only a USDT0 balance: no figure, the reason names the balance’s asset', async () => {
    const { page, tabId } = await open('app.hyperliquid.xyz', '/trade/BTC', 'hyperliquid-cross-usdt0-balance.html');
    const settled = await settle(page, reader, tabId, (t) => t.state.kind === 'unreadable');
    expect(settled.tab.state.kind === 'unreadable' && settled.tab.state.reasons.map((r) => r.message).join(' ')).toMatch(/balance is in USDT0, not USDC/);
    expect(await overlayTexts(page, '[data-liqguard="liquidation-price"]')).toEqual([]);
    await page.close();
  });

  it.each([
    // Chinese hedge mode: "多 20X", "空 10X" beside cross margin.
    ['www.mexc.com', '/zh-CN/futures/BTC_USDT', 'mexc-zh-two-leverages.html', 'cross', '0.0001', '2500', '5000'],
    ['www.mexc.com', '/futures/BTC_USDT', 'mexc-en-per-side-leverage.html', 'isolated', '0.0001', '2500', undefined],
    ['www.okx.com', '/trade-swap/btc-usdt-swap', 'okx-per-side-leverage.html', 'isolated', '0.01', '25', undefined],
  ] as const)('%s %s (%s): a leverage per side (long 20x, short 10x): each side the CLI’s figure at its own, its cost agreeing', async (host, path, fixture, marginMode, contractSize, quantity, walletBalance) => {
    const { page, tabId } = await open(host, path, fixture);
    const settled = await settle(page, reader, tabId, (t) => t.state.kind === 'assessed');
    const [answers] = await cliFor(calc, settled);
    const venue = host === 'www.okx.com' ? 'okx' : 'mexc';
    const want: ExpectedInputs = { venue, symbol: venue === 'okx' ? 'BTC-USDT-SWAP' : 'BTC_USDT', contract: 'linear', marginMode, entryPrice: '65000.5', quantity, quantityUnit: 'contracts', leverage: '20', leverageBySide: { long: '20', short: '10' }, markPrice: MARK, tickSize: '0.1', contractSize, sides: ['long', 'short'], ...(walletBalance ? { walletBalance } : {}) };
    compareWithCli(settled, want, answers ?? []);
    const checks = settled.tab.state.kind === 'assessed' ? (settled.tab.state.checks ?? []) : [];
    expect(checks.filter((c) => c.code === 'cost').map((c) => [c.side, c.result])).toEqual([['long', 'agrees'], ['short', 'agrees']]);
    await page.close();
  });
});
