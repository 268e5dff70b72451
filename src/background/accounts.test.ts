import { describe, expect, it, vi } from 'vitest';
import { binanceAccount, FAQ_BTC, FAQ_ETH, oneTier, row } from '../core/assessment/account-fixtures';
import { binanceLimitCross } from '../core/assessment/snapshot-fixtures';
import type { AccountSnapshot, AccountView } from '../shared/account-snapshot';
import type { AnyResponse } from '../shared/messages';
import type { TabState } from '../shared/overlay-state';
import { ACCOUNT_KEY_PREFIX, CHECK_COUNTS_KEY } from './accounts';
import { createBackground } from './background';
import type { SenderLike } from './sender';
import { fakeApi, fakeMarket, memorySession, SELF, silentLog } from './test-fakes';

const PAGE = 'https://www.binance.com/en/futures/BTCUSDT';
const content = (tabId = 7, url = PAGE): SenderLike => ({ id: SELF.id, url, origin: new URL(url).origin, frameId: 0, tab: { id: tabId } });
const popup: SenderLike = { id: SELF.id, url: `${SELF.origin}/src/diagnostics/index.html`, origin: SELF.origin };

function setup(session = memorySession()) {
  const f = fakeApi(session);
  const market = fakeMarket();
  // Binance's worked example's rates, so the example's liquidation prices are reproduced.
  market.tables['binance-usdm/BTCUSDT'] = oneTier('binance-usdm', 'BTCUSDT', '0.025', '16300');
  market.tables['binance-usdm/ETHUSDT'] = oneTier('binance-usdm', 'ETHUSDT', '0.1', '135365');
  const bg = createBackground({ api: f.api, market, now: () => Date.parse('2026-02-01T12:00:00Z'), log: silentLog, budgets: { specMs: 50, markMs: 50, volatilityMs: 10 } });
  const send = (msg: unknown, sender: SenderLike = content()) => bg.onMessage(msg, sender);
  const account = async (a: AccountSnapshot, seq = 1, tabId = 7) => (await send({ type: 'account/snapshot', seq, account: a }, content(tabId))) as AnyResponse & { view?: AccountView };
  return { ...f, market, bg, send, account };
}

const view = (r: AnyResponse & { view?: AccountView }) => r.view;

