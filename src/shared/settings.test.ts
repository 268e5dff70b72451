import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_THRESHOLDS as ENGINE_DEFAULTS } from '../core/engine/severity';
import {
  compareDecimal,
  DEFAULT_THRESHOLDS,
  defaultSettings,
  LEVERAGE_OFF,
  migrate,
  NUMBER_FORMATS,
  parseSettings,
  REGIONS,
  SETTINGS_VENUES,
  SETTINGS_VERSION,
  settingsVenueFor,
  severityThresholdsFrom,
  THEMES,
  V1_DEFAULT_THRESHOLDS,
  type Settings,
} from './settings';

/** Every schema LiqGuard ever wrote, as stored. Add the next one here when the version goes up. */
const V1_EXAMPLE = {
  version: 1,
  thresholds: { cautionPercent: '12', dangerPercent: '6', criticalPercent: '2.5', cautionLeverage: '15' },
  region: 'UK',
  venues: { binance: { enabled: true, overlay: false, accountMode: 'usdm_coinm_classic_wallet', walletBalance: '2500' }, okx: { enabled: false, overlay: true, accountMode: null, walletBalance: null } },
  numberFormat: 'de-DE',
  theme: 'dark',
};
const EARLIER_SCHEMAS: Record<number, unknown> = { 1: V1_EXAMPLE };

describe('settings schema', () => {
  it('has an upgrade test for every earlier schema', () => {
    for (let v = 1; v < SETTINGS_VERSION; v++) expect(EARLIER_SCHEMAS[v], `example of schema ${v}`).toBeDefined();
  });

  it('keeps the engine’s default thresholds', () => {
    expect(severityThresholdsFrom(defaultSettings())).toEqual(ENGINE_DEFAULTS);
  });

  it('reads its own output back unchanged, with no notice', () => {
    const s = defaultSettings();
    s.thresholds.leverage.danger = null;
    s.region = 'AU';
    s.venues.gate.walletBalance = '1000.5';
    expect(parseSettings(JSON.parse(JSON.stringify(s)))).toEqual({ settings: s, notices: [] });
  });
});

