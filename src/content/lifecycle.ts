/**
 * After an extension update or reload the old content script lingers in open tabs with a dead
 * extension context ("Extension context invalidated"), while a fresh copy may be injected next to
 * it. The new copy announces itself with a DOM event named after the extension id, so an old copy
 * can take its overlay away at once instead of at its next read.
 *
 * A DOM event is no proof: the page shares the DOM and can dispatch the same event (and
 * `isTrusted` is false for the real one too). So the event is only a prompt to look: a copy
 * stops only when the browser says its own extension context is gone (`contextAlive()` false),
 * which a page cannot fake from its own world. A live copy ignores the event, forged or not.
 * The new copy starts listening only after its own announcement (dispatchEvent is synchronous),
 * so it never hears itself.
 */
export function takeOver(win: Window, extensionId: string, signal: AbortSignal, contextAlive: () => boolean, stop: () => void): void {
  const name = `liqguard:content-started:${extensionId}`;
  win.dispatchEvent(new Event(name));
  win.addEventListener(
    name,
    () => {
      if (!contextAlive()) stop();
    },
    { signal },
  );
}

/**
 * Runs `start` once the page's own deferred and module scripts have run (DOMContentLoaded), or at
 * once if they have. The content script's module loads while the page does (its loader runs at
 * document_start), so it can be evaluated in the gap where the document is parsed (readyState
 * "interactive") but the page's deferred scripts, which often build the order form, are still
 * loading. A read then would find a form the page has not finished, tell the background "no form",
 * and read again a moment later. Navigation timing says whether DOMContentLoaded has started; where
 * it cannot (no navigation entry), the window's load event is the latest start.
 */
export function afterDomContentLoaded(win: Window, start: () => void): void {
  const state = win.document.readyState;
  // Navigation timing is asked only where it can tell (parsed, "interactive"): while the document is still
  // parsing DOMContentLoaded cannot have started, and a fresh tab's first performance entry costs its
  // isolated world tenths of a millisecond. domContentLoadedEventStart is 0 until DOMContentLoaded starts.
  if (state === 'complete' || (state === 'interactive' && ((win.performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.domContentLoadedEventStart ?? 0) > 0)) return start();
  const once = { once: true };
  let started = false;
  const go = () => {
    if (!started) start();
    started = true;
  };
  win.document.addEventListener('DOMContentLoaded', go, once);
  win.addEventListener('load', go, once);
}
