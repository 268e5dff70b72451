// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { accountViewSample } from '../../../test/helpers/account-views';
import { AccountSection } from './Account';

afterEach(cleanup);

describe('popup account section', () => {
  it('lists every position with LiqGuard’s and the venue’s liquidation prices side by side, and the check', () => {
    render(<AccountSection account={accountViewSample()} locale="en-US" />);
    const rows = screen.getByTestId('tab-account').querySelectorAll('tbody tr');
    const row = (i: number) => {
      const r = rows[i] as HTMLElement;
      return [r.getAttribute('data-position'), r.querySelector('[data-liqguard="position-liquidation-price"]')?.textContent, r.querySelector('[data-liqguard="venue-liquidation-price"]')?.textContent, r.querySelector('[data-liqguard="self-check"]')?.textContent ?? null];
    };
    expect([row(0), row(1), row(2)]).toEqual([
      ['BTCUSDT long', '53,947.1', '53,947.05', 'match'],
      ['ETHUSDT short', '4,828.66', '4,950', 'mismatch'],
      ['SOLUSDT short', '164.18', 'none', null],
    ]);
    expect(within(rows[2] as HTMLElement).getByText(/not checked: the venue shows no liquidation price/)).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getAllByRole('cell').map((c) => c.textContent)).toContain('4,732.16');
  });

  it('shows a mismatch as a warning above the list, never folded away, and the wallet and margin ratio with what they mean', () => {
    render(<AccountSection account={accountViewSample()} locale="en-US" />);
    expect(screen.getByTestId('tab-self-check-warnings').textContent).toMatch(/ETHUSDT short: Binance liq\. 4950/);
    expect(screen.getByTestId('tab-account-summary').textContent).toMatch(/Cross wallet 4,400.00 USDT: the wallet balance \(5000 USDT\) less the isolated margin of SOLUSDT short/);
    expect(screen.getByTestId('tab-margin-ratio').textContent).toMatch(/Cross margin ratio 4\.32%, 6\.1% after the long order, 3\.9% after the short order .*100 % is liquidation.*Binance shows 4\.32%/);
  });

  it('says plainly why the positions were not read', () => {
    render(<AccountSection account={accountViewSample({ status: 'not-read', summary: 'Positions not read: the positions list is behind the closed “Positions(4)” tab.', wallet: null, positions: [], marginRatio: null, warnings: [] })} locale="en-US" />);
    expect(screen.getByTestId('tab-account-summary').textContent).toBe('Positions not read: the positions list is behind the closed “Positions(4)” tab.');
    expect(screen.queryByTestId('tab-self-check-warnings')).toBeNull();
  });

  it('offers to stress the account as read, and only an account that was read', () => {
    const onStress = vi.fn();
    render(<AccountSection account={accountViewSample()} locale="en-US" onStress={onStress} />);
    fireEvent.click(screen.getByTestId('tab-stress-account'));
    expect(onStress).toHaveBeenCalledTimes(1);
    cleanup();
    render(<AccountSection account={accountViewSample({ status: 'not-read', positions: [], wallet: null, marginRatio: null, summary: 'Positions not read: the list is behind a closed tab.' })} locale="en-US" onStress={onStress} />);
    expect(screen.queryByTestId('tab-stress-account')).toBeNull();
  });
});
