// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { setBody as page } from '../../../test/helpers/fixture-dom';
import { describe as describeEl, resolve, targetControl } from './descriptor';

describe('field descriptors', () => {
  it('keeps stable ids and turns counters into id prefixes', () => {
    page('<input id="orderPrice"><input id="unitAmount-17"><input id=":r4:" name="qty">');
    expect(describeEl(document.getElementById('orderPrice') as Element)).toEqual({ tag: 'input', id: 'orderPrice' });
    expect(describeEl(document.getElementById('unitAmount-17') as Element)).toEqual({ tag: 'input', idPrefix: 'unitAmount-' });
    // A React useId is regenerated on every render: the name is what lasts.
    expect(describeEl(document.getElementById(':r4:') as Element)).toEqual({ tag: 'input', name: 'qty' });
  });

  it('finds the element again after a re-render with a new counter', () => {
    page('<input id="unitAmount-17">');
    const d = describeEl(document.getElementById('unitAmount-17') as Element);
    page('<div><input id="unitAmount-42"></div>');
    expect(d && resolve(document, d)).toBe(document.getElementById('unitAmount-42'));
  });

  it('refuses what would match several elements or nothing stable', () => {
    page('<input data-testid="amount"><input data-testid="amount"><div>plain</div>');
    expect(describeEl(document.querySelector('[data-testid]') as Element)).toBeNull();
    expect(describeEl(document.querySelector('div') as Element)).toBeNull();
    expect(resolve(document, { tag: 'input', testId: 'amount' })).toBeNull();
  });

  it('uses aria-label, placeholder and label text', () => {
    page('<label for="a">Menge</label><input id="a1b2c3d4e5"><input placeholder="Price"><input aria-label="数量">');
    expect(describeEl(document.getElementById('a1b2c3d4e5') as Element)).toBeNull();
    page('<label>Menge <input id="a1b2c3d4e5"></label><input placeholder="Price"><input aria-label="数量">');
    expect(describeEl(document.getElementById('a1b2c3d4e5') as Element)).toEqual({ tag: 'input', label: 'Menge' });
    expect(describeEl(document.querySelector('[placeholder]') as Element)).toEqual({ tag: 'input', placeholder: 'Price' });
    expect(resolve(document, { tag: 'input', ariaLabel: '数量' })).toBe(document.querySelector('[aria-label]'));
  });

  it('resolves a click on a wrapper or label to its control', () => {
    page('<label id="l">Size <input id="s"></label><div class="box"><span id="t">x</span><input id="in"></div><button id="b"><span id="bs">20x</span></button>');
    expect(targetControl(document.getElementById('l') as Element)).toBe(document.getElementById('s'));
    expect(targetControl(document.querySelector('.box') as Element)).toBe(document.getElementById('in'));
    expect(targetControl(document.getElementById('bs') as Element)).toBe(document.getElementById('b'));
  });
});
