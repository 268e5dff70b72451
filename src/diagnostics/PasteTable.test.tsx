// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PasteTable, type PasteOutcome } from './PasteTable';

const NOW = Date.parse('2026-12-06T11:00:00Z');
const PAGE = '1\t0 - 300,000\t150x\t0.40%\t0\n2\t300,000 - 800,000\t100x\t0.50%\t300';

afterEach(cleanup);

describe('the paste-your-table view', () => {
  it('sends the market, symbol and text, then shows the tiers it kept, rates as percent', async () => {
    const onPaste = vi.fn(
      async (): Promise<PasteOutcome> => ({
        ok: true,
        symbol: 'BTCUSDT',
        tiers: [
          { floor: '0', cap: '300000', maintenanceMarginRate: '0.004', maintenanceAmount: '0', maxLeverage: '150' },
          { floor: '300000', cap: '800000', maintenanceMarginRate: '0.005', maintenanceAmount: '300', maxLeverage: '100' },
        ],
        tables: [],
      }),
    );
    render(<PasteTable tables={[]} onPaste={onPaste} onForget={() => undefined} locale="en-US" nowMs={NOW} />);
    fireEvent.input(screen.getByTestId('paste-symbol'), { target: { value: ' BTCUSDT ' } });
    fireEvent.input(screen.getByTestId('paste-text'), { target: { value: PAGE } });
    fireEvent.submit(screen.getByTestId('paste-submit').closest('form')!);
    await waitFor(() => expect(screen.getByTestId('paste-result').textContent).toContain('Kept as your table for BTCUSDT'));
    expect(onPaste).toHaveBeenCalledWith('binance-usdm', 'BTCUSDT', PAGE);
    const text = screen.getByTestId('paste-result').textContent ?? '';
    expect(text).toContain('300,000 – 800,000');
    expect(text).toContain('0.4%');
    expect(text).toContain('150×');
  });

  it('says why a paste was refused, and that nothing was kept when the background is silent', async () => {
    let reply: PasteOutcome = { ok: false, error: 'Tier 3 is missing: row 3 is numbered 4. Copy the whole table.' };
    render(<PasteTable tables={[]} onPaste={async () => reply} onForget={() => undefined} nowMs={NOW} />);
    fireEvent.input(screen.getByTestId('paste-symbol'), { target: { value: 'BTCUSDT' } });
    fireEvent.input(screen.getByTestId('paste-text'), { target: { value: PAGE } });
    const form = screen.getByTestId('paste-submit').closest('form')!;
    fireEvent.submit(form);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Not used: Tier 3 is missing'));
    reply = { noAnswer: 'no reply within 10 s' };
    fireEvent.submit(form);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('nothing was kept'));
  });

  it('lists kept tables with their date, warns past 30 days, and removes one', () => {
    const onForget = vi.fn();
    render(
      <PasteTable
        tables={[
          { venue: 'binance-usdm', symbol: 'BTCUSDT', pastedAt: '2026-12-01T10:00:00.000Z', tiers: 4, firstRate: '0.004' },
          { venue: 'binance-coinm', symbol: 'BTCUSD_PERP', pastedAt: '2026-10-01T10:00:00.000Z', tiers: 10, firstRate: '0.004' },
        ]}
        onPaste={async () => ({ noAnswer: 'x' })}
        onForget={onForget}
        locale="en-US"
        nowMs={NOW}
      />,
    );
    expect(screen.getByTestId('pasted-binance-usdm-BTCUSDT').textContent).toContain('4 tiers, first rate 0.4%, pasted Dec 1, 2026');
    expect(screen.getByTestId('pasted-binance-usdm-BTCUSDT').textContent).not.toContain('days old');
    expect(screen.getByTestId('pasted-binance-coinm-BTCUSD_PERP').textContent).toContain('⚠ 66 days old');
    fireEvent.click(screen.getByTestId('pasted-binance-coinm-BTCUSD_PERP').querySelector('button')!);
    expect(onForget).toHaveBeenCalledWith('binance-coinm', 'BTCUSD_PERP');
  });
});
