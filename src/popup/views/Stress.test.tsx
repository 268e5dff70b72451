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
import { parseSettings, SETTINGS_STORAGE_KEY } from '../../shared/settings';
import fc from 'fast-check';
import { lossOrProfit, placeLabels, type PlacedLabel } from './Stress';

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

  it('answers "it depends" with one click on the account mode, remembered for the venue (the options show the same value)', async () => {
    const first = render(<App initialHash="#tab=stress" />);
    const choice = await screen.findByTestId('account-mode-choice');
    expect(screen.getByTestId('policy-verdict').textContent).toMatch(/^Depends/);
    const buttons = [...choice.querySelectorAll('button')];
    expect(buttons.length).toBeGreaterThan(1);
    expect(buttons.every((b) => b.getAttribute('aria-pressed') === 'false')).toBe(true);
    const mode = buttons[0]?.getAttribute('data-mode') ?? '';
    fireEvent.click(buttons[0] as HTMLElement);
    // The answer for that mode: one verdict, the cases and "it depends" gone.
    await waitFor(() => expect(screen.getByTestId('policy-verdict').textContent).not.toMatch(/^Depends/));
    expect(screen.getByTestId('stress-policy').textContent).not.toMatch(/depends/i);
    expect(screen.getByTestId('stress-policy').querySelector('.cases')).toBeNull();
    await screen.findByTestId('account-mode-saved');
    const stored = parseSettings(fakeBrowser.storage.sync.data[SETTINGS_STORAGE_KEY]).settings;
    expect(stored.venues.bybit.accountMode).toBe(mode);
    first.unmount();
    // Next time the popup opens, the venue's answer is already for that mode.
    render(<App initialHash="#tab=stress" />);
    await waitFor(() => expect(screen.getByTestId('account-mode-choice').querySelector('[aria-pressed="true"]')?.getAttribute('data-mode')).toBe(mode));
    expect(screen.getByTestId('policy-verdict').textContent).not.toMatch(/^Depends/);
    // A second click on the chosen mode unsets it.
    fireEvent.click(screen.getByTestId('account-mode-choice').querySelector('[aria-pressed="true"]') as HTMLElement);
    await waitFor(() => expect(parseSettings(fakeBrowser.storage.sync.data[SETTINGS_STORAGE_KEY]).settings.venues.bybit.accountMode).toBeNull());
    await waitFor(() => expect(screen.getByTestId('policy-verdict').textContent).toMatch(/^Depends/));
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
    // A profit is a profit, never a negative loss: in the table and on the axis.
    const cells = [...screen.getByTestId('chart-table').querySelectorAll('tbody td:last-child')].map((td) => td.textContent ?? '');
    expect(cells.some((c) => c.startsWith('profit '))).toBe(true);
    expect(cells.some((c) => c.startsWith('loss '))).toBe(true);
    expect(cells.join(' ')).not.toMatch(/[−-]\d/);
    const texts = [...chart.querySelectorAll('svg text')].map((t) => t.textContent ?? '');
    expect(texts.join(' ')).not.toMatch(/[−-]\d/);
    expect(texts).toEqual(expect.arrayContaining(['loss ↑', 'profit ↓', 'Price (USDT) · loss and profit in USDT']));
    // Chart text is 11 units in a 340-unit-wide drawing shown at least 340 px wide: never under 11 px.
    expect(chart.querySelector('svg')?.getAttribute('font-size')).toBe('11');
    expect(chart.querySelector('svg')?.getAttribute('viewBox')).toMatch(/^0 0 340 /);
  });
});

describe('loss chart labels', () => {
  const overlaps = (a: PlacedLabel, b: PlacedLabel) => a.lane === b.lane && a.left < b.right + 4 && b.left < a.right + 4;

  it('never collide, each touches its own line, and stay inside the plot (property)', () => {
    const names = ['Entry', 'Liquidation', 'Bankruptcy', 'Gap'];
    fc.assert(
      fc.property(fc.array(fc.double({ min: 64, max: 332, noNaN: true }), { minLength: 1, maxLength: 4 }), (xs) => {
        const placed = placeLabels(xs.map((x, i) => ({ key: String(i), label: names[i] ?? 'Mark', x })), 64, 332);
        expect(placed).toHaveLength(xs.length);
        for (const [i, a] of placed.entries()) {
          expect(a.anchor === 'start' ? a.left : a.right).toBeCloseTo(a.x, 6);
          expect(a.right).toBeLessThanOrEqual(332 + 1e-9);
          for (const b of placed.slice(i + 1)) expect(overlaps(a, b), `${a.label} and ${b.label}`).toBe(false);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('at 100× entry, liquidation and bankruptcy sit within a few pixels: three lanes, the gap far away shares the first', () => {
    const placed = placeLabels(
      [
        { key: 'gap', label: 'Gap', x: 80 },
        { key: 'bankruptcy', label: 'Bankruptcy', x: 240 },
        { key: 'liquidation', label: 'Liquidation', x: 243 },
        { key: 'entry', label: 'Entry', x: 247 },
      ],
      64,
      332,
    );
    expect(Object.fromEntries(placed.map((p) => [p.key, p.lane]))).toEqual({ gap: 0, bankruptcy: 0, liquidation: 1, entry: 2 });
  });

  it('a loss reads as a loss and a profit as a profit, from the engine’s decimal strings', () => {
    expect(lossOrProfit('1234.5', 'USDT', 'en-US')).toBe('loss 1,234.50 USDT');
    expect(lossOrProfit('-48514.8212', null, 'de-DE')).toBe('profit 48.514,82');
    expect(lossOrProfit('0', null, 'en-US')).toBe('0.00');
    expect(lossOrProfit(undefined, null, 'en-US')).toBe('—');
  });
});
