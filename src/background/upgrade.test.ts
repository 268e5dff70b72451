import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parsePickerChoice } from '../content/picker-store';
import { parseSettings } from '../shared/settings';
import { afterUpgrade, LAST_VERSION_KEY, upgradeStorage, type LocalArea } from './upgrade';

/** What LiqGuard 0.1.0 left in storage (test/e2e/upgrade/README.md says how it was captured). */
const STORED_BY_010 = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../test/e2e/upgrade/storage-0.1.0.json'), 'utf8')) as {
  sync: Record<string, unknown>;
  local: Record<string, unknown>;
};

function memoryLocal(initial: Record<string, unknown>): LocalArea & { data: Record<string, unknown> } {
  const data = structuredClone(initial);
  return {
    data,
    get: async (keys) => {
      const list = keys === null ? Object.keys(data) : typeof keys === 'string' ? [keys] : keys;
      return structuredClone(Object.fromEntries(list.filter((k) => k in data).map((k) => [k, data[k]])));
    },
    set: async (items) => void Object.assign(data, structuredClone(items)),
  };
}

describe('first run of a new version over what 0.1.0 stored', () => {
  it('marks every fetched market-data copy to be fetched again and leaves everything else as it was', async () => {
    const local = memoryLocal(STORED_BY_010.local);
    const report = await upgradeStorage(local, '0.2.0');
    const fetched = Object.keys(STORED_BY_010.local).filter((k) => /^market\/v1\/(tiers|spec|vol)\//.test(k));
    expect(fetched.length).toBeGreaterThanOrEqual(8);
    expect(report).toEqual({ from: null, to: '0.2.0', revalidated: fetched.length });
    for (const [k, before] of Object.entries(STORED_BY_010.local)) {
      if (fetched.includes(k)) expect(local.data[k], k).toEqual({ ...(before as object), revalidate: true });
      else expect(local.data[k], k).toEqual(before);
    }
    expect(local.data[LAST_VERSION_KEY]).toBe('0.2.0');
  });

  it('runs once per version: later starts only read the version', async () => {
    const local = memoryLocal(STORED_BY_010.local);
    await upgradeStorage(local, '0.2.0');
    const set = vi.spyOn(local, 'set');
    expect(await upgradeStorage(local, '0.2.0')).toBeNull();
    expect(set).not.toHaveBeenCalled();
    expect(await upgradeStorage(local, '0.3.0')).toMatchObject({ from: '0.2.0', to: '0.3.0' });
  });

  it('what the trader set in 0.1.0 reads back unchanged and complete in this version', () => {
    const { settings, notices } = parseSettings(STORED_BY_010.sync.settings);
    expect(notices).toEqual([]);
    expect(settings).toMatchObject({
      thresholds: { distancePercent: { caution: '20', danger: '8', critical: '3' }, leverage: { caution: '12', danger: null, critical: '75' } },
      region: 'EU',
      numberFormat: 'de-DE',
      theme: 'dark',
    });
    expect(settings.venues.okx.overlay).toBe(false);
    expect(settings.venues.mexc.enabled).toBe(false);
    expect(settings.venues.bybit.walletBalance).toBe('2500.5');
    expect(settings.venues.binance.accountMode).toBe('usdm_coinm_classic_wallet');
    expect(parsePickerChoice(STORED_BY_010.local['picker:www.binance.com'])?.fields).toMatchObject({ price: { idPrefix: 'limitPrice-' }, quantity: { idPrefix: 'unitAmount-' } });
  });
});

describe('market lookups wait for the first-run work', () => {
  it('holds every call until the work has settled, and goes on if it failed', async () => {
    let finish!: (ok: boolean) => void;
    const work = new Promise<void>((resolve, reject) => (finish = (ok) => (ok ? resolve() : reject(new Error('storage refused')))));
    const service = { calls: 0, async tierTable(v: string) { this.calls++; return v; } };
    const held = afterUpgrade(service, work);
    const answer = held.tierTable('bybit');
    await new Promise((r) => setTimeout(r, 10));
    expect(service.calls).toBe(0);
    finish(false);
    expect(await answer).toBe('bybit');
    expect(service.calls).toBe(1);
  });
});
