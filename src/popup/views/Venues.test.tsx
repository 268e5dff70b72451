// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../fake-browser')).fakeBrowser }));

import { listVenuePolicies, VERDICT_LABELS } from '../../core/policy/index';
import { resetFakeBrowser } from '../fake-browser';
import { installBackend } from '../fake-backend';
import { App } from '../App';

beforeEach(() => {
  resetFakeBrowser();
  installBackend();
  Element.prototype.scrollIntoView = () => undefined;
});
afterEach(() => cleanup());

describe('Venues view', () => {
  it('lists every venue with its answer, and search narrows the list', async () => {
    render(<App initialHash="#tab=venues" />);
    const list = await screen.findByTestId('venue-list');
    const all = listVenuePolicies();
    expect(list.querySelectorAll(':scope > li')).toHaveLength(all.length);
    for (const v of all) expect(list.querySelector(`[data-venue="${v.id}"] summary`)?.textContent).toContain(VERDICT_LABELS[v.verdict]);
    fireEvent.input(screen.getByLabelText('Search venues'), { target: { value: 'kraken' } });
    await waitFor(() => expect(list.querySelectorAll(':scope > li')).toHaveLength(1));
    fireEvent.input(screen.getByLabelText('Search venues'), { target: { value: 'zzz' } });
    await screen.findByText(/No venue matches/);
  });

  it('opens the deep-linked venue with its rules, account modes and dated sources', async () => {
    render(<App initialHash="#venue=binance-usdm" />);
    const details = await waitFor(() => {
      const d = document.querySelector('details[data-venue="binance"]');
      if (!d) throw new Error('not yet');
      return d;
    });
    expect(details.hasAttribute('open')).toBe(true);
    const text = details.textContent ?? '';
    expect(text).toMatch(/Classic USDⓈ-M \/ COIN-M futures wallet/);
    expect(text).toMatch(/Insurance fund/);
    expect(text).toMatch(/Auto-deleveraging/);
    expect(text).toMatch(/Trigger: Mark price/);
    expect(text).toMatch(/Maximum leverage: 125×/);
    expect(text).toMatch(/(\d{4}-\d{2}-\d{2}|undated) \(\w+\); (high|medium|low) confidence/);
  });
});
