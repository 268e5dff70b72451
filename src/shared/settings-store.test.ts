import { afterEach, describe, expect, it, vi } from 'vitest';

const { listeners } = vi.hoisted(() => ({ listeners: [] as ((c: Record<string, { newValue?: unknown }>, area: string) => void)[] }));
vi.mock('webextension-polyfill', () => ({
  default: { storage: { sync: { get: vi.fn(), set: vi.fn() }, onChanged: { addListener: (l: never) => listeners.push(l), removeListener: vi.fn() } } },
}));

import { defaultSettings, SETTINGS_STORAGE_KEY } from './settings';
import { loadSettings, saveSettings, watchSettings, type SyncArea } from './settings-store';

function memoryArea(initial: Record<string, unknown> = {}): SyncArea & { data: Record<string, unknown> } {
  const data = { ...initial };
  return { data, get: async (k) => (k in data ? { [k]: data[k] } : {}), set: async (items) => void Object.assign(data, items) };
}

afterEach(() => {
  listeners.length = 0;
});

describe('settings store', () => {
  it('round-trips through storage.sync under the shared key', async () => {
    const area = memoryArea();
    const s = defaultSettings();
    s.theme = 'dark';
    await saveSettings(s, area);
    expect(area.data[SETTINGS_STORAGE_KEY]).toEqual(s);
    expect(await loadSettings(area)).toEqual({ settings: s, notices: [] });
  });

  it('does not write a migrated copy back on read', async () => {
    const area = memoryArea({ [SETTINGS_STORAGE_KEY]: { version: 1, thresholds: { cautionPercent: '20' } } });
    const loaded = await loadSettings(area);
    expect(loaded.settings.thresholds.distancePercent.caution).toBe('20');
    expect((area.data[SETTINGS_STORAGE_KEY] as { version: number }).version).toBe(1);
  });

  it('falls back to the defaults with a notice when storage fails', async () => {
    const loaded = await loadSettings({ get: () => Promise.reject(new Error('quota')), set: async () => undefined });
    expect(loaded.settings).toEqual(defaultSettings());
    expect(loaded.notices).toHaveLength(1);
  });

  it('reports changes made by another page, parsed', () => {
    const seen: string[] = [];
    watchSettings((l) => seen.push(l.settings.theme));
    listeners[0]?.({ [SETTINGS_STORAGE_KEY]: { newValue: { version: 2, theme: 'light' } } }, 'sync');
    listeners[0]?.({ other: { newValue: 1 } }, 'sync');
    listeners[0]?.({ [SETTINGS_STORAGE_KEY]: { newValue: { version: 2, theme: 'dark' } } }, 'local');
    expect(seen).toEqual(['light']);
  });
});
