import browser from 'webextension-polyfill';
import { parseSettings, SETTINGS_STORAGE_KEY, type Settings, type SettingsNotice } from './settings';

/**
 * The shell around src/shared/settings.ts: read, write and watch the settings in storage.sync. A read
 * never writes back: a migrated or repaired copy is stored only when the trader saves, so the notices
 * stay visible until then and nothing is overwritten behind their back.
 *
 * A save never makes a loss permanent: before it overwrites a stored record that could not be read in
 * full (any notice), that record is set aside as it was, with what could not be kept, in storage.local
 * under `settings:unkept` (the last few, newest first). The options page shows them until the trader
 * forgets them; the popup says they exist. If setting it aside fails, nothing is saved.
 */

export interface SyncArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export interface LocalArea extends SyncArea {
  remove(key: string): Promise<void>;
}

export function browserSyncArea(): SyncArea {
  return {
    get: (key) => browser.storage.sync.get(key),
    set: (items) => browser.storage.sync.set(items),
  };
}

export function browserLocalArea(): LocalArea {
  return {
    get: (key) => browser.storage.local.get(key),
    set: (items) => browser.storage.local.set(items),
    remove: (key) => browser.storage.local.remove(key),
  };
}

export const UNKEPT_STORAGE_KEY = 'settings:unkept';
/** How many set-aside records are kept; older ones are dropped. */
export const UNKEPT_LIMIT = 5;
/** A set-aside record larger than this (as JSON) is kept as its notices only; storage.sync allows 8 KB per item anyway. */
const UNKEPT_MAX_CHARS = 16_384;

export interface UnkeptSettings {
  /** When it was set aside (ms since the epoch). */
  at: number;
  /** What could not be kept, as the notices said when it was set aside. */
  notices: SettingsNotice[];
  /** The record as it was stored, as JSON text (null when it was too large to keep). */
  stored: string | null;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The set-aside records, newest first; anything malformed in storage is skipped, never shown. */
export async function readUnkept(local: LocalArea = browserLocalArea()): Promise<UnkeptSettings[]> {
  let raw: unknown;
  try {
    raw = (await local.get(UNKEPT_STORAGE_KEY))[UNKEPT_STORAGE_KEY];
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  const out: UnkeptSettings[] = [];
  for (const e of raw.slice(0, UNKEPT_LIMIT)) {
    if (!isObj(e) || !Number.isFinite(e.at) || !Array.isArray(e.notices)) continue;
    const notices = e.notices.filter((n): n is SettingsNotice => isObj(n) && typeof n.field === 'string' && typeof n.message === 'string').map((n) => ({ field: n.field.slice(0, 200), message: n.message.slice(0, 1000) }));
    const stored = typeof e.stored === 'string' && e.stored.length <= UNKEPT_MAX_CHARS ? e.stored : null;
    out.push({ at: e.at as number, notices, stored });
  }
  return out;
}

/** Forgets every set-aside record (the trader has read them). */
export async function forgetUnkept(local: LocalArea = browserLocalArea()): Promise<void> {
  await local.remove(UNKEPT_STORAGE_KEY);
}

async function setAside(local: LocalArea, stored: unknown, notices: SettingsNotice[], at: number): Promise<void> {
  let text: string | null;
  try {
    text = JSON.stringify(stored) ?? null;
  } catch {
    text = null;
  }
  if (text !== null && text.length > UNKEPT_MAX_CHARS) text = null;
  const earlier = await readUnkept(local);
  // The same record set aside again (two pages saving at once) is kept once.
  const others = earlier.filter((e) => text === null || e.stored !== text);
  const entry: UnkeptSettings = { at, notices, stored: text };
  await local.set({ [UNKEPT_STORAGE_KEY]: [entry, ...others].slice(0, UNKEPT_LIMIT) });
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

/**
 * Stores the settings (always the current schema). A stored record that could not be read in full is
 * set aside first (see the header). Rejects when storage refuses, e.g. over the sync quota, or when the
 * record to replace could not be set aside; then nothing was written.
 */
export async function saveSettings(settings: Settings, area: SyncArea = browserSyncArea(), local: LocalArea = browserLocalArea(), now: () => number = Date.now): Promise<void> {
  let previous: unknown;
  try {
    previous = (await area.get(SETTINGS_STORAGE_KEY))[SETTINGS_STORAGE_KEY];
  } catch {
    previous = undefined;
  }
  const { notices } = parseSettings(previous);
  if (notices.length > 0) {
    try {
      await setAside(local, previous, notices, now());
    } catch (e) {
      throw new Error(`the earlier settings LiqGuard could not read in full could not be set aside first (${e instanceof Error ? e.message : 'storage refused'})`, { cause: e });
    }
  }
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
