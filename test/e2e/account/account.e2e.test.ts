import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountView } from '../../../src/shared/account-snapshot';
import type { OverlayState, TabState } from '../../../src/shared/overlay-state';
import { inOverlay, openOverlayDetails, VENUE_HOSTS } from '../content/helpers';
import { launchWithExtension, type ExtensionSession } from '../harness/chromium';
import { extensionReader, startCli, type CliSession, type ExtensionReader } from '../shared/background';
import { STUBBED_MARKET_HOSTS, stubMarketData } from '../shared/market-stubs';
import { ETH_MARK, stubEthMarket } from './market';

/**
 * The account a venue page shows, in Chromium with the extension loaded: on each venue's positions page
 * (test/fixtures/account/<venue>/positions.html, an order form beside a positions list and an account
 * panel) the order's cross figure is the engine CLI's for that account, and the account it used is the
 * one the page shows (wallet, held position, other positions), checked here field by field; each open
 * position's self-check matches (the pages show LiqGuard's own figures for the stubbed tables); a figure
 * the venue shows differently is a visible warning; a list behind a closed tab leaves the old assumption,
 * said with the reason; a hedge pair is two positions. One browser for the whole file.
 */

let session: ExtensionSession;
let reader: ExtensionReader;
let calc: CliSession;
const fileStart = performance.now();

beforeAll(async () => {
  calc = startCli();
  session = await launchWithExtension({ hosts: [...VENUE_HOSTS, ...STUBBED_MARKET_HOSTS] });
  stubMarketData(session.server, { marks: { ETHUSDT: ETH_MARK, ETH: ETH_MARK } });
  stubEthMarket(session.server);
  reader = await extensionReader(session);
});
afterAll(async () => {
  await Promise.all([session?.close(), calc?.close()]);
  console.log(`[account] file runtime ${((performance.now() - fileStart) / 1000).toFixed(1)} s (one browser)`);
});

interface ShownPosition {
  name: string;
  ours: string | null;
  venue: string | null;
  check: string | null;
}

/** What the overlay shows of the account: its positions from the card's Details (opened with a trusted click), its mismatches from above the fold. */
async function shownAccount(p: Page) {
  await openOverlayDetails(p);
  return inOverlay(p, (root) => {
    return {
      summary: root?.querySelector('[data-liqguard="account-summary"]')?.textContent ?? null,
      positions: [...(root?.querySelectorAll('[data-liqguard-position]') ?? [])].map((li) => ({
        name: li.getAttribute('data-liqguard-position') ?? '',
        ours: li.querySelector('[data-liqguard="position-liquidation-price"]')?.getAttribute('data-value') ?? null,
        venue: li.querySelector('[data-liqguard="venue-liquidation-price"]')?.getAttribute('data-value') ?? null,
        check: li.querySelector('[data-liqguard="self-check"]')?.textContent ?? null,
      })),
      // Above the fold: the idle card's alert, or the assessed card's warnings (never those folded into Details).
      alerts: [...(root?.querySelectorAll('[data-liqguard="self-check-warnings"] p, [data-liqguard="warning"][data-code="self-check-mismatch"]') ?? [])]
        .filter((e) => !e.closest('[data-liqguard="details"]'))
        .map((e) => e.textContent ?? ''),
      sides: [...(root?.querySelectorAll('[data-liqguard-side]') ?? [])].map((s) => ({
        side: s.getAttribute('data-liqguard-side') ?? '',
        liquidation: s.querySelector('[data-liqguard="liquidation-price"]')?.getAttribute('data-value') ?? null,
      })),
    };
  });
}

type Assessed = Extract<OverlayState, { kind: 'assessed' }>;

/** The tab's stored answer once it carries an account view that satisfies `ready`. */
async function storedAnswer(host: string, path: string, ready: (a: AccountView, tab: TabState) => boolean): Promise<{ tab: TabState; state: Assessed; account: AccountView }> {
  let last = 'no record';
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    const rec = await reader.tabRecordFor(`${host}${path}`);
    const tab = rec?.result;
    if (!tab || tab.state.kind !== 'assessed' || !tab.state.account) {
      last = tab ? `${tab.state.kind} without an account${tab.state.kind === 'unreadable' ? `: ${tab.state.reasons.map((r) => r.message).join(' ')}` : ''}` : 'no answer';
      continue;
    }
    if (ready(tab.state.account, tab)) return { tab, state: tab.state, account: tab.state.account };
    last = tab.state.account.summary;
  }
  throw new Error(`no stored answer with the expected account for ${host}${path} (last: ${last})`);
}

interface VenueAccount {
  id: string;
  host: string;
  path: string;
  /** The cross wallet the page implies: the panel's wallet (or margin balance less PnL) less isolated margins. */
  wallet: string;
  /** The position held in the page's symbol, as the engine's existingPosition. */
  held: { side: string; quantity: string; quantityUnit: string; entryPrice: string };
  /** Every other cross position of the same wallet, as `symbol side quantity`. */
  others: string[];
  /** Open positions the overlay lists, and whether each is checked (`match`) or not (null). */
  positions: [string, 'match' | null][];
}

