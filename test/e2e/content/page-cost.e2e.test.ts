import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionSession } from '../harness/chromium';
import { releaseOverlayAccess } from '../harness/overlay-root';
import { stubBinanceMarketData } from '../shared/market-stubs';
import { waitForAnswer } from './helpers';

/**
 * What the extension costs a busy page, counted rather than timed (`npm run bench:e2e` prints the times): the
 * order-book page (test/fixtures/bench/orderbook.html rewrites a 50-row book and the title 20 times a second)
 * traced in Chromium with the content script and, on a path no content-script pattern matches, without it.
 * Counts do not depend on the machine's load: with the overlay showing its figures, the page must lay out as
 * often and as much per tick as without it (the overlay's fixed panel is not laid out again with the book), the
 * content script must force no layout, must leave the page no intersection step to run in its frames (a document
 * that ever had an IntersectionObserver runs one in every frame after it), and it must not run per tick at all
 * (its one timer reads the account panel once a second).
 */

const HOST = 'www.binance.com';
const FIXTURE = 'bench/orderbook.html';
const WINDOW_MS = 2000;

let session: ExtensionSession;
const report: string[] = [];

beforeAll(async () => {
  session = await launchWithExtension({ hosts: [HOST, 'fapi.binance.com'] });
  stubBinanceMarketData(session.server);
});
afterAll(async () => {
  await session?.close();
  for (const line of report) console.log(line);
});

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  args?: { data?: { url?: string; frame?: string }; beginData?: { frame?: string; dirtyObjects?: number; stackTrace?: { url: string }[] }; elementCount?: number };
}

interface PageCost {
  ticks: number;
  layouts: number;
  /** Median objects needing layout per layout pass. */
  dirty: number;
  /** Layouts forced by a script of this extension (a geometry read with layout pending). */
  forcedByUs: number;
  /** Callbacks of this extension's scripts that ran in the window. */
  ourCalls: number;
  /** Intersection-observer steps the page's frames ran (Chromium runs one in every frame of a document that ever had an observer). */
  intersections: number;
}

const sleep = (t: number) => new Promise<void>((r) => setTimeout(r, t));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function measure(page: Page, path: string, withExtension: boolean): Promise<PageCost> {
  await page.goto(session.venueUrl(HOST, path, FIXTURE));
  if (withExtension) {
    await waitForAnswer(page, 15_000);
    // The harness's devtools session has the DOM domain on; the window measures the page as a trader has it.
    await releaseOverlayAccess(page);
  }
  await sleep(1000);
  const cdp = await session.context.newCDPSession(page);
  const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
  const frame = frameTree.frame.id;
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline.stack'] }, transferMode: 'ReportEvents' });
  const ticks0 = await page.evaluate(() => (window as unknown as { __benchTicks: number }).__benchTicks);
  await sleep(WINDOW_MS);
  const ticks1 = await page.evaluate(() => (window as unknown as { __benchTicks: number }).__benchTicks);
  const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  const origin = `chrome-extension://${session.extensionId}/`;
  const layouts = events.filter((e) => e.name === 'Layout' && (e.ph === 'X' || e.ph === 'B') && e.args?.beginData?.frame === frame);
  return {
    ticks: ticks1 - ticks0,
    layouts: layouts.length,
    dirty: median(layouts.map((e) => e.args?.beginData?.dirtyObjects ?? 0)),
    forcedByUs: layouts.filter((e) => e.args?.beginData?.stackTrace?.some((f) => f.url.startsWith(origin))).length,
    ourCalls: events.filter((e) => e.name === 'FunctionCall' && e.ph === 'X' && (e.args?.data?.url ?? '').startsWith(origin)).length,
    intersections: events.filter((e) => e.name === 'IntersectionObserverController::computeIntersections').length,
  };
}

describe('the cost of the extension to a busy page, in counts', () => {
  it('lays the order-book page out as often and as much per tick as without the extension, forces no layout and runs nothing per tick', async () => {
    const page = await session.context.newPage();
    const on = await measure(page, '/en/futures/BTCUSDT', true);
    // The same page and host on a path no content-script pattern matches.
    const off = await measure(page, '/en/markets/BTCUSDT', false);
    await page.close();
    report.push(
      `order book, ${WINDOW_MS / 1000} s traced: with the extension ${on.ticks} ticks, ${on.layouts} layouts, median ${on.dirty} objects per layout, ` +
        `${on.forcedByUs} forced by the extension, ${on.ourCalls} extension callbacks, ${on.intersections} intersection steps; without ${off.ticks} ticks, ${off.layouts} layouts, ` +
        `median ${off.dirty} objects per layout, ${off.intersections} intersection steps`,
    );
    // The page really ticked on both (a page that stopped would pass everything below).
    expect(on.ticks).toBeGreaterThan(20);
    expect(off.ticks).toBeGreaterThan(20);
    expect(on.forcedByUs).toBe(0);
    // The page has no intersection observer of its own: any intersection step in its frames would be ours.
    expect(off.intersections).toBe(0);
    expect(on.intersections).toBe(0);
    // One read of the account panel a second, and slack for one stray callback: never one per tick.
    expect(on.ourCalls).toBeLessThanOrEqual(WINDOW_MS / 1000 + 2);
    // One layout per frame with a change, with or without: how frames fall between ticks varies with the
    // machine's load (1.0 to 1.1 per tick on either page); a layout per tick more would be +1.
    expect(on.layouts / on.ticks).toBeLessThanOrEqual(off.layouts / off.ticks + 0.25);
    // The book's rows are what needs layout; the overlay's panel (about 80 objects) is not laid out again with them.
    expect(on.dirty).toBeLessThanOrEqual(off.dirty + 10);
  });
});
