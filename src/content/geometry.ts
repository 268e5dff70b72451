import type { Box } from './overlay/placement';

/**
 * Boxes of elements as the browser lays them out in its own next frame, without forcing a layout.
 * Asking for geometry (getBoundingClientRect) right after the page or the form changed makes the
 * browser lay the page out there and then, inside the content script's task: in a fresh tab that is
 * the page's whole first layout, about 5 ms on the first read. A one-shot ResizeObserver on <html>
 * reports once the browser's own next layout is done (its first report comes in every frame's
 * lifecycle right after layout), where the boxes are read with nothing left to lay out. Not an
 * IntersectionObserver: once a document has had one, Chromium runs its intersection step in every
 * frame after it, disconnected and collected or not (two per frame on a ticking order book, as long
 * as it was watched); the overlay keeps a ResizeObserver on its card anyway. Elements with no box (not rendered) map to null.
 * Resolves after `timeoutMs` at the latest with what arrived, so a browser that never notifies (a
 * test DOM) still places the overlay.
 */
export function boxesAfterLayout(els: readonly Element[], timeoutMs = 200): Promise<Map<Element, Box | null>> {
  const out = new Map<Element, Box | null>();
  const Observer = globalThis.ResizeObserver;
  const root = els[0]?.ownerDocument.documentElement;
  if (!root || typeof Observer !== 'function') return Promise.resolve(out);
  return new Promise((resolve) => {
    const done = () => {
      ro.disconnect();
      clearTimeout(timer);
      resolve(out);
    };
    const ro = new Observer(() => {
      for (const el of els) out.set(el, boxOf(el.getBoundingClientRect()));
      done();
    });
    ro.observe(root);
    // The observer reports asynchronously (never during observe()), so `timer` is set before done() can run.
    const timer = setTimeout(done, timeoutMs);
  });
}

const boxOf = (r: DOMRectReadOnly): Box | null => (r.width > 0 || r.height > 0 ? { left: r.left, top: r.top, right: r.right, bottom: r.bottom } : null);