describe('account/snapshot', () => {
  it('answers with each open position self-checked against the venue’s figure', async () => {
    const t = setup();
    const r = await t.account(binanceAccount([FAQ_BTC, FAQ_ETH]));
    expect(r).toMatchObject({ ok: true, seq: 1 });
    expect(view(r)?.positions.map((c) => [c.symbol, c.verdict])).toEqual([
      ['BTCUSDT', 'match'],
      ['ETHUSDT', 'match'],
    ]);
    expect(view(r)?.summary).toBe('2 open positions read (2 cross).');
  });

  it('assesses the tab’s next order with the account: the held position, the other one at its tier, the panel’s wallet', async () => {
    const t = setup();
    await t.account(binanceAccount([FAQ_BTC, FAQ_ETH]));
    const r = (await t.send({ type: 'form/snapshot', seq: 1, snapshot: binanceLimitCross() })) as { ok: true; state: Extract<TabState['state'], { kind: 'assessed' }> };
    expect(r.state.account?.status).toBe('read');
    const tab = ((await t.send({ type: 'tab/state', tabId: 7 }, { ...popup, url: `${SELF.origin}/src/popup/index.html` })) as { tab: TabState }).tab;
    const input = tab.replay?.inputs[0];
    expect(input?.walletBalance).toBe('1535443.01');
    expect(input?.existingPosition).toMatchObject({ side: 'long', quantity: '109.488', entryPrice: '32481.98' });
    expect(input?.otherPositions).toEqual([{ symbol: 'ETHUSDT', side: 'long', quantity: '3683.979', quantityUnit: 'base', entryPrice: '1456.84', markPrice: '1335.18', maintenanceMarginRate: '0.1', maintenanceAmount: '135365' }]);
  });

  it('looks a tab without an account up in storage once per worker, not at every keystroke, and uses a read that arrives later', async () => {
    const session = memorySession();
    const reads: string[] = [];
    const get = session.get.bind(session);
    session.get = async (keys) => {
      reads.push(...(Array.isArray(keys) ? keys : [String(keys)]).filter((k) => k.startsWith(ACCOUNT_KEY_PREFIX)));
      return get(keys);
    };
    const t = setup(session);
    for (let seq = 1; seq <= 5; seq++) {
      const r = (await t.send({ type: 'form/snapshot', seq, snapshot: binanceLimitCross({ price: { ok: true, value: String(64000 + seq), source: 'selector:test' } }) })) as { state: Extract<TabState['state'], { kind: 'assessed' }> };
      expect(r.state.account).toBeUndefined();
    }
    expect(reads).toEqual([`${ACCOUNT_KEY_PREFIX}7`]);
    await t.account(binanceAccount([FAQ_BTC, FAQ_ETH]));
    reads.length = 0;
    const after = (await t.send({ type: 'form/snapshot', seq: 6, snapshot: binanceLimitCross() })) as { state: Extract<TabState['state'], { kind: 'assessed' }> };
    expect(after.state.account?.positions.map((c) => c.symbol)).toEqual(['BTCUSDT', 'ETHUSDT']);
    expect(reads).toEqual([]);
  });

  it('answers a snapshot that arrives while a newer read is checked with the read before it, and one sent after that read’s answer with it', async () => {
    const t = setup();
    type Answer = { state: Extract<TabState['state'], { kind: 'assessed' }> };
    const form = async (seq: number) => ((await t.send({ type: 'form/snapshot', seq, snapshot: binanceLimitCross() })) as Answer).state.account?.positions.map((c) => c.symbol);
    // A tab's first read: a snapshot sent right after it waits for it.
    const first = t.account(binanceAccount([FAQ_BTC, FAQ_ETH]), 1);
    expect(await form(1)).toEqual(['BTCUSDT', 'ETHUSDT']);
    await first;
    // A newer read (ETH closed) while its positions are checked: the keystroke is not held up by it.
    const newer = t.account(binanceAccount([FAQ_BTC]), 2);
    expect(await form(2)).toEqual(['BTCUSDT', 'ETHUSDT']);
    expect(view(await newer)?.positions.map((c) => c.symbol)).toEqual(['BTCUSDT']);
    expect(await form(3)).toEqual(['BTCUSDT']);
  });

  it('refuses a read that names another page or venue than the sender’s', async () => {
    const t = setup();
    const other = await t.account({ ...binanceAccount([FAQ_BTC]), url: 'https://www.bybit.com/trade/usdt/BTCUSDT' });
    expect(other).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    const venue = await t.account({ ...binanceAccount([FAQ_BTC]), venue: 'bybit' });
    expect(venue).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });

  it('keeps the account in storage.session for a restarted worker, and drops it with the tab', async () => {
    const session = memorySession();
    const first = setup(session);
    await first.account(binanceAccount([FAQ_BTC, FAQ_ETH]));
    await new Promise((r) => setTimeout(r, 20));
    expect(session.data.has(`${ACCOUNT_KEY_PREFIX}7`)).toBe(true);

    // A new worker: nothing in memory, the stored read is used for the next order.
    const second = setup(session);
    const r = (await second.send({ type: 'form/snapshot', seq: 1, snapshot: binanceLimitCross() })) as { state: Extract<TabState['state'], { kind: 'assessed' }> };
    expect(r.state.account?.positions.map((c) => c.symbol)).toEqual(['BTCUSDT', 'ETHUSDT']);

    await second.bg.onTabRemoved(7);
    expect(session.data.has(`${ACCOUNT_KEY_PREFIX}7`)).toBe(false);
  });

  it('a read of the list costs one storage write once the worker knows the counts, and none for the counts while no verdict changes', async () => {
    const session = memorySession();
    const t = setup(session);
    const keys: string[] = [];
    const { get, set } = session;
    session.get = (k) => (keys.push(`get ${String(k)}`), get(k));
    session.set = (items) => (keys.push(`set ${Object.keys(items).sort().join(',')}`), set(items));
    const eth = (markPrice: string) => row({ ...(FAQ_ETH.ok ? FAQ_ETH.row : ({} as never)), markPrice });
    await t.account(binanceAccount([FAQ_BTC, eth('1335.18')]), 1);
    // The read's record (the message counters' own write may come first: the read's checks take tasks of their own).
    await vi.waitFor(() => expect(keys.filter((k) => k.startsWith('set') && k.includes(ACCOUNT_KEY_PREFIX)).length).toBe(1));
    keys.length = 0;
    // Marks that tick within what leaves every verdict as it was.
    for (const [seq, mark] of [[2, '1335.19'], [3, '1335.18'], [4, '1335.19']] as const) {
      await t.account(binanceAccount([FAQ_BTC, eth(mark)]), seq);
      await vi.waitFor(() => expect(keys).toHaveLength(seq - 1));
    }
    expect(keys).toEqual([`set ${ACCOUNT_KEY_PREFIX}7`, `set ${ACCOUNT_KEY_PREFIX}7`, `set ${ACCOUNT_KEY_PREFIX}7`]);
    expect((session.data.get(`${ACCOUNT_KEY_PREFIX}7`) as { seq: number }).seq).toBe(4);
    expect(session.data.get(CHECK_COUNTS_KEY)).toEqual({ 'binance-usdm': { match: 2, mismatch: 0 } });
    // A write that fails: the next read reads storage again, and the counts still add up.
    session.set = async () => {
      throw new Error('QUOTA_BYTES quota exceeded');
    };
    await t.account(binanceAccount([FAQ_BTC, row({ ...(FAQ_ETH.ok ? FAQ_ETH.row : ({} as never)), liquidationPrice: '1200' })]), 5);
    await new Promise((r) => setTimeout(r, 20));
    session.set = set;
    keys.length = 0;
    await t.account(binanceAccount([FAQ_BTC, row({ ...(FAQ_ETH.ok ? FAQ_ETH.row : ({} as never)), liquidationPrice: '1200' })]), 6);
    await vi.waitFor(() => expect(session.data.get(CHECK_COUNTS_KEY)).toEqual({ 'binance-usdm': { match: 2, mismatch: 1 } }));
    expect(keys[0]).toMatch(/^get /);
  });

  it('counts matches and mismatches per venue when a verdict appears or changes, not on every read', async () => {
    const t = setup();
    await t.account(binanceAccount([FAQ_BTC, FAQ_ETH]), 1);
    // The same verdicts again (a mark that ticked): no new count.
    await t.account(binanceAccount([FAQ_BTC, row({ ...(FAQ_ETH.ok ? FAQ_ETH.row : ({} as never)), markPrice: '1335.19' })]), 2);
    // ETH's venue figure moves away: one mismatch.
    await t.account(binanceAccount([FAQ_BTC, row({ ...(FAQ_ETH.ok ? FAQ_ETH.row : ({} as never)), liquidationPrice: '1200' })]), 3);
    await new Promise((r) => setTimeout(r, 20));
    expect(t.session.data.get(CHECK_COUNTS_KEY)).toEqual({ 'binance-usdm': { match: 2, mismatch: 1 } });
    expect(await t.send({ type: 'account/checks' }, popup)).toEqual({ ok: true, counts: { 'binance-usdm': { match: 2, mismatch: 1 } } });
  });
});
