// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { formSnapshotSchema } from '../../shared/message-schemas';
import { describe as describeField } from '../picker/descriptor';
import type { PickerChoice } from '../picker-store';
import { createPickedReader } from '../read/picked';
import { readPage, type ReadOptions } from '../read/pipeline';
import { loadFixture } from '../../../test/helpers/fixture-dom';
import { guessInstrument } from './reader';

// A Binance URL no route knows (a redesign): the adapter steps aside and the generic reader reads.
const URL_ = 'https://www.binance.com/en/futures/v2/BTCUSDT';
/** The reader's options with the trader's saved choice, as the content script hands them over once its on-demand reader is loaded. */
const withChoice = (picker: PickerChoice | null, confirmed = false): ReadOptions => {
  const picked = picker ? createPickedReader(picker) : null;
  return { genericConfirmed: () => confirmed, ...(picked ? { picked } : {}) };
};
const read = (picker: PickerChoice | null = null, confirmed = false) => readPage({ doc: document, url: new URL(URL_), now: 1 }, withChoice(picker, confirmed));

describe('generic reader', () => {
  it.each(['en', 'zh', 'ru', 'es', 'tr', 'ko', 'ja', 'de', 'fr', 'pt', 'vi'])('reads a form labelled in %s', (lang) => {
    loadFixture(`generic/lang-${lang}.html`);
    const r = read();
    const reasons = r.kind === 'unreadable' ? r.reasons.map((n) => n.message).join(' | ') : '';
    expect(r.kind, reasons).toBe('complete');
    if (r.kind !== 'complete') return;
    const s = r.snapshot;
    expect(s.venue).toBe('binance');
    expect(s.confidence).toBe('generic-high');
    expect(s.symbol).toMatchObject({ ok: true, value: 'BTCUSDT' });
    expect(s.price).toMatchObject({ ok: true, value: '65000.5' });
    expect(s.quantity).toMatchObject({ ok: true, value: { value: '0.25', unit: 'base' } });
    expect(s.leverage).toMatchObject({ ok: true, value: '20' });
    expect(s.marginMode).toMatchObject({ ok: true, value: 'cross' });
    expect(s.orderType).toMatchObject({ ok: true, value: 'limit' });
    expect(s.sides).toMatchObject({ ok: true, value: ['long', 'short'] });
    expect(v.safeParse(formSnapshotSchema, JSON.parse(JSON.stringify(s))).issues).toBeUndefined();
  });

  it('asks the trader to confirm when the page has two size fields, and lists what it found', () => {
    loadFixture('generic/two-forms.html');
    const r = read();
    expect(r.kind).toBe('confirm');
    if (r.kind !== 'confirm') return;
    expect(r.snapshot.confidence).toBe('generic-low');
    expect(r.found.find((n) => n.code === 'several-forms')?.message).toMatch(/2 size fields/);
    expect(r.found.find((n) => n.field === 'quantity')?.message).toMatch(/0\.25 BTC/);
    expect(r.elements.quantity).toBe(document.getElementById('g-size'));
    // After the one-click confirmation the same read goes through.
    expect(read(null, true).kind).toBe('complete');
  });

  it('finds nothing on a form without labels, and reads it from the fields the trader pointed at', () => {
    loadFixture('generic/no-labels.html');
    expect(read().kind).toBe('no-form');
    const fields: PickerChoice['fields'] = {};
    for (const [field, el] of [['price', document.getElementById('fld-7')], ['quantity', document.getElementById('fld-8')], ['leverage', document.querySelector('.fx-lev')]] as const) {
      const d = el ? describeField(el) : null;
      expect(d, field).not.toBeNull();
      if (d) fields[field] = d;
    }
    expect(fields.leverage).toEqual({ tag: 'span', shows: 'leverage' });
    const r = read({ version: 1, savedAt: 1, fields });
    const reasons = r.kind === 'unreadable' ? r.reasons.map((n) => n.message).join(' | ') : '';
    expect(r.kind, reasons).toBe('complete');
    if (r.kind !== 'complete') return;
    expect(r.snapshot.confidence).toBe('picker');
    expect(r.snapshot.price).toMatchObject({ ok: true, value: '65000.5', source: 'picker' });
    expect(r.snapshot.quantity).toMatchObject({ ok: true, value: { value: '0.25', unit: 'base' }, source: 'picker' });
    expect(r.snapshot.leverage).toMatchObject({ ok: true, value: '20', source: 'picker' });
    expect(r.snapshot.marginMode).toMatchObject({ ok: true, value: 'cross' });
  });

  it('says so when a field the trader pointed at is gone', () => {
    loadFixture('generic/no-labels.html');
    const r = read({ version: 1, savedAt: 1, fields: { price: { tag: 'input', id: 'gone-price' }, quantity: { tag: 'input', id: 'fld-8' }, leverage: { tag: 'span', shows: 'leverage' } } });
    expect(r.kind).toBe('unreadable');
    if (r.kind === 'unreadable') expect(r.reasons.find((n) => n.field === 'price')?.message).toMatch(/no longer on the page/);
  });

  it('fills only the fields an adapter could not read', () => {
    loadFixture('binance-usdm/broken-no-leverage.html');
    const lev = document.createElement('span');
    lev.id = 'my-leverage-display';
    lev.textContent = '25x';
    document.body.append(lev);
    const r = readPage(
      { doc: document, url: new URL('https://www.binance.com/en/futures/BTCUSDT'), now: 1 },
      withChoice({ version: 1, savedAt: 1, fields: { leverage: { tag: 'span', id: 'my-leverage-display' }, price: { tag: 'input', id: 'nope' } } }),
    );
    expect(r.kind).toBe('complete');
    if (r.kind !== 'complete') return;
    expect(r.snapshot.leverage).toMatchObject({ ok: true, value: '25', source: 'picker' });
    // The adapter read the price itself; a stale picked price does not override it.
    expect(r.snapshot.price).toMatchObject({ ok: true, value: '65000.5' });
    expect(r.snapshot.confidence).toBe('adapter');
  });

  it('guesses the symbol from the URL or the title, and leaves "USD" contracts undecided', () => {
    document.title = 'ETH-USDT-SWAP 3,000.1';
    expect(guessInstrument(new URL('https://x.example/trade/whatever'), document).symbol).toMatchObject({ ok: true, value: 'ETH-USDT-SWAP' });
    expect(guessInstrument(new URL('https://x.example/trade/SOL_USDC'), document).contract).toMatchObject({ ok: true, value: 'linear' });
    expect(guessInstrument(new URL('https://x.example/trade/XBTUSD'), document).contract.ok).toBe(false);
    document.title = 'Trade';
    expect(guessInstrument(new URL('https://x.example/trade'), document).symbol.ok).toBe(false);
  });
});
