import type { AccountSnapshot } from '../../shared/account-snapshot';
import type { PanelPlaces } from './panel';
import { readAccount, showsNoAccount, type AccountPage } from './read';

/**
 * Reads the positions list and the account panel (where a walk of the page found it: panel.ts) on a timer of their own, apart from the order form:
 * at most once per `everyMs` (1 s), never in a hidden tab, and reports only a read that differs from
 * the last one (marks tick, so a read whose rows moved is a change); a page that shows no account at all
 * sends nothing. The trader's keystrokes never
 * wait for it; the form is read on its own schedule (observe.ts).
 *
 * A page that shows no account (signed out, or a page without a positions list or account panel, like a
 * busy order book beside the form) is read less and less often while it stays so: once a second for the
 * first `EAGER` reads (a venue fills its account section in after the page loads), then every 2, 4, up to
 * `maxMs` (8 s). The trader's own action on the page (a pointer press, a key) or the tab coming back into
 * view brings the next read within `everyMs` and starts the count again: an order placed, a tab opened or a
 * sign-in is seen as before. A page that shows an account is read every `everyMs`. Nothing here observes the
 * page's mutations: on a page whose order book ticks 20 times a second that would cost more than the reads.
 */

export interface AccountWatch {
  /** The latest read, or null before the first. */
  latest(): AccountSnapshot | null;
  /** Forget the last read, so the next one is reported even if unchanged (after a worker restart, a navigation). */
  reset(): void;
}

/** Reads of a page that shows no account made once a second before they space out. */
export const EAGER = 5;

const key = (a: AccountSnapshot) => JSON.stringify({ ...a, readAt: 0 });

export function watchAccount(win: Window, page: AccountPage, signal: AbortSignal, onChange: (account: AccountSnapshot) => void, everyMs = 1000, maxMs = 8 * everyMs): AccountWatch {
  const doc = win.document;
  let last = '';
  let latest: AccountSnapshot | null = null;
  // The panel is read where it was found; the page is walked for it again every 10th read, every 3rd while none was found.
  const places: PanelPlaces = { labels: null };
  let ticks = 0;
  // Reads in a row that found no account since the trader last acted; the next read's delay follows from it.
  let empty = 0;
  let timer: number | undefined;
  let dueAt = 0;
  const arm = (ms: number) => {
    if (signal.aborted) return;
    win.clearTimeout(timer);
    dueAt = Date.now() + ms;
    timer = win.setTimeout(tick, ms);
  };
  const delay = () => (empty <= EAGER ? everyMs : Math.min(maxMs, everyMs * 2 ** (empty - EAGER)));
  const read = () => {
    if (ticks++ % (places.labels?.length ? 10 : 3) === 0) places.labels = null;
    let read: AccountSnapshot;
    try {
      read = readAccount(doc, new URL(win.location.href), page, Date.now(), places);
    } catch {
      // A page mid-render that trips the reader: the next tick reads it again.
      return;
    }
    latest = read;
    const none = showsNoAccount(read);
    empty = none ? empty + 1 : 0;
    // A page with no account on it (not signed in, not a trading page) sends nothing, unless it showed one before.
    const k = none ? (last ? 'none' : '') : key(read);
    if (k === last) return;
    last = k;
    onChange(read);
  };
  function tick() {
    timer = undefined;
    if (signal.aborted) return;
    if (doc.visibilityState !== 'hidden') read();
    arm(delay());
  }
  // The trader acted, or the tab is shown again: the next read comes within `everyMs`, and the spacing starts over.
  const soon = () => {
    if (signal.aborted || doc.visibilityState === 'hidden') return;
    // On a page that showed no account, the next read walks it for the panel again: its labels may have just appeared.
    if (empty > 0) places.labels = null;
    empty = 0;
    if (timer === undefined || dueAt - Date.now() > everyMs) arm(everyMs);
  };
  const opts = { capture: true, passive: true, signal };
  for (const type of ['pointerdown', 'keydown', 'visibilitychange']) doc.addEventListener(type, soon, opts);
  signal.addEventListener('abort', () => win.clearTimeout(timer), { once: true });
  // The first read goes out before the form's first snapshot (read at the next frame), so that snapshot
  // is already assessed with the account.
  tick();
  return {
    latest: () => latest,
    reset: () => {
      last = '';
    },
  };
}
