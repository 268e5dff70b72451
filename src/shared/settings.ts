import type { SeverityThresholds } from '../core/engine/types';
import type { AdapterVenue } from './form-snapshot';

/**
 * The trader's settings, kept in storage.sync under `SETTINGS_STORAGE_KEY`. Parsing is field
 * by field: a corrupt or unknown value falls back to its default and produces a notice naming
 * the field, and every other field survives. Older schema versions migrate forward in
 * `migrate()`, one step per version, so every earlier schema has a tested path to this one.
 * The version field is a hint, not a gate: when it is missing or not a whole number ("2", 1.5),
 * every step runs, and each step keeps the fields already in today's shape; whatever is valid in
 * today's shape is kept whatever the version says. A field this version no longer knows (a retired
 * rule, a newer version's addition) is ignored without a notice. What cannot be kept is named in
 * a notice with the value that was stored; settings-store.ts sets the stored record aside before a
 * save replaces it, so no loss becomes permanent.
 *
 * Pure and small on purpose: the content script imports it (display-settings.ts), so it must
 * not pull in decimal.js or the policy data. Threshold values are compared as decimal strings.
 *
 * Schema history
 *   1  thresholds { cautionPercent, dangerPercent, criticalPercent, cautionLeverage } (never published)
 *   2  thresholds in the engine's shape: distancePercent { caution, danger, critical },
 *      leverage { caution, danger, critical } (each may be off), crossMarginRaisesLevel.
 *      Region, number format, theme and per-venue settings are unchanged from 1.
 */

export const SETTINGS_VERSION = 2;
export const SETTINGS_STORAGE_KEY = 'settings';

export const SETTINGS_VENUES = ['binance', 'bybit', 'okx', 'bitget', 'gate', 'hyperliquid', 'mexc', 'bitmex'] as const satisfies readonly AdapterVenue[];
export type SettingsVenue = (typeof SETTINGS_VENUES)[number];

export const REGIONS = ['unknown', 'EU', 'UK', 'US', 'AU', 'other'] as const;
export type Region = (typeof REGIONS)[number];

export const NUMBER_FORMATS = ['browser', 'en-US', 'en-GB', 'de-DE', 'fr-FR', 'es-ES', 'it-IT', 'ru-RU', 'tr-TR', 'ja-JP', 'zh-CN', 'ko-KR', 'pt-BR', 'de-CH', 'en-IN'] as const;
export type NumberFormat = (typeof NUMBER_FORMATS)[number];

