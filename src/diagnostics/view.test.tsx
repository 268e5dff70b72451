// @vitest-environment happy-dom
import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import type { DiagnosticsRow } from '../background/market/market-data';
import { DiagnosticsView } from './view';

const row = (over: Partial<DiagnosticsRow>): DiagnosticsRow => ({
  venue: 'bybit',
  tierSource: 'live',
  liveEndpoints: ['GET https://api.bybit.com/v5/market/risk-limit'],
  bundled: null,
  lastAttemptAt: '2026-11-22T10:00:00.000Z',
  lastSuccessAt: '2026-11-22T09:00:00.000Z',
  lastError: { at: '2026-11-22T10:00:00.000Z', venue: 'bybit', symbol: 'BTCUSDT', what: 'tiers', kind: 'rate-limited', message: 'The venue is rate-limiting LiqGuard (HTTP 429).', url: null },
  symbols: [{ symbol: 'BTCUSDT', source: 'live', capturedAt: '2026-11-22T09:00:00.000Z', ageDays: '0', ageLevel: 'fresh', lastError: null }],
  unreadable: [],
  note: 'Tier tables are fetched from bybit.',
  ...over,
});

describe('diagnostics view', () => {
  it('says plainly when the background did not answer', () => {
    render(<DiagnosticsView state={{ kind: 'no-answer', detail: 'no reply within 5 s' }} busy={null} onRefresh={() => undefined} />);
    expect(screen.getByRole('alert').textContent).toContain("LiqGuard's background did not answer");
  });

  it('lists source, age, last error and refreshes one venue', () => {
    const onRefresh = vi.fn();
    const rows = [
      row({}),
      row({ venue: 'binance-usdm', tierSource: 'bundled', liveEndpoints: [], lastError: null, bundled: { name: 'binance-usdm', capturedAt: '2024-10-24', symbols: 349, error: null }, symbols: [{ symbol: 'BTCUSDT', source: 'bundled', capturedAt: '2024-10-24', ageDays: '759', ageLevel: 'warning', lastError: null }] }),
    ];
    render(<DiagnosticsView state={{ kind: 'ready', rows, at: '2026-11-22T10:00:00.000Z' }} busy={null} onRefresh={onRefresh} locale="en-US" nowMs={Date.parse('2026-11-22T10:00:00Z')} />);
    expect(screen.getByTestId('diag-row-bybit').textContent).toContain('HTTP 429');
    // Venue display names, never the internal ids.
    expect(screen.getByTestId('diag-row-binance-usdm').querySelector('th')?.textContent).toBe('Binance USDⓈ-M');
    // The bundled table's age before any symbol used it.
    expect(screen.getByTestId('diag-row-binance-usdm').textContent).toContain('Bundled: 349 symbols, captured Oct 24, 2024 (759 days old · very old)');
    expect(screen.getByTestId('diag-row-binance-usdm').textContent).toContain('BTCUSDT: bundled, 759 days old');
    // The button's accessible name starts with its visible text.
    fireEvent.click(screen.getByRole('button', { name: 'Refresh now (Bybit)' }));
    expect(onRefresh).toHaveBeenCalledWith('bybit');
    expect(screen.queryByRole('button', { name: /Binance/ })).toBeNull();
  });

  it('says what it cannot show and shows the rest, even when a value has the wrong type', () => {
    const broken = row({ lastError: { at: 12345 as unknown as string, venue: 'bybit', symbol: 'BTCUSDT', what: 'tiers', kind: 'http', message: 'HTTP 502.', url: null }, lastSuccessAt: null, unreadable: ['The stored last error for okx could not be read and is not shown.'] });
    const { container } = render(<DiagnosticsView state={{ kind: 'ready', rows: [broken, row({ venue: 'okx' })], at: '2026-11-22T10:00:00.000Z' }} busy={null} onRefresh={() => undefined} />);
    expect(container.querySelector('[data-testid="diag-row-okx"]')).not.toBeNull();
    expect(container.querySelector('[data-testid="diag-unreadable-bybit"]')?.textContent).toContain('could not be read');
    expect(container.querySelector('[data-testid="diag-row-bybit"]')?.textContent).toContain('HTTP 502.');
  });
});
