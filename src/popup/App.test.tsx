// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';

vi.mock('webextension-polyfill', async () => ({ default: (await import('./fake-browser')).fakeBrowser }));

import { fakeBrowser, resetFakeBrowser } from './fake-browser';
import { installBackend } from './fake-backend';
import { App, parseHash } from './App';

beforeEach(() => {
  resetFakeBrowser();
  installBackend();
});
afterEach(() => cleanup());

describe('popup shell', () => {
  it('has four keyboard-operable tabs with a roving tabindex', async () => {
    render(<App initialHash="#tab=calculator" />);
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual(['This tab', 'Calculator', 'Stress', 'Venues']);
    expect(tabs.map((t) => t.getAttribute('tabindex'))).toEqual(['-1', '0', '-1', '-1']);
    fireEvent.keyDown(tabs[1] as HTMLElement, { key: 'ArrowRight' });
    await waitFor(() => expect(screen.getByRole('tab', { name: 'Stress' }).getAttribute('aria-selected')).toBe('true'));
    expect(document.activeElement?.textContent).toBe('Stress');
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'End' });
    await waitFor(() => expect(screen.getByRole('tab', { name: 'Venues' }).getAttribute('aria-selected')).toBe('true'));
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'ArrowRight' });
    await waitFor(() => expect(screen.getByRole('tab', { name: 'This tab' }).getAttribute('aria-selected')).toBe('true'));
    expect(screen.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe('tab-this-tab');
  });

  it('reads deep links', () => {
    expect(parseHash('#venue=bybit')).toEqual({ tab: 'venues', venue: 'bybit' });
    expect(parseHash('#tab=stress')).toEqual({ tab: 'stress', venue: null });
    expect(parseHash('#venue=<script>')).toEqual({ tab: null, venue: null });
  });

  it('keeps telling what could not be kept after a save replaced the record, until it is forgotten in the options', async () => {
    fakeBrowser.storage.local.data['settings:unkept'] = [
      { at: 1_700_000_000_000, notices: [{ field: 'thresholds.distancePercent.danger', message: 'The danger distance threshold must be a plain number such as 5 or 2.5 (saved: “lots”); it was reset to its default (5 %).' }], stored: '{"version":"2"}' },
    ];
    render(<App initialHash="#tab=calculator" />);
    const notice = await screen.findByTestId('settings-unkept');
    expect(notice.textContent).toMatch(/could not be kept/);
    expect(notice.textContent).toContain('“lots”');
    expect(screen.queryByTestId('settings-notices')).toBeNull();
  });

  it('shows a visible notice when saved settings were corrupt, and applies the theme', async () => {
    fakeBrowser.storage.sync.data.settings = { version: 2, theme: 'dark', region: 'Atlantis' };
    render(<App initialHash="#tab=calculator" />);
    expect((await screen.findByTestId('settings-notices')).textContent).toMatch(/Region was not valid/);
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
  });
});
