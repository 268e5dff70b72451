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
    document.getElementById('fx-pane-0')?.setAttribute('hidden', '');
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

describe.each([
  {
    id: 'bybit',
    url: 'https://www.bybit.com/trade/usdt/BTCUSDT',
    venue: 'bybit' as const,
    rows: [
      'BTCUSDT long 0.5 base @63200 mark 65010.3 liq 55186.1 cross 20x margin null',
      'ETHUSDT long 3 base @3400 mark 3456.8 liq 1000.8 cross 10x margin null',
      'ETHUSDT short 1 base @3520 mark 3456.8 liq 1000.8 cross 10x margin null',
    ],
    panel: { wallet: '4000 USDT' },
  },
  {
    id: 'okx',
    url: 'https://www.okx.com/trade-swap/btc-usdt-swap',
    venue: 'okx' as const,
    rows: ['BTC-USDT-SWAP long 30 contracts @63200 mark 65010.3 liq 62066 cross 10x margin 195.03', 'ETH-USDT-SWAP short 50 contracts @3520 mark 3456.8 liq 3854.6 isolated 10x margin 176'],
    panel: { marginBalance: '1121.07 USDT', unrealizedPnl: '521.07 USDT' },
  },
  {
    id: 'bitget',
    url: 'https://www.bitget.com/futures/usdt/BTCUSDT',
    venue: 'bitget' as const,
    rows: ['BTCUSDT long 0.2 base @63200 mark 65010.3 liq 55482.2 cross 20x margin 650.1', 'ETHUSDT short 2 base @3520 mark 3456.8 liq 4400.9 cross 10x margin 691.36'],
    panel: { marginBalance: '1990.56 USDT' },
  },
  {
    id: 'gate',
    url: 'https://www.gate.com/futures/USDT/BTC_USDT',
    venue: 'gate' as const,
    rows: ['BTC_USDT long 2000 contracts @63200 mark 65010.3 liq 56042.3 cross 20x margin 650.1', 'ETH_USDT short 20000 contracts @3520 mark 3456.8 liq 3849.8 isolated 10x margin 704'],
    panel: { wallet: '2200 USDT' },
  },
  {
    id: 'hyperliquid',
    url: 'https://app.hyperliquid.xyz/trade/BTC',
    venue: 'hyperliquid' as const,
    rows: ['BTC long 0.2 base @63200 mark 65010 liq 56689 cross 20x margin 650.1', 'ETH short 3 base @3520 mark 3456.8 liq 3796.1 isolated 10x margin 1056'],
    panel: { wallet: '2500 USDC', unrealizedPnl: '551.8 USDC' },
  },
  {
    id: 'bitmex',
    url: 'https://www.bitmex.com/app/trade/XBTUSD',
    venue: 'bitmex' as const,
    rows: ['XBTUSD long 1500 contracts @63200 mark 65010.5 liq 44646 cross 10x margin 0.0024', 'XBTUSDT short 100000 contracts @66000 mark 65010.5 liq null cross 10x margin 660'],
    panel: { wallet: '0.01 XBT', marginBalance: '0.0107 XBT' },
  },
  {
    id: 'binance-coinm',
    url: 'https://www.binance.com/en/delivery/BTCUSD_PERP',
    venue: 'binance' as const,
    product: 'coinm',
    rows: ['BTCUSD_PERP long 10 contracts @63200 mark 65010.3 liq 48216.5 cross 20x margin 0.00077', 'ETHUSD_PERP short 20 contracts @3520 mark 3456.78 liq null cross 10x margin 0.01157'],
    panel: { wallet: '0.005 BTC' },
  },
])('$id positions list and account panel', ({ id, url, venue, rows: expected, panel, ...rest }) => {
  const product = 'product' in rest ? (rest.product as string) : undefined;
  it('reads every row as the venue shows it, and the panel’s balances', () => {
    const a = read(`account/${id}/positions.html`, url, id, venue, product);
    expectValid(a);
    expect(rows(a).map(brief)).toEqual(expected);
    for (const [field, text] of Object.entries(panel)) {
      const r = a[field as 'wallet' | 'marginBalance' | 'unrealizedPnl'];
      expect(r?.ok && `${r.value.value} ${r.value.asset}`, field).toBe(text);
    }
  });

  it('says the list is behind a closed tab once another tab is chosen', () => {
    loadFixture(`account/${id}/positions.html`);
    const tabs = document.querySelectorAll('[data-fx-account-tab]');
    tabs[0]?.setAttribute('aria-selected', 'false');
    tabs[1]?.setAttribute('aria-selected', 'true');
    document.getElementById('fx-pane-0')?.setAttribute('hidden', '');
    const a = readAccount(document, new URL(url), { venue, spec: ACCOUNT_SPECS[id] as (typeof ACCOUNT_SPECS)[string], ...(product ? { product } : {}) }, NOW);
    expect(a.positions.ok).toBe(false);
    expect(!a.positions.ok && a.positions.reason).toMatch(/behind the closed “Positions\(\d\)” tab/);
  });
});

describe('where a venue hides other symbols', () => {
  it('Bybit: “Show All Positions” off', () => {
    loadFixture('account/bybit/positions.html');
    (document.querySelector('.fx-switch input') as HTMLInputElement).checked = false;
    const a = readAccount(document, new URL('https://www.bybit.com/trade/usdt/BTCUSDT'), { venue: 'bybit', spec: ACCOUNT_SPECS.bybit as (typeof ACCOUNT_SPECS)[string] }, NOW);
    expect(a.positions.ok && a.positions.value.incomplete).toMatch(/“Show All Positions” is off/);
  });

  it('Gate: “Currently Market only” on', () => {
    loadFixture('account/gate/positions.html');
    (document.querySelector('.fx-switch input') as HTMLInputElement).checked = true;
    const a = readAccount(document, new URL('https://www.gate.com/futures/USDT/BTC_USDT'), { venue: 'gate', spec: ACCOUNT_SPECS.gate as (typeof ACCOUNT_SPECS)[string] }, NOW);
    expect(a.positions.ok && a.positions.value.incomplete).toMatch(/“Currently Market only” is on/);
  });
});

describe('a hedge pair without a side on its rows', () => {
  it('is not read from where the liquidation price lies: both legs liquidate together', () => {
    loadFixture('account/bybit/positions.html');
    for (const tag of document.querySelectorAll('.fx-tag')) if (/Long|Short/.test(tag.textContent ?? '')) tag.remove();
    const a = readAccount(document, new URL('https://www.bybit.com/trade/usdt/BTCUSDT'), { venue: 'bybit', spec: ACCOUNT_SPECS.bybit as (typeof ACCOUNT_SPECS)[string] }, NOW);
    const r = a.positions.ok ? a.positions.value.rows : [];
    expect(r[0]).toMatchObject({ ok: true, row: { symbol: 'BTCUSDT', side: 'long', sideFrom: 'liquidation-price' } });
    expect(r.slice(1)).toEqual([
      { ok: false, reason: 'side: a hedge pair, and the row does not show whether it is long or short', symbol: 'ETHUSDT' },
      { ok: false, reason: 'side: a hedge pair, and the row does not show whether it is long or short', symbol: 'ETHUSDT' },
    ]);
  });
});
