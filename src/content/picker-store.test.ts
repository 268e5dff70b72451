import { describe, expect, it } from 'vitest';
import { describeChoice, listPickerChoices, loadPickerChoice, parsePickerChoice, pickerKey, removePickerChoice, savePickerChoice, type KeyValueStore, type PickerChoice } from './picker-store';

function memoryStore(initial: Record<string, unknown> = {}): KeyValueStore & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = { ...initial };
  return {
    data,
    async get(keys) {
      if (keys === null) return { ...data };
      const list = typeof keys === 'string' ? [keys] : keys;
      return Object.fromEntries(list.filter((k) => k in data).map((k) => [k, data[k]]));
    },
    async set(items) {
      Object.assign(data, items);
    },
    async remove(keys) {
      for (const k of typeof keys === 'string' ? [keys] : keys) delete data[k];
    },
  };
}

const choice: PickerChoice = {
  version: 1,
  savedAt: 1_700_000_000_000,
  fields: { price: { tag: 'input', idPrefix: 'limitPrice-' }, quantity: { tag: 'input', ariaLabel: '数量' }, leverage: { tag: 'button', shows: 'leverage' } },
};

describe('picker store', () => {
  it('saves, loads, lists and removes a choice per host', async () => {
    const store = memoryStore({ 'overlay:ui:bybit': { x: 1 }, unrelated: true });
    await savePickerChoice(store, 'WWW.Binance.com', choice);
    expect(Object.keys(store.data)).toContain('picker:www.binance.com');
    expect(await loadPickerChoice(store, 'www.binance.com')).toEqual(choice);
    store.data['picker:www.okx.com'] = { version: 99 };
    expect(await listPickerChoices(store)).toEqual([
      { hostname: 'www.binance.com', choice },
      { hostname: 'www.okx.com', choice: null },
    ]);
    await removePickerChoice(store, 'www.binance.com');
    expect(await loadPickerChoice(store, 'www.binance.com')).toBeNull();
    expect(store.data.unrelated).toBe(true);
  });

  it('drops anything malformed rather than trusting it', () => {
    expect(parsePickerChoice(null)).toBeNull();
    expect(parsePickerChoice({ version: 1, savedAt: 'x', fields: {} })).toBeNull();
    expect(parsePickerChoice({ version: 1, savedAt: 1, fields: {} })).toBeNull();
    expect(parsePickerChoice({ version: 1, savedAt: 1, fields: { price: { tag: '<script>' } } })).toBeNull();
    expect(parsePickerChoice({ version: 1, savedAt: 1, fields: { price: { tag: 'input', idPrefix: 'a"]', name: 'p' } } })).toEqual({
      version: 1,
      savedAt: 1,
      fields: { price: { tag: 'input', name: 'p' } },
    });
    expect(parsePickerChoice({ version: 1, savedAt: 1, fields: { price: { tag: 'input', name: 'x'.repeat(500) } } })).toBeNull();
    expect(pickerKey('App.Hyperliquid.xyz')).toBe('picker:app.hyperliquid.xyz');
  });

  it('keeps where each option of a choice is, the balance element and the size unit per symbol; never a side or order type itself', () => {
    const full = {
      version: 1,
      savedAt: 5,
      fields: {},
      options: {
        sides: { long: { tag: 'button', text: '▲' }, short: { tag: 'button', text: '▼' }, up: { tag: 'button', text: 'x' } },
        orderType: { limit: { tag: 'div', text: 'LMT' }, market: { tag: 'div' } },
        side: 'long',
        marginMode: 'cross',
      },
      balance: { tag: 'p', id: 'wallet' },
      units: { BTCUSDT: { unit: 'cost', savedAt: 4 }, 'ETH USDT': { unit: 'cost', savedAt: 4 }, SOLUSDT: { unit: 'lots', savedAt: 4 }, XRPUSDT: { unit: 'base', savedAt: 'x' } },
    };
    const parsed = parsePickerChoice(full);
    expect(parsed).toEqual({
      version: 1,
      savedAt: 5,
      fields: {},
      options: { sides: { long: { tag: 'button', text: '▲' }, short: { tag: 'button', text: '▼' } }, orderType: { limit: { tag: 'div', text: 'LMT' } } },
      balance: { tag: 'p', id: 'wallet' },
      units: { BTCUSDT: { unit: 'cost', savedAt: 4 } },
    });
    expect(describeChoice(parsed as PickerChoice)).toBe('side, order type, balance, BTCUSDT size unit: cost (margin)');
    // A choice saved before options existed still loads.
    expect(parsePickerChoice(choice)).toEqual(choice);
    expect(parsePickerChoice({ version: 1, savedAt: 5, units: { BTCUSDT: { unit: 'quote', savedAt: 1 } } })).toEqual({ version: 1, savedAt: 5, fields: {}, units: { BTCUSDT: { unit: 'quote', savedAt: 1 } } });
  });
});
