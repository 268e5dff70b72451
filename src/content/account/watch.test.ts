// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadFixture } from '../../../test/helpers/fixture-dom';
import type { AccountSnapshot } from '../../shared/account-snapshot';
import { ACCOUNT_SPECS } from './venues';
import { watchAccount } from './watch';

const page = { venue: 'binance' as const, product: 'usdm', spec: ACCOUNT_SPECS['binance-usdm'] as (typeof ACCOUNT_SPECS)[string] };
let stop: AbortController | null = null;

function watch(): AccountSnapshot[] {
  (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL('https://www.binance.com/en/futures/BTCUSDT');
  const sent: AccountSnapshot[] = [];
  stop = new AbortController();
  watchAccount(window, page, stop.signal, (a) => sent.push(a));
  return sent;
}

afterEach(() => {
  stop?.abort();
  vi.useRealTimers();
});

describe('watchAccount', () => {
  it('sends the first read at once, then only reads that differ, at most once a second', () => {
    vi.useFakeTimers();
    loadFixture('account/binance-usdm/positions.html');
    const sent = watch();
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(3000);
    expect(sent).toHaveLength(1);
    const mark = document.querySelector('[data-fx-mark]') as HTMLElement;
    mark.textContent = '65,020.10';
    mark.textContent = '65,030.10';
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(2);
    expect(sent[1]?.positions.ok && sent[1].positions.value.rows[0]).toMatchObject({ ok: true, row: { markPrice: '65030.1' } });
  });

  it('sends nothing from a page that shows no account, and reads nothing while the tab is hidden', () => {
    vi.useFakeTimers();
    loadFixture('binance-usdm/limit-cross.html');
    const sent = watch();
    vi.advanceTimersByTime(2000);
    expect(sent).toEqual([]);

    loadFixture('account/binance-usdm/positions.html');
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    vi.advanceTimersByTime(2000);
    expect(sent).toEqual([]);
    visibility.mockReturnValue('visible');
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(1);
  });

  it('tells the background once when the account it showed is gone', () => {
    vi.useFakeTimers();
    loadFixture('account/binance-usdm/positions.html');
    const sent = watch();
    loadFixture('binance-usdm/limit-cross.html');
    vi.advanceTimersByTime(3000);
    expect(sent.map((a) => a.positions.ok)).toEqual([true, false]);
  });
});
