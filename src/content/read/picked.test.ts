// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../../test/helpers/fixture-dom';
import type { PickerChoice } from '../picker-store';
import { setBody } from '../../../test/helpers/fixture-dom';
import { createPickedReader, describeByText, find } from './picked';
import { readPage, type PageRead } from './pipeline';

/**
 * What the trader pointed at, on a Binance page whose side buttons and order-type tabs the reader
 * does not know: each option's control is found again and the page's own active mark decides, at
 * every read; the size unit the trader set fills only the meaning the page leaves open.
 */

const URL_ = 'https://www.binance.com/en/futures/BTCUSDT';
const FILE = 'binance-usdm/picker-unknown-controls.html';
const SET_AT = Date.parse('2026-12-01T10:00:00Z');

const choice: PickerChoice = {
  version: 1,
  savedAt: SET_AT,
  fields: {},
  options: {
    sides: { long: { tag: 'button', text: '▲' }, short: { tag: 'button', text: '▼' } },
    orderType: { limit: { tag: 'div', text: 'LMT' }, market: { tag: 'div', text: 'MKT' } },
  },
  units: { BTCUSDT: { unit: 'cost', savedAt: SET_AT } },
};

const read = (picker: PickerChoice | null): PageRead => {
  const picked = createPickedReader(picker);
  return readPage({ doc: document, url: new URL(URL_), now: 1 }, { genericConfirmed: () => false, ...(picked ? { picked } : {}) });
};
const tabs = () => [...document.querySelectorAll('.fx-ot')];
function activate(text: string | null) {
  for (const t of tabs()) t.classList.toggle('fx-ot--active', t.textContent === text);
}

describe('controls found by their text', () => {
  it('describes a plain tab by its whole text and finds it again after a re-render, innermost, exactly one', () => {
    setBody('<div class="tabs"><div class="tab active"><span>Limit</span></div><div class="tab"><span>Market</span></div></div><div>Market Trades</div>');
    const market = document.querySelectorAll('.tab')[1] as Element;
    const d = describeByText(market);
    expect(d).toEqual({ tag: 'div', text: 'Market' });
    setBody('<section><div class="tab"><span>Limit</span></div><div class="tab is-active"><span>Market</span></div></section>');
    expect(d && find(document, d)).toBe(document.querySelectorAll('.tab')[1]);
    setBody('<div class="tab">Market</div><div class="tab">Market</div>');
    expect(d && find(document, d)).toBeNull();
    // A field whose text is a number it shows is never described by that text.
    expect(describeByText(document.createElement('div'))).toBeNull();
  });
});

