import type { Page as PuppeteerPage } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BADGE_COLORS } from '../../../src/core/assessment/badge';
import { clickInOverlay, inOverlay, overlayState, readOverlayFigures, typePosition, VENUE_HOSTS, VENUE_PAGES, waitForAnswer } from '../content/helpers';
import { launchFirefoxWithExtension, type FirefoxSession } from '../harness/firefox';
import { fillField } from '../harness/pages';
import { firefoxExtensionReader, startCli, type CliSession, type StorageReader } from '../shared/background';
import { STUBBED_MARKET_HOSTS, stubMarketData } from '../shared/market-stubs';
import { reportReplies } from '../shared/report';
import { describeVenueFigures, SPA_MARKS, STUB_MARK } from './venue-figures.suite';

/**
 * The venue suite (venue-figures.suite.ts) in Firefox ESR, driven over WebDriver BiDi by
 * puppeteer-core, with the Firefox build (dist/firefox) as a temporary add-on: overlay figures
 * equal the CLI per venue (MEXC included), a removed control fails closed, a symbol switch,
 * and, below, a threshold changed in the options reaching the overlay and the badge.
 *
 * Where Firefox differs, and where this file shows it is handled:
 * - the background is an event page (`background.scripts`), not a service worker: every answer
 *   below comes from it; the manifest check names it;
 * - tab records live in `storage.session` there too (Firefox 115+): the reader reads them;
 * - the overlay's closed shadow root is styled by its own `<style>`: the styling check below.
 * - Not run here: stopping the background mid-computation (worker-restart.e2e.test.ts), because
 *   WebDriver BiDi has no command that stops an extension's event page (Chromium's test closes
 *   the service worker's target over CDP). The README lists it.
 */

const binance = VENUE_PAGES.find((v) => v.id === 'binance-usdm');
if (!binance) throw new Error('no binance-usdm venue page');

let session: FirefoxSession;
let reader: StorageReader & { page: PuppeteerPage };
let calc: CliSession;
const fileStart = performance.now();
const report: string[] = [];

async function open(url: string): Promise<PuppeteerPage> {
  const page = await session.newPage();
  await page.goto(url);
  // A new tab may open behind the last one; Firefox pauses animation frames in background tabs.
  await page.bringToFront();
  return page;
}

beforeAll(async () => {
  calc = startCli();
  session = await launchFirefoxWithExtension([...VENUE_HOSTS, ...STUBBED_MARKET_HOSTS]);
  stubMarketData(session.server, { mark: STUB_MARK, marks: SPA_MARKS });
  // The reader is the extension's own page, opened from an assessed overlay (see firefoxExtensionReader).
  const first = await open(session.venueUrl(binance.host, binance.path, 'binance-usdm/limit-cross.html'));
  await typePosition(first, binance, { price: '64123.4', qty: '0.2', leverage: '5' });
  // expect.poll runs only inside a test: wait for the answer by hand.
  for (const deadline = Date.now() + 20_000; ; await new Promise((r) => setTimeout(r, 100))) {
    const shown = await overlayState(first);
    if (shown.kind === 'assessed' && shown.origin === 'background' && !shown.busy) break;
    if (Date.now() > deadline) throw new Error(`no assessed answer on the first page (last: ${JSON.stringify(shown)})`);
  }
  reader = await firefoxExtensionReader(session.browser, first);
  await first.close();
}, 120_000);
afterAll(async () => {
  await Promise.all([session?.close(), calc?.close()]);
  for (const line of report) console.log(line);
  console.log(`[venue figures Firefox ESR] file runtime ${((performance.now() - fileStart) / 1000).toFixed(1)} s (one browser)`);
});

