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

/** Outermost boxes of the elements matching `selector`, at least `minArea` px², outside the form, at most `max` of them. */
function outermost(doc: Document, selector: string, minArea: number, form: Element | null, max: number): Box[] {
  const boxes: Box[] = [];
  let looked = 0;
  for (const el of doc.querySelectorAll(selector)) {
    // Bounded work on a page with thousands of order-book rows matching the words.
    if (++looked > 200) break;
    if (form && (form.contains(el) || el.contains(form))) continue;
    const b = boxOf(el);
    if (area(b) < minArea) continue;
    if (boxes.some((o) => inside(b, o))) continue;
    for (let i = boxes.length - 1; i >= 0; i--) if (inside(boxes[i] as Box, b)) boxes.splice(i, 1);
    boxes.push(b);
  }
  return boxes.sort((a, b) => area(b) - area(a)).slice(0, max);
}

export function findRegions(doc: Document, form: Element | null): { books: Box[]; chart: Box | null } {
  const books = outermost(doc, ORDER_BOOK, 150 * 150, form, 3);
  const chart = outermost(doc, CHART, 300 * 200, form, 1)[0] ?? null;
  return { books, chart };
}
