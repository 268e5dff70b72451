// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { setBody } from '../../../test/helpers/fixture-dom';
import { classifyUnit, isSelected, leverageIn, readChoice, marginModeOf, type PageContext } from './fields';
import { LANGS } from './vocab';

const page: PageContext = { langs: LANGS, numbers: { decimal: '.', source: 'page-numbers' } };

describe('field readers', () => {
  it.each([
    ['20x', '20'],
    ['20.00x', '20'],
    ['Cross 20x', '20'],
    ['x125', '125'],
    ['全仓 10X', '10'],
    ['20×', '20'],
    ['12.5x', '12.5'],
    // Both cases of the Latin and the Cyrillic x, as the case-insensitive pattern this one replaced read them.
    ['X20', '20'],
    ['Плечо 25х', '25'],
    ['Плечо 25Х', '25'],
    ['Х50', '50'],
  ])('leverage in %j is %s', (text, value) => {
    expect(leverageIn(text)).toBe(value);
  });

  it.each(['Max 100', 'Maximum 20', '0x', 'BTCUSDT', '1000x', 'Box 5', 'x', 'BOX 5', '20XL', '20Хорошо'])('%j shows no leverage', (text) => {
    expect(leverageIn(text)).toBeNull();
  });

  it('classifies unit labels, and refuses what could be two units', () => {
    const btc = { base: 'BTC', quote: 'USDT' };
    expect(classifyUnit('BTC ▾', btc, LANGS)).toBe('base');
    expect(classifyUnit('USDT', btc, LANGS)).toBe('quote');
    expect(classifyUnit('Cont', btc, LANGS)).toBe('contracts');
    expect(classifyUnit('张', btc, LANGS)).toBe('contracts');
    expect(classifyUnit('%', btc, LANGS)).toBe('percent');
    expect(classifyUnit('BTC / USDT', btc, LANGS)).toBeNull();
    expect(classifyUnit('ETH', btc, LANGS)).toBeNull();
    expect(classifyUnit('', btc, LANGS)).toBeNull();
  });

  it('knows what a page marks as selected', () => {
    setBody('<div id="a" aria-selected="true"></div><div id="b" class="tab inactive"></div><div id="c" class="okui-tabs-pane-spacing-active"></div><div id="d" data-state="on"></div><input id="e" type="radio" checked>');
    expect(['a', 'b', 'c', 'd', 'e'].map((id) => isSelected(document.getElementById(id) as Element))).toEqual([true, false, true, true, true]);
  });

  it('reads the selected choice of a segmented control, and fails when both are marked', () => {
    setBody('<form id="f"><div role="radio" aria-checked="false">Cross</div><div role="radio" aria-checked="true">Isolated</div></form>');
    const anchors = [{ css: '[role="radio"]', seen: 'unverified', source: 'test' }];
    const form = document.getElementById('f') as Element;
    expect(readChoice(form, anchors, 'margin mode', (el) => marginModeOf(el, LANGS), page)).toMatchObject({ ok: true, value: 'isolated' });
    form.querySelector('[aria-checked="false"]')?.setAttribute('aria-checked', 'true');
    expect(readChoice(form, anchors, 'margin mode', (el) => marginModeOf(el, LANGS), page)).toMatchObject({ ok: false, reason: expect.stringMatching(/both/) });
  });
});
