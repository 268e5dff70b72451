// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../popup/fake-browser')).fakeBrowser }));

import { fakeBrowser, resetFakeBrowser } from '../popup/fake-browser';
import { parseSettings } from '../shared/settings';
import { Options } from './Options';

beforeEach(() => {
  resetFakeBrowser();
  Object.defineProperty(navigator, 'language', { value: 'en-US', configurable: true });
});
afterEach(() => cleanup());

const stored = () => parseSettings(fakeBrowser.storage.sync.data.settings).settings;
const field = (id: string) => document.getElementById(id) as HTMLInputElement;
const type = (id: string, value: string) => fireEvent.input(field(id), { target: { value } });
const errorOf = (id: string) => document.getElementById(`${id}-error`)?.textContent ?? '';

describe('Options page', () => {
  it('saves a valid threshold change to storage.sync in the current schema', async () => {
    render(<Options />);
    await screen.findByText('Warning thresholds');
    type('distance.caution', '20');
    await waitFor(() => expect(stored().thresholds.distancePercent.caution).toBe('20'));
    expect((fakeBrowser.storage.sync.data.settings as { version: number }).version).toBe(2);
    expect(screen.getByTestId('options-status').textContent).toBe('Saved.');
  });

  it('shows every threshold validation message next to its field and saves nothing', async () => {
    render(<Options />);
    await screen.findByText('Warning thresholds');
    const cases: [string, string, RegExp][] = [
      ['distance.caution', '', /Enter a distance in percent/],
      ['distance.caution', 'abc', /is not a number/],
      ['distance.caution', '2000', /must be at most 1000 %/],
      ['leverage.caution', '0.5', /must be at least 1x/],
      ['leverage.caution', '5000', /must be at most 1000x/],
      ['leverage.caution', '-3', /cannot be negative/],
      ['distance.danger', '50', /danger distance \(50 %\) must not be larger than the caution distance/],
      ['leverage.critical', '20', /critical leverage \(20x\) must not be lower than the danger leverage/],
      ['wallet.okx', '1,23,4', /Wallet balance: /],
    ];
    for (const [id, value, message] of cases) {
      const before = JSON.stringify(fakeBrowser.storage.sync.data.settings ?? null);
      type(id, value);
      await waitFor(() => expect(errorOf(id)).toMatch(message));
      expect(screen.getByTestId('options-status').textContent).toMatch(/Not saved/);
      expect(JSON.stringify(fakeBrowser.storage.sync.data.settings ?? null)).toBe(before);
      // Put a valid value back before the next case.
      type(id, { 'distance.caution': '15', 'distance.danger': '5', 'leverage.caution': '10', 'leverage.critical': '75', 'wallet.okx': '' }[id] ?? '');
      await waitFor(() => expect(errorOf(id)).toBe(''));
    }
  });

  it('turns a leverage level off when emptied', async () => {
    render(<Options />);
    await screen.findByText('Warning thresholds');
    type('leverage.danger', '');
    await waitFor(() => expect(stored().thresholds.leverage.danger).toBeNull());
  });

  it('shows a notice for corrupt saved values, keeps the rest, and stores the repair on request', async () => {
    fakeBrowser.storage.sync.data.settings = { version: 2, theme: 'dark', region: 'Mars', venues: { bybit: { overlay: false } } };
    render(<Options />);
    expect((await screen.findByTestId('options-notices')).textContent).toMatch(/Region was not valid/);
    expect((document.getElementById('theme') as HTMLSelectElement).value).toBe('dark');
    fireEvent.click(screen.getByRole('button', { name: 'Store the repaired settings' }));
    await waitFor(() => expect((fakeBrowser.storage.sync.data.settings as { region: string }).region).toBe('unknown'));
    expect(stored().venues.bybit.overlay).toBe(false);
  });

  it('a record with a mistyped version keeps its thresholds; what was lost is set aside on the next save and listed until forgotten', async () => {
    const original = { version: '2', thresholds: { distancePercent: { caution: '30', danger: 'lots', critical: '3' }, leverage: { caution: '5', danger: null, critical: '50' } }, theme: 'dark' };
    fakeBrowser.storage.sync.data.settings = structuredClone(original);
    render(<Options />);
    expect((await screen.findByTestId('options-notices')).textContent).toMatch(/danger distance threshold .*“lots”/);
    expect(field('distance.caution').value).toBe('30');
    expect(field('leverage.critical').value).toBe('50');
    // An unrelated change saves the whole page.
    fireEvent.change(document.getElementById('region') as HTMLSelectElement, { target: { value: 'EU' } });
    await waitFor(() => expect(stored().region).toBe('EU'));
    expect(stored().thresholds.distancePercent).toEqual({ caution: '30', danger: '5', critical: '3' });
    expect(stored().thresholds.leverage).toEqual({ caution: '5', danger: null, critical: '50' });
    // The loss is not permanent: the record as it was is set aside and listed.
    const unkept = await screen.findByTestId('options-unkept');
    expect(unkept.textContent).toContain('“lots”');
    expect(JSON.parse(unkept.querySelector('pre')?.textContent ?? 'null')).toEqual(original);
    expect(screen.queryByTestId('options-notices')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'I have read these: forget them' }));
    await waitFor(() => expect(screen.queryByTestId('options-unkept')).toBeNull());
    expect(fakeBrowser.storage.local.data['settings:unkept']).toBeUndefined();
  });

  it('sets region, number format, theme, per-venue switches, account mode and wallet', async () => {
    render(<Options />);
    await screen.findByText('Warning thresholds');
    fireEvent.change(document.getElementById('region') as HTMLSelectElement, { target: { value: 'EU' } });
    await waitFor(() => expect(stored().region).toBe('EU'));
    fireEvent.change(document.getElementById('numberFormat') as HTMLSelectElement, { target: { value: 'de-DE' } });
    await waitFor(() => expect(stored().numberFormat).toBe('de-DE'));
    fireEvent.click(screen.getByLabelText('Overlay on Bybit'));
    await waitFor(() => expect(stored().venues.bybit.overlay).toBe(false));
    fireEvent.click(screen.getByLabelText('LiqGuard on OKX'));
    await waitFor(() => expect(stored().venues.okx.enabled).toBe(false));
    fireEvent.change(screen.getByLabelText('Account mode at Binance'), { target: { value: 'portfolio_margin_unified_account' } });
    await waitFor(() => expect(stored().venues.binance.accountMode).toBe('portfolio_margin_unified_account'));
    // German number format: the wallet is typed with a decimal comma.
    type('wallet.gate', '1.500,25');
    await waitFor(() => expect(stored().venues.gate.walletBalance).toBe('1500.25'));
    expect(screen.getByRole('link', { name: 'Market data: sources, age and errors' }).getAttribute('href')).toBe('../diagnostics/index.html');
  });

  it('lists the saved field-picker choices and removes one', async () => {
    fakeBrowser.storage.local.data['picker:www.example-dex.com'] = { version: 1, savedAt: 1_700_000_000_000, fields: { price: { tag: 'input', id: 'px' }, quantity: { tag: 'input', name: 'qty' } } };
    fakeBrowser.storage.local.data['picker:broken.example'] = 'garbage';
    render(<Options />);
    const list = await screen.findByTestId('pickers');
    expect(list.textContent).toMatch(/www\.example-dex\.com: price, size/);
    expect(list.textContent).toMatch(/broken\.example: unreadable entry/);
    fireEvent.click(screen.getByRole('button', { name: 'Remove www.example-dex.com' }));
    await waitFor(() => expect(screen.getByTestId('pickers').textContent).not.toMatch(/example-dex/));
    expect(fakeBrowser.storage.local.data['picker:www.example-dex.com']).toBeUndefined();
  });
});