describe('Firefox differences, handled', () => {
  it('the background is an event page (background.scripts), and it keeps tab records in storage.session', async () => {
    type Background = { scripts?: string[]; service_worker?: string | null };
    const background = await reader.page.evaluate(() => (globalThis as unknown as { browser: { runtime: { getManifest(): { background: Background } } } }).browser.runtime.getManifest().background);
    expect(background.scripts?.length).toBeGreaterThan(0);
    // Firefox's normalized manifest carries the key, empty.
    expect(background.service_worker ?? null).toBeNull();
    // The record of the page the reader was opened from was cleared when that tab closed.
    await expect.poll(async () => Object.keys(await reader.session(null)).filter((k) => k.startsWith('tab/')), { timeout: 10_000 }).toEqual([]);
  });

  it('the popup page is styled by the stylesheet inlined in it (the extension pages’ policy allows it)', async () => {
    // The reader is the popup's page: its body takes the popup's 380 px width and the rules' font size.
    const body = await reader.page.evaluate(() => ({ page: location.pathname, width: getComputedStyle(document.body).width, font: getComputedStyle(document.body).fontSize }));
    expect(body).toEqual({ page: '/src/popup/index.html', width: '380px', font: '13px' });
  });

  it('the closed shadow root is styled by its own style sheet: a fixed 288 px panel (the compact card)', async () => {
    const page = await open(session.venueUrl(binance.host, binance.path, 'binance-usdm/limit-cross.html'));
    await typePosition(page, binance, { price: '64123.4', qty: '0.2', leverage: '5' });
    await waitForAnswer(page, 20_000);
    const style = await inOverlay(page, (root) => {
      const panel = root?.querySelector('[data-liqguard="overlay"]');
      if (!panel) return null;
      const s = getComputedStyle(panel);
      return { position: s.position, width: s.width, zIndex: s.zIndex };
    });
    expect(style).toEqual({ position: 'fixed', width: '288px', zIndex: '2147483646' });
    await page.close();
  });

  it('"Report this page" imports the report’s module into the content script: the overlay’s preview, and the popup’s request', async () => {
    const page = await open(session.venueUrl(binance.host, binance.path, 'binance-usdm/broken-no-leverage.html'));
    await expect.poll(async () => (await overlayState(page)).kind, { timeout: 20_000 }).toBe('unreadable');
    await clickInOverlay(page, '[data-liqguard-action="report-page"]');
    const text = () => inOverlay(page, (root) => root?.querySelector<HTMLTextAreaElement>('[data-liqguard="page-report-text"]')?.value ?? '');
    await expect.poll(text, { timeout: 10_000 }).toContain('"liqguardPageReport"');
    const shown = JSON.parse(await text()) as { page: Record<string, unknown>; read: { kind: string } };
    expect(shown.page).toMatchObject({ adapter: 'binance-usdm', path: binance.path });
    expect(shown.read.kind).toBe('unreadable');
    await clickInOverlay(page, '[data-liqguard-action="report-copy"]');
    await expect.poll(() => inOverlay(page, (root) => root?.querySelector('[data-liqguard="page-report-status"]')?.textContent ?? '')).toMatch(/^Copied/);
    // What the popup's This tab sends, from the extension's own page.
    const replies = (await reportReplies(reader.page, 'browser')) as { ok: boolean; report?: { page: Record<string, unknown> } }[];
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ ok: true, report: { page: { adapter: 'binance-usdm', path: binance.path } } });
    await page.close();
  });
});

describeVenueFigures('Firefox ESR', () => ({ reader, calc, venueUrl: (host, pathname, fixture) => session.venueUrl(host, pathname, fixture), open }), report);

describe('a threshold changed in the options changes the overlay and the badge (Firefox ESR)', () => {
  const rgba = (hex: string): number[] => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).concat(255);
  const severities = async (page: PuppeteerPage) => (await readOverlayFigures(page)).sides.map((s) => s.figures.severity?.value ?? null);
  const badgeColor = (tabId: number) =>
    reader.page.evaluate(async (id) => {
      const g = globalThis as unknown as { browser: { action: { getBadgeBackgroundColor(d: object): Promise<number[]> } } };
      return g.browser.action.getBadgeBackgroundColor({ tabId: id });
    }, tabId);

  it('raising the distance thresholds turns an ok order critical, and restoring them turns it back', async () => {
    const page = await open(session.venueUrl(binance.host, binance.path, 'binance-usdm/limit-cross.html'));
    // 5x isolated: about 20 % from liquidation each way, under every default threshold.
    await typePosition(page, binance, { price: '64123.4', qty: '0.2', leverage: '5', marginMode: 'isolated' });
    await expect.poll(async () => (await reader.tabRecordFor(binance.path))?.result?.replay?.inputs[0]?.marginMode, { timeout: 15_000 }).toBe('isolated');
    const tabId = (await reader.tabRecordFor(binance.path))?.tabId;
    if (tabId === undefined) throw new Error('no tab record');
    await expect.poll(() => severities(page), { timeout: 15_000 }).toEqual(['ok', 'ok']);
    await expect.poll(() => badgeColor(tabId), { timeout: 10_000 }).toEqual(rgba(BADGE_COLORS.ok));

    // The reader's tab becomes the options page (an extension page may open its sibling).
    const options = reader.page;
    await options.evaluate(() => location.assign('/src/options/index.html'));
    await options.waitForSelector('[data-testid="options-ready"]', { timeout: 10_000 });
    await options.bringToFront();
    const status = () => options.$eval('[data-testid="options-status"]', (e) => (e.textContent ?? '').trim());
    // Widest first, so every intermediate state is in order and saved.
    for (const [id, value] of [['distance.caution', '95'], ['distance.danger', '90'], ['distance.critical', '85']] as const) await fillField(options, `[id="${id}"]`, value);
    await expect.poll(status, { timeout: 10_000 }).toBe('Saved.');

    // No keystroke on the venue page: the content script sent the same form again.
    await page.bringToFront();
    await expect.poll(() => severities(page), { timeout: 15_000 }).toEqual(['critical', 'critical']);
    await expect.poll(() => badgeColor(tabId), { timeout: 10_000 }).toEqual(rgba(BADGE_COLORS.critical));
    expect((await reader.settledTabRecordFor(binance.path))?.result?.replay?.context.thresholds).toMatchObject({ distancePercent: { caution: '95', danger: '90', critical: '85' } });

    // And back.
    await options.bringToFront();
    const restore = await options.waitForSelector('::-p-text(Restore default thresholds)');
    await restore?.click();
    await page.bringToFront();
    await expect.poll(() => severities(page), { timeout: 15_000 }).toEqual(['ok', 'ok']);
    await expect.poll(() => badgeColor(tabId), { timeout: 10_000 }).toEqual(rgba(BADGE_COLORS.ok));
    await page.close();
  });
});
