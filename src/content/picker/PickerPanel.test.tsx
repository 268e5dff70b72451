// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/preact';
import { setBody } from '../../../test/helpers/fixture-dom';
import { userInput } from '../../../test/helpers/trusted-events';
import type { PickerChoice } from '../picker-store';
import { mergeChoice, PickerPanel, type PickerPanelOptions } from './PickerPanel';

const prev: PickerChoice = {
  version: 1,
  savedAt: 1,
  fields: { price: { tag: 'input', id: 'price' } },
  options: { marginMode: { cross: { tag: 'button', text: 'Cross' } } },
  units: { ETHUSDT: { unit: 'base', savedAt: 1 } },
};

describe('merging what the trader pointed at', () => {
  it('keeps what was saved, replaces a choice’s options as a whole, and dates a unit', () => {
    const sides = mergeChoice(prev, 'sides', { long: { tag: 'button', text: '▲' } }, 9);
    expect(sides).toEqual({ ...prev, savedAt: 9, options: { marginMode: prev.options?.marginMode, sides: { long: { tag: 'button', text: '▲' } } } });
    const unit = mergeChoice(sides, 'unit', {}, 10, { symbol: 'BTCUSDT', unit: 'cost' });
    expect(unit.units).toEqual({ ETHUSDT: { unit: 'base', savedAt: 1 }, BTCUSDT: { unit: 'cost', savedAt: 10 } });
    expect(mergeChoice(null, 'basic', { quantity: { tag: 'input', name: 'qty' } }, 3)).toEqual({ version: 1, savedAt: 3, fields: { quantity: { tag: 'input', name: 'qty' } } });
    expect(mergeChoice(prev, 'balance', { balance: { tag: 'p', id: 'avbl' } }, 4).balance).toEqual({ tag: 'p', id: 'avbl' });
  });
});

describe('the picker panel', () => {
  beforeEach(userInput);
  afterEach(cleanup);

  function panel(over: Partial<PickerPanelOptions> = {}) {
    setBody('<div class="tabs"><div class="tab active">Lmt</div><div class="tab">Mkt</div></div>');
    const ctrl = new AbortController();
    let own: Element | null = null;
    const options: PickerPanelOptions = {
      doc: document,
      // The panel's own buttons are LiqGuard's, as the overlay's closed root is in the extension.
      isOwn: (t) => t instanceof Node && !!own?.contains(t),
      signal: ctrl.signal,
      missing: ['orderType'],
      symbol: () => 'BTCUSDT',
      choice: null,
      trusted: () => true,
      onHover: vi.fn(),
      onPointing: vi.fn(),
      onSave: vi.fn(),
      onClose: vi.fn(),
      now: () => 42,
      ...over,
    };
    own = document.createElement('div');
    document.body.append(own);
    const r = render(<PickerPanel options={options} />, { container: own });
    const action = (name: string) => r.container.querySelector(`[data-liqguard-action="${name}"]`) as HTMLElement;
    return { r, options, action, ctrl };
  }

  it('lists what the page did not give, points at each option of a choice, and saves where they are', () => {
    const { r, options, action } = panel();
    expect(r.container.textContent).toContain('Not read on this page: order type.');
    fireEvent.click(action('pick-orderType'));
    expect(options.onPointing).toHaveBeenLastCalledWith(true);
    expect(r.container.textContent).toContain('Click the Limit tab (1 of 2)');
    const [limit, market] = [...document.querySelectorAll('.tab')];
    fireEvent.click(limit as Element);
    expect(r.container.textContent).toContain('Click the Market tab (2 of 2)');
    fireEvent.click(market as Element);
    expect(options.onPointing).toHaveBeenLastCalledWith(false);
    expect(options.onSave).toHaveBeenCalledWith({ version: 1, savedAt: 42, fields: {}, options: { orderType: { limit: { tag: 'div', text: 'Lmt' }, market: { tag: 'div', text: 'Mkt' } } } });
    // The page's tab was never switched: the clicks went to LiqGuard.
    expect(market?.className).toBe('tab');
    expect(action('pick-orderType').textContent).toBe('Order type ✓');
  });

  it('sets what the size box means for this symbol, and starts with price, size and leverage when there is no form', () => {
    const { options, action } = panel();
    fireEvent.click(action('unit-cost'));
    expect(options.onSave).toHaveBeenCalledWith({ version: 1, savedAt: 42, fields: {}, units: { BTCUSDT: { unit: 'cost', savedAt: 42 } } });
    expect(action('unit-cost').getAttribute('aria-pressed')).toBe('true');
    cleanup();
    const noForm = panel({ missing: ['form'] });
    expect(noForm.r.container.textContent).toContain('Click the price field (1 of 3)');
    fireEvent.click(noForm.action('cancel'));
    expect(noForm.options.onClose).toHaveBeenCalled();
  });

  it('ignores a page script’s clicks on its buttons', () => {
    const { options, action } = panel({ trusted: () => false });
    fireEvent.click(action('unit-cost'));
    fireEvent.click(action('pick-done'));
    expect(options.onSave).not.toHaveBeenCalled();
    expect(options.onClose).not.toHaveBeenCalled();
  });
});
