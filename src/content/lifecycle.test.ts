import { describe, expect, it } from 'vitest';
import { afterDomContentLoaded } from './lifecycle';

/**
 * A page as the content script's module finds it: the document's readyState and the navigation
 * entry's domContentLoadedEventStart (0 until DOMContentLoaded starts), with the two events it can fire.
 */
function pageAt(readyState: DocumentReadyState, domContentLoadedEventStart: number | null) {
  const doc = Object.assign(new EventTarget(), { readyState });
  let asked = 0;
  const win = Object.assign(new EventTarget(), {
    document: doc,
    performance: { getEntriesByType: (type: string) => (asked++, type === 'navigation' && domContentLoadedEventStart !== null ? [{ domContentLoadedEventStart }] : []) },
  });
  let starts = 0;
  afterDomContentLoaded(win as unknown as Window, () => starts++);
  return {
    starts: () => starts,
    /** How often navigation timing was asked. */
    asked: () => asked,
    fire(target: 'document' | 'window', type: string) {
      (target === 'document' ? doc : win).dispatchEvent(new Event(type));
    },
  };
}

describe('the content script starts after the page’s own deferred scripts', () => {
  it('parsed but the page’s deferred scripts still loading ("interactive", DOMContentLoaded not started): waits for DOMContentLoaded', () => {
    const page = pageAt('interactive', 0);
    expect(page.starts()).toBe(0);
    page.fire('document', 'DOMContentLoaded');
    expect(page.starts()).toBe(1);
    // Once only: the load event that follows starts nothing more.
    page.fire('window', 'load');
    expect(page.starts()).toBe(1);
  });

  it('still parsing: waits for DOMContentLoaded, without asking navigation timing (it cannot have started)', () => {
    const page = pageAt('loading', 0);
    expect(page.starts()).toBe(0);
    expect(page.asked()).toBe(0);
    page.fire('document', 'DOMContentLoaded');
    page.fire('document', 'DOMContentLoaded');
    expect(page.starts()).toBe(1);
  });

  it('after DOMContentLoaded (navigation timing says it started), or once the page is complete: starts at once', () => {
    expect(pageAt('interactive', 812.5).starts()).toBe(1);
    expect(pageAt('complete', 812.5).starts()).toBe(1);
    expect(pageAt('complete', null).starts()).toBe(1);
    expect(pageAt('complete', 812.5).asked()).toBe(0);
  });

  it('"interactive" with no navigation entry to tell: starts at DOMContentLoaded or, if that has passed, at load', () => {
    const passed = pageAt('interactive', null);
    expect(passed.starts()).toBe(0);
    passed.fire('window', 'load');
    expect(passed.starts()).toBe(1);
    const coming = pageAt('interactive', null);
    coming.fire('document', 'DOMContentLoaded');
    coming.fire('window', 'load');
    expect(coming.starts()).toBe(1);
  });
});
