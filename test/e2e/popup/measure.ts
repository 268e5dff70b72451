import type { Page } from 'playwright-core';
import type { ExtensionSession } from '../harness/chromium';

/**
 * Time from the popup page's navigation start to (a) its first view in the DOM (`liqguard:popup-first-render`,
 * set right after the synchronous first render) and (b) the view showing real content, with settings and
 * the last calculator inputs applied (`liqguard:popup-ready`). Both are read from the page's own
 * performance timeline, so test-runner overhead is not counted. bench/e2e can import this.
 */
export interface PopupTiming {
  firstRenderMs: number;
  readyMs: number;
  /** navigationStart → the browser's first contentful paint: what the trader first sees (NaN if none within 2 s). */
  firstPaintMs: number;
}

export interface PopupTimingSummary {
  runs: PopupTiming[];
  medianFirstRenderMs: number;
  medianReadyMs: number;
  maxReadyMs: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
};

export async function popupTiming(page: Page): Promise<PopupTiming> {
  await page.getByTestId('popup-ready').waitFor({ state: 'attached', timeout: 10_000 });
  const firstPaintMs = await firstContentfulPaint(page);
  return page.evaluate((fcp) => {
    const at = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN;
    return { firstRenderMs: at('liqguard:popup-first-render'), readyMs: at('liqguard:popup-ready'), firstPaintMs: fcp };
  }, firstPaintMs);
}

/** navigationStart → first-contentful-paint of the page, waiting up to 2 s for the entry (NaN without one). */
export async function firstContentfulPaint(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const timer = setTimeout(() => resolve(Number.NaN), 2000);
        new PerformanceObserver((list, observer) => {
          const fcp = list.getEntriesByName('first-contentful-paint')[0];
          if (!fcp) return;
          clearTimeout(timer);
          observer.disconnect();
          resolve(fcp.startTime);
        }).observe({ type: 'paint', buffered: true });
      }),
  );
}

/** Opens the popup `runs` times in fresh pages (380×600) and reports each run and the medians. */
export async function measurePopupOpen(session: ExtensionSession, runs = 7): Promise<PopupTimingSummary> {
  const out: PopupTiming[] = [];
  for (let i = 0; i < runs; i++) {
    const page = await session.openPopup();
    out.push(await popupTiming(page));
    await page.close();
  }
  return {
    runs: out,
    medianFirstRenderMs: median(out.map((r) => r.firstRenderMs)),
    medianReadyMs: median(out.map((r) => r.readyMs)),
    maxReadyMs: Math.max(...out.map((r) => r.readyMs)),
  };
}