describe('migration 1 → 2', () => {
  it('carries every chosen value into the new shape and loses nothing else', () => {
    const { settings, notices } = parseSettings(structuredClone(V1_EXAMPLE));
    expect(notices).toEqual([]);
    expect(settings.version).toBe(2);
    expect(settings.thresholds).toEqual({
      distancePercent: { caution: '12', danger: '6', critical: '2.5' },
      leverage: { caution: '15', danger: '25', critical: '75' },
      crossMarginRaisesLevel: true,
    });
    expect(settings.region).toBe('UK');
    expect(settings.numberFormat).toBe('de-DE');
    expect(settings.theme).toBe('dark');
    expect(settings.venues.binance).toEqual({ enabled: true, overlay: false, accountMode: 'usdm_coinm_classic_wallet', walletBalance: '2500' });
    expect(settings.venues.okx).toEqual({ enabled: false, overlay: true, accountMode: null, walletBalance: null });
    expect(settings.venues.bybit).toEqual(defaultSettings().venues.bybit);
  });

  it('gives values still at schema 1’s defaults the new defaults (they were never chosen)', () => {
    const { settings } = parseSettings({ version: 1, thresholds: { ...V1_DEFAULT_THRESHOLDS } });
    expect(settings.thresholds).toEqual(DEFAULT_THRESHOLDS);
  });

  it('treats a stored object without a version as schema 1', () => {
    const { settings } = parseSettings({ thresholds: { cautionPercent: '20' } });
    expect(settings.thresholds.distancePercent.caution).toBe('20');
  });

  it('keeps a high caution leverage meaning "caution" by turning off the levels below it, and says so', () => {
    const { settings, notices } = parseSettings({ version: 1, thresholds: { cautionLeverage: '50' } });
    expect(settings.thresholds.leverage).toEqual({ caution: '50', danger: null, critical: '75' });
    expect(notices.map((n) => n.field)).toEqual(['thresholds.leverage.danger']);
    const higher = parseSettings({ version: 1, thresholds: { cautionLeverage: '100' } });
    expect(higher.settings.thresholds.leverage).toEqual({ caution: '100', danger: null, critical: null });
    expect(severityThresholdsFrom(higher.settings).leverage).toEqual({ caution: '100', danger: LEVERAGE_OFF, critical: LEVERAGE_OFF });
  });

  it('reports a corrupt schema-1 threshold under its new name and keeps the rest', () => {
    const { settings, notices } = parseSettings({ version: 1, thresholds: { cautionPercent: 'lots', criticalPercent: '1' }, theme: 'light' });
    expect(notices.map((n) => n.field)).toEqual(['thresholds.distancePercent.caution']);
    expect(settings.thresholds.distancePercent).toEqual({ caution: '15', danger: '5', critical: '1' });
    expect(settings.theme).toBe('light');
  });

  it('migrates whatever schema 1 held without throwing, and the result parses', () => {
    fc.assert(
      fc.property(fc.object({ maxDepth: 3 }), fc.anything(), (obj, thresholds) => {
        const raw = migrate({ ...obj, version: 1, thresholds });
        expect(raw.version).toBe(SETTINGS_VERSION);
        expect(() => parseSettings(raw)).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });
});

/** Any valid settings record of today's shape, as the options page would store it. */
const validSettings: fc.Arbitrary<Settings> = fc
  .record({
    distance: fc.uniqueArray(fc.integer({ min: 1, max: 999 }), { minLength: 3, maxLength: 3 }),
    leverage: fc.uniqueArray(fc.integer({ min: 1, max: 999 }), { minLength: 3, maxLength: 3 }),
    off: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()),
    cross: fc.boolean(),
    region: fc.constantFrom(...REGIONS),
    numberFormat: fc.constantFrom(...NUMBER_FORMATS),
    theme: fc.constantFrom(...THEMES),
    venues: fc.array(fc.tuple(fc.boolean(), fc.boolean(), fc.option(fc.constantFrom('usdm_coinm_classic_wallet', 'unified'), { nil: null }), fc.option(fc.constantFrom('2500', '0.5', '1000000'), { nil: null })), {
      minLength: SETTINGS_VENUES.length,
      maxLength: SETTINGS_VENUES.length,
    }),
  })
  .map((r) => {
    const s = defaultSettings();
    const [c, d, k] = [...r.distance].sort((a, b) => b - a).map(String) as [string, string, string];
    s.thresholds.distancePercent = { caution: c, danger: d, critical: k };
    const [lc, ld, lk] = [...r.leverage].sort((a, b) => a - b).map(String) as [string, string, string];
    s.thresholds.leverage = { caution: r.off[0] ? null : lc, danger: r.off[1] ? null : ld, critical: r.off[2] ? null : lk };
    s.thresholds.crossMarginRaisesLevel = r.cross;
    s.region = r.region;
    s.numberFormat = r.numberFormat;
    s.theme = r.theme;
    SETTINGS_VENUES.forEach((v, i) => {
      const [enabled, overlay, accountMode, walletBalance] = r.venues[i] ?? [true, true, null, null];
      s.venues[v] = { enabled, overlay, accountMode, walletBalance };
    });
    return s;
  });

describe('a version field that is wrong or missing', () => {
  // Seen in the wild of storage.sync: another tool, a hand edit or a half-written record.
  const BAD_VERSIONS: unknown[] = ['2', 1.5, undefined, null, Number.NaN, 0, -1, '1', 'two', 2.0000001, { v: 2 }];

  it.each(BAD_VERSIONS.map((v) => [String(v), v]))('keeps every valid field of today’s shape when the version is %s, and reports nothing lost', (_, version) => {
    fc.assert(
      fc.property(validSettings, (s) => {
        const stored: Record<string, unknown> = { ...JSON.parse(JSON.stringify(s)), version };
        if (version === undefined) delete stored.version;
        const { settings, notices } = parseSettings(stored);
        expect(notices).toEqual([]);
        expect(settings).toEqual(s);
      }),
      { numRuns: 60 },
    );
  });

  it('the trader’s example: thresholds survive a version stored as the string "2"', () => {
    const stored = { version: '2', thresholds: { distancePercent: { caution: '30', danger: '20', critical: '10' }, leverage: { caution: '5', danger: null, critical: '20' }, crossMarginRaisesLevel: false }, theme: 'dark' };
    const { settings, notices } = parseSettings(stored);
    expect(notices).toEqual([]);
    expect(settings.thresholds).toEqual(stored.thresholds);
    expect(settings.theme).toBe('dark');
  });

  it('fills only unset levels from schema 1’s keys when both shapes are present, whatever the version', () => {
    for (const version of [undefined, 1, 2, '2']) {
      const { settings } = parseSettings({ version, thresholds: { cautionPercent: '40', criticalPercent: '9', distancePercent: { danger: '12', critical: '3' }, cautionLeverage: '15', leverage: { critical: '90' } } });
      expect(settings.thresholds.distancePercent).toEqual({ caution: '40', danger: '12', critical: '3' });
      expect(settings.thresholds.leverage).toEqual({ caution: '15', danger: '25', critical: '90' });
    }
  });

  it('names what it could not keep, with the value that was stored', () => {
    const { settings, notices } = parseSettings({ version: 1.5, thresholds: { distancePercent: { caution: '30', danger: 'lots', critical: '1' } }, region: 'Atlantis' });
    expect(settings.thresholds.distancePercent).toEqual({ caution: '30', danger: '5', critical: '1' });
    expect(notices.map((n) => n.field)).toEqual(['thresholds.distancePercent.danger', 'region']);
    expect(notices[0]?.message).toContain('“lots”');
    expect(notices[1]?.message).toContain('“Atlantis”');
  });

  it('reads a thresholds field it no longer knows (a retired rule) harmlessly: no notice, nothing else lost', () => {
    const stored = { version: 2, thresholds: { distancePercent: { caution: '20', danger: '8', critical: '3' }, crossMarginRaisesLevel: false, leverageFloorsApply: 'maybe', retired: { any: ['shape'] } } };
    const { settings, notices } = parseSettings(stored);
    expect(notices).toEqual([]);
    expect(settings.thresholds.distancePercent).toEqual({ caution: '20', danger: '8', critical: '3' });
    expect(settings.thresholds.crossMarginRaisesLevel).toBe(false);
  });
});

describe('corrupt values', () => {
  it('fall back field by field with a notice naming each, and nothing else is lost', () => {
    const stored = {
      version: 2,
      thresholds: { distancePercent: { caution: '-3', danger: '4', critical: '1' }, leverage: { caution: '0.5', danger: 'x', critical: '50' }, crossMarginRaisesLevel: 'yes' },
      region: 'Mars',
      numberFormat: 'xx-XX',
      theme: 'neon',
      venues: { binance: { enabled: 'no', overlay: false, accountMode: 'BAD MODE!', walletBalance: '1e5' }, bybit: 'off', okx: { walletBalance: '300' } },
    };
    const { settings, notices } = parseSettings(stored);
    expect(notices.map((n) => n.field).sort()).toEqual(
      [
        'thresholds.distancePercent.caution',
        'thresholds.leverage.caution',
        'thresholds.leverage.danger',
        'thresholds.crossMarginRaisesLevel',
        'region',
        'numberFormat',
        'theme',
        'venues.binance.enabled',
        'venues.binance.accountMode',
        'venues.binance.walletBalance',
        'venues.bybit',
      ].sort(),
    );
    expect(settings.thresholds.distancePercent).toEqual({ caution: '15', danger: '4', critical: '1' });
    expect(settings.thresholds.leverage).toEqual({ caution: '10', danger: '25', critical: '50' });
    expect(settings.venues.binance.overlay).toBe(false);
    expect(settings.venues.okx.walletBalance).toBe('300');
    for (const n of notices) expect(n.message.length).toBeGreaterThan(10);
  });

  it('reset a threshold group whose values are out of order', () => {
    const { settings, notices } = parseSettings({ version: 2, thresholds: { distancePercent: { caution: '3', danger: '5', critical: '1' }, leverage: { caution: '20', danger: '30', critical: '40' } } });
    expect(settings.thresholds.distancePercent).toEqual(DEFAULT_THRESHOLDS.distancePercent);
    expect(settings.thresholds.leverage).toEqual({ caution: '20', danger: '30', critical: '40' });
    expect(notices.map((n) => n.field)).toEqual(['thresholds.distancePercent']);
  });

  it('replace an unreadable whole with the defaults and say so', () => {
    for (const bad of ['settings', 42, [1, 2]]) {
      const { settings, notices } = parseSettings(bad);
      expect(settings).toEqual(defaultSettings());
      expect(notices).toHaveLength(1);
    }
    expect(parseSettings(undefined)).toEqual({ settings: defaultSettings(), notices: [] });
  });

  it('keep the fields a newer version wrote that this one knows', () => {
    const { settings, notices } = parseSettings({ version: 9, theme: 'dark', futureField: 1 });
    expect(settings.theme).toBe('dark');
    expect(notices.map((n) => n.field)).toEqual(['version']);
  });
});

describe('helpers', () => {
  it('compareDecimal agrees with the numeric order', () => {
    const dec = fc.tuple(fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 0, max: 9999 })).map(([i, f]) => (f === 0 ? String(i) : `${i}.${String(f).padStart(4, '0').replace(/0+$/, '')}`));
    fc.assert(
      fc.property(dec, dec, (a, b) => {
        const scaled = (x: string) => BigInt(x.split('.')[0] ?? '0') * 10000n + BigInt((x.split('.')[1] ?? '').padEnd(4, '0') || '0');
        const want = scaled(a) === scaled(b) ? 0 : scaled(a) < scaled(b) ? -1 : 1;
        expect(compareDecimal(a, b)).toBe(want);
      }),
    );
  });

  it('maps engine venues to settings venues', () => {
    expect(settingsVenueFor('binance-usdm')).toBe('binance');
    expect(settingsVenueFor('binance-coinm')).toBe('binance');
    expect(settingsVenueFor('deribit')).toBeNull();
    for (const v of SETTINGS_VENUES) expect(settingsVenueFor(v)).toBe(v);
  });
});
