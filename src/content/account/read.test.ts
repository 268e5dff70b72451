// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { loadFixture } from '../../../test/helpers/fixture-dom';
import { accountSnapshotSchema } from '../../shared/message-schemas';
import type { AccountSnapshot, PositionRow } from '../../shared/account-snapshot';
import { readAccount } from './read';
import { ACCOUNT_SPECS } from './venues';

const NOW = 1_700_000_000_000;

function read(file: string, url: string, id: string, venue: AccountSnapshot['venue'], product?: string): AccountSnapshot {
  loadFixture(file);
  return readAccount(document, new URL(url), { venue, spec: ACCOUNT_SPECS[id] as (typeof ACCOUNT_SPECS)[string], ...(product ? { product } : {}) }, NOW);
}

const rows = (a: AccountSnapshot): PositionRow[] => (a.positions.ok ? a.positions.value.rows.flatMap((r) => (r.ok ? [r.row] : [])) : []);
const brief = (r: PositionRow) => `${r.symbol} ${r.side} ${r.size.value} ${r.size.unit} @${r.entryPrice} mark ${r.markPrice} liq ${r.liquidationPrice} ${r.marginMode} ${r.leverage}x margin ${r.margin}`;

/** What the content script sends must pass the background's schema unchanged. */
function expectValid(a: AccountSnapshot) {
  const parsed = v.safeParse(accountSnapshotSchema, JSON.parse(JSON.stringify(a)));
  expect(parsed.issues?.map((i) => `${v.getDotPath(i) ?? ''}: ${i.message}`) ?? []).toEqual([]);
}

describe('Binance USDⓈ-M positions list and account panel', () => {
  const url = 'https://www.binance.com/en/futures/BTCUSDT';
  const binance = (file: string) => read(`account/binance-usdm/${file}`, url, 'binance-usdm', 'binance', 'usdm');

  it('reads every position, cross and isolated, with the venue’s liquidation price', () => {
    const a = binance('positions.html');
    expectValid(a);
    expect(rows(a).map(brief)).toEqual([
      'BTCUSDT long 0.5 base @63200 mark 65010.3 liq 53947.05 cross 20x margin 1625.26',
      'ETHUSDT short 4 base @3520 mark 3456.78 liq 4828.67 cross 10x margin 1382.71',
      'SOLUSDT short 40 base @150 mark 148.2 liq 164.18 isolated 10x margin 600',
      'BNBUSDT long 20 base @600 mark 610 liq 333.03 cross 5x margin 2440',
    ]);
    expect(a.positions.ok && a.positions.value).toMatchObject({ count: 4 });
    expect(a.positions.ok && a.positions.value.incomplete).toBeUndefined();
    expect(a.wallet).toMatchObject({ ok: true, value: { value: '5000', asset: 'USDT' } });
    expect(a.unrealizedPnl).toMatchObject({ ok: true, value: { value: '1430.03', asset: 'USDT' } });
    expect(a.marginRatio).toMatchObject({ ok: true, value: '4.32' });
  });

  it('reads shorts from the minus sign Binance writes', () => {
    expect(rows(binance('positions.html')).map((r) => `${r.side}/${r.sideFrom}`)).toEqual(['long/sign', 'short/sign', 'short/sign', 'long/sign']);
  });

  it('reads an empty list as no positions', () => {
    const a = binance('empty.html');
    expect(a.positions).toMatchObject({ ok: true, value: { rows: [], count: 0 } });
  });

  it('says the list is behind a closed tab', () => {
    loadFixture('account/binance-usdm/positions.html');
    const tabs = document.querySelectorAll('.fx-tabs [role="tab"]');
    tabs[0]?.setAttribute('aria-selected', 'false');
    tabs[1]?.setAttribute('aria-selected', 'true');
    document.getElementById('fx-positions')?.setAttribute('hidden', '');
    const a = readAccount(document, new URL(url), { venue: 'binance', product: 'usdm', spec: ACCOUNT_SPECS['binance-usdm'] as (typeof ACCOUNT_SPECS)[string] }, NOW);
    expect(a.positions).toEqual({ ok: false, reason: 'the positions list is behind the closed “Positions(4)” tab' });
  });

  it('says other symbols are hidden when “Hide Other Symbols” is on', () => {
    loadFixture('account/binance-usdm/positions.html');
    document.querySelector('[name="hideOtherSymbol"]')?.setAttribute('aria-checked', 'true');
    const a = readAccount(document, new URL(url), { venue: 'binance', product: 'usdm', spec: ACCOUNT_SPECS['binance-usdm'] as (typeof ACCOUNT_SPECS)[string] }, NOW);
    expect(a.positions.ok && a.positions.value.incomplete).toMatch(/only this symbol’s positions \(“Hide Other Symbols” is on\)/);
  });

  it('says the list is incomplete when it shows fewer rows than the venue counts, or has another page', () => {
    loadFixture('account/binance-usdm/positions.html');
    document.querySelector('tbody tr')?.remove();
    const spec = { venue: 'binance' as const, product: 'usdm', spec: ACCOUNT_SPECS['binance-usdm'] as (typeof ACCOUNT_SPECS)[string] };
    expect(readAccount(document, new URL(url), spec, NOW).positions).toMatchObject({ ok: true, value: { incomplete: 'the venue counts 4 positions but the list shows 3' } });
    const pager = document.createElement('nav');
    pager.setAttribute('aria-label', 'pagination');
    for (const [label, disabled] of [['previous page', true], ['next page', false]] as const) {
      const b = document.createElement('button');
      b.setAttribute('aria-label', label);
      if (disabled) b.setAttribute('disabled', '');
      pager.append(b);
    }
    document.querySelector('table')?.after(pager);
    expect(readAccount(document, new URL(url), spec, NOW).positions).toMatchObject({ ok: true, value: { incomplete: 'the positions list has more pages than the one shown' } });
  });

  it('leaves out a row it cannot read, with the reason, instead of guessing', () => {
    loadFixture('account/binance-usdm/positions.html');
    const size = document.querySelectorAll('tbody tr')[1]?.querySelectorAll('td')[1];
    if (size) size.textContent = '4.000 ???';
    const a = readAccount(document, new URL(url), { venue: 'binance', product: 'usdm', spec: ACCOUNT_SPECS['binance-usdm'] as (typeof ACCOUNT_SPECS)[string] }, NOW);
    expect(a.positions.ok && a.positions.value.rows[1]).toEqual({ ok: false, reason: 'size: “???” is not a unit LiqGuard can tell', symbol: 'ETHUSDT' });
  });
});
