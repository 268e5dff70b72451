// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { boxesAfterLayout } from './geometry';

/**
 * A ResizeObserver that reports a frame after observe(), as the browser does after its layout, with the
 * elements' boxes as that layout left them (getBoundingClientRect answers from `rects` only inside its callback).
 */
function fakeObserver(rects: Map<Element, { left: number; top: number; width: number; height: number }>, deliver = true) {
  const observed: Element[] = [];
  let disconnected = false;
  let laidOut = false;
  const reads: Element[] = [];
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    reads.push(this);
    if (!laidOut) throw new Error('geometry read outside the observer: that forces a layout');
    const r = rects.get(this) ?? { left: 0, top: 0, width: 0, height: 0 };
    return { ...r, right: r.left + r.width, bottom: r.top + r.height, x: r.left, y: r.top } as DOMRect;
  });
  class FakeRO {
    constructor(private cb: () => void) {}
    observe(el: Element) {
      observed.push(el);
      if (deliver)
        setTimeout(() => {
          if (disconnected) return;
          laidOut = true;
          this.cb();
          laidOut = false;
        }, 16);
    }
    disconnect() {
      disconnected = true;
    }
  }
  vi.stubGlobal('ResizeObserver', FakeRO);
  return { observed, reads, disconnected: () => disconnected };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('boxesAfterLayout', () => {
  it('reads each box only once the browser has laid the page out, observes <html> once and stops observing', async () => {
    const [a, b] = [document.createElement('div'), document.createElement('div')];
    const ro = fakeObserver(new Map([[a, { left: 10, top: 20, width: 300, height: 400 }]]));
    const boxes = await boxesAfterLayout([a, b]);
    expect(boxes.get(a)).toEqual({ left: 10, top: 20, right: 310, bottom: 420 });
    // Not rendered: no box, as for an element with an empty rectangle.
    expect(boxes.get(b)).toBeNull();
    expect(ro.reads).toEqual([a, b]);
    expect(ro.observed).toEqual([document.documentElement]);
    expect(ro.disconnected()).toBe(true);
  });

  it('uses no IntersectionObserver (Chromium would run its intersection step in every frame after it)', async () => {
    const io = vi.fn();
    vi.stubGlobal('IntersectionObserver', io);
    fakeObserver(new Map());
    await boxesAfterLayout([document.createElement('div')]);
    expect(io).not.toHaveBeenCalled();
  });

  it('resolves with what arrived when the browser never reports', async () => {
    const a = document.createElement('div');
    const ro = fakeObserver(new Map(), false);
    const boxes = await boxesAfterLayout([a], 30);
    expect(boxes.has(a)).toBe(false);
    expect(ro.reads).toHaveLength(0);
    expect(ro.disconnected()).toBe(true);
  });

  it('needs no observer for no elements', async () => {
    const ro = fakeObserver(new Map());
    expect((await boxesAfterLayout([])).size).toBe(0);
    expect(ro.observed).toHaveLength(0);
  });
});
