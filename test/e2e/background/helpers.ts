import type { Page } from 'playwright-core';
import type { ExtensionSession } from '../harness/chromium';
import { inOverlay } from '../harness/overlay-root';
import { overlayLiquidationValues } from '../shared/background';

/**
 * The background's browser tests and the e2e benchmark (bench/e2e) measure how long a stopped
 * service worker takes to answer. Reading storage.session, the CLI and the market-data stubs are
 * shared with the venue and threshold tests and live in ../shared; they are re-exported here.
 */
export { cli, cliLines, extensionReader, overlayLiquidationValues, type ExtensionReader, type TabRecordView } from '../shared/background';
export { stubBinanceMarketData } from '../shared/market-stubs';

export interface WakeMeasurement {
  /** CDP Target.closeTarget until the worker's target is gone. */
  stopMs: number;
  /** In the page: the input event → the overlay's liquidation price changed (wake, module load, market data, engine, render). */
  inputToOverlayMs: number;
  /** As a test sees it: page.fill() starts → the changed figure is readable through Playwright. */
  fillToVisibleMs: number;
}

/**
 * Stops the service worker the way Chrome does when it idles out, then types `value` into
 * `selector` and times how long the overlay takes to show a new liquidation price. The page
 * must already show an assessment, and the new value must change the figure. With
 * `stop: false` it measures the same with the worker running (the warm baseline; stopMs is 0).
 */
export async function measureWakeUpLatency(session: ExtensionSession, page: Page, selector: string, value: string, options: { stop?: boolean; timeoutMs?: number } = {}): Promise<WakeMeasurement> {
  const { stop = true, timeoutMs = 10_000 } = options;
  const before = (await overlayLiquidationValues(page)).join('|');
  // The timers run in the harness's own isolated world, which holds the overlay's closed root and
  // shares the page's clock and DOM (../harness/overlay-root.ts).
  await inOverlay(
    page,
    (root, prev) => {
      const g = globalThis as unknown as { __lgWake: { t0: number | null; t1: number | null } };
      g.__lgWake = { t0: null, t1: null };
      if (!root) throw new Error('no overlay to watch');
      const values = () => [...root.querySelectorAll('[data-liqguard-side] [data-liqguard="liquidation-price"]')].map((e) => e.getAttribute('data-value') ?? '').join('|');
      document.addEventListener('input', () => void (g.__lgWake.t0 ??= performance.now()), { capture: true, once: true });
      // A mutation observer, not a timer: it runs right after the change, before anything the test
      // asks the page next, so a busy machine cannot make the test see the change first.
      const seen = new MutationObserver(() => {
        if (g.__lgWake.t0 === null || values() === prev) return;
        g.__lgWake.t1 = performance.now();
        seen.disconnect();
      });
      seen.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
    },
    before,
  );
  const s0 = performance.now();
  if (stop) await session.stopServiceWorker();
  const stopMs = stop ? performance.now() - s0 : 0;
  const f0 = performance.now();
  await page.fill(selector, value);
  // A plain loop, not vitest's expect.poll: the e2e benchmark (bench/e2e) runs this under tsx, outside vitest.
  const deadline = performance.now() + timeoutMs;
  while ((await overlayLiquidationValues(page)).join('|') === before) {
    if (performance.now() > deadline) throw new Error(`the overlay's liquidation price did not change within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
  const fillToVisibleMs = performance.now() - f0;
  const inPage = await inOverlay(page, () => (globalThis as unknown as { __lgWake: { t0: number | null; t1: number | null } }).__lgWake);
  if (inPage.t0 === null || inPage.t1 === null) throw new Error('the in-page timer saw no input or no change');
  return { stopMs, inputToOverlayMs: inPage.t1 - inPage.t0, fillToVisibleMs };
}

/** Median, min and max of a list of milliseconds, rounded to 0.1 ms. */
export function summarize(ms: number[]): { median: number; min: number; max: number; n: number } {
  const s = [...ms].sort((a, b) => a - b);
  const mid = s.length % 2 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
  const r = (x: number) => Math.round(x * 10) / 10;
  return { median: r(mid), min: r(s[0] ?? 0), max: r(s[s.length - 1] ?? 0), n: s.length };
}
