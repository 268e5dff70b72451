import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Request } from 'playwright-core';
import { isAllowedMarketDataUrl, MARKET_DATA_ORIGINS } from '../../../src/shared/network-allowlist';
import { launchWithExtension, type ExtensionSession } from '../harness/chromium';
import { extensionReader, overlayLiquidationValues, stubBinanceMarketData } from './helpers';

/**
 * Privacy, enforced: during a full scenario (venue pages, typing, popup, options, a market-data
 * refresh of every venue) every request is recorded twice: by Playwright (pages, extension pages
 * and the extension's service worker) and by the fixture server, which every hostname resolves to.
 * The extension may only call the allow-listed public market-data endpoints; pages load only from
 * their own (fixture) host. Requests the fixture server saw that no page or worker made are the
 * browser's own (Chromium's Google services: Debian's build ships API keys; page favicons); they
 * are listed, and must not touch a market-data host.
 */

const PAGE_HOSTS = ['www.binance.com', 'www.bybit.com', 'www.okx.com'];

interface Seen {
  url: string;
  method: string;
  by: 'service-worker' | 'page';
  frame: string | null;
}

let session: ExtensionSession;
const seen: Seen[] = [];
const ownDynamic = new Set<string>();

beforeAll(async () => {
  session = await launchWithExtension({ hosts: [...PAGE_HOSTS, ...MARKET_DATA_ORIGINS.map((o) => o.host)] });
  stubBinanceMarketData(session.server);
  session.context.on('request', (r: Request) => {
    let frame: string | null;
    try {
      frame = r.frame().url();
    } catch {
      // Service-worker requests have no frame.
      frame = null;
    }
    seen.push({ url: r.url(), method: r.method(), by: r.serviceWorker() ? 'service-worker' : 'page', frame });
    // A content-script module is loaded under the session's dynamic extension ID (use_dynamic_url), which
    // Chromium redirects inside the browser to the extension's fixed address: the same load, the extension's own.
    const from = r.redirectedFrom();
    if (from && r.url().startsWith(`chrome-extension://${session.extensionId}/`)) ownDynamic.add(from.url());
  });
});
afterAll(async () => {
  await session?.close();
});

describe('network traffic', () => {
  it('goes only to the allow-listed market-data endpoints and the pages’ own hosts', async () => {
    const reader = await extensionReader(session);

    // 1. A venue page; type a new size.
    const binance = await session.context.newPage();
    await binance.goto(session.venueUrl('www.binance.com', '/en/futures/BTCUSDT', 'binance-usdm/limit-cross.html'));
    await expect.poll(async () => (await overlayLiquidationValues(binance)).length, { timeout: 10_000 }).toBe(2);
    const first = (await overlayLiquidationValues(binance)).join('|');
    await binance.fill('#unitAmount-1', '0.6');
    await expect.poll(async () => (await overlayLiquidationValues(binance)).join('|'), { timeout: 10_000 }).not.toBe(first);

    // 2. Two more venues (their live tier endpoints answer 404 here: the overlay fails closed).
    const bybit = await session.context.newPage();
    await bybit.goto(session.venueUrl('www.bybit.com', '/trade/usdt/BTCUSDT', 'bybit/limit-cross.html'));
    const okx = await session.context.newPage();
    await okx.goto(session.venueUrl('www.okx.com', '/trade-swap/btc-usdt-swap', 'okx/limit-cross.html'));
    await expect.poll(async () => Object.keys(await reader.session(null)).filter((k) => k.startsWith('tab/')).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(3);

    // 3. The popup.
    const popup = await session.openPopup();
    await popup.waitForLoadState('load');

    // 4. The options: a stricter caution distance, which the next assessment must use.
    const options = await session.context.newPage();
    await options.goto(session.extensionUrl('src/options/index.html'));
    await options.locator('[id="distance.caution"]').fill('40');
    await expect.poll(() => options.getByTestId('options-status').textContent(), { timeout: 5_000 }).toBe('Saved.');
    await binance.bringToFront();
    await binance.fill('#unitAmount-1', '0.7');
    await expect
      .poll(async () => ((await reader.tabRecordFor('/en/futures/BTCUSDT'))?.result?.replay?.context.thresholds?.distancePercent.caution ?? null), { timeout: 10_000 })
      .toBe('40');

    // 5. "Refresh now" for every venue on the diagnostics page's behalf.
    await reader.page.evaluate(() => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'market/refresh' }));

    // --- What went where ---------------------------------------------------------------------
    const ownPrefix = `chrome-extension://${session.extensionId}/`;
    const external = seen.filter((r) => !r.url.startsWith(ownPrefix) && !ownDynamic.has(r.url) && !r.url.startsWith('data:') && !r.url.startsWith('blob:'));
    const fromWorker = external.filter((r) => r.by === 'service-worker');
    const fromPages = external.filter((r) => r.by === 'page');

    // The extension's own requests: only allow-listed market data, GET or POST.
    const badWorker = fromWorker.filter((r) => !isAllowedMarketDataUrl(r.url) || !['GET', 'POST'].includes(r.method));
    expect(badWorker.map((r) => `${r.method} ${r.url}`)).toEqual([]);
    expect(fromWorker.length).toBeGreaterThan(0);

    // Pages: a venue page loads from its own host; an extension page loads nothing from outside.
    const badPages = fromPages.filter((r) => {
      const host = new URL(r.url).hostname;
      if (r.frame?.startsWith(ownPrefix)) return true;
      return !PAGE_HOSTS.includes(host) && !isAllowedMarketDataUrl(r.url);
    });
    expect(badPages.map((r) => `${r.url} (from ${r.frame})`)).toEqual([]);
    // No page-side request to a market-data host: the content script never fetches.
    expect(fromPages.filter((r) => isAllowedMarketDataUrl(r.url)).map((r) => r.url)).toEqual([]);

    // The fixture server's view: everything that was not made by a page or the worker is the browser's own.
    const key = (host: string, p: string) => `${host}${p}`;
    const made = new Set(external.map((r) => key(new URL(r.url).hostname, new URL(r.url).pathname + new URL(r.url).search)));
    const allowedHosts = new Set([...PAGE_HOSTS, ...MARKET_DATA_ORIGINS.map((o) => o.host)]);
    const browserOwn = session.server.requests.filter((r) => !made.has(key(r.host, r.path)));
    const unlisted = session.server.requests.filter((r) => made.has(key(r.host, r.path)) && !allowedHosts.has(r.host));
    expect(unlisted.map((r) => `${r.method} ${r.host}${r.path}`)).toEqual([]);
    // What the browser does on its own never goes to a market-data host (a page host's favicon is the page's).
    const venueRequest = (r: { host: string; path: string }) => isAllowedMarketDataUrl(`https://${r.host}${r.path}`) || (allowedHosts.has(r.host) && r.path !== '/favicon.ico');
    expect(browserOwn.filter(venueRequest).map((r) => `${r.method} ${r.host}${r.path}`)).toEqual([]);

    const hosts = (list: string[]) => [...new Set(list)].sort().join(', ');
    console.log(
      `[traffic] extension service worker → ${hosts(fromWorker.map((r) => `${r.method} ${new URL(r.url).hostname}`))} (${fromWorker.length} requests, all allow-listed); ` +
        `pages → ${hosts(fromPages.map((r) => new URL(r.url).hostname))}; ` +
        `browser's own (not the extension) → ${hosts(browserOwn.map((r) => r.host)) || 'none'}`,
    );
    for (const p of [binance, bybit, okx, popup, options]) await p.close();
  });
});
