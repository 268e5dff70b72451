/**
 * Where the panel goes. It must never cover the order form (its inputs and buttons), the order
 * book or the chart's price axis, the things a trader watches while typing an order. Preferred
 * spots, in order: just under the form (the eye is already there, and venues put balances or
 * position tabs there, not prices), just above it, over the chart away from its price axis, then
 * beside the form; a spot that fits the viewport and overlaps none of the regions to avoid wins.
 * If none does, the one overlapping them least. Pixels, layout only.
 */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Regions {
  /** The order form: inputs and order buttons. */
  form: Box | null;
  /** Order books and price axes found on the page. */
  avoid: readonly Box[];
  /** The chart, for a spot over its candles (left of its price axis). */
  chart: Box | null;
}

const M = 8;
/** Width of a chart's price axis on its right edge (TradingView's is about 60–80 px). */
export const PRICE_AXIS = 80;
/** Height of a chart's time axis at its bottom. */
const TIME_AXIS = 28;

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(v, Math.max(lo, hi)));

function overlap(a: Box, b: Box): number {
  const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return w > 0 && h > 0 ? w * h : 0;
}

/** The regions a panel must not cover: the form, the avoided boxes, and a chart's price axis. */
export function blocked(r: Regions): Box[] {
  const out = [...r.avoid];
  if (r.form) out.push(r.form);
  if (r.chart) out.push({ left: r.chart.right - PRICE_AXIS, top: r.chart.top, right: r.chart.right, bottom: r.chart.bottom });
  return out;
}

export function placePanel(r: Regions, w: number, h: number, vw: number, vh: number): { x: number; y: number } {
  const form = r.form;
  const candidates: { x: number; y: number }[] = [];
  if (form) {
    // Right-aligned with the form (venues put forms on the right; the panel then stays in that column).
    const x = clamp(form.right - w, M, vw - w - M);
    candidates.push({ x, y: form.bottom + M }, { x, y: form.top - h - M });
  }
  const c = r.chart;
  if (c && c.right - PRICE_AXIS - c.left >= w + 2 * M) {
    candidates.push({ x: c.left + M, y: c.bottom - TIME_AXIS - h - M }, { x: c.left + M, y: c.top + M });
  }
  if (form) {
    const y = clamp(form.top, M, vh - h - M);
    candidates.push({ x: form.left - w - M, y }, { x: form.right + M, y });
  }
  // No form known: bottom-left, away from where venues put order forms (right) and price axes.
  candidates.push({ x: 16, y: vh - h - 16 });
  const avoid = blocked(r);
  let best: { x: number; y: number } | null = null;
  let bestCost = Infinity;
  for (const p of candidates) {
    const box = { left: p.x, top: p.y, right: p.x + w, bottom: p.y + h };
    const fits = box.left >= M - 0.5 && box.top >= M - 0.5 && box.right <= vw - M + 0.5 && box.bottom <= vh - M + 0.5;
    if (!fits) continue;
    const cost = avoid.reduce((sum, a) => sum + overlap(box, a), 0);
    if (cost === 0) return p;
    if (cost < bestCost) {
      best = p;
      bestCost = cost;
    }
  }
  return best ?? { x: clamp(16, M, vw - w - M), y: clamp(vh - h - 16, M, vh - h - M) };
}

/** Keeps a dragged panel's header on screen. */
export function keepOnScreen(p: { x: number; y: number }, w: number, vw: number, vh: number): { x: number; y: number } {
  return { x: clamp(p.x, M - w + 60, vw - 60), y: clamp(p.y, M, vh - 32) };
}
