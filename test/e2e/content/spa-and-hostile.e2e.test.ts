import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionSession } from '../harness/chromium';
import { inOverlay, readOverlayFigures, recordMessages, VENUE_HOSTS, waitForAnswer, waitForState } from './helpers';

let session: ExtensionSession;
let seen: Awaited<ReturnType<typeof recordMessages>>;

beforeAll(async () => {
  session = await launchWithExtension({ hosts: VENUE_HOSTS });
  seen = await recordMessages(session.context);
});
afterAll(async () => {
  await session?.close();
});

describe('single-page app behaviour', () => {
  it('follows a symbol switch made with history.pushState, without a reload', async () => {
    const page = await session.context.newPage();
    await page.goto(session.venueUrl('www.binance.com', '/en/futures/BTCUSDT', 'binance-usdm/limit-cross.html'));
    await waitForAnswer(page);
    expect((await readOverlayFigures(page)).symbol).toBe('BTCUSDT');
    const navigationsBefore = await page.evaluate(() => performance.getEntriesByType('navigation').length);
    await page.click('a[data-symbol="ETHUSDT"]');
    await expect.poll(async () => (await readOverlayFigures(page)).symbol).toBe('ETHUSDT');
    expect(page.url()).toContain('/en/futures/ETHUSDT');
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(navigationsBefore);
    // The background saw the old symbol cleared and the new one sent.
    await expect
      .poll(async () => (await seen()).filter((m) => m.type === 'form/snapshot').map((m) => (m.snapshot?.symbol as { value?: string } | undefined)?.value))
      .toEqual(expect.arrayContaining(['BTCUSDT', 'ETHUSDT']));
    expect((await seen()).some((m) => m.type === 'form/cleared' && m.reason === 'navigated')).toBe(true);
    await page.close();
  });

  it('switches to a market order when the tab is clicked and reads the mark price', async () => {
    const page = await session.context.newPage();
    await page.goto(session.venueUrl('www.binance.com', '/en/futures/BTCUSDT', 'binance-usdm/limit-cross.html'));
    await waitForAnswer(page);
    await page.click('[data-tab-key="MARKET"]');
    await expect
      .poll(async () => {
        const last = (await seen()).filter((m) => m.type === 'form/snapshot').at(-1)?.snapshot;
        return [(last?.orderType as { value?: string })?.value, (last?.price as { value?: string })?.value, last?.priceKind];
      })
      .toEqual(['market', '65010.3', 'mark']);
    await page.close();
  });
});

describe('hostile page', () => {
  it('cannot switch the content script off by forging its hand-over event', async () => {
    const page = await session.context.newPage();
    // A page script, before and after the content script starts, dispatching the event an updated
    // content script announces itself with (its name carries the extension id, which is public).
    await page.addInitScript((id) => {
      const forge = () => window.dispatchEvent(new Event(`liqguard:content-started:${id}`));
      forge();
      setInterval(forge, 25);
    }, session.extensionId);
    await page.goto(session.venueUrl('www.binance.com', '/en/futures/BTCUSDT', 'binance-usdm/limit-cross.html'));
    expect(await waitForAnswer(page)).toBe('assessed');
    await page.fill('#unitAmount-1', '0.5');
    await expect
      .poll(async () => (await seen()).filter((m) => m.type === 'form/snapshot').map((m) => (m.snapshot?.quantity as { value?: { value?: string } } | undefined)?.value?.value))
      .toContain('0.5');
    expect(await waitForAnswer(page)).toBe('assessed');
    expect(await page.evaluate(() => document.querySelectorAll('liqguard-overlay').length)).toBe(1);
    expect((await seen()).some((m) => m.type === 'form/cleared' && m.reason === 'stopped')).toBe(false);
    await page.close();
  });

  it('shows page-supplied markup as text and runs none of it', async () => {
    const page = await session.context.newPage();
    const sentBefore = (await seen()).filter((m) => m.type === 'form/snapshot').length;
    const symbolPath = `/en/futures/${encodeURIComponent('<img src=x onerror="window.__pwned=1">')}`;
    await page.goto(session.venueUrl('www.binance.com', symbolPath, 'binance-usdm/hostile.html'));
    await waitForState(page, ['unreadable']);
    const figures = await readOverlayFigures(page);
    expect(figures.reasons.join('\n')).toContain('<img src=x onerror="window.__pwned=1">');
    expect(await inOverlay(page, (root) => root?.querySelectorAll('img, script, iframe').length ?? -1)).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    // The page's own escaped text stayed text too.
    expect(await page.evaluate(() => document.querySelectorAll('img').length)).toBe(0);
    // Fail closed: nothing from this page went to the background.
    expect((await seen()).filter((m) => m.type === 'form/snapshot').length).toBe(sentBefore);
    await page.close();
  });
});
