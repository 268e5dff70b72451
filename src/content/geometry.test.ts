// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { boxesAfterLayout } from './geometry';

/** An IntersectionObserver that reports the boxes it is given, a frame after observe(), as the browser does after its layout. */
function fakeObserver(rects: Map<Element, { left: number; top: number; width: number; height: number }>, deliver = true) {
  const observed: Element[] = [];
  let disconnected = false;
  class FakeIO {
    constructor(private cb: (entries: { target: Element; boundingClientRect: DOMRectReadOnly }[]) => void) {}
    observe(el: Element) {
      observed.push(el);
      if (observed.length === 1 && deliver)
        setTimeout(() => {
          if (disconnected) return;
          this.cb(observed.map((target) => {
            const r = rects.get(target) ?? { left: 0, top: 0, width: 0, height: 0 };
            return { target, boundingClientRect: { ...r, right: r.left + r.width, bottom: r.top + r.height, x: r.left, y: r.top } as DOMRectReadOnly };
          }));
        }, 16);
    }
    disconnect() {
      disconnected = true;
    }
  }
  vi.stubGlobal('IntersectionObserver', FakeIO);
  return { observed, disconnected: () => disconnected };
}

afterEach(() => vi.unstubAllGlobals());

describe('boxesAfterLayout', () => {
  it('takes each box from the observer, never from the element, and stops observing', async () => {
    const [a, b] = [document.createElement('div'), document.createElement('div')];
    const io = fakeObserver(new Map([[a, { left: 10, top: 20, width: 300, height: 400 }]]));
    const read = vi.spyOn(Element.prototype, 'getBoundingClientRect');
    const boxes = await boxesAfterLayout([a, b]);
    expect(boxes.get(a)).toEqual({ left: 10, top: 20, right: 310, bottom: 420 });
    // Not rendered: no box, as for an element with an empty rectangle.
    expect(boxes.get(b)).toBeNull();
    expect(read).not.toHaveBeenCalled();
    expect(io.disconnected()).toBe(true);
  });

  it('resolves with what arrived when the browser never reports', async () => {
    const a = document.createElement('div');
    const io = fakeObserver(new Map(), false);
    const boxes = await boxesAfterLayout([a], 30);
    expect(boxes.has(a)).toBe(false);
    expect(io.disconnected()).toBe(true);
  });

  it('needs no observer for no elements', async () => {
    const io = fakeObserver(new Map());
    expect((await boxesAfterLayout([])).size).toBe(0);
    expect(io.observed).toHaveLength(0);
  });
});
