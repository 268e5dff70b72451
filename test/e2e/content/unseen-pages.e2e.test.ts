import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionSession } from '../harness/chromium';
import type { AnyPage } from '../harness/pages';
import { extensionReader, startCli, type CliSession, type StorageReader } from '../shared/background';
import { STUBBED_MARKET_HOSTS, stubMarketData } from '../shared/market-stubs';
import { cliFor, compareWithCli, settle, type ExpectedInputs } from '../venues/figures';
import { overlayTexts, waitForAnswer, waitForState } from './helpers';

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
  session = await launchWithExtension({ hosts: ['www.bitmex.com', 'www.gate.com', 'app.hyperliquid.xyz', 'www.mexc.com', 'www.okx.com', 'www.binance.com', ...STUBBED_MARKET_HOSTS] });
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

  it('MEXC hedge mode with a leverage per side (多 20X, 空 10X): no figure, the reason names the leverage', async () => {
    const page = await session.context.newPage();
    await page.goto(session.venueUrl('www.mexc.com', '/zh-CN/futures/BTC_USDT', 'unseen/mexc-zh-two-leverages.html'));
    await waitForState(page, ['unreadable'], 15_000);
    expect((await overlayTexts(page, '[data-liqguard="unreadable-reason"]')).join(' ')).toMatch(/^Leverage: the page shows “多 20X”, “空 10X”/);
    expect(await overlayTexts(page, '[data-liqguard="liquidation-price"]')).toEqual([]);
    await page.close();
  });
});
