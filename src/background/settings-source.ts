/**
 * The trader's settings for the background: read from storage.sync on first use in a worker, then
 * served from memory until storage.onChanged reports that the settings key changed, which every
 * save (from the options page, the popup or another synced device) fires before it completes.
 * Nothing outlives the worker: a restarted worker starts with no copy and reads storage again.
 *
 * A read that fails is not kept: that assessment uses the defaults (as before this cache) and the
 * next one asks storage again. Every caller gets its own copy, so no caller can change the kept one.
 */
import { parseSettings, SETTINGS_STORAGE_KEY, type Settings } from '../shared/settings';

export interface SettingsSource {
  /** The settings as storage has them (the defaults when storage cannot be read). */
  read(): Promise<Settings>;
  /** storage.onChanged: forgets the copy when the settings changed in storage.sync. */
  changed(changes: Record<string, unknown>, area: string): void;
}

export function createSettingsSource(syncGet: (key: string) => Promise<unknown>): SettingsSource {
  let copy: Promise<Settings> | null = null;

  function load(): Promise<Settings> {
    const p = (async () => parseSettings(await syncGet(SETTINGS_STORAGE_KEY)).settings)();
    copy = p;
    p.catch(() => {
      if (copy === p) copy = null;
    });
    return p;
  }

  return {
    async read() {
      try {
        return structuredClone(await (copy ?? load()));
      } catch {
        return parseSettings(undefined).settings;
      }
    },
    changed(changes, area) {
      // A read still in flight may return the old settings to those who asked before the change;
      // it is not kept, so everything asked after the change reads storage again.
      if (area === 'sync' && Object.hasOwn(changes, SETTINGS_STORAGE_KEY)) copy = null;
    },
  };
}
