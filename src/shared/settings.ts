import type { AdapterVenue } from './form-snapshot';

/**
 * The trader's settings, kept in storage.sync. Parsing is field by field: a corrupt or
 * unknown value falls back to its default and produces a notice naming the field, and
 * every other field survives. Older schema versions migrate forward in `migrate()`.
 * Pure: the storage shells read and write the raw object.
 */

export const SETTINGS_VERSION = 1;

export const SETTINGS_VENUES = ['binance', 'bybit', 'okx', 'bitget', 'gate', 'hyperliquid', 'mexc', 'bitmex'] as const satisfies readonly AdapterVenue[];
export type SettingsVenue = (typeof SETTINGS_VENUES)[number];

export const REGIONS = ['unknown', 'EU', 'UK', 'US', 'AU', 'other'] as const;
export type Region = (typeof REGIONS)[number];

export const NUMBER_FORMATS = ['browser', 'en-US', 'en-GB', 'de-DE', 'fr-FR', 'es-ES', 'it-IT', 'ru-RU', 'tr-TR', 'ja-JP', 'zh-CN', 'ko-KR', 'pt-BR', 'de-CH', 'en-IN'] as const;
export type NumberFormat = (typeof NUMBER_FORMATS)[number];

export const THEMES = ['auto', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export interface Thresholds {
  /** Distance from mark to liquidation, in percent, at or below which the level applies. */
  cautionPercent: string;
  dangerPercent: string;
  criticalPercent: string;
  /** Leverage at or above which a position is at least "caution", however far liquidation is. */
  cautionLeverage: string;
}

export interface VenueSettings {
  enabled: boolean;
  overlay: boolean;
  /** Account mode id from the policy module (e.g. Binance classic wallet vs unified), or null when not told. */
  accountMode: string | null;
  /** Default cross wallet balance for the calculator, a decimal string, or null. */
  walletBalance: string | null;
}

export interface Settings {
  version: typeof SETTINGS_VERSION;
  thresholds: Thresholds;
  region: Region;
  venues: Record<SettingsVenue, VenueSettings>;
  numberFormat: NumberFormat;
  theme: Theme;
}

export interface SettingsNotice {
  field: string;
  message: string;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  cautionPercent: '15',
  dangerPercent: '7',
  criticalPercent: '3',
  cautionLeverage: '20',
};

export function defaultSettings(): Settings {
  const venues = {} as Record<SettingsVenue, VenueSettings>;
  for (const v of SETTINGS_VENUES) venues[v] = { enabled: true, overlay: true, accountMode: null, walletBalance: null };
  return { version: SETTINGS_VERSION, thresholds: { ...DEFAULT_THRESHOLDS }, region: 'unknown', venues, numberFormat: 'browser', theme: 'auto' };
}

const DECIMAL = /^(?:0|[1-9]\d{0,14})(?:\.\d{1,8})?$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function pick<T extends string>(allowed: readonly T[], value: unknown): T | undefined {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** Upgrades an older stored object to the current version's raw shape. */
export function migrate(raw: Record<string, unknown>): Record<string, unknown> {
  // Version 1 is the first published schema; later versions add their step here.
  return raw;
}

export function parseSettings(stored: unknown): { settings: Settings; notices: SettingsNotice[] } {
  const settings = defaultSettings();
  const notices: SettingsNotice[] = [];
  if (stored === undefined || stored === null) return { settings, notices };
  if (!isRecord(stored)) {
    notices.push({ field: 'settings', message: 'Saved settings were unreadable and have been reset to the defaults.' });
    return { settings, notices };
  }
  const version = typeof stored.version === 'number' ? stored.version : 0;
  if (version > SETTINGS_VERSION) {
    notices.push({ field: 'version', message: `Settings were saved by a newer LiqGuard (schema ${version}); fields this version knows were kept.` });
  }
  const raw = version < SETTINGS_VERSION ? migrate(stored) : stored;
  const bad = (field: string, what: string) => notices.push({ field, message: `${what} was not valid and has been reset to its default.` });

  if (raw.thresholds !== undefined) {
    if (isRecord(raw.thresholds)) {
      for (const key of Object.keys(DEFAULT_THRESHOLDS) as (keyof Thresholds)[]) {
        const v = raw.thresholds[key];
        if (v === undefined) continue;
        if (typeof v === 'string' && DECIMAL.test(v)) settings.thresholds[key] = v;
        else bad(`thresholds.${key}`, `Threshold "${key}"`);
      }
    } else bad('thresholds', 'Warning thresholds');
  }
  if (raw.region !== undefined) settings.region = pick(REGIONS, raw.region) ?? (bad('region', 'Region'), settings.region);
  if (raw.numberFormat !== undefined) settings.numberFormat = pick(NUMBER_FORMATS, raw.numberFormat) ?? (bad('numberFormat', 'Number format'), settings.numberFormat);
  if (raw.theme !== undefined) settings.theme = pick(THEMES, raw.theme) ?? (bad('theme', 'Theme'), settings.theme);
  if (raw.venues !== undefined) {
    if (isRecord(raw.venues)) {
      for (const venue of SETTINGS_VENUES) {
        const v = raw.venues[venue];
        if (v === undefined) continue;
        if (!isRecord(v)) {
          bad(`venues.${venue}`, `Settings for ${venue}`);
          continue;
        }
        const target = settings.venues[venue];
        for (const flag of ['enabled', 'overlay'] as const) {
          if (v[flag] === undefined) continue;
          if (typeof v[flag] === 'boolean') target[flag] = v[flag];
          else bad(`venues.${venue}.${flag}`, `"${flag}" for ${venue}`);
        }
        if (v.accountMode !== undefined) {
          if (v.accountMode === null || (typeof v.accountMode === 'string' && /^[a-z0-9_-]{1,64}$/.test(v.accountMode))) target.accountMode = v.accountMode;
          else bad(`venues.${venue}.accountMode`, `Account mode for ${venue}`);
        }
        if (v.walletBalance !== undefined) {
          if (v.walletBalance === null || (typeof v.walletBalance === 'string' && DECIMAL.test(v.walletBalance))) target.walletBalance = v.walletBalance;
          else bad(`venues.${venue}.walletBalance`, `Wallet balance for ${venue}`);
        }
      }
    } else bad('venues', 'Per-venue settings');
  }
  return { settings, notices };
}