const VENUES: VenueAccount[] = [
  {
    id: 'binance-usdm',
    host: 'www.binance.com',
    path: '/en/futures/BTCUSDT',
    wallet: '4400',
    held: { side: 'long', quantity: '0.5', quantityUnit: 'base', entryPrice: '63200' },
    others: ['ETHUSDT short 4', 'BNBUSDT long 20'],
    positions: [['BTCUSDT long', 'match'], ['ETHUSDT short', 'match'], ['SOLUSDT short', 'match'], ['BNBUSDT long', 'match']],
  },
  {
    id: 'binance-coinm',
    host: 'www.binance.com',
    path: '/en/delivery/BTCUSD_PERP',
    wallet: '0.005',
    held: { side: 'long', quantity: '10', quantityUnit: 'contracts', entryPrice: '63200' },
    others: [],
    positions: [['BTCUSD_PERP long', 'match'], ['ETHUSD_PERP short', null]],
  },
  {
    id: 'bybit',
    host: 'www.bybit.com',
    path: '/trade/usdt/BTCUSDT',
    wallet: '4000',
    held: { side: 'long', quantity: '0.5', quantityUnit: 'base', entryPrice: '63200' },
    others: ['ETHUSDT long 3', 'ETHUSDT short 1'],
    positions: [['BTCUSDT long', 'match'], ['ETHUSDT long', 'match'], ['ETHUSDT short', 'match']],
  },
  {
    id: 'okx',
    host: 'www.okx.com',
    path: '/trade-swap/btc-usdt-swap',
    wallet: '424',
    held: { side: 'long', quantity: '30', quantityUnit: 'contracts', entryPrice: '63200' },
    others: [],
    positions: [['BTC-USDT-SWAP long', 'match'], ['ETH-USDT-SWAP short', 'match']],
  },
  {
    id: 'bitget',
    host: 'www.bitget.com',
    path: '/futures/usdt/BTCUSDT',
    wallet: '1500',
    held: { side: 'long', quantity: '0.2', quantityUnit: 'base', entryPrice: '63200' },
    others: ['ETHUSDT short 2'],
    positions: [['BTCUSDT long', 'match'], ['ETHUSDT short', 'match']],
  },
  {
    id: 'gate',
    host: 'www.gate.com',
    path: '/futures/USDT/BTC_USDT',
    wallet: '1496',
    held: { side: 'long', quantity: '2000', quantityUnit: 'contracts', entryPrice: '63200' },
    others: [],
    positions: [['BTC_USDT long', 'match'], ['ETH_USDT short', 'match']],
  },
  {
    id: 'hyperliquid',
    host: 'app.hyperliquid.xyz',
    path: '/trade/BTC',
    wallet: '1444',
    held: { side: 'long', quantity: '0.2', quantityUnit: 'base', entryPrice: '63200' },
    others: [],
    positions: [['BTC long', 'match'], ['ETH short', 'match']],
  },
  {
    id: 'bitmex',
    host: 'www.bitmex.com',
    path: '/app/trade/XBTUSD',
    wallet: '0.01',
    held: { side: 'long', quantity: '1500', quantityUnit: 'contracts', entryPrice: '63200' },
    others: [],
    positions: [['XBTUSD long', 'match'], ['XBTUSDT short', null]],
  },
];

async function open(v: VenueAccount, fixture = `account/${v.id}/positions.html`): Promise<Page> {
  const p = await session.context.newPage();
  await p.goto(session.venueUrl(v.host, v.path, fixture));
  return p;
}

