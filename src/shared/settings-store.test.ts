import { afterEach, describe, expect, it, vi } from 'vitest';

const { listeners } = vi.hoisted(() => ({ listeners: [] as ((c: Record<string, { newValue?: unknown }>, area: string) => void)[] }));
vi.mock('webextension-polyfill', () => ({
  default: { storage: { sync: { get: vi.fn(), set: vi.fn() }, onChanged: { addListener: (l: never) => listeners.push(l), removeListener: vi.fn() } } },
}));

import { defaultSettings, SETTINGS_STORAGE_KEY } from './settings';
import { forgetUnkept, loadSettings, readUnkept, saveSettings, UNKEPT_LIMIT, UNKEPT_STORAGE_KEY, watchSettings, type LocalArea, type SyncArea } from './settings-store';

function memoryArea(initial: Record<string, unknown> = {}): SyncArea & { data: Record<string, unknown> } {
  const data = { ...initial };
  return { data, get: async (k) => (k in data ? { [k]: data[k] } : {}), set: async (items) => void Object.assign(data, items) };
}

function localArea(initial: Record<string, unknown> = {}): LocalArea & { data: Record<string, unknown> } {
  const area = memoryArea(initial);
  return { ...area, remove: async (k) => void delete area.data[k] };
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

describe('a save over settings that could not be read in full', () => {
  const lossy = { version: '2', thresholds: { distancePercent: { caution: '30', danger: 'lots', critical: '3' } }, region: 'Atlantis', theme: 'dark' };

  it('sets the stored record aside first, with what could not be kept, so the loss is never permanent', async () => {
    const sync = memoryArea({ [SETTINGS_STORAGE_KEY]: structuredClone(lossy) });
    const local = localArea();
    const loaded = await loadSettings(sync);
    expect(loaded.notices.map((n) => n.field)).toEqual(['thresholds.distancePercent.danger', 'region']);
    // The next save, of something unrelated.
    const next = structuredClone(loaded.settings);
    next.numberFormat = 'de-DE';
    await saveSettings(next, sync, local, () => 1_700_000_000_000);
    expect(sync.data[SETTINGS_STORAGE_KEY]).toEqual(next);
    const unkept = await readUnkept(local);
    expect(unkept).toHaveLength(1);
    expect(unkept[0]?.at).toBe(1_700_000_000_000);
    expect(unkept[0]?.notices).toEqual(loaded.notices);
    expect(JSON.parse(unkept[0]?.stored ?? 'null')).toEqual(lossy);
    // Later saves have nothing more to set aside.
    await saveSettings(next, sync, local);
    expect(await readUnkept(local)).toHaveLength(1);
    await forgetUnkept(local);
    expect(await readUnkept(local)).toEqual([]);
  });

  it('writes nothing when the record cannot be set aside', async () => {
    const sync = memoryArea({ [SETTINGS_STORAGE_KEY]: structuredClone(lossy) });
    const broken: LocalArea = { get: async () => ({}), set: () => Promise.reject(new Error('QUOTA_BYTES quota exceeded')), remove: async () => undefined };
    await expect(saveSettings(defaultSettings(), sync, broken)).rejects.toThrow(/could not be set aside/);
    expect(sync.data[SETTINGS_STORAGE_KEY]).toEqual(lossy);
  });

  it('sets nothing aside for a record read in full, whatever its version field says', async () => {
    const s = defaultSettings();
    s.theme = 'light';
    for (const version of [2, '2', 1.5, undefined]) {
      const sync = memoryArea({ [SETTINGS_STORAGE_KEY]: { ...structuredClone(s), version } });
      const local = localArea();
      await saveSettings(defaultSettings(), sync, local);
      expect(local.data[UNKEPT_STORAGE_KEY]).toBeUndefined();
    }
  });

  it('keeps a newer version’s record aside before this version writes its own shape over it', async () => {
    const sync = memoryArea({ [SETTINGS_STORAGE_KEY]: { version: 3, theme: 'dark', alerts: { sound: true } } });
    const local = localArea();
    await saveSettings(defaultSettings(), sync, local);
    expect(JSON.parse((await readUnkept(local))[0]?.stored ?? 'null')).toMatchObject({ version: 3, alerts: { sound: true } });
  });

  it('keeps the newest few, once each, and reads a corrupt list back as what it can show', async () => {
    const local = localArea();
    for (let i = 0; i < UNKEPT_LIMIT + 3; i++) {
      const sync = memoryArea({ [SETTINGS_STORAGE_KEY]: { version: 2, region: `bad-${i}` } });
      await saveSettings(defaultSettings(), sync, local, () => i);
      await saveSettings(defaultSettings(), memoryArea({ [SETTINGS_STORAGE_KEY]: { version: 2, region: `bad-${i}` } }), local, () => i);
    }
    const kept = await readUnkept(local);
    expect(kept.map((e) => e.at)).toEqual([7, 6, 5, 4, 3]);
    local.data[UNKEPT_STORAGE_KEY] = [null, { at: 'x' }, { at: 5, notices: [{ field: 1 }, { field: 'f', message: 'm' }], stored: 42 }, 'junk'];
    expect(await readUnkept(local)).toEqual([{ at: 5, notices: [{ field: 'f', message: 'm' }], stored: null }]);
    local.data[UNKEPT_STORAGE_KEY] = { not: 'a list' };
    expect(await readUnkept(local)).toEqual([]);
  });
});
