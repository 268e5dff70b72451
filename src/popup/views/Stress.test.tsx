// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../fake-browser')).fakeBrowser }));

import { gapStress } from '../../core/engine/index';
import { fakeBrowser, resetFakeBrowser } from '../fake-browser';
import { installBackend } from '../fake-backend';
import { money } from '../format';
import { FORM_STORAGE_KEY } from '../use-calculator';
import { App } from '../App';

const POSITION = { venue: 'bybit', symbol: 'BTCUSDT', entryPrice: '60000', markPrice: '60000', quantity: '0.5', leverage: '20', takerFeeRate: '0.055', maintenanceMarginRate: '0.5', fundingRate: '0.01', gapPercent: '10', fundingHours: '24' };
const ENGINE_INPUT = { venue: 'bybit', symbol: 'BTCUSDT', contract: 'linear', side: 'long', marginMode: 'isolated', quantityUnit: 'base', entryPrice: '60000', markPrice: '60000', quantity: '0.5', leverage: '20', takerFeeRate: '0.00055', maintenanceMarginRate: '0.005', fundingRate: '0.0001' };

beforeEach(() => {
  resetFakeBrowser();
  Object.defineProperty(navigator, 'language', { value: 'en-US', configurable: true });
  installBackend();
  fakeBrowser.storage.local.data[FORM_STORAGE_KEY] = POSITION;
});
afterEach(() => cleanup());

describe('Stress view', () => {
  it('shows loss and deficit at the slider’s gap, and who carries the deficit on this venue', async () => {
    render(<App initialHash="#tab=stress" />);
    const want = (g: string) => {
      const r = gapStress(ENGINE_INPUT, {}, [g]);
      if (!r.ok || !r.value[0]) throw new Error('fixture');
      return r.value[0];
    };
    await waitFor(() => expect(screen.getByTestId('gap-deficit').textContent).toBe(money(want('10').deficit, 'USDT', 'en-US')));
    expect(screen.getByTestId('gap-loss').textContent).toBe(money(want('10').loss, 'USDT', 'en-US'));
    fireEvent.input(document.getElementById('gapPercent') as HTMLInputElement, { target: { value: '30' } });
    await waitFor(() => expect(screen.getByTestId('gap-deficit').textContent).toBe(money(want('30').deficit, 'USDT', 'en-US')));
    expect(screen.getByTestId('stress-policy').textContent).toMatch(/Who carries a deficit here\?/);
    expect(screen.getByTestId('policy-borne-by').textContent?.length).toBeGreaterThan(10);
    expect(screen.getByTestId('stress-policy').textContent).toMatch(/30% gap/);
    // The policy's sentences in the trader's format: no engine decimals, and "it depends" said once.
    const policy = screen.getByTestId('stress-policy').textContent ?? '';
    expect(policy).not.toMatch(/\d\.\d{5,}/);
    expect(screen.getByTestId('policy-verdict').textContent).toMatch(/^Depends/);
    expect(policy.match(/depends/gi)?.length).toBe(1);
  });

  it('lets the trader answer the policy question for a region', async () => {
    render(<App initialHash="#tab=stress" />);
    await screen.findByTestId('stress-policy');
    fireEvent.change(screen.getByLabelText('Region'), { target: { value: 'EU' } });
    await waitFor(() => {
      const last = fakeBrowser.runtime.sendMessage.mock.calls.at(-1)?.[0] as { type: string; region?: string };
      expect(last.region).toBe('EU');
    });
  });

  it('shows the funding drift for the hours held, and asks for a rate when there is none', async () => {
    render(<App initialHash="#tab=stress" />);
    await waitFor(() => expect(screen.getByTestId('drift-liquidation').textContent).toMatch(/^\d{2},\d{3}/));
    expect(screen.getByTestId('drift-paid').textContent).toBe('9.00 USDT');
    fireEvent.input(screen.getByLabelText('Hours held'), { target: { value: '-3' } });
    await waitFor(() => expect(screen.getByTestId('error-fundingHours').textContent).toMatch(/Hours held: cannot be negative/));
    fireEvent.input(screen.getByLabelText('Hours held'), { target: { value: '9000' } });
    await waitFor(() => expect(screen.getByTestId('error-fundingHours').textContent).toMatch(/at most 8760/));
    fireEvent.input(screen.getByLabelText('Funding rate / interval'), { target: { value: '' } });
    fireEvent.input(screen.getByLabelText('Hours held'), { target: { value: '24' } });
    await screen.findByTestId('drift-needs-rate');
  });

  it('draws the loss chart with a text equivalent listing entry, liquidation and bankruptcy', async () => {
    render(<App initialHash="#tab=stress" />);
    const chart = await screen.findByTestId('loss-chart');
    expect(chart.querySelector('svg path.curve')?.getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+( L[\d.]+,[\d.]+){10,}/);
    expect(chart.querySelector('svg desc')?.textContent).toMatch(/Loss in USDT against price/);
    const rows = [...screen.getByTestId('chart-table').querySelectorAll('tbody th')].map((th) => th.textContent);
    expect(rows).toEqual(expect.arrayContaining(['Entry', 'Liquidation', 'Bankruptcy', 'Gap']));
    expect(document.body.textContent).not.toMatch(/NaN|Infinity|undefined/);
  });
});
