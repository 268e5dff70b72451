import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { buildPageReport, type BuiltReport } from '../../src/content/report/build';
import type { PageRead } from '../../src/content/read/pipeline';
import { maskDigits } from '../../src/core/report/mask';
import { VENUE_PAGES } from '../e2e/content/helpers';
import { readCurrent } from './fixture-cases';
import { FIXTURES } from './fixture-dom';

/** Every fixture page a reader reads, with the URL it is read at: each venue's folder and account pages, and the generic reader's pages at a URL no adapter claims. */
export const REPORT_FIXTURES: readonly (readonly [file: string, url: string])[] = [
  ...VENUE_PAGES.flatMap((v) =>
    readdirSync(path.join(FIXTURES, v.id))
      .filter((f) => f.endsWith('.html'))
      .map((f) => [`${v.id}/${f}`, `https://${v.host}${v.path}`] as const),
  ),
  // The account pages: an order form beside a positions list and an account panel.
  ...VENUE_PAGES.flatMap((v) => {
    const dir = path.join(FIXTURES, 'account', v.id);
    return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.html')).map((f) => [`account/${v.id}/${f}`, `https://${v.host}${v.path}`] as const) : [];
  }),
  ...readdirSync(path.join(FIXTURES, 'generic'))
    .filter((f) => f.endsWith('.html'))
    .map((f) => [`generic/${f}`, 'https://www.binance.com/en/futures/v2/BTCUSDT'] as const),
];

export const REPORT_META = { extension: '0.1.0', browser: 'Chrome 131', date: '2026-12-01', viewport: '1280x720' };

/** The report of the page now in happy-dom's document, as the content script builds it. */
export function reportOfCurrent(url: string): BuiltReport & { read: PageRead } {
  const read = readCurrent(url);
  return { read, ...buildPageReport({ doc: document, url: new URL(url), read, state: null, meta: REPORT_META }) };
}

/** The first masked number in an element, read back from the page: what the trader's position showed there. */
function firstNumberIn(el: Element): string | undefined {
  const walker = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue ?? '';
    const m = /#(?:[#.,'’ \u00a0\u202f]*#)?/.exec(maskDigits(text));
    if (m) return text.slice(m.index, m.index + m[0].length);
  }
  return undefined;
}

/** The page's own numbers at the elements the report names, by field and in page order: the position that recreates this page. */
export function pagePosition(marks: BuiltReport['marks']): Record<string, string[]> {
  const position: Record<string, string[]> = {};
  const inPageOrder = [...marks].sort(([a], [b]) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  for (const [el, fields] of inPageOrder) {
    const inputs = el.matches('input, textarea') ? [el] : [...el.querySelectorAll('input, textarea')];
    const value = inputs.length === 1 ? (inputs[0] as HTMLInputElement).value : firstNumberIn(el);
    if (value === undefined) continue;
    for (const f of fields) (position[f] ??= []).push(value);
  }
  return position;
}
