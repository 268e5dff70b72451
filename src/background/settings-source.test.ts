import { describe, expect, it } from 'vitest';
import { defaultSettings, SETTINGS_STORAGE_KEY, type Settings } from '../shared/settings';
import { gate } from './test-fakes';
import { createSettingsSource } from './settings-source';

function strict(): Settings {
  const s = defaultSettings();
  s.thresholds.distancePercent = { caution: '40', danger: '30', critical: '20' };
  return s;
}

function syncArea(initial: unknown) {
  const area = { value: initial, reads: 0, fail: false, hold: null as Promise<void> | null };
  const get = async (key: string) => {
    area.reads++;
    expect(key).toBe(SETTINGS_STORAGE_KEY);
    const value = structuredClone(area.value);
    if (area.hold) await area.hold;
    if (area.fail) throw new Error('storage.sync unavailable');
    return value;
  };
  return { area, get };
}

const changed = (value: unknown) => ({ [SETTINGS_STORAGE_KEY]: { newValue: value } });

describe('settings source', () => {
  it('reads storage.sync once, then serves copies no caller can change', async () => {
    const { area, get } = syncArea(strict());
    const source = createSettingsSource(get);
    const first = await source.read();
    first.thresholds.distancePercent.caution = '99';
    const second = await source.read();
    expect(second.thresholds.distancePercent).toEqual({ caution: '40', danger: '30', critical: '20' });
    expect(area.reads).toBe(1);
  });

  it('reads again after storage.onChanged reports the settings key in sync, and only then', async () => {
    const { area, get } = syncArea(defaultSettings());
    const source = createSettingsSource(get);
    await source.read();
    source.changed(changed(strict()), 'local');
    source.changed({ other: { newValue: 1 } }, 'sync');
    await source.read();
    expect(area.reads).toBe(1);
    area.value = strict();
    source.changed(changed(area.value), 'sync');
    expect((await source.read()).thresholds.distancePercent.critical).toBe('20');
    expect(area.reads).toBe(2);
  });

  it('does not keep a read that was in flight when the settings changed', async () => {
    const { area, get } = syncArea(defaultSettings());
    const source = createSettingsSource(get);
    const g = gate();
    area.hold = g.opened;
    const early = source.read(); // read the old value, still on its way back
    area.value = strict();
    source.changed(changed(area.value), 'sync');
    area.hold = null;
    g.open();
    expect((await early).thresholds.distancePercent.critical).not.toBe('20');
    expect((await source.read()).thresholds.distancePercent.critical).toBe('20');
  });

  it('a failed read gives the defaults for that call only; the next call asks storage again', async () => {
    const { area, get } = syncArea(strict());
    const source = createSettingsSource(get);
    area.fail = true;
    expect(await source.read()).toEqual(defaultSettings());
    area.fail = false;
    expect((await source.read()).thresholds.distancePercent.critical).toBe('20');
    expect(area.reads).toBe(2);
  });

  it('a new source (a restarted worker) starts with no copy', async () => {
    const { area, get } = syncArea(defaultSettings());
    await createSettingsSource(get).read();
    area.value = strict(); // changed while no worker ran: no event reaches the next one
    expect((await createSettingsSource(get).read()).thresholds.distancePercent.critical).toBe('20');
    expect(area.reads).toBe(2);
  });
});
