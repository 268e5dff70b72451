// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/preact';
import { SelfCheckTally } from './self-checks';

afterEach(cleanup);

describe('self-check tally', () => {
  it('shows matches and mismatches per venue', () => {
    render(<SelfCheckTally counts={{ 'binance-usdm': { match: 4, mismatch: 1 }, bybit: { match: 0, mismatch: 0 } }} />);
    expect(screen.getByTestId('diag-self-check-binance-usdm').textContent).toBe('binance-usdm41');
    expect(screen.queryByTestId('diag-self-check-bybit')).toBeNull();
  });

  it('says when nothing was checked yet, or the background did not answer', () => {
    render(<SelfCheckTally counts={{}} />);
    expect(screen.getByTestId('diag-self-checks-none').textContent).toMatch(/No position has been checked yet/);
    cleanup();
    render(<SelfCheckTally counts={null} />);
    expect(screen.getByTestId('diag-self-checks-none').textContent).toMatch(/did not answer/);
  });
});
