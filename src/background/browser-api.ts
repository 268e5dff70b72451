/**
 * The few browser APIs the background uses, behind one small interface so the router, the tab
 * store and the handlers run in unit tests against in-memory fakes. `browserApi()` binds them to
 * webextension-polyfill; nothing else in src/background (except index.ts and market/browser.ts)
 * touches the browser.
 */
import browser from 'webextension-polyfill';
import type { Badge } from '../core/assessment/badge';

export interface SessionArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export interface BackgroundApi {
  /** This extension's id and origin (for sender checks). */
  self: { id: string; origin: string };
  /** storage.session: survives a worker restart, cleared when the browser closes; not readable by content scripts. */
  session: SessionArea;
  /** Reads one key of storage.sync (the trader's settings). */
  syncGet(key: string): Promise<unknown>;
  /** Reads one key of storage.local (what the trader typed in the popup for a symbol). */
  localGet?(key: string): Promise<unknown>;
  /** Sets the parts of a tab's badge given (text, colour, title); a gone tab is not an error. */
  setBadge(tabId: number, badge: Partial<Badge>): Promise<void>;
  /** Opens an extension page in a new tab. */
  openExtensionPage(path: string): Promise<void>;
}

/** The real thing. Called once at the worker's top level. */
export function browserApi(): BackgroundApi {
  // runtime.getURL('') is "<scheme>://<id or uuid>/"; the origin is that without the slash.
  const origin = browser.runtime.getURL('').replace(/\/+$/, '');
  const session = browser.storage.session;
  return {
    self: { id: browser.runtime.id, origin },
    session: {
      get: (keys) => session.get(keys) as Promise<Record<string, unknown>>,
      set: (items) => session.set(items),
      remove: (keys) => session.remove(keys),
    },
    syncGet: async (key) => (await browser.storage.sync.get(key))[key],
    localGet: async (key) => (await browser.storage.local.get(key))[key],
    async setBadge(tabId, badge) {
      // After the task that decided it: each call is a message through the browser's main thread, which
      // also carries the keystroke's answer to the page; the answer, posted in this task, goes first.
      await new Promise((resolve) => setTimeout(resolve, 0));
      // Each call fails on its own when the tab has gone (closed, or navigated away and
      // discarded): the badge went with it, so every failure is swallowed.
      const action = browser.action;
      const quiet = () => undefined;
      const calls: Promise<unknown>[] = [];
      if (badge.text !== undefined) calls.push(action.setBadgeText({ tabId, text: badge.text }).catch(quiet));
      if (badge.title !== undefined) calls.push(action.setTitle({ tabId, title: badge.title }).catch(quiet));
      if (badge.color !== undefined) {
        calls.push(action.setBadgeBackgroundColor({ tabId, color: badge.color }).catch(quiet));
        // White text on every badge colour: set with the colour (which every first badge of a page has).
        if (typeof action.setBadgeTextColor === 'function') calls.push(action.setBadgeTextColor({ tabId, color: '#ffffff' }).catch(quiet));
      }
      await Promise.all(calls);
    },
    async openExtensionPage(path) {
      await browser.tabs.create({ url: browser.runtime.getURL(path) });
    },
  };
}
