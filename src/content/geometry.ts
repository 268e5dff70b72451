import type { Box } from './overlay/placement';

/**
 * Boxes of elements as the browser lays them out in its own next frame, without forcing a layout.
 * Asking for geometry (getBoundingClientRect) right after the page or the form changed makes the
 * browser lay the page out there and then, inside the content script's task: in a fresh tab that is
 * the page's whole first layout, about 5 ms on the first read. A one-shot IntersectionObserver gets
 * each element's box from the layout the browser does anyway. Elements with no box (not rendered)
 * map to null. Resolves after `timeoutMs` at the latest with what arrived, so a browser that never
 * notifies (a test DOM) still places the overlay.
 */
export function boxesAfterLayout(els: readonly Element[], timeoutMs = 200): Promise<Map<Element, Box | null>> {
  const out = new Map<Element, Box | null>();
  const want = new Set(els);
  const Observer = globalThis.IntersectionObserver;
  if (want.size === 0 || typeof Observer !== 'function') return Promise.resolve(out);
  return new Promise((resolve) => {
    const io = new Observer((entries) => {
      for (const e of entries) if (want.has(e.target) && !out.has(e.target)) out.set(e.target, boxOf(e.boundingClientRect));
      if (out.size >= want.size) done();
    });
    const done = () => {
      io.disconnect();
      clearTimeout(timer);
      resolve(out);
    };
    for (const el of want) io.observe(el);
    // The observer reports asynchronously (never during observe()), so `timer` is set before done() can run.
    const timer = setTimeout(done, timeoutMs);
  });
}

const boxOf = (r: DOMRectReadOnly): Box | null => (r.width > 0 || r.height > 0 ? { left: r.left, top: r.top, right: r.right, bottom: r.bottom } : null);
