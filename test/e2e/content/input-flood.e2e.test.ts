import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { launchWithExtension, type ExtensionSession } from '../harness/chromium';
import { STUBBED_MARKET_HOSTS, stubMarketData } from '../shared/market-stubs';
import { readOverlayFigures, VENUE_HOSTS, waitForAnswer, type OverlayFigures } from './helpers';

/**
 * A hostile page cannot make each keystroke cost seconds by flooding the order form with inputs
 * (test/fixtures/hostile/input-flood.html: Gate's form with 100,000 unlabelled inputs, so every
 * ancestor of the size box holds them). The content script's DOM work for one edit is counted in its own isolated world (the
 * calls it makes on elements and the document, and its reads), not timed: with 100,000 inputs the edit
 * costs no more than the per-anchor cap's worth of calls more than with 1,000, and the overlay still
 * answers with the same figure or the same reason.
 */

let session: ExtensionSession;
const report: string[] = [];

beforeAll(async () => {
  session = await launchWithExtension({ hosts: [...VENUE_HOSTS, ...STUBBED_MARKET_HOSTS] });
  stubMarketData(session.server, { mark: '65010.3' });
});
afterAll(async () => {
  await session?.close();
  for (const line of report) console.log(line);
});

/** Counters installed in the content script's own world: its DOM calls, and its reads (each read parses the page's URL once). */
const COUNTERS = `(() => {
  if (globalThis.__lgCount) return 'again';
  const c = (globalThis.__lgCount = { dom: 0, reads: 0 });
  const wrap = (proto, names) => {
    for (const n of names) {
      const f = proto[n];
      if (typeof f !== 'function') continue;
      proto[n] = function (...a) { c.dom++; return f.apply(this, a); };
    }
  };
  wrap(Element.prototype, ['checkVisibility', 'closest', 'getBoundingClientRect', 'getClientRects', 'querySelector', 'querySelectorAll', 'matches', 'contains']);
  wrap(Document.prototype, ['querySelector', 'querySelectorAll', 'createTreeWalker', 'getElementById']);
  wrap(globalThis, ['getComputedStyle']);
  const U = URL;
  globalThis.URL = new Proxy(U, { construct(t, a) { c.reads++; return new t(...a); } });
  return 'installed';
})()`;

/** The content script's isolated world on this page (origin chrome-extension://<id>), found over CDP. */
async function contentWorld(page: Page): Promise<{ cdp: CDPSession; contextId: number }> {
  const cdp = await session.context.newCDPSession(page);
  const contexts: { id: number; origin: string }[] = [];
  cdp.on('Runtime.executionContextCreated', (e) => void contexts.push({ id: e.context.id, origin: e.context.origin }));
  await cdp.send('Runtime.enable');
  await new Promise((r) => setTimeout(r, 100));
  const ours = contexts.filter((c) => c.origin.startsWith(`chrome-extension://${session.extensionId}`));
  if (ours.length !== 1) throw new Error(`expected the content script's one world on the page, found ${ours.length}`);
  return { cdp, contextId: (ours[0] as { id: number }).id };
}

async function inWorld<T>(w: { cdp: CDPSession; contextId: number }, expression: string): Promise<T> {
  const r = await w.cdp.send('Runtime.evaluate', { expression, contextId: w.contextId, returnByValue: true });
  if (r.exceptionDetails) throw new Error(r.exceptionDetails.text);
  return r.result.value as T;
}

interface Flooded {
  inputs: number;
  /** DOM calls and reads the content script made for one edit of the size. */
  dom: number;
  reads: number;
  figures: OverlayFigures;
}

/** Opens the flooded page, edits the size once as the page's app would, and counts what the content script did for it. */
async function floodedRead(n: number): Promise<Flooded> {
  const page = await session.context.newPage();
  await page.goto(`${session.venueUrl('www.gate.com', '/futures/USDT/BTC_USDT', 'hostile/input-flood.html')}&flood=${n}`, { timeout: 60_000 });
  await waitForAnswer(page, 60_000);
  const inputs = Number(await page.evaluate(() => document.documentElement.dataset.flood));
  const world = await contentWorld(page);
  expect(await inWorld(world, COUNTERS)).toBe('installed');
  // The size written by its value property and an input event, as the page's app does.
  await page.evaluate(() => {
    const size = document.querySelector<HTMLInputElement>('input[placeholder="Size"]');
    if (!size) throw new Error('no size box');
    size.value = '30';
    size.dispatchEvent(new Event('input', { bubbles: true }));
  });
  // Until the overlay shows its answer for the new size, then a moment for any read the answer itself sets off.
  await expect.poll(async () => inWorld<number>(world, 'globalThis.__lgCount.reads'), { timeout: 60_000 }).toBeGreaterThan(0);
  await waitForAnswer(page, 60_000);
  await new Promise((r) => setTimeout(r, 500));
  const counted = await inWorld<{ dom: number; reads: number }>(world, '({ ...globalThis.__lgCount })');
  const figures = await readOverlayFigures(page);
  await world.cdp.detach();
  await page.close();
  return { inputs, ...counted, figures };
}

describe('hostile page: a form flooded with inputs', () => {
  it('100,000 inputs: the overlay still answers (the same as with 1,000), and an edit makes at most the per-anchor cap more DOM calls', async () => {
    const small = await floodedRead(1_000);
    const large = await floodedRead(100_000);
    expect([small.inputs, large.inputs]).toEqual([1_000, 100_000]);
    // An answer: the order's figure or the reason there is none, and the same one either way.
    expect(['assessed', 'unreadable']).toContain(large.figures.state);
    expect(large.figures.state).toBe(small.figures.state);
    const liq = (f: OverlayFigures) => f.sides.map((s) => `${s.side}:${s.figures['liquidation-price']?.value ?? 'none'}`);
    expect(liq(large.figures)).toEqual(liq(small.figures));
    expect(large.figures.reasons).toEqual(small.figures.reasons);
    // Counted for the same edit: no more than 300 more calls (the cap on candidates per anchor). Not per URL parse:
    // the account watcher's timer parses the URL too (a read of a few calls), and how many of its reads fall in the
    // window depends on its phase (1 to 6 parses for the same 8,960 calls), which halved or doubled a per-parse figure.
    expect(small.reads).toBeGreaterThan(0);
    expect(large.reads).toBeGreaterThan(0);
    expect(large.dom).toBeLessThanOrEqual(small.dom + 300);
    report.push(
      `[input flood] ${small.figures.state} ${liq(small.figures).join(', ')}; DOM calls for the edit: ${small.dom} with 1,000 inputs (${small.reads} URL parses), ` +
        `${large.dom} with 100,000 (${large.reads} URL parses)`,
    );
  }, 240_000);
});
