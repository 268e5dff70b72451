// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadFixture } from '../../../test/helpers/fixture-dom';
import type { AccountSnapshot } from '../../shared/account-snapshot';
import { ACCOUNT_SPECS } from './venues';
import { EAGER, watchAccount } from './watch';

const page = { venue: 'binance' as const, product: 'usdm', spec: ACCOUNT_SPECS['binance-usdm'] as (typeof ACCOUNT_SPECS)[string] };
let stop: AbortController | null = null;

function watch(): AccountSnapshot[] {
  (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL('https://www.binance.com/en/futures/BTCUSDT');
  const sent: AccountSnapshot[] = [];
  stop = new AbortController();
  watchAccount(window, page, stop.signal, (a) => sent.push(a));
  return sent;
}

/** A panel row as the fixture's: label and value in spans. */
function panelRow(label: string, value: string): HTMLElement {
  const row = document.createElement('div');
  const [l, v] = [document.createElement('span'), document.createElement('span')];
  l.textContent = label;
  v.textContent = value;
  row.append(l, ' ', v);
  return row;
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

  it('reads the account panel where it found it: the page is walked again only when a label is gone or changed, and every 10 s', () => {
    vi.useFakeTimers();
    loadFixture('account/binance-usdm/positions.html');
    const spy = vi.spyOn(document, 'createTreeWalker');
    // Walks of the whole page (the positions list's cells are read on every tick; they are few).
    const walks = { calls: () => spy.mock.calls.filter(([root]) => root === document.body).length };
    const sent = watch();
    expect(walks.calls()).toBe(1);
    expect(sent[0]?.wallet).toMatchObject({ ok: true, value: { value: '5000', asset: 'USDT' } });

    // Figures change where the labels stand: read there, without a walk.
    const [, margin, wallet] = [...document.querySelectorAll('.fx-account-row')] as HTMLElement[] as [HTMLElement, HTMLElement, HTMLElement];
    (wallet.lastElementChild as HTMLElement).textContent = '5,100.00 USDT';
    vi.advanceTimersByTime(1000);
    expect(walks.calls()).toBe(1);
    expect(sent.at(-1)?.wallet).toMatchObject({ ok: true, value: { value: '5100' } });

    // A label replaced by the page: walked for at once.
    wallet.replaceChildren(...panelRow('Wallet Balance', '5,200.00 USDT').childNodes);
    vi.advanceTimersByTime(1000);
    expect(walks.calls()).toBe(2);
    expect(sent.at(-1)?.wallet).toMatchObject({ ok: true, value: { value: '5200' } });

    // A second place showing another wallet balance: seen at the next walk (within 10 s), and the field is then ambiguous.
    margin.after(panelRow('Wallet Balance', '9,999.00 USDT'));
    vi.advanceTimersByTime(3000);
    expect(walks.calls()).toBe(2);
    vi.advanceTimersByTime(7000);
    expect(walks.calls()).toBe(3);
    expect(sent.at(-1)?.wallet).toMatchObject({ ok: false, reason: expect.stringContaining('2 different values') });
  });

  it('reads a page that shows no account less and less often, and again within a second once the trader acts or the tab is shown', () => {
    vi.useFakeTimers();
    loadFixture('binance-usdm/limit-cross.html');
    // One query for the positions tab per read.
    const spy = vi.spyOn(document, 'querySelectorAll');
    const reads = () => spy.mock.calls.filter(([sel]) => sel === '[role="tab"]').length;
    const sent = watch();
    expect(reads()).toBe(1);
    // Once a second while the page may still be filling its account section in.
    vi.advanceTimersByTime(EAGER * 1000);
    expect(reads()).toBe(EAGER + 1);
    // Then every 2, 4, 8, 8, ... s: a minute of a page without an account costs a handful of reads, not 60.
    vi.advanceTimersByTime(60_000);
    const spaced = reads() - (EAGER + 1);
    expect(spaced).toBeGreaterThanOrEqual(6);
    expect(spaced).toBeLessThanOrEqual(9);
    expect(sent).toEqual([]);

    // The trader presses somewhere (places an order, opens the positions tab): read within a second.
    loadFixture('account/binance-usdm/positions.html');
    const before = reads();
    document.body.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    vi.advanceTimersByTime(1000);
    expect(reads()).toBe(before + 1);
    expect(sent).toHaveLength(1);
    // A page that shows an account is read every second.
    vi.advanceTimersByTime(5000);
    expect(reads()).toBe(before + 6);

    // Gone again, and nobody acts: spaced out once more; the tab shown again reads within a second.
    loadFixture('binance-usdm/limit-cross.html');
    vi.advanceTimersByTime(60_000);
    expect(sent.map((a) => a.positions.ok)).toEqual([true, false]);
    loadFixture('account/binance-usdm/positions.html');
    const idle = reads();
    document.dispatchEvent(new Event('visibilitychange'));
    vi.advanceTimersByTime(1000);
    expect(reads()).toBe(idle + 1);
    expect(sent).toHaveLength(3);
  });

  it('still sees an account that appears without the trader acting, within the longest spacing', () => {
    vi.useFakeTimers();
    loadFixture('binance-usdm/limit-cross.html');
    const sent = watch();
    vi.advanceTimersByTime(120_000);
    loadFixture('account/binance-usdm/positions.html');
    vi.advanceTimersByTime(8000);
    expect(sent).toHaveLength(1);
  });
});
