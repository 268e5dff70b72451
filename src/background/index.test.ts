import { describe, expect, it, vi } from 'vitest';

// The worker's entry, loaded against a stand-in `browser`: every listener must exist as soon as
// the module has evaluated (an event that wakes the worker reaches only listeners registered on
// its first turn), and nothing may listen to other extensions or pages.
const { api, listeners } = vi.hoisted(() => {
  const listeners: Record<string, ((...args: unknown[]) => unknown)[]> = {};
  const event = (name: string) => ({ addListener: vi.fn((f: (...args: unknown[]) => unknown) => void (listeners[name] ??= []).push(f)) });
  const area = () => {
    const data = new Map<string, unknown>();
    return {
      get: vi.fn(async (k: string | string[] | null) => Object.fromEntries([...data].filter(([key]) => k === null || key === k || (Array.isArray(k) && k.includes(key))))),
      set: vi.fn(async (items: Record<string, unknown>) => void Object.entries(items).forEach(([key, v]) => data.set(key, structuredClone(v)))),
      remove: vi.fn(async () => undefined),
    };
  };
  const api = {
    runtime: { id: 'abcdefghijklmnopabcdefghijklmnop', getManifest: () => ({ version: '0.2.0' }), getURL: (p: string) => `chrome-extension://abcdefghijklmnopabcdefghijklmnop/${p}`, onMessage: event('onMessage'), onConnect: event('onConnect'), onMessageExternal: event('onMessageExternal'), onConnectExternal: event('onConnectExternal') },
    storage: { session: area(), local: area(), sync: { ...area(), onChanged: event('storage.sync.onChanged') }, onChanged: event('storage.onChanged') },
    tabs: { onRemoved: event('tabs.onRemoved'), onUpdated: event('tabs.onUpdated'), create: vi.fn(async () => ({})) },
    action: { setBadgeText: vi.fn(async () => undefined), setBadgeBackgroundColor: vi.fn(async () => undefined), setTitle: vi.fn(async () => undefined) },
  };
  return { api, listeners };
});
vi.mock('webextension-polyfill', () => ({ default: api }));

describe('service worker entry', () => {
  it('registers its listeners on the first turn, and none for other extensions or pages', async () => {
    await import('./index');
    expect(listeners.onMessage).toHaveLength(1);
    // The content scripts' ports (snapshots and answers).
    expect(listeners.onConnect).toHaveLength(1);
    expect(listeners['tabs.onRemoved']).toHaveLength(1);
    expect(listeners['tabs.onUpdated']).toHaveLength(1);
    // Settings are kept in memory between assessments only because this listener drops them on a
    // change; the all-areas event would bring every storage.session write to the worker too.
    expect(listeners['storage.sync.onChanged']).toHaveLength(1);
    expect(listeners['storage.onChanged']).toBeUndefined();
    expect(listeners.onMessageExternal).toBeUndefined();
    expect(listeners.onConnectExternal).toBeUndefined();
  });

  it('answers every message, refusing a web page’s with a typed error', async () => {
    await import('./index');
    const onMessage = listeners.onMessage?.[0];
    const reply = await onMessage?.({ type: 'tab/state', tabId: 1 }, { url: 'https://evil.example/', tab: { id: 1 }, frameId: 0 });
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    const own = await onMessage?.({ type: 'tab/state', tabId: 1 }, { id: api.runtime.id, url: api.runtime.getURL('src/popup/index.html') });
    expect(own).toEqual({ ok: true, tab: null });
  });

  it('checks the sender of every post on a port as it does a message’s', async () => {
    await import('./index');
    const onConnect = listeners.onConnect?.[0];
    const posted: unknown[] = [];
    let deliver: (m: unknown) => void = () => undefined;
    const port = { name: 'liqguard', sender: { url: 'https://evil.example/', tab: { id: 1 }, frameId: 0 }, postMessage: (m: unknown) => void posted.push(m), disconnect: vi.fn(), onMessage: { addListener: (l: (m: unknown) => void) => void (deliver = l) }, onDisconnect: { addListener: vi.fn() } };
    onConnect?.(port);
    deliver({ id: 1, message: { type: 'tab/state', tabId: 1 } });
    await vi.waitFor(() => expect(posted).toEqual([{ id: 1, reply: expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'forbidden-sender' }) }) }]));
  });

  it('falls back to storage.onChanged for the settings where storage.sync has no event of its own', async () => {
    vi.resetModules();
    for (const k of Object.keys(listeners)) delete listeners[k];
    const sync = api.storage.sync as Partial<typeof api.storage.sync>;
    const own = sync.onChanged;
    delete sync.onChanged;
    try {
      await import('./index');
      expect(listeners['storage.onChanged']).toHaveLength(1);
      expect(listeners['storage.sync.onChanged']).toBeUndefined();
    } finally {
      sync.onChanged = own;
    }
  });

  it('records its start in storage.session', async () => {
    await import('./index');
    await vi.waitFor(() => expect(api.storage.session.set).toHaveBeenCalledWith(expect.objectContaining({ 'bg/worker': expect.objectContaining({ starts: 1 }) })));
  });

  it('sets a badge’s parts after the task that decided them, so the answer posted in that task goes to the browser first; only the parts given', async () => {
    const { browserApi } = await import('./browser-api');
    const calls: string[] = [];
    api.action.setBadgeText.mockImplementation(async () => void calls.push('text'));
    api.action.setTitle.mockImplementation(async () => void calls.push('title'));
    api.action.setBadgeBackgroundColor.mockImplementation(async () => void calls.push('color'));
    const set = browserApi().setBadge(3, { text: '4.2%', title: 'LiqGuard: liquidation 4.2 % away (danger)' });
    calls.push('answer posted');
    await set;
    expect(calls).toEqual(['answer posted', 'text', 'title']);
    calls.length = 0;
    await browserApi().setBadge(3, { color: '#d93025' });
    expect(calls).toEqual(['color']);
  });
});