describe('the account a venue page shows', () => {
  it.each(VENUES.map((v) => [v.id, v] as const))('%s: the order is assessed with the page’s account, equal to the CLI; every open position is self-checked', async (_id, v) => {
    const p = await open(v);
    const { tab, state, account } = await storedAnswer(v.host, v.path, (a) => a.status === 'read' && a.positions.every((c) => c.verdict !== null || c.reason !== undefined));

    // The account the figures rest on is the page's, field by field.
    if (process.env.LG_DEBUG) console.log(JSON.stringify(account.positions));
    expect(account.positions.map((c) => [`${c.symbol} ${c.side}`, c.verdict])).toEqual(v.positions);
    const inputs = tab.replay?.inputs ?? [];
    expect(inputs.length).toBeGreaterThan(0);
    for (const input of inputs) {
      expect(input.walletBalance).toBe(v.wallet);
      expect(input.existingPosition).toMatchObject(v.held);
      expect((input.otherPositions ?? []).map((o) => `${o.symbol} ${o.side} ${o.quantity}`)).toEqual(v.others);
      for (const o of input.otherPositions ?? []) expect(o.maintenanceMarginRate, `${o.symbol}: its tier's rate, explicit`).toMatch(/^0\.\d+$/);
    }
    expect(state.assumptions.map((n) => n.code)).toContain('positions-read');
    expect(state.assumptions.map((n) => n.code)).not.toContain('existing-position-not-read');

    // The overlay's figure for each side is the CLI's for exactly that input (its other positions and wallet explicit).
    const answers = await calc.ask(inputs.map((i) => ({ ...i, context: tab.replay?.context })));
    const cliLiq = answers.map((a) => (a.display as { liquidationPrice: string | null } | undefined)?.liquidationPrice ?? null);
    await expect
      .poll(async () => (await shownAccount(p)).sides.map((s) => s.liquidation))
      .toEqual(cliLiq.map((x) => (x === null ? null : String(Number(x)) === x ? x : x.replace(/0+$/, '').replace(/\.$/, ''))));

    // Each checked position shows the venue's figure and the verdict, in the overlay.
    await expect.poll(async () => (await shownAccount(p)).positions.map((s) => [s.name, s.check])).toEqual(v.positions);
    const shown = (await shownAccount(p)).positions as ShownPosition[];
    for (const s of shown.filter((x) => x.check === 'match')) expect(s.venue, s.name).not.toBeNull();
    await p.close();
  });

  it('a liquidation price the venue shows differently is a visible warning, and the order’s figures carry the caveat', async () => {
    const v = VENUES[0] as VenueAccount;
    const p = await open(v);
    await storedAnswer(v.host, v.path, (a) => a.positions.length === 4);
    // The venue moves ETHUSDT's liquidation price (as a venue with a newer tier table would show it).
    await p.evaluate(() => {
      const cell = [...document.querySelectorAll('tbody tr')].find((r) => r.textContent?.includes('ETHUSDT'))?.querySelectorAll('td')[5];
      if (cell) cell.textContent = '4,950.00';
    });
    const { state } = await storedAnswer(v.host, v.path, (a) => a.positions.some((c) => c.verdict === 'mismatch'));
    expect(state.warnings.map((n) => n.code).slice(0, 2)).toEqual(['self-check-mismatch', 'self-check-caveat']);
    await expect.poll(async () => (await shownAccount(p)).alerts.join(' ')).toMatch(/ETHUSDT short: Binance liq\. 4,?950, LiqGuard 4,?828\.6[67] \([-−]2\.45 ?%\)/);
    expect((await shownAccount(p)).positions.find((s) => s.name === 'ETHUSDT short')?.check).toBe('mismatch');
    await p.close();
  });

  it('Binance’s own worked example, checked with the 2024 brackets the extension bundles, is reported as a mismatch', async () => {
    const v = VENUES[0] as VenueAccount;
    const p = await open(v, 'account/binance-usdm/worked-example.html');
    const { account } = await storedAnswer(v.host, v.path, (a) => a.positions.length === 2 && a.positions.every((c) => c.verdict !== null));
    expect(account.positions.map((c) => [c.symbol, c.venueLiquidationPrice, c.verdict])).toEqual([
      ['BTCUSDT', '26316.89', 'mismatch'],
      ['ETHUSDT', '1153.26', 'mismatch'],
    ]);
    await expect.poll(async () => (await shownAccount(p)).alerts.length).toBe(2);
    await p.close();
  });

  it('a positions list behind a closed tab leaves the single-position assumption, with the reason', async () => {
    const v = VENUES[2] as VenueAccount;
    const p = await open(v);
    await storedAnswer(v.host, v.path, (a) => a.status === 'read');
    // The overlay may sit over the list: the tab is clicked where it is, as the page's own click handler sees it.
    await p.getByRole('tab', { name: 'Open Orders(0)' }).dispatchEvent('click');
    const { tab, state } = await storedAnswer(v.host, v.path, (a) => a.status === 'not-read');
    expect(state.account?.summary).toBe('Positions not read: the positions list is behind the closed “Positions(3)” tab.');
    const note = state.assumptions.find((n) => n.code === 'existing-position-not-read');
    expect(note?.message).toMatch(/not read from the page \(the positions list is behind the closed “Positions\(3\)” tab\)/);
    for (const input of tab.replay?.inputs ?? []) {
      expect(input.otherPositions).toBeUndefined();
      expect(input.existingPosition).toBeUndefined();
      expect(input.walletBalance, 'the old wallet: the available balance the form shows').toBe('1250.75');
    }
    await expect.poll(async () => (await shownAccount(p)).summary).toMatch(/behind the closed/);
    await p.close();
  });

  it('a hedge pair is read as two positions, each checked', async () => {
    const v = VENUES[2] as VenueAccount;
    const p = await open(v);
    const { account } = await storedAnswer(v.host, v.path, (a) => a.status === 'read');
    expect(account.positions.filter((c) => c.symbol === 'ETHUSDT').map((c) => `${c.side} ${c.verdict}`)).toEqual(['long match', 'short match']);
    await p.close();
  });
});
