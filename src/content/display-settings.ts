import { NUMBER_FORMATS, SETTINGS_VENUES, THEMES, type NumberFormat, type SettingsVenue, type Theme } from '../shared/settings';

/**
 * The three settings the content script needs, read with the same rules as parseSettings
 * in src/shared/settings.ts (unknown or corrupt values fall back to the defaults field by
 * field) but without its notices, migrations and threshold parsing, which the content
 * script never uses: that keeps the content script inside its size budget. These fields
 * have not changed shape in any schema version so far; display-settings.test.ts pins the
 * result equal to parseSettings for every version, so a future migration that touches
 * them fails that test instead of drifting.
 */
export interface DisplaySettings {
  venues: Record<SettingsVenue, { enabled: boolean; overlay: boolean }>;
  numberFormat: NumberFormat;
  theme: Theme;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readDisplaySettings(stored: unknown): DisplaySettings {
  const venues = {} as DisplaySettings['venues'];
  for (const v of SETTINGS_VENUES) venues[v] = { enabled: true, overlay: true };
  const out: DisplaySettings = { venues, numberFormat: 'browser', theme: 'auto' };
  if (!isRecord(stored)) return out;
  const raw = stored;
  if ((NUMBER_FORMATS as readonly unknown[]).includes(raw.numberFormat)) out.numberFormat = raw.numberFormat as NumberFormat;
  if ((THEMES as readonly unknown[]).includes(raw.theme)) out.theme = raw.theme as Theme;
  if (isRecord(raw.venues)) {
    for (const v of SETTINGS_VENUES) {
      const s = raw.venues[v];
      if (!isRecord(s)) continue;
      if (typeof s.enabled === 'boolean') venues[v].enabled = s.enabled;
      if (typeof s.overlay === 'boolean') venues[v].overlay = s.overlay;
    }
  }
  return out;
}