export const THEMES = ['auto', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export interface Thresholds {
  /** Distance from mark to liquidation, in percent: at or below each value the level is at least that level. */
  distancePercent: { caution: string; danger: string; critical: string };
  /** Leverage at or above each value makes the level at least that level; null turns that level off. */
  leverage: { caution: string | null; danger: string | null; critical: string | null };
  /** Cross margin puts the whole wallet at risk: raise any non-ok level by one step. */
  crossMarginRaisesLevel: boolean;
}

export interface VenueSettings {
  /** Off: LiqGuard leaves this venue's pages alone (no reading, no badge, no overlay). */
  enabled: boolean;
  /** Off: no overlay on the page; the popup's "This tab" and the badge still work. */
  overlay: boolean;
  /** Account mode id from the policy module (listAccountModes), or null when not told. */
  accountMode: string | null;
  /**
   * Default cross wallet balance for the calculator, a decimal string in the venue's linear settlement
   * currency (USDT/USDC), or null. Not used for coin-margined contracts, whose wallet is in the coin.
   */
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

/** The engine's DEFAULT_THRESHOLDS (src/core/engine/severity.ts), copied to keep decimal.js out of the content script; a test pins them equal. */
export const DEFAULT_THRESHOLDS: Thresholds = {
  distancePercent: { caution: '15', danger: '5', critical: '2' },
  leverage: { caution: '10', danger: '25', critical: '75' },
  crossMarginRaisesLevel: true,
};

/** Schema 1's defaults: a v1 value still equal to its default was never chosen, so it takes the v2 default. */
export const V1_DEFAULT_THRESHOLDS = { cautionPercent: '15', dangerPercent: '7', criticalPercent: '3', cautionLeverage: '20' } as const;

const LEVELS = ['caution', 'danger', 'critical'] as const;
type Level = (typeof LEVELS)[number];

/** Largest value a threshold may take: distances can exceed 100 % for shorts; no venue offers 1000x. */
const MAX_DISTANCE = '1000';
const MAX_LEVERAGE = '1000';
/** What an "off" leverage level becomes for the engine: the engine's largest magnitude, never reached. */
export const LEVERAGE_OFF = '1000000000000000';

export function defaultSettings(): Settings {
  const venues = {} as Record<SettingsVenue, VenueSettings>;
  for (const v of SETTINGS_VENUES) venues[v] = { enabled: true, overlay: true, accountMode: null, walletBalance: null };
  return { version: SETTINGS_VERSION, thresholds: cloneThresholds(DEFAULT_THRESHOLDS), region: 'unknown', venues, numberFormat: 'browser', theme: 'auto' };
}

function cloneThresholds(t: Thresholds): Thresholds {
  return { distancePercent: { ...t.distancePercent }, leverage: { ...t.leverage }, crossMarginRaisesLevel: t.crossMarginRaisesLevel };
}

/** Plain non-negative decimal, as stored: at most 15 integer and 8 fraction digits. */
export const SETTINGS_DECIMAL = /^(?:0|[1-9]\d{0,14})(?:\.\d{1,8})?$/;

/** Compares two strings that match SETTINGS_DECIMAL, exactly (no floats): −1, 0 or 1. */
export function compareDecimal(a: string, b: string): -1 | 0 | 1 {
  const [ai = '0', af = ''] = a.split('.');
  const [bi = '0', bf = ''] = b.split('.');
  if (ai.length !== bi.length) return ai.length < bi.length ? -1 : 1;
  if (ai !== bi) return ai < bi ? -1 : 1;
  const len = Math.max(af.length, bf.length);
  const x = af.padEnd(len, '0');
  const y = bf.padEnd(len, '0');
  return x === y ? 0 : x < y ? -1 : 1;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A stored value as the trader can recognise it in a notice: short, quoted, shown as text. */
function saved(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return `“${text.length > 40 ? `${text.slice(0, 39)}…` : text}”`;
}

function pick<T extends string>(allowed: readonly T[], value: unknown): T | undefined {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Migration
// ---------------------------------------------------------------------------------------------

const V1_THRESHOLD_KEYS = Object.keys(V1_DEFAULT_THRESHOLDS);

/**
 * Schema 1 → 2: reshape the thresholds; everything else is carried over untouched. Tolerant of
 * shape: a record whose version was lost or mistyped ("2", 1.5, none) may already hold schema 2's
 * fields, and those win, level by level; schema 1's keys only fill the levels still unset.
 */
function v1ToV2(raw: Record<string, unknown>, notices: SettingsNotice[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...raw, version: 2 };
  const t = raw.thresholds;
  if (t === undefined) return out;
  // Not an object: hand it on unchanged so the parser reports it as corrupt.
  if (!isRecord(t)) return out;
  const chosen = (key: keyof typeof V1_DEFAULT_THRESHOLDS): unknown => (t[key] === undefined || t[key] === V1_DEFAULT_THRESHOLDS[key] ? undefined : t[key]);
  // Schema 2's own fields as they are (the parser judges them); schema 1's keys are consumed here.
  const next: Record<string, unknown> = Object.fromEntries(Object.entries(t).filter(([k]) => !V1_THRESHOLD_KEYS.includes(k)));
  const given = (group: 'distancePercent' | 'leverage', level: Level): boolean => isRecord(t[group]) && (t[group] as Record<string, unknown>)[level] !== undefined;
  // A group present in schema 2's shape but not an object is the parser's to report; keep it as it is.
  const convertible = (group: 'distancePercent' | 'leverage') => t[group] === undefined || isRecord(t[group]);

  if (convertible('distancePercent')) {
    const distancePercent: Record<string, unknown> = isRecord(t.distancePercent) ? { ...t.distancePercent } : {};
    const d = { caution: chosen('cautionPercent'), danger: chosen('dangerPercent'), critical: chosen('criticalPercent') };
    for (const level of LEVELS) if (d[level] !== undefined && !given('distancePercent', level)) distancePercent[level] = d[level];
    next.distancePercent = distancePercent;
  }
  const lev = chosen('cautionLeverage');
  if (convertible('leverage') && (lev !== undefined || t.leverage !== undefined)) {
    const leverage: Record<string, unknown> = isRecord(t.leverage) ? { ...t.leverage } : {};
    if (lev !== undefined && !given('leverage', 'caution')) {
      leverage.caution = lev;
      // Schema 1 knew only "at least caution from this leverage". Keep that meaning: a higher level
      // that would now start at or below it is turned off rather than taking over the trader's level.
      if (typeof lev === 'string' && SETTINGS_DECIMAL.test(lev)) {
        for (const level of ['danger', 'critical'] as const) {
          if (given('leverage', level)) continue;
          const def = DEFAULT_THRESHOLDS.leverage[level] ?? LEVERAGE_OFF;
          if (compareDecimal(def, lev) <= 0) {
            leverage[level] = null;
            notices.push({
              field: `thresholds.leverage.${level}`,
              message: `Your caution leverage (${lev}x) is at or above the new ${level} level (${def}x), so the ${level} leverage level was turned off to keep your setting's meaning. Review it in the options.`,
            });
          }
        }
      }
    }
    next.leverage = leverage;
  }
  out.thresholds = next;
  return out;
}

const STEPS: Record<number, (raw: Record<string, unknown>, notices: SettingsNotice[]) => Record<string, unknown>> = {
  1: v1ToV2,
};

/**
 * The schema a stored record says it has: a whole number from 1 up, or null when the field is
 * missing or not one ("2" as a string, 1.5, NaN): then its fields show what it holds, and every
 * step runs, each keeping what is already in today's shape.
 */
function declaredVersion(raw: Record<string, unknown>): number | null {
  return typeof raw.version === 'number' && Number.isSafeInteger(raw.version) && raw.version >= 1 ? raw.version : null;
}

/** Upgrades a stored object of any earlier schema to this version's raw shape, step by step, with what the trader should know. */
export function migrateWithNotices(raw: Record<string, unknown>): { raw: Record<string, unknown>; notices: SettingsNotice[] } {
  const notices: SettingsNotice[] = [];
  // Schema 1's threshold keys are converted whatever the version says (they fill only unset levels).
  const oldKeys = isRecord(raw.thresholds) && V1_THRESHOLD_KEYS.some((k) => (raw.thresholds as Record<string, unknown>)[k] !== undefined);
  let version = oldKeys ? 1 : (declaredVersion(raw) ?? 1);
  let current = raw;
  while (version < SETTINGS_VERSION) {
    const step = STEPS[version];
    if (!step) break;
    current = step(current, notices);
    version++;
  }
  return { raw: { ...current, version: SETTINGS_VERSION }, notices };
}

/** Upgrades an older stored object to the current version's raw shape. */
export function migrate(raw: Record<string, unknown>): Record<string, unknown> {
  return migrateWithNotices(raw).raw;
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

/** Why a threshold value is unusable, or null when it is fine. */
export function thresholdProblem(kind: 'distance' | 'leverage', value: string): string | null {
  if (!SETTINGS_DECIMAL.test(value)) return 'must be a plain number such as 5 or 2.5';
  if (kind === 'distance' && compareDecimal(value, MAX_DISTANCE) > 0) return `must be at most ${MAX_DISTANCE} %`;
  if (kind === 'leverage' && compareDecimal(value, '1') < 0) return 'must be at least 1x';
  if (kind === 'leverage' && compareDecimal(value, MAX_LEVERAGE) > 0) return `must be at most ${MAX_LEVERAGE}x`;
  return null;
}

/** Ordering problems: distance critical ≤ danger ≤ caution; leverage caution ≤ danger ≤ critical (levels that are on). */
export function thresholdOrderProblems(t: Thresholds): SettingsNotice[] {
  const out: SettingsNotice[] = [];
  const d = t.distancePercent;
  if (compareDecimal(d.critical, d.danger) > 0) out.push({ field: 'thresholds.distancePercent.critical', message: `The critical distance (${d.critical} %) must not be larger than the danger distance (${d.danger} %).` });
  if (compareDecimal(d.danger, d.caution) > 0) out.push({ field: 'thresholds.distancePercent.danger', message: `The danger distance (${d.danger} %) must not be larger than the caution distance (${d.caution} %).` });
  const l = t.leverage;
  const on = LEVELS.filter((k) => l[k] !== null);
  for (let i = 1; i < on.length; i++) {
    const lo = on[i - 1] as Level;
    const hi = on[i] as Level;
    const a = l[lo];
    const b = l[hi];
    if (a !== null && b !== null && compareDecimal(a, b) > 0) {
      out.push({ field: `thresholds.leverage.${hi}`, message: `The ${hi} leverage (${b}x) must not be lower than the ${lo} leverage (${a}x).` });
    }
  }
  return out;
}

function parseThresholds(raw: unknown, into: Thresholds, notices: SettingsNotice[]): void {
  const bad = (field: string, message: string) => notices.push({ field, message });
  if (raw === undefined) return;
  if (!isRecord(raw)) {
    bad('thresholds', `Warning thresholds were not valid (saved: ${saved(raw)}) and have been reset to their defaults.`);
    return;
  }
  const groups = [
    ['distancePercent', 'distance'],
    ['leverage', 'leverage'],
  ] as const;
  for (const [group, kind] of groups) {
    const g = raw[group];
    if (g === undefined) continue;
    if (!isRecord(g)) {
      bad(`thresholds.${group}`, `The ${kind} thresholds were not valid (saved: ${saved(g)}) and have been reset to their defaults.`);
      continue;
    }
    for (const level of LEVELS) {
      const v = g[level];
      if (v === undefined) continue;
      if (v === null && kind === 'leverage') {
        into.leverage[level] = null;
        continue;
      }
      const problem = typeof v === 'string' ? thresholdProblem(kind, v) : 'must be a number';
      if (problem === null) {
        if (kind === 'distance') into.distancePercent[level] = v as string;
        else into.leverage[level] = v as string;
      } else {
        const def = kind === 'distance' ? `${DEFAULT_THRESHOLDS.distancePercent[level]} %` : `${DEFAULT_THRESHOLDS.leverage[level] ?? 'off'}x`;
        bad(`thresholds.${group}.${level}`, `The ${level} ${kind} threshold ${problem} (saved: ${saved(v)}); it was reset to its default (${def}).`);
      }
    }
  }
  if (raw.crossMarginRaisesLevel !== undefined) {
    if (typeof raw.crossMarginRaisesLevel === 'boolean') into.crossMarginRaisesLevel = raw.crossMarginRaisesLevel;
    else bad('thresholds.crossMarginRaisesLevel', `"Cross margin raises the level" was not valid (saved: ${saved(raw.crossMarginRaisesLevel)}) and has been reset to its default (on).`);
  }
  // Values that are each fine can still be out of order: reset the group that is, and say so.
  const problems = thresholdOrderProblems(into);
  if (problems.some((p) => p.field.startsWith('thresholds.distancePercent'))) {
    into.distancePercent = { ...DEFAULT_THRESHOLDS.distancePercent };
    bad('thresholds.distancePercent', `The saved distance thresholds were out of order (${problems.filter((p) => p.field.startsWith('thresholds.distancePercent')).map((p) => p.message).join(' ')}) and have been reset to their defaults.`);
  }
  if (problems.some((p) => p.field.startsWith('thresholds.leverage'))) {
    into.leverage = { ...DEFAULT_THRESHOLDS.leverage };
    bad('thresholds.leverage', `The saved leverage thresholds were out of order (${problems.filter((p) => p.field.startsWith('thresholds.leverage')).map((p) => p.message).join(' ')}) and have been reset to their defaults.`);
  }
}

export function parseSettings(stored: unknown): { settings: Settings; notices: SettingsNotice[] } {
  const settings = defaultSettings();
  const notices: SettingsNotice[] = [];
  if (stored === undefined || stored === null) return { settings, notices };
  if (!isRecord(stored)) {
    notices.push({ field: 'settings', message: 'Saved settings were unreadable and have been reset to the defaults.' });
    return { settings, notices };
  }
  const version = declaredVersion(stored);
  if (version !== null && version > SETTINGS_VERSION) {
    notices.push({ field: 'version', message: `Settings were saved by a newer LiqGuard (schema ${version}); fields this version knows were kept.` });
  }
  let raw = stored;
  const oldKeys = isRecord(stored.thresholds) && V1_THRESHOLD_KEYS.some((k) => (stored.thresholds as Record<string, unknown>)[k] !== undefined);
  if (version === null || version < SETTINGS_VERSION || oldKeys) {
    const m = migrateWithNotices(stored);
    raw = m.raw;
    notices.push(...m.notices);
  }
  const bad = (field: string, what: string, value: unknown) => notices.push({ field, message: `${what} was not valid (saved: ${saved(value)}) and has been reset to its default.` });

  parseThresholds(raw.thresholds, settings.thresholds, notices);
  if (raw.region !== undefined) settings.region = pick(REGIONS, raw.region) ?? (bad('region', 'Region', raw.region), settings.region);
  if (raw.numberFormat !== undefined) settings.numberFormat = pick(NUMBER_FORMATS, raw.numberFormat) ?? (bad('numberFormat', 'Number format', raw.numberFormat), settings.numberFormat);
  if (raw.theme !== undefined) settings.theme = pick(THEMES, raw.theme) ?? (bad('theme', 'Theme', raw.theme), settings.theme);
  if (raw.venues !== undefined) {
    if (isRecord(raw.venues)) {
      for (const venue of SETTINGS_VENUES) {
        const v = raw.venues[venue];
        if (v === undefined) continue;
        if (!isRecord(v)) {
          bad(`venues.${venue}`, `Settings for ${venue}`, v);
          continue;
        }
        const target = settings.venues[venue];
        for (const flag of ['enabled', 'overlay'] as const) {
          if (v[flag] === undefined) continue;
          if (typeof v[flag] === 'boolean') target[flag] = v[flag];
          else bad(`venues.${venue}.${flag}`, `"${flag}" for ${venue}`, v[flag]);
        }
        if (v.accountMode !== undefined) {
          if (v.accountMode === null || (typeof v.accountMode === 'string' && /^[a-z0-9_-]{1,64}$/.test(v.accountMode))) target.accountMode = v.accountMode;
          else bad(`venues.${venue}.accountMode`, `Account mode for ${venue}`, v.accountMode);
        }
        if (v.walletBalance !== undefined) {
          if (v.walletBalance === null || (typeof v.walletBalance === 'string' && SETTINGS_DECIMAL.test(v.walletBalance))) target.walletBalance = v.walletBalance;
          else bad(`venues.${venue}.walletBalance`, `Wallet balance for ${venue}`, v.walletBalance);
        }
      }
    } else bad('venues', 'Per-venue settings', raw.venues);
  }
  return { settings, notices };
}

/** The engine's SeverityThresholds for these settings (the router passes them to assess()). */
export function severityThresholdsFrom(settings: Settings): SeverityThresholds {
  const t = settings.thresholds;
  return {
    distancePercent: { ...t.distancePercent },
    leverage: {
      caution: t.leverage.caution ?? LEVERAGE_OFF,
      danger: t.leverage.danger ?? LEVERAGE_OFF,
      critical: t.leverage.critical ?? LEVERAGE_OFF,
    },
    crossMarginRaisesLevel: t.crossMarginRaisesLevel,
  };
}

/** The settings venue an engine or adapter venue id belongs to (binance-usdm → binance), or null. */
export function settingsVenueFor(venue: string): SettingsVenue | null {
  const id = venue === 'binance-usdm' || venue === 'binance-coinm' ? 'binance' : venue;
  return (SETTINGS_VENUES as readonly string[]).includes(id) ? (id as SettingsVenue) : null;
}
