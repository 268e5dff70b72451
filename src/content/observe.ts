/**
 * Tells the controller when the order form may have changed, at most once per animation
 * frame (and, after the trader's own edit, once in that edit's task): delegated input/change
 * listeners, one batched MutationObserver,
 * SPA navigation (Navigation API where the browser has it, popstate otherwise, and a URL
 * check on every batch of mutations), and the pointer/focus moving onto another control
 * (for the active side). Everything is bound to the AbortSignal. rAF does not run in hidden
 * tabs, so a background tab costs nothing; the first frame after it is shown catches up.
 *
 * What the observer covers is what a busy page pays for: the browser builds a record for
 * every mutation under an observed subtree, inside the page's own script, before we can
 * ignore it. So `focus(near)` narrows it, while the read depends only on the form's
 * surroundings, to that subtree (everything), each of its ancestors (children and watched
 * attributes, no subtree: the form removed, replaced or hidden, the theme on <html> and
 * <body>) and, in a browser without the Navigation API, <head> (its records count only when
 * the URL moved: SPAs retitle the page on a symbol switch). A ticking order book (or title)
 * elsewhere then produces no records at all.
 * The trader's own edit (input, change) does not wait for the next frame: it is read in the
 * event's own task, in a microtask queued once the event has bubbled up to the window, that is
 * after the page's own handlers on the way (a framework re-renders there or in microtasks queued
 * before ours, so the read sees the page as the edit left it). That saves up to a frame of latency
 * per keystroke; a task of its own (a timer) saved less, because after input the browser runs the
 * frame before other tasks. The frame stays requested by the capturing listener, for a page that
 * stops the event on its way up and for what the page changes later; the microtask and the frame
 * share one "dirty" flag, so an edit is read once, not twice. Only a trader typing arms the
 * microtask: a hidden tab still costs nothing.
 * `focus(null)` watches the whole document again, where every record counts (no form yet,
 * market price, unsure read). A frame already due needs no check, and the first record that
 * counts ends the check.
 */

export interface Pointer {
  hovered: Element | null;
  focused: Element | null;
}

// data-theme and data-mode: the page's theme switch (overlay/theme.ts).
const WATCHED = { childList: true, attributes: true, attributeFilter: ['aria-selected', 'aria-checked', 'aria-pressed', 'aria-expanded', 'class', 'hidden', 'style', 'value', 'data-state', 'disabled', 'checked', 'data-theme', 'data-mode'] };
const EVERYTHING = { ...WATCHED, subtree: true, characterData: true };
const CONTROL = 'button, [role="button"], [role="tab"], [role="radio"], input, select, textarea, a';

export interface Watcher {
  /** Runs `onFrame` on the next animation frame (once, however often it is asked). */
  schedule(): void;
  /** Observes only around `near` (the form's surroundings), or the whole document when null, detached or in a shadow tree. */
  focus(near: Element | null): void;
}

export function watchPage(doc: Document, signal: AbortSignal, isOwn: (node: Node) => boolean, onFrame: (pointer: Pointer) => void): Watcher {
  const win = doc.defaultView;
  const nav = (win as (Window & { navigation?: EventTarget }) | null)?.navigation;
  const pointer: Pointer = { hovered: null, focused: null };
  // Something changed since the last read; a frame (and, after an edit, a task) is due to read it.
  let scheduled = false;
  let frameDue = false;
  let head: HTMLHeadElement | null = null;
  // The URL the last read saw: a pushState the Navigation API did not report shows up here.
  let href = '';
  const read = () => {
    if (!scheduled || signal.aborted || !win) return;
    scheduled = false;
    href = win.location.href;
    onFrame(pointer);
  };
  const schedule = () => {
    if (signal.aborted || !win) return;
    scheduled = true;
    if (frameDue) return;
    frameDue = true;
    win.requestAnimationFrame(() => {
      frameDue = false;
      read();
    });
  };

  // Records that change nothing by themselves: our own overlay's and, while focused, <head>'s (a ticking title).
  const idle = (r: MutationRecord) => head?.contains(r.target) || isOwn(r.target);
  const observer = new MutationObserver((records) => {
    if (!scheduled && !(records.every(idle) && win?.location.href === href)) schedule();
  });
  const focus = (el: Element | null) => {
    observer.disconnect();
    const near = el && doc.contains(el) ? el : null;
    // Without the Navigation API, a pushState shows only as mutations: SPAs retitle the page.
    head = near && !nav ? doc.head : null;
    if (signal.aborted) return;
    if (!near) return observer.observe(doc.documentElement, EVERYTHING);
    observer.observe(near, EVERYTHING);
    for (let up = near.parentNode; up; up = up.parentNode) observer.observe(up, WATCHED);
    if (head) observer.observe(head, { childList: true, subtree: true, characterData: true });
  };
  focus(null);
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });

  const opts = { capture: true, passive: true, signal };
  const onEdit = (e: Event) => {
    if (e.target instanceof Node && isOwn(e.target)) return;
    schedule();
  };
  for (const type of ['input', 'change']) {
    doc.addEventListener(type, onEdit, opts);
    // Bubbling, after the page's handlers: a second edit in the same task finds nothing left to read.
    win?.addEventListener(type, () => queueMicrotask(read), { passive: true, signal });
  }

  // Only a move onto a different control matters (the hovered Buy or Sell button goes first).
  const controlOf = (t: EventTarget | null) => (t instanceof Element && !isOwn(t) ? t.closest(CONTROL) : null);
  const point = (key: keyof Pointer, control: Element | null) => {
    if (control === pointer[key]) return;
    pointer[key] = control;
    schedule();
  };
  doc.addEventListener('pointerover', (e) => point('hovered', controlOf(e.target)), opts);
  doc.addEventListener('focusin', (e) => point('focused', controlOf(e.target)), opts);
  doc.addEventListener('focusout', () => point('focused', null), opts);

  // Capturing and passive suit all of these: they fire at the window or document itself, or (scroll) on any scroller.
  nav?.addEventListener('navigatesuccess', schedule, opts);
  for (const type of ['popstate', 'resize', 'scroll']) win?.addEventListener(type, schedule, opts);
  doc.addEventListener('visibilitychange', schedule, opts);
  schedule();
  return { schedule, focus };
}
