import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefoxWithExtension, type FirefoxSession } from './harness/firefox';

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
    await page.goto(session.venueUrl('www.binance.com', '/en/futures/BTCUSDT', 'binance/skeleton.html'));
    await page.waitForSelector('#limitPrice-1');
    await page.type('#limitPrice-1', '42.5');
    const read = () =>
      page.evaluate(() => document.querySelector('liqguard-overlay')?.shadowRoot?.querySelector('[data-liqguard="skeleton-price"]')?.textContent ?? null);
    await expect.poll(read, { timeout: 10_000 }).toBe('Price 42.5');
  });
});
