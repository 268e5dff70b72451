/**
 * Who sent a message. Decided from the browser's MessageSender (which a page cannot forge), never
 * from anything inside the message, and checked again for every message (a worker restart keeps
 * no trust). Pure apart from the extension id and origin it is given.
 *
 *   content    sender.id is this extension; sender.tab.id is set; frameId 0 (our content script
 *              runs in top frames only); sender.url is https and matches a supported venue's
 *              trading-page patterns (venueForUrl, the same data the manifest's matches come
 *              from); sender.origin, where the browser gives it, is that URL's origin.
 *   extension  sender.id is this extension and sender.url (and origin) is on this extension's
 *              own origin: the popup, options or diagnostics page.
 * Anything else (another extension, a web page, a user script, a child frame) is rejected.
 */
import { ADAPTER_VENUE_IDS, venueForUrl } from '../core/policy';

/** The MessageSender fields the checks read (Chrome adds `origin`; Firefox does not). */
export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
  frameId?: number;
  documentId?: string;
  userScriptWorldId?: string;
  tab?: { id?: number; url?: string };
}

export interface Self {
  /** This extension's runtime id. */
  id: string;
  /** This extension's origin without a trailing slash, e.g. chrome-extension://abc… or moz-extension://uuid. */
  origin: string;
}

export type Sender =
  | { kind: 'content'; tabId: number; url: string; venueId: string; documentId: string | null }
  | { kind: 'extension'; url: string; tabId: number | null };

export type SenderCheck = { ok: true; sender: Sender } | { ok: false; reason: string };

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

const ADAPTER_VENUES: readonly string[] = ADAPTER_VENUE_IDS;

/**
 * venueForUrl per sender URL, kept: a tab sends every keystroke from the same URL, and matching it
 * against every venue's patterns is the most expensive part of the check. The answer depends on the
 * URL alone; a handful of pages are open at once, so the list is simply started again when it is full.
 */
const venueOfUrl = new Map<string, ReturnType<typeof venueForUrl>>();
function venueFor(url: string): ReturnType<typeof venueForUrl> {
  if (venueOfUrl.has(url)) return venueOfUrl.get(url) ?? null;
  const venue = venueForUrl(url);
  if (venueOfUrl.size >= 64) venueOfUrl.clear();
  venueOfUrl.set(url, venue);
  return venue;
}

export function classifySender(sender: SenderLike | undefined, self: Self): SenderCheck {
  if (!sender || typeof sender !== 'object') return { ok: false, reason: 'no sender information' };
  if (sender.id !== self.id) return { ok: false, reason: 'sent by another extension or a web page' };
  if (sender.userScriptWorldId !== undefined) return { ok: false, reason: 'sent from a user-script world' };
  const url = typeof sender.url === 'string' ? sender.url : '';

  // Compared as text: extension schemes have no URL origin outside the browser that registers them.
  if (url.startsWith(`${self.origin}/`)) {
    if (typeof sender.origin === 'string' && sender.origin !== self.origin) return { ok: false, reason: 'the sender origin does not match its URL' };
    const tabId = sender.tab && typeof sender.tab.id === 'number' ? sender.tab.id : null;
    return { ok: true, sender: { kind: 'extension', url, tabId } };
  }

  const origin = originOf(url);
  if (origin === null || origin === 'null') return { ok: false, reason: 'the sender has no URL' };
  if (typeof sender.origin === 'string' && sender.origin !== origin) return { ok: false, reason: 'the sender origin does not match its URL' };

  const tabId = sender.tab?.id;
  if (typeof tabId !== 'number' || !Number.isSafeInteger(tabId) || tabId < 0) return { ok: false, reason: 'not sent from a browser tab' };
  if (sender.frameId !== 0) return { ok: false, reason: 'sent from a child frame' };
  if (!url.startsWith('https://')) return { ok: false, reason: 'the page is not https' };
  const venue = venueFor(url);
  if (venue === null || !ADAPTER_VENUES.includes(venue.venueId)) return { ok: false, reason: 'the page is not a supported venue’s trading page' };
  return { ok: true, sender: { kind: 'content', tabId, url, venueId: venue.venueId, documentId: typeof sender.documentId === 'string' ? sender.documentId : null } };
}

/** Short, safe description of a sender for logs (origin only: never a full URL with query). */
export function describeSender(sender: SenderLike | undefined): string {
  if (!sender) return 'unknown sender';
  const origin = typeof sender.url === 'string' ? originOf(sender.url) : null;
  const who = sender.id ? `extension ${String(sender.id).slice(0, 40)}` : 'no extension id';
  return `${origin ?? 'no URL'} (${who}${typeof sender.frameId === 'number' ? `, frame ${sender.frameId}` : ''})`;
}
