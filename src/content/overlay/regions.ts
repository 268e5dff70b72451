import type { Box } from './placement';

/**
 * The page's order book and chart, for placement to keep clear of. Anchors from the venues' own
 * pages where known (Binance `#futuresOrderbook`, MEXC's inspection id, Bybit's `ob__` order-book
 * classes, TradingView's chart container and iframes on every venue), then the words venues use in
 * class names and labels. Only boxes big enough to be a book or a chart count. Geometry forces a
 * layout, so this runs when the panel is placed, not on every read.
 */
const ORDER_BOOK = [
  '#futuresOrderbook',
  '#mexc-web-inspection-futures-exchange-orderbook',
  '[class*="orderbook" i]',
  '[class*="order-book" i]',
  '[class*="order_book" i]',
  '[id*="orderbook" i]',
  '[data-testid*="orderbook" i]',
  '[data-testid*="order-book" i]',
  '[aria-label*="order book" i]',
  '[class^="ob__"]',
].join(',');

const CHART = ['#tv_chart_container', 'iframe[id^="tradingview_" i]', 'iframe[name^="tradingview_" i]', '[id*="tradingview" i]', '[class*="tradingview" i]', '[class*="kline" i]'].join(',');

const boxOf = (el: Element): Box => {
  const r = el.getBoundingClientRect();
  return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
};
const area = (b: Box) => Math.max(0, b.right - b.left) * Math.max(0, b.bottom - b.top);
const inside = (a: Box, b: Box) => a.left >= b.left - 1 && a.top >= b.top - 1 && a.right <= b.right + 1 && a.bottom <= b.bottom + 1;

/** The elements matching `selector` that may be a book or chart: outside the form, at most 200 looked at. */
function candidates(doc: Document, selector: string, form: Element | null): Element[] {
  const out: Element[] = [];
  let looked = 0;
  for (const el of doc.querySelectorAll(selector)) {
    // Bounded work on a page with thousands of order-book rows matching the words.
    if (++looked > 200) break;
    if (form && (form.contains(el) || el.contains(form))) continue;
    out.push(el);
  }
  return out;
}

/** Outermost of `boxes`, at least `minArea` px², at most `max` of them, largest first. */
function outermost(boxes: readonly (Box | null | undefined)[], minArea: number, max: number): Box[] {
  const out: Box[] = [];
  for (const b of boxes) {
    if (!b || area(b) < minArea) continue;
    if (out.some((o) => inside(b, o))) continue;
    for (let i = out.length - 1; i >= 0; i--) if (inside(out[i] as Box, b)) out.splice(i, 1);
    out.push(b);
  }
  return out.sort((a, b) => area(b) - area(a)).slice(0, max);
}

export interface RegionCandidates {
  books: Element[];
  charts: Element[];
}

/** The elements that may be the page's order book or chart; their boxes are measured apart (src/content/geometry.ts). */
export function regionCandidates(doc: Document, form: Element | null): RegionCandidates {
  return { books: candidates(doc, ORDER_BOOK, form), charts: candidates(doc, CHART, form) };
}

/** The order book and chart among `c`, given each element's box. */
export function regionsFrom(c: RegionCandidates, box: (el: Element) => Box | null | undefined): { books: Box[]; chart: Box | null } {
  return { books: outermost(c.books.map(box), 150 * 150, 3), chart: outermost(c.charts.map(box), 300 * 200, 1)[0] ?? null };
}

/** Both at once, reading each box now (forces a layout when the page changed since the last one). */
export function findRegions(doc: Document, form: Element | null): { books: Box[]; chart: Box | null } {
  return regionsFrom(regionCandidates(doc, form), boxOf);
}
