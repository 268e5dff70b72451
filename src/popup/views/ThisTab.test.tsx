// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../fake-browser')).fakeBrowser }));

import type { SideFigures, TabState } from '../../shared/overlay-state';
import { fakeBrowser, resetFakeBrowser } from '../fake-browser';
import { installBackend } from '../fake-backend';
import { App } from '../App';
import { inThePopup } from './ThisTab';

const tab: TabState = {
  tabId: 7,
  seq: 3,
  updatedAt: Date.parse('2026-11-22T12:00:00Z'),
  snapshot: {
    venue: 'binance',
    url: 'https://www.binance.com/en/futures/BTCUSDT',
    symbol: { ok: true, value: 'BTCUSDT', source: 'selector:symbol' },
    contract: { ok: true, value: 'linear', source: 'page' },
    sides: { ok: true, value: ['long', 'short'], source: 'selector:buttons' },
    orderType: { ok: true, value: 'limit', source: 'selector:tab' },
    price: { ok: true, value: '60000', source: 'selector:price' },
    quantity: { ok: true, value: { value: '0.5', unit: 'base', label: 'BTC' }, source: 'selector:qty' },
    leverage: { ok: false, reason: 'The leverage button shows "--", not a number.' },
    marginMode: { ok: true, value: 'cross', source: 'picker' },
    confidence: 'adapter',
    readAt: 1,
  },
  state: {
    kind: 'assessed',
    venue: 'Binance USDⓈ-M',
    symbol: 'BTCUSDT',
    sides: [
      {
        side: 'long',
        liquidationPrice: '57228.9',
        bankruptcyPrice: '57000',
        markPrice: '60000',
        distancePrice: '2771.1',
        distancePercent: '4.62',
        severity: 'danger',
        severityReasons: ['Liquidation is 4.62 % away from the mark (danger at 5 % or less).'],
        lossAtLiquidation: '1444.6',
        marginAtRisk: { amount: '1500', scope: 'position' },
        currency: 'USDT',
        notional: '30000',
        initialMargin: '1500',
        maintenanceMargin: '120',
        assumptions: [{ code: 'mark-price-trigger', message: 'Liquidation is triggered by the mark price.' }],
        warnings: [],
      },
    ],
    policy: { verdict: 'depends', headline: 'It depends on your Binance account mode.', reasons: '', venueId: 'binance', caveats: [] },
    table: { source: 'bundled', capturedAt: '2026-11-01', ageDays: 21 },
    assumptions: [],
    warnings: [],
  },
};

beforeEach(() => {
  resetFakeBrowser();
  Object.defineProperty(navigator, 'language', { value: 'en-US', configurable: true });
});
afterEach(() => cleanup());

