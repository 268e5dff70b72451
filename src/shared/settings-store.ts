import browser from 'webextension-polyfill';
import { parseSettings, SETTINGS_STORAGE_KEY, type Settings, type SettingsNotice } from './settings';

/**
 * The shell around src/shared/settings.ts: read, write and watch the settings in storage.sync. A read
 * never writes back: a migrated or repaired copy is stored only when the trader saves, so the notices
 * stay visible until then and nothing is overwritten behind their back.
 */

export interface SyncArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export function browserSyncArea(): SyncArea {
  return {
    get: (key) => browser.storage.sync.get(key),
    set: (items) => browser.storage.sync.set(items),
  };
}

export interface LoadedSettings {
  settings: Settings;
  notices: SettingsNotice[];
}

export async function loadSettings(area: SyncArea = browserSyncArea()): Promise<LoadedSettings> {
  try {
    const got = await area.get(SETTINGS_STORAGE_KEY);
    return parseSettings(got[SETTINGS_STORAGE_KEY]);
  } catch {
    const fallback = parseSettings(undefined);
    return { settings: fallback.settings, notices: [{ field: 'settings', message: 'Settings could not be read from browser storage; the defaults are in use until they can.' }] };
  }
}

/** Stores the settings (always the current schema). Rejects when storage refuses, e.g. over the sync quota. */
export async function saveSettings(settings: Settings, area: SyncArea = browserSyncArea()): Promise<void> {
  await area.set({ [SETTINGS_STORAGE_KEY]: settings });
}

/** Calls `listener` with freshly parsed settings whenever another page saves them. Returns the unsubscribe. */
export function watchSettings(listener: (loaded: LoadedSettings) => void): () => void {
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'sync' || !(SETTINGS_STORAGE_KEY in changes)) return;
    listener(parseSettings(changes[SETTINGS_STORAGE_KEY]?.newValue));
  };
  try {
    browser.storage.onChanged.addListener(onChanged);
  } catch {
    return () => undefined;
  }
  return () => browser.storage.onChanged.removeListener(onChanged);
}
