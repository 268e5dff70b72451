import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionSession } from './harness/chromium';

let session: ExtensionSession;

beforeAll(async () => {
  session = await launchWithExtension({ hosts: ['www.binance.com'] });
});
afterAll(async () => {
  await session?.close();
});

describe('walking skeleton in Chromium', () => {
  it('content script reads the price field, asks the background, renders in an open shadow root', async () => {
    const page = await session.context.newPage();
    await page.goto(session.venueUrl('www.binance.com', '/en/futures/BTCUSDT', 'binance/skeleton.html'));
    const figure = page.locator('liqguard-overlay [data-liqguard="skeleton-price"]');
    await page.fill('#limitPrice-1', '65000.50');
    await expect.poll(() => figure.textContent()).toBe('Price 65000.5');
    await page.fill('#limitPrice-1', 'abc');
    await expect.poll(() => figure.textContent()).toBe('Unreadable: price is not a number');
    await page.close();
  });

  it('popup and options pages render', async () => {
    const popup = await session.openPopup();
    await expect.poll(() => popup.getByTestId('popup-ready').textContent()).toBe('Ready.');
    const options = await session.context.newPage();
    await options.goto(session.extensionUrl('src/options/index.html'));
    await expect.poll(() => options.getByTestId('options-ready').count()).toBe(1);
  });
});
