// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../fake-browser')).fakeBrowser }));

import { assess } from '../../core/engine/index';
import { fakeBrowser, resetFakeBrowser } from '../fake-browser';
import { installBackend, offlineMarket } from '../fake-backend';
import { exact, money, price } from '../format';
import { percent as percentOf } from '../../ui/format';
import { FORM_STORAGE_KEY } from '../use-calculator';
import { App } from '../App';

const LOCALE = 'en-US';

beforeEach(() => {
  resetFakeBrowser();
  Object.defineProperty(navigator, 'language', { value: LOCALE, configurable: true });
  installBackend();
});
afterEach(() => cleanup());

async function openCalculator(saved?: Record<string, unknown>) {
  if (saved) fakeBrowser.storage.local.data[FORM_STORAGE_KEY] = saved;
  render(<App initialHash="#tab=calculator" />);
  await screen.findByLabelText('Entry price');
}

const input = (label: string) => screen.getByLabelText(label, { selector: 'input[type=text], select' });
const type = (label: string, value: string) => fireEvent.input(input(label), { target: { value } });
const POSITION = { venue: 'binance-usdm', symbol: 'BTCUSDT', entryPrice: '60000', markPrice: '60500', quantity: '0.5', leverage: '20', takerFeeRate: '0.05', maintenanceMarginRate: '0.4' };