describe('This tab view', () => {
  it('shows the background’s assessment for the active tab and every form field as read or why not', async () => {
    installBackend({ tab });
    render(<App initialHash="" />);
    await screen.findByTestId('tab-state');
    expect(fakeBrowser.runtime.sendMessage).toHaveBeenCalledWith({ type: 'tab/state', tabId: 7 });
    expect(screen.getByTestId('tab-severity-long').textContent).toMatch(/Danger/);
    expect(screen.getByText('57,228.9 USDT')).toBeTruthy();
    expect(screen.getByText('1,444.60 USDT')).toBeTruthy();
    const snap = screen.getByTestId('tab-snapshot').textContent ?? '';
    expect(snap).toMatch(/SymbolBTCUSDT/);
    expect(snap).toMatch(/Quantity0.5 BTC/);
    expect(snap).toMatch(/Side\(s\)long and short/);
    expect(snap).toMatch(/LeverageNot read: The leverage button shows "--", not a number\./);
    expect(snap).toMatch(/from where you pointed/);
    expect(screen.getByRole('link', { name: 'Venue rules and sources' }).getAttribute('href')).toBe('#venue=binance');
    expect(document.body.textContent).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('labels the distance by where the engine measured it from: the mark, or the order’s own price', async () => {
    installBackend({ tab });
    render(<App initialHash="" />);
    await screen.findByTestId('tab-state');
    const dd = (label: string) => screen.getByText(label).nextElementSibling?.textContent;
    // A long moves down to its liquidation price.
    expect(dd('Distance from mark')).toBe('−4.62% (−2,771.1 USDT)');
    cleanup();

    if (tab.state.kind !== 'assessed') throw new Error('fixture');
    const fromFill: TabState = { ...tab, state: { ...tab.state, sides: tab.state.sides.map((s) => ({ ...s, distanceFrom: 'fill' as const })) } };
    installBackend({ tab: fromFill });
    render(<App initialHash="" />);
    await screen.findByTestId('tab-state');
    expect(dd('Distance from your price')).toBe('−4.62% (−2,771.1 USDT)');
    expect(screen.queryByText('Distance from mark')).toBeNull();
  });

  it('lists every check of the page’s own figures with its result, and the venue’s estimate beside LiqGuard’s', async () => {
    if (tab.state.kind !== 'assessed') throw new Error('fixture');
    const long = tab.state.sides[0] as SideFigures;
    const checked: TabState = {
      ...tab,
      state: {
        ...tab.state,
        sides: [{ ...long, venueEstimate: { venue: 'Bitget', price: '57200.1', gap: '28.8', gapPercent: '0.0503', matches: true } }],
        checks: [
          { code: 'symbol', fields: ['symbol'], result: 'agrees', message: 'The URL’s BTCUSDT is the page header’s “BTCUSDT”.' },
          { code: 'cost', fields: ['quantity', 'price', 'leverage'], side: 'long', result: 'agrees', message: 'The size 0.5 BTC at 60,000 and 20x need 1,500 USDT of margin; the page’s cost 1,500.00 USDT agrees.' },
          { code: 'max-open', fields: ['leverage'], side: 'long', result: 'unchecked', message: 'The page shows no available balance in USDT.' },
          { code: 'venue-liquidation', fields: ['quantity'], side: 'long', result: 'agrees', message: 'LiqGuard’s liquidation price 57,228.9 matches Bitget’s estimate 57,200.1.' },
        ],
      },
    };
    installBackend({ tab: checked });
    render(<App initialHash="" />);
    const list = await screen.findByTestId('tab-checks');
    expect(list.querySelector('summary')?.textContent).toBe('The page’s own figures (3 agree, 1 not checked)');
    const items = [...list.querySelectorAll('li')].map((li) => [li.getAttribute('data-code'), li.getAttribute('data-result'), li.textContent]);
    expect(items.map(([code, result]) => `${code}:${result}`)).toEqual(['symbol:agrees', 'cost:agrees', 'max-open:unchecked', 'venue-liquidation:agrees']);
    expect(items[1]?.[2]).toMatch(/^✓ Cost \/ margin \(long\): agrees\. The size 0\.5 BTC/);
    expect(items[2]?.[2]).toMatch(/^– Maximum size \(long\): not checked\./);
    expect(screen.getByTestId('tab-estimate-long').textContent).toBe('57,200.1 USDT: matches Bitget’s estimate');
    cleanup();

    // A gap the two models cannot explain away: both figures, the gap signed in words, and the list opens itself.
    const differs: TabState = {
      ...checked,
      state: {
        ...(checked.state as Extract<TabState['state'], { kind: 'assessed' }>),
        sides: [{ ...long, venueEstimate: { venue: 'Bitget', price: '56900', gap: '328.9', gapPercent: '0.578', matches: false } }],
        checks: [{ code: 'venue-liquidation', fields: ['quantity'], side: 'long', result: 'disagrees', message: 'LiqGuard’s liquidation price 57,228.9 and Bitget’s estimate 56,900 differ by 328.9 (0.58 %).' }],
      },
    };
    installBackend({ tab: differs });
    render(<App initialHash="" />);
    const open = await screen.findByTestId('tab-checks');
    expect(open.hasAttribute('open')).toBe(true);
    expect(open.querySelector('li')?.textContent).toMatch(/^✗ Venue’s liquidation estimate \(long\): disagrees\./);
    expect(screen.getByTestId('tab-estimate-long').textContent).toBe('56,900 USDT: LiqGuard’s is 328.9 USDT higher (0.578%)');
  });

  it('a withheld figure says the page contradicts the read, names both sides and lists the checks; a page with nothing to compare says so', async () => {
    const withheld: TabState = {
      ...tab,
      state: {
        kind: 'unreadable',
        withheld: true,
        reasons: [{ code: 'contradicted', field: 'quantity', message: 'Size: read as 9,746 BTC, but the page’s cost 25,000 USDT bears out 9.746 BTC.' }],
        checks: [{ code: 'cost', fields: ['quantity', 'price', 'leverage'], side: 'long', result: 'disagrees', message: 'The size 9,746 BTC at 65,000 and 100x need 6,334,900 USDT of margin; the page’s cost 25,000 USDT does not.' }],
      },
    };
    installBackend({ tab: withheld });
    render(<App initialHash="" />);
    expect((await screen.findByTestId('tab-unreadable')).textContent).toMatch(/^No figure: the page’s own figures contradict what LiqGuard read.*Size: read as 9,746 BTC, but the page’s cost 25,000 USDT/);
    expect(screen.getByTestId('tab-checks').querySelector('li')?.getAttribute('data-result')).toBe('disagrees');
    expect(screen.queryByText(/57,228/)).toBeNull();
    cleanup();

    installBackend({ tab });
    render(<App initialHash="" />);
    expect((await screen.findByTestId('tab-checks-none')).textContent).toMatch(/nothing here is corroborated by the page/);
    expect(screen.getByTestId('tab-checks').querySelector('summary')?.textContent).toBe('The page’s own figures (none to compare)');
  });

  it('no maintenance rate for the symbol: a field for it, remembered per symbol, and the calculator opened prefilled with the order and the rate', async () => {
    const noTable: TabState = {
      ...tab,
      snapshot: { ...tab.snapshot, leverage: { ok: true, value: '20', source: 'selector:leverage' } },
      state: { kind: 'unreadable', reasons: [{ code: 'market-data', field: 'tiers', message: 'Maintenance margin rate: LiqGuard has no tier table for BTCUSDT.' }] },
    };
    installBackend({ tab: noTable });
    const first = render(<App initialHash="" />);
    const fix = await screen.findByTestId('tab-fix');
    expect(fix.textContent).toMatch(/no maintenance margin rate for BTCUSDT/);
    const rate = screen.getByLabelText('Maintenance margin rate') as HTMLInputElement;
    fireEvent.input(rate, { target: { value: '150' } });
    fireEvent.click(screen.getByTestId('fix-open-calculator'));
    expect((await screen.findByTestId('error-fix-maintenanceMarginRate')).textContent).toMatch(/below 100/);
    expect(screen.getByRole('tab', { name: 'This tab' }).getAttribute('aria-selected')).toBe('true');
    fireEvent.input(rate, { target: { value: '0.4' } });
    fireEvent.click(screen.getByTestId('fix-open-calculator'));
    await waitFor(() => expect(screen.getByRole('tab', { name: 'Calculator' }).getAttribute('aria-selected')).toBe('true'));
    // The page's order and the typed rate, in the calculator's own fields.
    expect((screen.getByLabelText('Symbol') as HTMLInputElement).value).toBe('BTCUSDT');
    expect((screen.getByLabelText('Entry price') as HTMLInputElement).value).toBe('60000');
    expect((document.getElementById('maintenanceMarginRate') as HTMLInputElement).value).toBe('0.4');
    await waitFor(() => expect(fakeBrowser.storage.local.data['calc:symbolOverrides']).toMatchObject({ 'binance-usdm:BTCUSDT': { maintenanceMarginRate: '0.4' } }));
    first.unmount();
    // Next time: the field comes back filled for that symbol.
    render(<App initialHash="#tab=this-tab" />);
    await waitFor(() => expect((screen.getByLabelText('Maintenance margin rate') as HTMLInputElement).value).toBe('0.4'));
  });

  it('shows the overlay’s no-figure state for a venue page it could not read: why, what to do, what it read, never "not a supported page"', async () => {
    const snapshot = { ...tab.snapshot, url: 'https://www.okx.com/trade-swap/btc-usdt-swap', venue: 'okx' as const, symbol: { ok: true as const, value: 'BTC-USDT-SWAP', source: 'selector:symbol' as const } };
    installBackend({
      tab: null,
      unread: {
        tabId: 7,
        url: snapshot.url,
        venue: 'okx',
        updatedAt: tab.updatedAt,
        state: { kind: 'unreadable', reasons: [{ code: 'unreadable', field: 'sides', message: 'Side: no Buy/Long or Sell/Short control found' }, { code: 'unreadable', field: 'leverage', message: 'Leverage: no leverage control found' }] },
        snapshot,
      },
    });
    render(<App initialHash="" />);
    const view = await screen.findByTestId('tab-no-figure');
    // It stays on This tab: the page is a venue's order page.
    expect(screen.getByRole('tab', { name: 'This tab' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByTestId('tab-no-figure-head').textContent).toBe('OKX BTC-USDT-SWAP: no figure on this page');
    expect(screen.getByTestId('tab-unreadable').textContent).toMatch(/Side: no Buy\/Long or Sell\/Short control found.*Leverage: no leverage control found/);
    expect(screen.getByTestId('tab-what-to-do').textContent).toMatch(/Point at the fields.*point at the side \(Buy\/Long or Sell\/Short\), the leverage\./);
    expect(view.textContent).not.toMatch(/not a supported/);
    expect(screen.getByTestId('tab-snapshot').textContent).toMatch(/LeverageNot read: The leverage button shows/);
    expect(screen.getByTestId('fix-open-calculator').textContent).toBe('Open in the calculator, prefilled');
  });

  it('names no order form found, and offers the calculator', async () => {
    installBackend({ tab: null, unread: { tabId: 7, url: 'https://www.bybit.com/trade/usdt/BTCUSDT', venue: 'bybit', updatedAt: tab.updatedAt, state: { kind: 'unreadable', reasons: [{ code: 'no-form', field: 'form', message: 'LiqGuard could not find an order form on this page' }] } } });
    render(<App initialHash="" />);
    await screen.findByTestId('tab-no-figure');
    expect(screen.getByTestId('tab-no-figure-head').textContent).toBe('Bybit: no figure on this page');
    expect(screen.getByTestId('tab-what-to-do').textContent).toMatch(/If this page has an order form/);
    expect(screen.getByTestId('fix-open-calculator').textContent).toBe('Open the calculator');
    expect(screen.queryByTestId('tab-snapshot')).toBeNull();
  });

  it('no maintenance rate: "Use on this page" remembers the rate for the overlay, without leaving This tab', async () => {
    const noTable: TabState = { ...tab, state: { kind: 'unreadable', reasons: [{ code: 'missing-tier-data', field: 'tiers', message: 'Maintenance margin: no usable maintenance-margin tier table for BTCUSDT.' }] } };
    installBackend({ tab: noTable });
    render(<App initialHash="" />);
    await screen.findByTestId('tab-fix');
    expect(screen.getByTestId('fix-open-calculator').textContent).toBe('Open in the calculator, prefilled');
    fireEvent.click(screen.getByTestId('fix-use'));
    expect((await screen.findByTestId('error-fix-maintenanceMarginRate')).textContent).toMatch(/enter it first/);
    fireEvent.input(screen.getByLabelText('Maintenance margin rate'), { target: { value: '0.5' } });
    fireEvent.click(screen.getByTestId('fix-use'));
    await waitFor(() => expect(screen.getByTestId('fix-saved').textContent).toMatch(/^Saved for BTCUSDT: the overlay on the page now uses it, labelled as yours/));
    expect(fakeBrowser.storage.local.data['calc:symbolOverrides']).toMatchObject({ 'binance-usdm:BTCUSDT': { maintenanceMarginRate: '0.5' } });
    expect(screen.getByRole('tab', { name: 'This tab' }).getAttribute('aria-selected')).toBe('true');
  });

  it('figures that rest on a typed rate say so before any figure, once, and the rate can be changed or forgotten', async () => {
    const typedNote = { code: 'typed-maintenance-rate', field: 'tiers', message: 'Maintenance rate 0.5 % typed by you (2026-12-01), not the venue’s table, which could not be had (HTTP 404). One rate for every size: a large position may fall in a higher tier. Change it in LiqGuard’s popup.' };
    const withTyped: TabState = { ...tab, state: { ...tab.state, table: null, warnings: [typedNote] } as TabState['state'] };
    fakeBrowser.storage.local.data['calc:symbolOverrides'] = { 'binance-usdm:BTCUSDT': { maintenanceMarginRate: '0.5', savedAt: 1 } };
    installBackend({ tab: withTyped });
    render(<App initialHash="" />);
    const notice = await screen.findByTestId('tab-typed');
    expect(notice.textContent).toMatch(/^Maintenance rate 0\.5% typed by you \(2026-12-01\), not the venue’s table/);
    // In the popup the form to change it is right below, not somewhere else.
    expect(notice.textContent).toMatch(/a large position may fall in a higher tier\. Change it below\.$/);
    expect(document.body.textContent).not.toMatch(/LiqGuard’s popup/);
    expect(inThePopup('No table. Enter the maintenance rate from the venue’s risk-limit page in LiqGuard’s popup (This tab) to get a liquidation price.')).toBe(
      'No table. Enter the maintenance rate from the venue’s risk-limit page in the form below to get a liquidation price.',
    );
    // Before the figures, and not repeated among the warnings below them.
    expect(notice.compareDocumentPosition(screen.getByText('Liquidation price')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.queryByTestId('tab-warnings')?.textContent ?? '').not.toMatch(/typed by you/);
    await waitFor(() => expect((screen.getByLabelText('Maintenance margin rate') as HTMLInputElement).value).toBe('0.5'));
    fireEvent.click(screen.getByTestId('fix-forget'));
    await waitFor(() => expect(fakeBrowser.storage.local.data['calc:symbolOverrides']).toEqual({}));
  });

  it('switches to the calculator when this tab is not a venue page', async () => {
    installBackend({ tab: null });
    render(<App initialHash="" />);
    await waitFor(() => expect(screen.getByRole('tab', { name: 'Calculator' }).getAttribute('aria-selected')).toBe('true'));
  });

  it('says so when the background does not answer', async () => {
    fakeBrowser.runtime.sendMessage.mockResolvedValue(undefined);
    render(<App initialHash="#tab=this-tab" />);
    expect((await screen.findByTestId('tab-unavailable')).textContent).toMatch(/does not handle this message yet/);
  });
});
