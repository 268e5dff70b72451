// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/preact';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../fake-browser')).fakeBrowser }));

import type { TabState } from '../../shared/overlay-state';
import { fakeBrowser, resetFakeBrowser } from '../fake-browser';
import { installBackend } from '../fake-backend';
import { App } from '../App';

const tab: TabState = {
  tabId: 7,
  seq: 3,
  updatedAt: Date.parse('2026-11-22T12:00:00Z'),
  snapshot: {
    venue: 'binance',
    url: 'https://www.binance.com/en/futures/BTCUSDT',
    symbol: { ok: true, value: 'BTCUSDT', source: 'selector:symbol' },
    contract: { ok: true, value: 'linear', source: 'page' },
    sides: { ok: true, value: ['long', 'short'], source: 'selector:buttons' },
    orderType: { ok: true, value: 'limit', source: 'selector:tab' },
    price: { ok: true, value: '60000', source: 'selector:price' },
    quantity: { ok: true, value: { value: '0.5', unit: 'base', label: 'BTC' }, source: 'selector:qty' },
    leverage: { ok: false, reason: 'The leverage button shows "--", not a number.' },
    marginMode: { ok: true, value: 'cross', source: 'picker' },
    confidence: 'adapter',
    readAt: 1,
  },
  state: {
    kind: 'assessed',
    venue: 'Binance USDⓈ-M',
    symbol: 'BTCUSDT',
    sides: [
      {
        side: 'long',
        liquidationPrice: '57228.9',
        bankruptcyPrice: '57000',
        markPrice: '60000',
        distancePrice: '2771.1',
        distancePercent: '4.62',
        severity: 'danger',
        severityReasons: ['Liquidation is 4.62 % away from the mark (danger at 5 % or less).'],
        lossAtLiquidation: '1444.6',
        marginAtRisk: { amount: '1500', scope: 'position' },
        currency: 'USDT',
        notional: '30000',
        initialMargin: '1500',
        maintenanceMargin: '120',
        assumptions: [{ code: 'mark-price-trigger', message: 'Liquidation is triggered by the mark price.' }],
        warnings: [],
      },
    ],
    policy: { verdict: 'depends', headline: 'It depends on your Binance account mode.', reasons: '', venueId: 'binance', caveats: [] },
    table: { source: 'bundled', capturedAt: '2026-11-01', ageDays: 21 },
    assumptions: [],
    warnings: [],
  },
};

beforeEach(() => {
  resetFakeBrowser();
  Object.defineProperty(navigator, 'language', { value: 'en-US', configurable: true });
});
afterEach(() => cleanup());

describe('This tab view', () => {
  it('shows the background’s assessment for the active tab and every form field as read or why not', async () => {
    installBackend({ tab });
    render(<App initialHash="" />);
    await screen.findByTestId('tab-state');
    expect(fakeBrowser.runtime.sendMessage).toHaveBeenCalledWith({ type: 'tab/state', tabId: 7 });
    expect(screen.getByTestId('tab-severity-long').textContent).toMatch(/Danger/);
    expect(screen.getByText('57,228.9 USDT')).toBeTruthy();
    expect(screen.getByText('1,444.60 USDT')).toBeTruthy();
    const snap = screen.getByTestId('tab-snapshot').textContent ?? '';
    expect(snap).toMatch(/SymbolBTCUSDT/);
    expect(snap).toMatch(/Quantity0.5 BTC/);
    expect(snap).toMatch(/Side\(s\)long and short/);
    expect(snap).toMatch(/LeverageNot read: The leverage button shows "--", not a number\./);
    expect(snap).toMatch(/from the field you picked/);
    expect(screen.getByRole('link', { name: 'Venue rules and sources' }).getAttribute('href')).toBe('#venue=binance');
    expect(document.body.textContent).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('labels the distance by where the engine measured it from: the mark, or the order’s own price', async () => {
    installBackend({ tab });
    render(<App initialHash="" />);
    await screen.findByTestId('tab-state');
    const dd = (label: string) => screen.getByText(label).nextElementSibling?.textContent;
    // A long moves down to its liquidation price.
    expect(dd('Distance from mark')).toBe('−4.62% (−2,771.1 USDT)');
    cleanup();

    if (tab.state.kind !== 'assessed') throw new Error('fixture');
    const fromFill: TabState = { ...tab, state: { ...tab.state, sides: tab.state.sides.map((s) => ({ ...s, distanceFrom: 'fill' as const })) } };
    installBackend({ tab: fromFill });
    render(<App initialHash="" />);
    await screen.findByTestId('tab-state');
    expect(dd('Distance from your price')).toBe('−4.62% (−2,771.1 USDT)');
    expect(screen.queryByText('Distance from mark')).toBeNull();
  });

  it('switches to the calculator when this tab is not a venue page', async () => {
    installBackend({ tab: null });
    render(<App initialHash="" />);
    await waitFor(() => expect(screen.getByRole('tab', { name: 'Calculator' }).getAttribute('aria-selected')).toBe('true'));
  });

  it('says so when the background does not answer', async () => {
    fakeBrowser.runtime.sendMessage.mockResolvedValue(undefined);
    render(<App initialHash="#tab=this-tab" />);
    expect((await screen.findByTestId('tab-unavailable')).textContent).toMatch(/does not handle this message yet/);
  });
});
