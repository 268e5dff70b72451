import type { OverlayState } from '../../shared/overlay-state';
import { browserOf } from '../../core/report/text';
import type { PageReport } from '../../core/report/types';
import { readPage, type PageRead, type ReadOptions } from '../read/pipeline';
import { venueOfHost } from '../venues/registry';
import { buildPageReport } from './build';

/**
 * The page report of the page as it is now, on the trader's request (the overlay's
 * "Report this page", or the popup asking through `report/build`, see ./request.ts). Reads the form once more
 * so the report matches the page at the moment the trader asked.
 */

export function reportPage(win: Window, options: ReadOptions, state: OverlayState | null, extension: string): PageReport {
  const doc = win.document;
  const url = new URL(win.location.href);
  let read: PageRead;
  try {
    read = readPage({ doc, url, now: Date.now() }, options);
  } catch (error) {
    // A reader that throws is exactly what a report is for: say so and still show the page.
    read = { kind: 'no-form', reason: `the reader failed: ${String((error as Error)?.message ?? error).slice(0, 120)}`, venue: venueOfHost(url.hostname)?.venue ?? 'generic' };
  }
  const meta = { extension, browser: browserOf(win.navigator.userAgent), date: new Date().toISOString().slice(0, 10), viewport: `${win.innerWidth}x${win.innerHeight}` };
  return buildPageReport({ doc, url, read, state, meta }).report;
}
