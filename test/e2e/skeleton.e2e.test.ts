import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionSession } from './harness/chromium';
import { inOverlay, overlayTexts } from './content/helpers';

let session: ExtensionSession;

beforeAll(async () => {
  session = await launchWithExtension({ hosts: ['www.binance.com'] });
});
afterAll(async () => {
  await session?.close();
});

describe('extension in Chromium', () => {
  it('content script reads the order form, asks the background, renders in a closed shadow root', async () => {
    const page = await session.context.newPage();
    await page.goto(session.venueUrl('www.binance.com', '/en/futures/BTCUSDT', 'binance-usdm/limit-cross.html'));
    await expect.poll(() => inOverlay(page, (root) => root?.mode ?? null)).toBe('closed');
    // The page itself sees a host without a root.
    expect(await page.evaluate(() => document.querySelector('liqguard-overlay')?.shadowRoot ?? null)).toBeNull();
    const hook = (f: string) => inOverlay(page, (root, field) => root?.querySelector(`[data-liqguard="${field}"]`)?.textContent ?? null, f);
    // A complete snapshot goes to the background; what shows next is its answer (figures, or its
    // own refusal when it has no market data offline).
    await expect.poll(() => hook('origin')).toBe('background');
    await page.fill('#unitAmount-1', '');
    await expect.poll(() => hook('state')).toBe('idle');
    await page.fill('#unitAmount-1', 'abc');
    await expect.poll(() => hook('state')).toBe('unreadable');
    expect(await overlayTexts(page, '[data-liqguard="unreadable-reason"]')).toEqual(['Size: “abc” is not a number']);
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