describe('Calculator view', () => {
  it('shows the engine’s figures for the typed position, each citing its assumptions', async () => {
    await openCalculator(POSITION);
    const want = assess({ ...POSITION, side: 'long', marginMode: 'isolated', quantityUnit: 'base', contract: 'linear', takerFeeRate: '0.0005', maintenanceMarginRate: '0.004' }, { now: '2026-11-22T12:00:00Z' });
    if (!want.ok) throw new Error('fixture should assess');
    const a = want.assessment;
    await waitFor(() => expect(screen.getByTestId('fig-liquidation').textContent).toBe(exact(a.display.liquidationPrice, LOCALE)));
    expect(screen.getByTestId('fig-bankruptcy').textContent).toBe(exact(a.display.bankruptcyPrice, LOCALE));
    expect(screen.getByTestId('fig-loss').textContent).toBe(money(a.lossAtLiquidation, 'USDT', LOCALE));
    expect(screen.getByTestId('fig-initial-margin').textContent).toBe(money(a.initialMargin, 'USDT', LOCALE));
    expect(screen.getByTestId('calc-severity').dataset.level).toBe(a.severity.level);
    // Touch probability comes with the volatility the (fake) market data had.
    expect(screen.getByTestId('fig-touch').textContent).toMatch(/%$/);
    // Every figure row cites numbered assumptions as plain text (no Tab stop per number); the list is folded behind one toggle.
    for (const row of document.querySelectorAll('.figure')) {
      expect(row.querySelector('.refs')?.textContent).toMatch(/^ \(assumes \d+(, \d+)*\)$/);
      expect(row.querySelector('.refs a')).toBeNull();
    }
    const list = screen.getByTestId('calc-assumptions');
    expect(list.tagName.toLowerCase()).toBe('details');
    expect(list.querySelector('summary')?.textContent).toMatch(/^Assumptions \(\d+\)$/);
    // The one-line answer sits above the form and follows it.
    expect(screen.getByTestId('calc-strip').textContent).toContain(`Liq. ${exact(a.display.liquidationPrice, LOCALE)} USDT`);
    expect(screen.getByTestId('calc-strip').textContent).toMatch(/−\d+(\.\d+)?% from your price$/);
    expect(document.body.textContent).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('labels the distance by where the engine measured it from, signed the way the price must move', async () => {
    const opts = { side: 'long', marginMode: 'isolated', quantityUnit: 'base', contract: 'linear', takerFeeRate: '0.0005', maintenanceMarginRate: '0.004' } as const;
    for (const [markPrice, label, from] of [
      // A long that buys below the mark fills nearer its liquidation price: measured from its own price.
      ['60500', 'Distance from your price', 'fill'],
      ['59000', 'Distance from mark', 'mark'],
    ] as const) {
      await openCalculator({ ...POSITION, markPrice });
      const want = assess({ ...POSITION, ...opts, markPrice }, { now: '2026-11-22T12:00:00Z' });
      if (!want.ok || !want.assessment.distance) throw new Error('fixture should assess');
      expect(want.assessment.distance.from).toBe(from);
      const d = want.assessment.distance;
      await waitFor(() => expect(screen.getByTestId('fig-distance').closest('.figure')?.querySelector('dt')?.textContent).toBe(label));
      expect(screen.getByTestId('fig-distance').textContent).toBe(`−${percentOf(d.percent, LOCALE)} (−${price(d.price, LOCALE, want.assessment.display.tick)} USDT)`);
      expect(screen.getByTestId('calc-strip').textContent?.endsWith(from === 'fill' ? ' from your price' : '%')).toBe(true);
      cleanup();
    }
  });

  it('answers the what-if questions', async () => {
    await openCalculator(POSITION);
    await screen.findByTestId('fig-liquidation');
    type('PnL at price', '62000');
    type('Target ROE', '50');
    type('Maximum loss', '300');
    type('Keep liquidation away by', '10');
    // Each answer sits right under its own input, in words with its unit.
    await waitFor(() => expect(screen.getByTestId('fig-pnl').textContent).toBe('1,000.00 USDT · ROE 66.67%'));
    await waitFor(() => expect(screen.getByTestId('fig-target-price').textContent).toBe('at 61,500'));
    const maxSize = screen.getByTestId('fig-max-size').textContent ?? '';
    expect(maxSize).toMatch(/^Up to \d+(\.\d+)? BTC \(worst loss [\d,]+\.\d\d USDT\)$/);
    // Six significant digits at most (the lot step is not known here), never the engine's eight decimals of "base coin".
    expect((/^Up to ([\d.]+)/.exec(maxSize)?.[1] ?? '').replace('.', '').replace(/^0+/, '').length).toBeLessThanOrEqual(6);
    expect(screen.getByTestId('fig-leverage-for-distance').textContent).toMatch(/^At most \d+(\.\d+)?×/);
    for (const [label, answer] of [['PnL at price', 'fig-pnl'], ['Maximum loss', 'fig-max-size']] as const) {
      expect(input(label).closest('div:not(.input-row):not(.field)')?.contains(screen.getByTestId(answer))).toBe(true);
    }
  });

  it('shows the locale parser’s message next to each field as it is typed', async () => {
    await openCalculator(POSITION);
    const cases: [string, string, RegExp][] = [
      ['Entry price', 'abc', /Entry price: .*is not a number/],
      ['Mark price', '12,34', /Mark price: .*does not fit your number format/],
      ['Quantity', '-1', /Quantity: cannot be negative/],
      ['Leverage', '1e3', /Leverage: .*exponent notation/],
      ['Taker fee', '10', /not a real taker fee/],
      ['Quantity', '5 BTC', /enter a number only, without "BTC"/],
    ];
    for (const [label, value, message] of cases) {
      type(label, value);
      const el = input(label);
      await waitFor(() => expect(el.getAttribute('aria-invalid')).toBe('true'));
      const error = document.getElementById(el.getAttribute('aria-describedby')?.split(' ')[0] ?? '');
      expect(error?.textContent).toMatch(message);
    }
  });

  it('reads numbers in the trader’s number format (German: comma decimals)', async () => {
    fakeBrowser.storage.sync.data.settings = { version: 2, numberFormat: 'de-DE' };
    await openCalculator({ ...POSITION, entryPrice: '60.000', markPrice: '60.500', quantity: '0,5', takerFeeRate: '0,05', maintenanceMarginRate: '0,4' });
    await waitFor(() => expect(screen.getByTestId('fig-liquidation').textContent).toMatch(/^\d{2}\.\d{3},\d+$/));
    type('Entry price', '60000.5');
    await waitFor(() => expect(screen.getByTestId('error-entryPrice').textContent).toMatch(/decimal separator ","/));
  });

  it('puts each of the engine’s field errors next to its field', async () => {
    await openCalculator(POSITION);
    await screen.findByTestId('fig-liquidation');
    const cases: [string, string, RegExp][] = [
      ['Entry price', '0', /Entry price must be above zero/],
      ['Quantity', '0', /Quantity must be above zero/],
      ['Leverage', '0.5', /Leverage must be at least 1x/],
      ['Own maintenance rate', '150', /Maintenance margin rate must be a fraction below 1/],
      ['Contract size', '0', /Contract size must be above zero/],
      ['Funding interval', '0', /Funding interval must be above zero/],
    ];
    for (const [label, value, message] of cases) {
      type(label, value);
      await waitFor(() => expect(document.getElementById(`${input(label).id}-error`)?.textContent).toMatch(message));
      type(label, label === 'Own maintenance rate' ? '0.4' : label === 'Leverage' ? '20' : label === 'Entry price' ? '60000' : label === 'Quantity' ? '0.5' : '');
      await screen.findByTestId('fig-liquidation');
    }
  });

  it('summarises fields not filled in yet instead of flagging each', async () => {
    await openCalculator();
    const missing = await screen.findByTestId('calc-missing');
    expect(missing.textContent).toMatch(/Entry price is missing/);
    expect(input('Entry price').getAttribute('aria-invalid')).toBeNull();
    type('Entry price', '');
    await waitFor(() => expect(screen.getByTestId('error-entryPrice').textContent).toMatch(/Entry price is (missing|empty)/));
  });

  it('needs the cross wallet, and takes other cross positions (add, edit, remove)', async () => {
    await openCalculator(POSITION);
    await screen.findByTestId('fig-liquidation');
    fireEvent.click(screen.getByLabelText('Cross'));
    type('Cross wallet balance', '');
    await waitFor(() => expect(screen.getByTestId('error-walletBalance').textContent).toMatch(/Cross margin uses the whole cross wallet/));
    type('Cross wallet balance', '5000');
    await screen.findByTestId('fig-liquidation');
    const scopeText = screen.getByTestId('fig-margin-at-risk').parentElement?.textContent ?? '';
    expect(scopeText).toMatch(/whole cross wallet/);
    fireEvent.click(screen.getByRole('button', { name: 'Add a position' }));
    const row = screen.getByRole('group', { name: 'Other position 1' });
    const inRow = (label: string) => row.querySelector(`[id="otherPositions[0].${label}"]`) as HTMLInputElement;
    fireEvent.input(inRow('symbol'), { target: { value: 'ETHUSDT' } });
    fireEvent.input(inRow('quantity'), { target: { value: '2' } });
    fireEvent.input(inRow('entryPrice'), { target: { value: '3000' } });
    fireEvent.input(inRow('markPrice'), { target: { value: '2900' } });
    await waitFor(() => expect(document.getElementById('otherPositions[0].maintenanceMarginRate-error')?.textContent).toMatch(/Maintenance margin rate of otherPositions\[0\].*is needed/));
    fireEvent.input(inRow('maintenanceMarginRate'), { target: { value: '0.5' } });
    await waitFor(() => expect(screen.getByTestId('calc-results').textContent).toMatch(/1 other position/));
    fireEvent.click(screen.getByRole('button', { name: 'Remove position 1' }));
    await waitFor(() => expect(screen.queryByRole('group', { name: 'Other position 1' })).toBeNull());
  });

  it('keeps the last inputs in storage.local', async () => {
    await openCalculator(POSITION);
    type('Entry price', '59000');
    await waitFor(() => expect((fakeBrowser.storage.local.data[FORM_STORAGE_KEY] as { entryPrice: string }).entryPrice).toBe('59000'));
  });

  it('says "calculator not available" when the background does not answer, and retries', async () => {
    fakeBrowser.runtime.sendMessage.mockRejectedValue(new Error('Could not establish connection. Receiving end does not exist.'));
    await openCalculator(POSITION);
    const notice = await screen.findByTestId('calc-unavailable');
    expect(notice.textContent).toMatch(/Calculator not available.*Receiving end does not exist/);
    installBackend();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByTestId('fig-liquidation');
  });

  it('fills contract size, fee and prices from market data without overwriting what was typed', async () => {
    installBackend({
      market: {
        tierTable: async () => ({ table: null, note: { message: 'none' } as never }),
        contractSpec: async () => ({ spec: { venue: 'okx', symbol: 'BTC-USDT-SWAP', contract: 'linear', contractSize: '0.01', tickSize: '0.1', lotSize: '1', maxLeverage: '100', source: 'live', capturedAt: '2026-11-22T00:00:00Z', url: 'https://www.okx.com/api' }, note: { message: '' } as never }),
        markPrice: async () => ({ mark: { venue: 'okx', symbol: 'BTC-USDT-SWAP', price: '61234.5', at: '2026-11-22T10:00:00Z', url: 'https://www.okx.com/api' }, note: { message: '' } as never }),
        volatility: async () => null,
      },
    });
    await openCalculator({ venue: 'okx', symbol: 'BTC-USDT-SWAP', entryPrice: '60000' });
    await waitFor(() => expect((input('Mark price') as HTMLInputElement).value).toBe('61234.5'));
    expect((input('Entry price') as HTMLInputElement).value).toBe('60000');
    expect((input('Contract size') as HTMLInputElement).value).toBe('0.01');
    expect(screen.getByText(/From the live mark price/)).toBeTruthy();
  });

  // The engine's messages reach the trader here word for word: none may name a field by its code or API name.
  const INTERNAL_NAME = /\b[a-z]+[A-Z][A-Za-z]*\b|\b[a-z]+_[a-z_]+\b/g;
  /** Internal names in the text the trader reads (each text node on its own: elements' texts run together in textContent). */
  const internalNames = () => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const found: string[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) found.push(...(n.nodeValue?.match(INTERNAL_NAME) ?? []));
    return found;
  };
  it.each(['binance-usdm', 'binance-coinm', 'bybit', 'okx', 'bitget', 'gate', 'hyperliquid', 'bitmex', 'mexc'])('%s without market data: what is missing is said in words, no internal field names', async (venue) => {
    const { maintenanceMarginRate: _, ...position } = POSITION;
    await openCalculator({ ...position, venue, symbol: venue === 'hyperliquid' ? 'NEWCOIN' : position.symbol });
    await waitFor(() => expect(document.body.textContent).toMatch(/No maintenance-margin table is loaded|Liquidation price/));
    expect(internalNames()).toEqual([]);
    if (venue === 'hyperliquid') expect(document.body.textContent).toMatch(/Enter the asset’s maximum leverage or the maintenance margin rate/);
  });

  it('a venue that counts tiers in contracts asks for the contract size in words', async () => {
    const table = { venue: 'okx', symbol: 'BTC-USDT-SWAP', basis: 'contracts', source: 'bundled', capturedAt: '2026-11-01', tiers: [{ floor: '0', cap: null, maintenanceMarginRate: '0.004', maintenanceAmount: '0', maxLeverage: '100' }] };
    installBackend({ market: { ...offlineMarket, tierTable: async (...args) => ({ ...(await offlineMarket.tierTable(...args)), table: table as never }) } });
    const { maintenanceMarginRate: _, ...position } = POSITION;
    await openCalculator({ ...position, venue: 'okx', symbol: 'BTC-USDT-SWAP' });
    await waitFor(() => expect(document.body.textContent).toMatch(/counts tiers in contracts: enter the contract size so/));
    expect(internalNames()).toEqual([]);
  });
});
