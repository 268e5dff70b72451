import type { AccountSnapshot } from '../../shared/account-snapshot';
import type { PanelPlaces } from './panel';
import { readAccount, showsNoAccount, type AccountPage } from './read';

/**
 * Reads the positions list and the account panel (where a walk of the page found it: panel.ts) on a timer of their own, apart from the order form:
 * at most once per `everyMs` (1 s), never in a hidden tab, and reports only a read that differs from
 * the last one (marks tick, so a read whose rows moved is a change); a page that shows no account at all
 * sends nothing. The trader's keystrokes never
 * wait for it; the form is read on its own schedule (observe.ts).
 */

export interface AccountWatch {
  /** The latest read, or null before the first. */
  latest(): AccountSnapshot | null;
  /** Forget the last read, so the next one is reported even if unchanged (after a worker restart, a navigation). */
  reset(): void;
}

const key = (a: AccountSnapshot) => JSON.stringify({ ...a, readAt: 0 });

export function watchAccount(win: Window, page: AccountPage, signal: AbortSignal, onChange: (account: AccountSnapshot) => void, everyMs = 1000): AccountWatch {
  let last = '';
  let latest: AccountSnapshot | null = null;
  // The panel is read where it was found; the page is walked for it again every 10 s, every 3 s while none was found.
  const places: PanelPlaces = { labels: null };
  let ticks = 0;
  const tick = () => {
    if (signal.aborted || win.document.visibilityState === 'hidden') return;
    if (ticks++ % (places.labels?.length ? 10 : 3) === 0) places.labels = null;
    let read: AccountSnapshot;
    try {
      read = readAccount(win.document, new URL(win.location.href), page, Date.now(), places);
    } catch {
      // A page mid-render that trips the reader: the next tick reads it again.
      return;
    }
    latest = read;
    // A page with no account on it (not signed in, not a trading page) sends nothing, unless it showed one before.
    const k = showsNoAccount(read) ? (last ? 'none' : '') : key(read);
    if (k === last) return;
    last = k;
    onChange(read);
  };
  const timer = win.setInterval(tick, everyMs);
  signal.addEventListener('abort', () => win.clearInterval(timer), { once: true });
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
