import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefoxWithExtension, type FirefoxSession } from './harness/firefox';
import { inOverlayFirefox } from './harness/overlay-root';

let session: FirefoxSession;

beforeAll(async () => {
  session = await launchFirefoxWithExtension(['www.binance.com']);
});
afterAll(async () => {
  await session?.close();
});

describe('Firefox ESR smoke', () => {
  it('loads dist/firefox and shows the overlay on a fixture page', async () => {
    const page = await session.newPage();
    await page.goto(session.venueUrl('www.binance.com', '/en/futures/BTCUSDT', 'binance-usdm/limit-cross.html'));
    // The root is closed: the page sees none; the test reaches it over WebDriver BiDi.
    const hook = (field: string) => inOverlayFirefox(page, (root, f) => root?.querySelector(`[data-liqguard="${f}"]`)?.textContent ?? null, field);
    await expect.poll(() => hook('origin'), { timeout: 10_000 }).toBe('background');
    expect(await hook('symbol')).toBe('BTCUSDT');
    expect(await page.evaluate(() => document.querySelector('liqguard-overlay')?.shadowRoot ?? null)).toBeNull();
    expect(await inOverlayFirefox(page, (root) => root?.mode ?? null)).toBe('closed');
    await page.$eval('#unitAmount-1', (el) => ((el as HTMLInputElement).value = ''));
    await page.type('#unitAmount-1', 'abc');
    await expect.poll(() => hook('state'), { timeout: 10_000 }).toBe('unreadable');
    expect(await hook('unreadable-reason')).toBe('Size: “abc” is not a number');
  });
});
