/**
 * Content-script handlers: form/snapshot, form/cleared, ui/open-venue and ui/open-calculator. The router has already
 * checked that the sender is this extension's content script on a supported venue page; here the
 * snapshot must also describe that page (same origin, same venue), so a content script on one
 * venue can never file figures under another.
 */
import { policyVenueIdFor } from '../../core/policy';
import type { OverlayState } from '../../shared/overlay-state';
import type { Assessor } from '../assessor';
import type { OpenLimit } from '../open-limit';
import { errorReply, type Handler } from '../router';

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

/**
 * The answer as the page gets it: each side's unrounded figures (`raw`, for the popup's detail view and the
 * tests, which read the tab's stored answer) left out, and only the tick the overlay rounds to kept (`tick`).
 * The stored answer stays whole. A new object per answer, never changed after (the port diffs the next one
 * against it).
 */
export function forPage(state: OverlayState): OverlayState {
  if (state.kind !== 'assessed') return state;
  return { ...state, sides: state.sides.map(({ raw, ...side }) => ({ ...side, tick: raw?.tick ?? null })) };
}

export function formSnapshotHandler(assessor: Assessor): Handler<'form/snapshot'> {
  return async (request, { sender }) => {
    const { seq, snapshot } = request;
    if (__LG_MARKS__) performance.mark('lg:sw-in');
    if (!sameOrigin(snapshot.url, sender.url)) {
      return errorReply('forbidden-sender', 'The snapshot describes another page than the one that sent it.', seq);
    }
    if (snapshot.venue !== 'generic' && snapshot.venue !== sender.venueId) {
      return errorReply('forbidden-sender', `The snapshot names ${snapshot.venue}, but it came from a ${sender.venueId} page.`, seq);
    }
    const outcome = await assessor.submit(sender.tabId, seq, snapshot);
    if (__LG_MARKS__) performance.mark('lg:sw-out');
    if (outcome.kind === 'stale') return errorReply('stale', 'A newer snapshot from this tab replaced this one before it was computed.', seq);
    return { ok: true, seq, state: forPage(outcome.state) };
  };
}

export function formClearedHandler(assessor: Assessor, now: () => number): Handler<'form/cleared'> {
  return async (request, { sender }) => {
    const { seq, state, snapshot } = request;
    // What the overlay shows for a form it could not read; its snapshot, like any, must describe the sending page.
    const own = snapshot && sameOrigin(snapshot.url, sender.url) && (snapshot.venue === 'generic' || snapshot.venue === sender.venueId) ? snapshot : undefined;
    const unread = state ? { tabId: sender.tabId, state, url: sender.url, venue: sender.venueId, updatedAt: now(), ...(own ? { snapshot: own } : {}) } : undefined;
    await assessor.clear(sender.tabId, seq, unread);
    return { ok: true, seq };
  };
}

/** The popup page, opened in a tab at the venue's policy view. */
export const VENUE_PAGE = 'src/popup/index.html';

/** The popup page's calculator, prefilled from a tab's latest form (the popup asks the background for it). */
export function openCalculatorHandler(open: (path: string) => Promise<void>, limit: OpenLimit, now: () => number): Handler<'ui/open-calculator'> {
  return async (_request, { sender }) => {
    if (!limit.allow(sender.tabId, now())) return errorReply('rate-limited', 'This tab opened LiqGuard pages too often; wait a moment.');
    await open(`${VENUE_PAGE}#calculator=tab-${sender.tabId}`);
    return { ok: true };
  };
}

export function openVenueHandler(open: (path: string) => Promise<void>, limit: OpenLimit, now: () => number): Handler<'ui/open-venue'> {
  return async (request, { sender }) => {
    const venueId = policyVenueIdFor(request.venueId);
    if (venueId === null) return errorReply('invalid-message', 'LiqGuard has no venue page for that id.');
    if (!limit.allow(sender.tabId, now())) return errorReply('rate-limited', 'This tab opened LiqGuard pages too often; wait a moment.');
    await open(`${VENUE_PAGE}#venue=${encodeURIComponent(venueId)}`);
    return { ok: true };
  };
}
