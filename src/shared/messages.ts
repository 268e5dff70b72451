import type { DiagnosticsResponse, PasteTableResponse, PastedTablesResponse, RefreshResponse } from '../background/market/messages';
import type { VenueId } from '../core/engine/types';
import type { CalcAssessRequest, CalcAssessResponse, CalcDefaultsRequest, CalcDefaultsResponse } from '../core/calculator/types';
import type { AccountSnapshot, AccountView } from './account-snapshot';
import type { FormSnapshot } from './form-snapshot';
import type { OverlayState, TabState, UnreadTab } from './overlay-state';

/**
 * The one message map every extension context shares. Each request names its `type`;
 * the background validates every incoming message against its runtime schema
 * (src/shared/message-schemas.ts) before a handler sees it, and answers with the
 * matching response or an `ErrorReply`. Types plus one small table, so any context may import it.
 *
 * Who may send what is part of the contract (`sender`):
 *   content    this extension's own content script, top frame of a supported venue page
 *              (src/background/sender.ts checks the sender id, frame and URL);
 *   extension  this extension's own pages (popup, options, diagnostics).
 * Nothing else reaches a handler: there is no `externally_connectable` and no
 * onMessageExternal listener.
 */

export type ErrorCode =
  /** The message failed its schema (wrong type, missing field, oversize, forbidden key). */
  | 'invalid-message'
  /** A valid message from a context that may not send it (web page, other extension, wrong frame/page). */
  | 'forbidden-sender'
  /** No such message type. */
  | 'unknown-type'
  /** A defect in the background; nothing is shown rather than a wrong figure. */
  | 'internal'
  /** A newer message from the same tab superseded this one before it was computed. */
  | 'stale'
  /** The tab asked to open extension pages more often than a trader clicks (a page driving the overlay). */
  | 'rate-limited';

export interface ErrorReply {
  ok: false;
  error: { code: ErrorCode; message: string };
  /** Echoed for sequenced requests (form/snapshot, form/cleared), so the sender can match it. */
  seq?: number;
}

/** Why a content script says its form no longer describes a position. */
export type ClearReason = 'empty' | 'unreadable' | 'no-form' | 'navigated' | 'stopped';

export type { CalculatorExtras } from '../core/calculator/types';

export interface RequestMap {
  // ── from content scripts ────────────────────────────────────────────────
  /** A complete form snapshot. `seq` rises per content-script instance; the reply echoes it. */
  'form/snapshot': {
    sender: 'content';
    request: { type: 'form/snapshot'; seq: number; snapshot: FormSnapshot };
    response: { ok: true; seq: number; state: OverlayState };
  };
  /**
   * The form was emptied, became unreadable or the page changed: forget this tab's figures. With
   * `state`, the overlay shows no figure for a form it could not read (and `snapshot`, what it did
   * read): the background keeps that for the popup and the badge.
   */
  'form/cleared': {
    sender: 'content';
    request: { type: 'form/cleared'; seq: number; reason: ClearReason; state?: UnreadTab['state']; snapshot?: FormSnapshot };
    response: { ok: true; seq: number };
  };
  /** "Venue details in LiqGuard": opens the popup page on that venue in a new tab. */
  'ui/open-venue': {
    sender: 'content';
    request: { type: 'ui/open-venue'; venueId: string };
    response: { ok: true };
  };
  /**
   * What the page's positions list and account panel show, sent when it changes (at most once a second).
   * The background keeps it per tab (memory and storage.session) for the tab's assessments and answers
   * with the account as LiqGuard sees it: each position's self-check against the venue's liquidation price.
   */
  'account/snapshot': {
    sender: 'content';
    request: { type: 'account/snapshot'; seq: number; account: AccountSnapshot };
    response: { ok: true; seq: number; view: AccountView };
  };
  /** "Open in the calculator": opens the popup's calculator in a new tab, prefilled from the sending tab's latest form. */
  'ui/open-calculator': {
    sender: 'content';
    request: { type: 'ui/open-calculator' };
    response: { ok: true };
  };
  // ── from extension pages ────────────────────────────────────────────────
  /** The latest assessment the background keeps for a tab (popup's "This tab"). */
  'tab/state': {
    sender: 'extension';
    request: { type: 'tab/state'; tabId: number };
    /** `unread`: no assessment, but the overlay shows no figure for a form it could not read (why, what it read). */
    response: { ok: true; tab: TabState | null; unread?: UnreadTab | null };
  };
  /** Calculator (popup engineer's handler, src/background/handlers/calc.ts). */
  'calc/assess': {
    sender: 'extension';
    request: CalcAssessRequest;
    response: CalcAssessResponse;
  };
  'calc/defaults': {
    sender: 'extension';
    request: CalcDefaultsRequest;
    response: CalcDefaultsResponse;
  };
  /** Market-data diagnostics page (src/background/market). */
  'market/diagnostics': {
    sender: 'extension';
    request: { type: 'market/diagnostics' };
    response: DiagnosticsResponse;
  };
  'market/refresh': {
    sender: 'extension';
    request: { type: 'market/refresh'; venue?: VenueId };
    response: RefreshResponse;
  };
  /** A tier table the trader pasted from Binance's "Leverage & Margin" page (diagnostics page). */
  'market/paste-table': {
    sender: 'extension';
    request: { type: 'market/paste-table'; venue: 'binance-usdm' | 'binance-coinm'; symbol: string; text: string };
    response: PasteTableResponse;
  };
  'market/forget-table': {
    sender: 'extension';
    request: { type: 'market/forget-table'; venue: 'binance-usdm' | 'binance-coinm'; symbol: string };
    response: PastedTablesResponse;
  };
  'market/pasted-tables': {
    sender: 'extension';
    request: { type: 'market/pasted-tables' };
    response: PastedTablesResponse;
  };
  /** Self-check counts per venue since the browser started (storage.session; diagnostics page). */
  'account/checks': {
    sender: 'extension';
    request: { type: 'account/checks' };
    response: { ok: true; counts: SelfCheckCounts };
  };
}

/** Matches and mismatches of the live self-check, per engine venue id. Local only: never sent anywhere. */
export type SelfCheckCounts = Partial<Record<VenueId, { match: number; mismatch: number }>>;

export type MessageType = keyof RequestMap;
export type SenderKind = RequestMap[MessageType]['sender'];
export type RequestOf<T extends MessageType> = RequestMap[T]['request'];
export type ResponseOf<T extends MessageType> = RequestMap[T]['response'] | ErrorReply;
export type AnyRequest = { [T in MessageType]: RequestOf<T> }[MessageType];
export type AnyResponse = { [T in MessageType]: RequestMap[T]['response'] }[MessageType] | ErrorReply;

/** Who may send each message type: the router's first check after the schema. */
export const MESSAGE_SENDERS: { readonly [T in MessageType]: RequestMap[T]['sender'] } = {
  'form/snapshot': 'content',
  'form/cleared': 'content',
  'ui/open-venue': 'content',
  'ui/open-calculator': 'content',
  'tab/state': 'extension',
  'calc/assess': 'extension',
  'calc/defaults': 'extension',
  'market/diagnostics': 'extension',
  'market/refresh': 'extension',
  'market/paste-table': 'extension',
  'market/forget-table': 'extension',
  'market/pasted-tables': 'extension',
  'account/snapshot': 'content',
  'account/checks': 'extension',
};

export const MESSAGE_TYPES = Object.keys(MESSAGE_SENDERS) as MessageType[];
