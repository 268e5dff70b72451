import { vi } from 'vitest';

/**
 * An in-memory stand-in for webextension-polyfill in component tests:
 *   vi.mock('webextension-polyfill', async () => ({ default: (await import('./fake-browser')).fakeBrowser }));
 * storage areas keep what is set and fire onChanged like the real ones; sendMessage and tabs.query are
 * vi.fn()s each test programs. Test-only: nothing in the extension imports it.
 */
type Listener = (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>, area: string) => void;
const listeners = new Set<Listener>();

function area(name: 'local' | 'sync') {
  const data: Record<string, unknown> = {};
  return {
    data,
    get: vi.fn(async (keys?: string | string[] | null) => {
      if (keys === null || keys === undefined) return structuredClone(data);
      const list = typeof keys === 'string' ? [keys] : keys;
      return Object.fromEntries(list.filter((k) => k in data).map((k) => [k, structuredClone(data[k])]));
    }),
    set: vi.fn(async (items: Record<string, unknown>) => {
      const changes: Record<string, { oldValue?: unknown; newValue?: unknown }> = {};
      for (const [k, v] of Object.entries(items)) {
        changes[k] = { oldValue: data[k], newValue: structuredClone(v) };
        data[k] = structuredClone(v);
      }
      for (const l of listeners) l(changes, name);
    }),
    remove: vi.fn(async (keys: string | string[]) => {
      for (const k of typeof keys === 'string' ? [keys] : keys) delete data[k];
    }),
  };
}

export const fakeBrowser = {
  storage: {
    local: area('local'),
    sync: area('sync'),
    onChanged: { addListener: (l: Listener) => listeners.add(l), removeListener: (l: Listener) => listeners.delete(l) },
  },
  runtime: { sendMessage: vi.fn(), openOptionsPage: vi.fn(async () => undefined) },
  tabs: { query: vi.fn(async () => [{ id: 7 }]), sendMessage: vi.fn() },
};

export function resetFakeBrowser(): void {
  for (const a of [fakeBrowser.storage.local, fakeBrowser.storage.sync]) for (const k of Object.keys(a.data)) delete a.data[k];
  fakeBrowser.runtime.sendMessage.mockReset();
  fakeBrowser.tabs.query.mockReset();
  fakeBrowser.tabs.query.mockResolvedValue([{ id: 7 }]);
  fakeBrowser.tabs.sendMessage.mockReset();
}
