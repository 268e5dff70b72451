/**
 * Tells the controller when the order form may have changed, at most once per animation
 * frame and with no timers: delegated input/change listeners, one batched MutationObserver
 * (records are not inspected beyond "is it ours"), SPA navigation (Navigation API where
 * the browser has it, popstate otherwise; the controller also compares location.href on
 * every frame), and the pointer/focus moving onto another control (for the active side).
 * Everything is bound to the AbortSignal. While a limit order is complete, only mutations
 * near the form count, so a ticking order book elsewhere costs one cheap check per batch. rAF does not run in hidden tabs, so a
 * background tab costs nothing; the first frame after it is shown catches up.
 */

export interface Pointer {
  hovered: Element | null;
  focused: Element | null;
}

const WATCHED_ATTRIBUTES = ['aria-selected', 'aria-checked', 'aria-pressed', 'aria-expanded', 'class', 'hidden', 'style', 'value', 'data-state', 'disabled', 'checked'];
const CONTROL = 'button, [role="button"], [role="tab"], [role="radio"], input, select, textarea, a';

export function watchPage(
  doc: Document,
  signal: AbortSignal,
  isOwn: (node: Node) => boolean,
  onFrame: (pointer: Pointer) => void,
  /** Whether these mutations can change the read (e.g. they touch the order form); all count when absent. */
  relevant: (records: MutationRecord[]) => boolean = () => true,
): { schedule(): void } {
  const win = doc.defaultView;
  const pointer: Pointer = { hovered: null, focused: null };
  let scheduled = false;
  const schedule = () => {
    if (scheduled || signal.aborted || !win) return;
    scheduled = true;
    win.requestAnimationFrame(() => {
      scheduled = false;
      if (!signal.aborted) onFrame(pointer);
    });
  };

  const observer = new MutationObserver((records) => {
    if (records.every((r) => isOwn(r.target)) || !relevant(records)) return;
    schedule();
  });
  observer.observe(doc.documentElement, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: WATCHED_ATTRIBUTES });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });

  const opts = { capture: true, passive: true, signal };
  const onEdit = (e: Event) => {
    if (e.target instanceof Node && isOwn(e.target)) return;
    schedule();
  };
  doc.addEventListener('input', onEdit, opts);
  doc.addEventListener('change', onEdit, opts);

  // Only a move onto a different control matters (the hovered Buy or Sell button goes first).
  const controlOf = (t: EventTarget | null) => (t instanceof Element && !isOwn(t) ? t.closest(CONTROL) : null);
  doc.addEventListener(
    'pointerover',
    (e) => {
      const c = controlOf(e.target);
      if (c === pointer.hovered) return;
      pointer.hovered = c;
      schedule();
    },
    opts,
  );
  doc.addEventListener(
    'focusin',
    (e) => {
      const c = controlOf(e.target);
      if (c === pointer.focused) return;
      pointer.focused = c;
      schedule();
    },
    opts,
  );
  doc.addEventListener(
    'focusout',
    () => {
      if (pointer.focused === null) return;
      pointer.focused = null;
      schedule();
    },
    opts,
  );

  const nav = (win as (Window & { navigation?: EventTarget }) | null)?.navigation;
  nav?.addEventListener('navigatesuccess', schedule, { signal });
  win?.addEventListener('popstate', schedule, { signal });
  win?.addEventListener('resize', schedule, { signal, passive: true });
  win?.addEventListener('scroll', schedule, { signal, passive: true, capture: true });
  doc.addEventListener('visibilitychange', schedule, { signal });
  schedule();
  return { schedule };
}
