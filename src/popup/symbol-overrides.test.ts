import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', async () => ({ default: (await import('./fake-browser')).fakeBrowser }));

import { fakeBrowser, resetFakeBrowser } from './fake-browser';
import { readOverride, rememberOverride, SYMBOL_OVERRIDES_KEY } from './symbol-overrides';

beforeEach(resetFakeBrowser);

describe('values typed for a symbol without market data', () => {
  it('are remembered per venue and symbol, and forgotten with an empty record', async () => {
    await rememberOverride('mexc', 'btc_usdt', { maintenanceMarginRate: '0.4', contractSize: '0.0001' });
    expect(await readOverride('mexc', 'BTC_USDT')).toEqual({ maintenanceMarginRate: '0.4', contractSize: '0.0001' });
    expect(await readOverride('bitget', 'BTC_USDT')).toBeNull();
    await rememberOverride('mexc', 'BTC_USDT', {});
    expect(await readOverride('mexc', 'BTC_USDT')).toBeNull();
  });

  it('keep only plain decimals within bounds, from the trader or from corrupt storage', async () => {
    await rememberOverride('okx', 'ETH-USDT-SWAP', { maintenanceMarginRate: '150', contractSize: '-1' });
    expect(await readOverride('okx', 'ETH-USDT-SWAP')).toBeNull();
    fakeBrowser.storage.local.data[SYMBOL_OVERRIDES_KEY] = { 'okx:ETH-USDT-SWAP': { maintenanceMarginRate: 'NaN', contractSize: '1e3' }, 'okx:BTC-USDT-SWAP': { maintenanceMarginRate: '0.4', contractSize: { x: 1 } } };
    expect(await readOverride('okx', 'ETH-USDT-SWAP')).toBeNull();
    expect(await readOverride('okx', 'BTC-USDT-SWAP')).toEqual({ maintenanceMarginRate: '0.4' });
    fakeBrowser.storage.local.data[SYMBOL_OVERRIDES_KEY] = ['not', 'a', 'record'];
    expect(await readOverride('okx', 'BTC-USDT-SWAP')).toBeNull();
    await rememberOverride('okx', 'BTC-USDT-SWAP', { contractSize: '0.01' });
    expect(await readOverride('okx', 'BTC-USDT-SWAP')).toEqual({ contractSize: '0.01' });
  });

  it('keep the 50 newest symbols', async () => {
    for (let i = 0; i < 55; i++) await rememberOverride('gate', `S${i}_USDT`, { maintenanceMarginRate: '0.5' }, 1_000 + i);
    const stored = fakeBrowser.storage.local.data[SYMBOL_OVERRIDES_KEY] as Record<string, unknown>;
    expect(Object.keys(stored)).toHaveLength(50);
    expect(await readOverride('gate', 'S0_USDT')).toBeNull();
    expect(await readOverride('gate', 'S54_USDT')).toEqual({ maintenanceMarginRate: '0.5' });
  });
});