describe('fields the trader pointed at', () => {
  it('without them no order form is found (no control says Buy or Sell); with them the controls show where the form is', () => {
    loadFixture(FILE);
    expect(read(null).kind).toBe('no-form');
    // Saved, but the reader of saved choices not loaded yet: the page is not read, and the reason says why.
    expect(readPage({ doc: document, url: new URL(URL_), now: 1 }, { genericConfirmed: () => false, pending: 'LiqGuard is loading the fields you pointed at on this site' })).toEqual({ kind: 'no-form', reason: 'LiqGuard is loading the fields you pointed at on this site', venue: 'binance' });
    const sidesOnly = read({ version: 1, savedAt: SET_AT, fields: {}, options: { sides: choice.options?.sides ?? {} } });
    expect(sidesOnly.kind).toBe('unreadable');
    expect(sidesOnly.kind === 'unreadable' && sidesOnly.reasons.map((n) => n.field)).toEqual(['orderType', 'price']);
    // The USDT size reads two ways (order value or cost) and the page prints no figure to decide: the background withholds it.
    expect(sidesOnly.kind === 'unreadable' && sidesOnly.snapshot.readings).toMatchObject([{ field: 'quantity', unit: 'cost' }]);
  });

  it('reads the side buttons, the active tab and the size in the unit the trader set, marked as theirs', () => {
    loadFixture(FILE);
    const r = read(choice);
    expect(r.kind).toBe('complete');
    if (r.kind !== 'complete') return;
    const s = r.snapshot;
    // Two order buttons, neither marked: both sides, as with the venue's own Buy and Sell buttons.
    expect(s.sides).toEqual({ ok: true, value: ['long', 'short'], source: 'picker' });
    expect(s.orderType).toEqual({ ok: true, value: 'limit', source: 'picker' });
    expect(s.quantity).toMatchObject({ ok: true, value: { value: '500', unit: 'cost' } });
    expect(s.readings ?? []).toEqual([]);
    expect(s.setByTrader).toEqual([{ field: 'quantityUnit', value: 'cost', savedAt: SET_AT }]);
  });

  it('reads the tab the page marks active at every read, never the one active when the trader pointed', () => {
    loadFixture(FILE);
    activate('MKT');
    // The market form hides its price box: one input left, still the form the pointed controls bound.
    (document.getElementById('fx-price-row') as HTMLElement).hidden = true;
    const market = read({ ...choice, fields: { quantity: { tag: 'input', idPrefix: 'unitAmount-' } } });
    expect(market.kind === 'complete' && market.snapshot.orderType).toEqual({ ok: true, value: 'market', source: 'picker' });
    expect(market.kind === 'complete' && market.snapshot.priceKind).toBe('mark');
    activate(null);
    const none = read(choice);
    expect(none.kind).toBe('unreadable');
    expect(none.kind === 'unreadable' && none.reasons.find((n) => n.field === 'orderType')?.message).toBe('Order type: none of the controls you pointed at (limit, market) is marked active on the page');
    activate('LMT');
    for (const t of tabs()) if (t.textContent === 'MKT') t.classList.add('fx-ot--active');
    const both = read(choice);
    expect(both.kind === 'unreadable' && both.reasons.find((n) => n.field === 'orderType')?.message).toMatch(/marks several of the controls you pointed at active \(limit, market\)/);
  });

  it('reads one side when the side controls are tabs the page marks, and says so when a control is gone', () => {
    loadFixture(FILE);
    const sell = document.querySelector('.fx-sell') as Element;
    const buy = document.querySelector('.fx-buy') as Element;
    buy.setAttribute('aria-pressed', 'false');
    sell.setAttribute('aria-pressed', 'true');
    const r = read(choice);
    expect(r.kind === 'complete' && [r.snapshot.sides, r.snapshot.activeSide]).toEqual([{ ok: true, value: ['short'], source: 'picker' }, 'short']);
    buy.remove();
    sell.remove();
    const gone = read(choice);
    expect(gone.kind === 'unreadable' && gone.reasons.find((n) => n.field === 'sides')?.message).toBe('Side: the controls you pointed at are no longer on the page (point at them again)');
  });

  it('never lets a remembered unit replace one the page shows, and reads the balance where the trader pointed', () => {
    loadFixture('binance-usdm/limit-cross.html');
    const r = read({ ...choice, options: {}, units: { BTCUSDT: { unit: 'cost', savedAt: SET_AT } } });
    expect(r.kind === 'complete' && r.snapshot.quantity).toMatchObject({ ok: true, value: { value: '0.25', unit: 'base' } });
    expect(r.kind === 'complete' && r.snapshot.setByTrader).toBeUndefined();
    // A balance the adapter cannot find: the element the trader pointed at.
    loadFixture(FILE);
    document.querySelector('.fx-avbl')?.replaceWith(Object.assign(document.createElement('p'), { id: 'wallet-free', textContent: '980.5 USDT' }));
    const b = read({ ...choice, balance: { tag: 'p', id: 'wallet-free' } });
    expect(b.kind === 'complete' && b.snapshot.availableBalance).toEqual({ ok: true, value: { value: '980.5', asset: 'USDT' }, raw: '980.5 USDT', source: 'picker' });
  });
});
