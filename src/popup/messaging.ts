import browser from 'webextension-polyfill';
import type { AnyRequest, ErrorReply } from '../shared/messages';

/**
 * Asking the background. "No answer" is a normal state, not an exception: until the router routes a
 * message (or while the worker is starting), the popup shows that the feature is not available and why.
 */

export type Answer<T> = { kind: 'reply'; reply: T } | { kind: 'error'; error: ErrorReply['error'] } | { kind: 'unavailable'; detail: string };

export async function ask<T extends { ok: true }>(message: AnyRequest, timeoutMs: number): Promise<Answer<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const reply = await Promise.race([
      browser.runtime.sendMessage(message) as Promise<unknown>,
      new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      }),
    ]);
    if (reply === 'timeout') return { kind: 'unavailable', detail: `no reply within ${Math.round(timeoutMs / 1000)} s` };
    if (typeof reply !== 'object' || reply === null || !('ok' in reply)) return { kind: 'unavailable', detail: 'the background does not handle this message yet' };
    const r = reply as T | ErrorReply;
    if (r.ok) return { kind: 'reply', reply: r };
    return { kind: 'error', error: r.error };
  } catch (e) {
    return { kind: 'unavailable', detail: e instanceof Error ? e.message : 'messaging failed' };
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

/** The active tab's id (no `tabs` permission needed for the id), or null. */
export async function activeTabId(): Promise<number | null> {
  try {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return typeof tab?.id === 'number' ? tab.id : null;
  } catch {
    return null;
  }
}

/**
 * Asks the content script in a tab (the page report). It answers only this extension's pages; a tab
 * where it does not run (not a venue page, or opened before LiqGuard was installed) has no receiver.
 */
export async function askTab<T>(tabId: number, message: { type: string }, timeoutMs: number): Promise<{ kind: 'reply'; reply: T } | { kind: 'unavailable'; detail: string }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const reply = await Promise.race([
      browser.tabs.sendMessage(tabId, message) as Promise<unknown>,
      new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      }),
    ]);
    if (reply === 'timeout') return { kind: 'unavailable', detail: `the page did not answer within ${Math.round(timeoutMs / 1000)} s` };
    if (typeof reply !== 'object' || reply === null) return { kind: 'unavailable', detail: 'LiqGuard does not run on this page' };
    return { kind: 'reply', reply: reply as T };
  } catch (e) {
    const text = e instanceof Error ? e.message : '';
    return { kind: 'unavailable', detail: /receiving end|could not establish/i.test(text) ? 'LiqGuard does not run on this page (a supported venue page opened before LiqGuard was installed needs a reload)' : text || 'messaging failed' };
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}
