import { describe, expect, it, vi } from 'vitest';
import { binanceMarket, ok } from '../core/assessment/snapshot-fixtures';
import type { FormSnapshot } from '../shared/form-snapshot';
import type { AnyResponse } from '../shared/messages';
import type { TabState } from '../shared/overlay-state';
import { defaultSettings } from '../shared/settings';
import { createBackground, stillOnForm } from './background';
import { forPage } from './handlers/form';
import type { SenderLike } from './sender';
import { STATS_KEY, WORKER_KEY, type Stats } from './stats';
import { WRITE_MAX_WAIT_MS, WRITE_SPACING_MS } from './tab-store';
import { fakeApi, fakeMarket, gate, memorySession, SELF } from './test-fakes';
import { SYMBOL_OVERRIDES_KEY } from '../shared/symbol-overrides';

const PAGE = 'https://www.binance.com/en/futures/BTCUSDT';
const content = (tabId = 7, url = PAGE): SenderLike => ({ id: SELF.id, url, origin: new URL(url).origin, frameId: 0, tab: { id: tabId } });
const popup: SenderLike = { id: SELF.id, url: `${SELF.origin}/src/popup/index.html`, origin: SELF.origin };

function setup(options: { session?: ReturnType<typeof memorySession>; sync?: Record<string, unknown>; market?: ReturnType<typeof fakeMarket>; tabStateWaitMs?: number } = {}) {
  const f = fakeApi(options.session ?? memorySession(), options.sync ?? {});
  const market = options.market ?? fakeMarket();
  const log = { warn: vi.fn(), error: vi.fn() };
  const bg = createBackground({ api: f.api, market, now: () => Date.parse('2026-02-01T12:00:00Z'), log, budgets: { specMs: 50, markMs: 50, volatilityMs: 10, tabStateWaitMs: options.tabStateWaitMs ?? 2000 } });
  const send = (msg: unknown, sender: SenderLike | undefined = content()) => bg.onMessage(msg, sender);
  const snapshot = (seq: number, s: FormSnapshot = binanceMarket(), tabId = 7) => send({ type: 'form/snapshot', seq, snapshot: s }, content(tabId));
  const tabState = async (tabId = 7) => ((await send({ type: 'tab/state', tabId }, popup)) as { ok: true; tab: TabState | null }).tab;
  const stats = async () => (await f.session.get(STATS_KEY))[STATS_KEY] as Stats | undefined;
  /** What a save in the options page does: storage.sync changes, then storage.onChanged fires. */
  const saveSettings = (s: unknown) => {
    f.sync.settings = s;
    bg.onStorageChanged({ settings: { newValue: s } }, 'sync');
  };
  return { ...f, market, log, bg, send, snapshot, tabState, stats, saveSettings };
}

/** Long enough for the badge, which waits for a pause while answers keep coming, to be set. */
const pause = () => new Promise((r) => setTimeout(r, WRITE_SPACING_MS + 40));

const state = (r: AnyResponse) => ('state' in r ? r.state : null);
const code = (r: AnyResponse) => (r.ok ? null : (r as { error: { code: string } }).error.code);

describe('form/snapshot → assessment, tab state and badge', () => {
  it('answers with the state and the echoed seq, stores the tab state and sets the badge', async () => {
    const t = setup();
    const r = await t.snapshot(3);
    expect(r).toMatchObject({ ok: true, seq: 3 });
    expect(state(r)?.kind).toBe('assessed');
    const tab = await t.tabState();
    // Stored whole (the popup's detail view has the unrounded figures); the page's copy is the same answer without them.
    expect(tab).toMatchObject({ tabId: 7, seq: 3 });
    expect(tab && forPage(tab.state)).toEqual(state(r));
    expect(tab?.state.kind === 'assessed' && tab.state.sides.every((s) => s.raw?.liquidationPrice !== undefined)).toBe(true);
    expect(tab?.replay?.inputs).toHaveLength(2);
    await vi.waitFor(() => expect(t.badges.get(7)?.text).toMatch(/%$/));
    await vi.waitFor(async () => expect((await t.stats())?.handled).toMatchObject({ 'form/snapshot': 1, 'tab/state': 1 }));
  });

  it('sets the badge only when it changes: not again for a keystroke that leaves it as it was, again after the tab loads a page', async () => {
    const t = setup();
    const sets: string[] = [];
    const set = t.api.setBadge;
    t.api.setBadge = (tabId, badge) => (sets.push(`${tabId} ${badge.text}`), set(tabId, badge));
    const bg = createBackground({ api: t.api, market: t.market, now: () => Date.parse('2026-02-01T12:00:00Z'), log: t.log, budgets: { specMs: 50, markMs: 50, volatilityMs: 10 } });
    const send = (seq: number, size: string, tabId = 7) => bg.onMessage({ type: 'form/snapshot', seq, snapshot: binanceMarket({ quantity: ok({ value: size, unit: 'base', label: 'BTC' }) }) }, content(tabId));
    const typed = async (seq: number, size: string, tabId = 7) => {
      await send(seq, size, tabId);
      await pause();
    };
    await typed(1, '0.25');
    await typed(2, '0.251');
    await typed(3, '0.25');
    expect(sets).toHaveLength(1);
    // Another tab has a badge of its own.
    await typed(1, '0.25', 8);
    expect(sets).toEqual([sets[0], sets[0]?.replace(/^7/, '8')]);
    // A reload (or any page load) resets the badge in the browser: the next answer sets it again.
    await bg.onTabUpdated(7, { status: 'loading' });
    await typed(1, '0.25');
    expect(sets).toHaveLength(3);
    // A form cleared and filled again changes the badge twice.
    await bg.onMessage({ type: 'form/cleared', seq: 2, reason: 'empty' }, content());
    await pause();
    await typed(3, '0.25');
    expect(sets.slice(3)).toEqual(['7 ', sets[0]]);
  });

  it('sets the badge after the answer, and while the trader types, once answers pause, with the latest; a new level does not wait', async () => {
    const t = setup();
    const sets: { at: number; text?: string; color?: string }[] = [];
    const set = t.api.setBadge;
    t.api.setBadge = (tabId, badge) => (sets.push({ at: performance.now(), ...badge }), set(tabId, badge));
    const bg = createBackground({ api: t.api, market: t.market, now: () => Date.parse('2026-02-01T12:00:00Z'), log: t.log, budgets: { specMs: 50, markMs: 50, volatilityMs: 10 } });
    const send = (seq: number, leverage: string) => bg.onMessage({ type: 'form/snapshot', seq, snapshot: binanceMarket({ leverage: ok(leverage) }) }, content());
    // The first answer's badge goes after the task that answered, not before the reply.
    const answered = send(1, '10');
    await answered;
    expect(sets).toHaveLength(0);
    await vi.waitFor(() => expect(sets).toHaveLength(1));
    // Typing: answers every few milliseconds, each with another distance and the same level.
    const start = performance.now();
    for (let i = 0; i < 8; i++) {
      await send(2 + i, String(11 + i));
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(sets).toHaveLength(1);
    const typedAt = performance.now();
    await vi.waitFor(() => expect(sets).toHaveLength(2), { timeout: 2000 });
    // Once the answers paused, the latest answer's badge, set whole parts only where they changed.
    const latest = (await bg.onMessage({ type: 'tab/state', tabId: 7 }, popup)) as { tab: TabState };
    expect(sets[1]?.text).toBe(t.badges.get(7)?.text);
    expect(latest.tab.seq).toBe(9);
    expect(sets[1]?.at).toBeGreaterThanOrEqual(Math.min(typedAt, start + WRITE_MAX_WAIT_MS) - 5);
    expect(sets[1]?.color).toBeUndefined();
    // Another level (here, leverage 100x) is set after its answer's task, without waiting for a pause.
    await send(10, '100');
    await new Promise((r) => setTimeout(r, 20));
    expect(sets).toHaveLength(3);
    expect(sets[2]?.color).toBeDefined();
  });

  it('sets only the parts of the badge that changed: text and title as the distance moves, the colour with the level; all of it after a page load', async () => {
    const t = setup();
    const sets: string[][] = [];
    const set = t.api.setBadge;
    t.api.setBadge = (tabId, badge) => (sets.push(Object.keys(badge).sort()), set(tabId, badge));
    const bg = createBackground({ api: t.api, market: t.market, now: () => Date.parse('2026-02-01T12:00:00Z'), log: t.log, budgets: { specMs: 50, markMs: 50, volatilityMs: 10 } });
    const send = (seq: number, leverage: string) => bg.onMessage({ type: 'form/snapshot', seq, snapshot: binanceMarket({ leverage: ok(leverage) }) }, content());
    // Each answer after a pause: while the trader types, the badge waits for one (its own test below).
    const answer = async (seq: number, leverage: string) => {
      await send(seq, leverage);
      await vi.waitFor(() => expect(sets).toHaveLength(seq));
      await pause();
      return structuredClone(t.badges.get(7));
    };
    const first = await answer(1, '10');
    const second = await answer(2, '11');
    const third = await answer(3, '100');
    expect(second?.color).toBe(first?.color);
    expect(second?.text).not.toBe(first?.text);
    expect(third?.color).not.toBe(second?.color);
    expect(sets).toEqual([
      ['color', 'text', 'title'],
      ['text', 'title'],
      ['color', 'text', 'title'],
    ]);
    await bg.onTabUpdated(7, { status: 'loading' });
    await send(4, '100');
    await vi.waitFor(() => expect(sets).toHaveLength(4));
    expect(sets.at(-1)).toEqual(['color', 'text', 'title']);
  });

  it('clears the figures and the badge on form/cleared', async () => {
    const t = setup();
    await t.snapshot(1);
    expect(await t.send({ type: 'form/cleared', seq: 2, reason: 'empty' })).toEqual({ ok: true, seq: 2 });
    expect(await t.tabState()).toBeNull();
    await vi.waitFor(() => expect(t.badges.get(7)?.text).toBe(''));
  });

  it('keeps what the overlay shows for a form it could not read, for the popup and the badge, until the form is read or cleared', async () => {
    const t = setup();
    await t.snapshot(1);
    const reasons = [{ code: 'unreadable', field: 'leverage', message: 'Leverage: no leverage control found' }];
    const partial: FormSnapshot = { ...binanceMarket(), leverage: { ok: false, reason: 'leverage: no leverage control found' } };
    expect(await t.send({ type: 'form/cleared', seq: 2, reason: 'unreadable', state: { kind: 'unreadable', reasons }, snapshot: partial })).toEqual({ ok: true, seq: 2 });
    const reply = (await t.send({ type: 'tab/state', tabId: 7 }, popup)) as { ok: true; tab: TabState | null; unread?: unknown };
    expect(reply.tab).toBeNull();
    expect(reply.unread).toMatchObject({ tabId: 7, url: PAGE, venue: 'binance', state: { kind: 'unreadable', reasons }, snapshot: { leverage: { ok: false } } });
    await vi.waitFor(() => expect(t.badges.get(7)).toMatchObject({ text: '?', title: 'LiqGuard: no figure — Leverage: no leverage control found' }));
    // A complete form again: the assessment replaces it.
    await t.snapshot(3);
    expect(((await t.send({ type: 'tab/state', tabId: 7 }, popup)) as { unread?: unknown }).unread).toBeUndefined();
    // Emptied: nothing to say, nothing kept.
    await t.send({ type: 'form/cleared', seq: 4, reason: 'no-form', state: { kind: 'unreadable', reasons: [{ code: 'no-form', field: 'form', message: 'LiqGuard could not find an order form on this page' }] } });
    expect(((await t.send({ type: 'tab/state', tabId: 7 }, popup)) as { unread?: { snapshot?: unknown } }).unread).toMatchObject({ state: { reasons: [{ code: 'no-form' }] } });
    await t.send({ type: 'form/cleared', seq: 5, reason: 'empty' });
    expect(((await t.send({ type: 'tab/state', tabId: 7 }, popup)) as { unread?: unknown }).unread).toBeUndefined();
    await vi.waitFor(() => expect(t.badges.get(7)?.text).toBe(''));
  });

  it('keeps no snapshot of another page in a no-figure record, and refuses a malformed state', async () => {
    const t = setup();
    const foreign = { ...binanceMarket(), url: 'https://www.okx.com/trade-swap/btc-usdt-swap' };
    await t.send({ type: 'form/cleared', seq: 1, reason: 'unreadable', state: { kind: 'confirm', found: [] }, snapshot: foreign });
    const reply = (await t.send({ type: 'tab/state', tabId: 7 }, popup)) as { unread?: { snapshot?: unknown; state: unknown } };
    expect(reply.unread?.state).toEqual({ kind: 'confirm', found: [] });
    expect(reply.unread?.snapshot).toBeUndefined();
    expect(code(await t.send({ type: 'form/cleared', seq: 2, reason: 'unreadable', state: { kind: 'assessed', sides: [] } }))).toBe('invalid-message');
    // A partial read the snapshot schema refuses (no side left) is dropped, not the no-figure state.
    const noSide = { ...binanceMarket(), sides: { ok: true, value: [], source: 'selector:x' } };
    expect(await t.send({ type: 'form/cleared', seq: 3, reason: 'unreadable', state: { kind: 'unreadable', reasons: [] }, snapshot: noSide })).toEqual({ ok: true, seq: 3 });
    const kept = (await t.send({ type: 'tab/state', tabId: 7 }, popup)) as { unread?: { snapshot?: unknown; state: unknown } };
    expect(kept.unread).toMatchObject({ state: { kind: 'unreadable' } });
    expect(kept.unread?.snapshot).toBeUndefined();
  });

  it('keeps tabs apart', async () => {
    const t = setup();
    await t.snapshot(1, binanceMarket(), 7);
    await t.snapshot(1, binanceMarket({ sides: ok(['short']) }), 8);
    expect((await t.tabState(7))?.state.kind).toBe('assessed');
    const eight = await t.tabState(8);
    expect(eight?.state.kind === 'assessed' && eight.state.sides.map((s) => s.side)).toEqual(['short']);
  });

  it('applies a settings change to the next assessment', async () => {
    const t = setup();
    const first = state(await t.snapshot(1));
    expect(first?.kind === 'assessed' && first.sides[0]?.severity).toBe('caution');
    const strict = defaultSettings();
    strict.thresholds.distancePercent = { caution: '40', danger: '30', critical: '20' };
    t.saveSettings(strict);
    const second = state(await t.snapshot(2));
    expect(second?.kind === 'assessed' && second.sides[0]?.severity).toBe('critical');
  });

  it('reads the settings from storage.sync once per worker until they change, and a restarted worker reads them again', async () => {
    const session = memorySession();
    const strict = defaultSettings();
    strict.thresholds.distancePercent = { caution: '40', danger: '30', critical: '20' };
    const t = setup({ session, sync: { settings: strict } });
    for (let seq = 1; seq <= 3; seq++) {
      const s = state(await t.snapshot(seq));
      expect(s?.kind === 'assessed' && s.sides[0]?.severity).toBe('critical');
    }
    expect(t.syncReads).toEqual(['settings']);
    // A change in another area, or of another key, keeps the copy.
    t.bg.onStorageChanged({ settings: { newValue: null } }, 'local');
    t.bg.onStorageChanged({ other: { newValue: 1 } }, 'sync');
    await t.snapshot(4);
    expect(t.syncReads).toEqual(['settings']);

    // Changed while no worker ran (so no event reached this one's successor): the new worker reads storage.
    const relaxed = defaultSettings();
    const sync = { settings: relaxed };
    const b = setup({ session, sync });
    const s = state(await b.snapshot(5));
    expect(s?.kind === 'assessed' && s.sides[0]?.severity).toBe('caution');
    expect(b.syncReads).toEqual(['settings']);
  });

  it('answers a snapshot the core cannot assess as unreadable, with the reason', async () => {
    const t = setup();
    t.market.tables['binance-usdm/BTCUSDT'] = null;
    const s = state(await t.snapshot(1));
    expect(s?.kind).toBe('unreadable');
    expect(s?.kind === 'unreadable' && s.reasons[0]?.field).toBe('tiers');
    await vi.waitFor(() => expect(t.badges.get(7)?.text).toBe('?'));
  });
});

describe('a maintenance rate or contract size the trader typed in the popup', () => {
  it('opens the figure where the venue’s table is missing, labelled as the trader’s with the day it was typed', async () => {
    const t = setup();
    t.market.tables['binance-usdm/BTCUSDT'] = null;
    expect(state(await t.snapshot(1))?.kind).toBe('unreadable');
    // What the popup's This tab stores (src/popup/symbol-overrides.ts): percent as typed, per venue and symbol.
    t.local[SYMBOL_OVERRIDES_KEY] = { 'binance-usdm:BTCUSDT': { maintenanceMarginRate: '0.5', savedAt: Date.parse('2026-01-30T09:00:00Z') } };
    const s = state(await t.snapshot(2));
    expect(s?.kind).toBe('assessed');
    if (s?.kind !== 'assessed') return;
    expect(s.warnings[0]).toMatchObject({ code: 'typed-maintenance-rate', message: expect.stringMatching(/^Maintenance rate 0\.5 % typed by you \(2026-01-30\), not the venue’s table/) });
    const tab = await t.tabState();
    // The popup's calculator, prefilled from this tab, gets the same rate (as the engine's fraction).
    expect(tab?.replay?.inputs[0]?.maintenanceMarginRate).toBe('0.005');
    await vi.waitFor(() => expect(t.badges.get(7)?.text).toMatch(/%$/));
  });

  it('is not read while the venue’s data is at hand, and never replaces it', async () => {
    const t = setup();
    t.local[SYMBOL_OVERRIDES_KEY] = { 'binance-usdm:BTCUSDT': { maintenanceMarginRate: '0.5', savedAt: 1 } };
    const s = state(await t.snapshot(1));
    expect(s?.kind === 'assessed' && s.warnings.some((w) => w.code === 'typed-maintenance-rate')).toBe(false);
    expect(t.localReads).toEqual([]);
  });

  it('ignores what corrupt storage holds and stays closed', async () => {
    const t = setup();
    t.market.tables['binance-usdm/BTCUSDT'] = null;
    t.local[SYMBOL_OVERRIDES_KEY] = { 'binance-usdm:BTCUSDT': { maintenanceMarginRate: '1e3', savedAt: 'yesterday' } };
    expect(state(await t.snapshot(1))?.kind).toBe('unreadable');
    t.local[SYMBOL_OVERRIDES_KEY] = ['not', 'a', 'record'];
    expect(state(await t.snapshot(2))?.kind).toBe('unreadable');
  });
});

describe('coalescing', () => {
  it('computes only the newest of snapshots sent before the first was answered', async () => {
    const t = setup();
    const g = gate();
    t.market.hold = g.opened;
    const p1 = t.snapshot(1, binanceMarket({ leverage: ok('5') }));
    const p2 = t.snapshot(2, binanceMarket({ leverage: ok('10') }));
    const p3 = t.snapshot(3, binanceMarket({ leverage: ok('20') }));
    await vi.waitFor(() => expect(t.market.calls.tiers).toBe(3));
    g.open();
    const [r1, r2, r3] = await Promise.all([p1, p2, p3]);
    expect(r1).toMatchObject({ ok: false, seq: 1, error: { code: 'stale' } });
    expect(r2).toMatchObject({ ok: false, seq: 2, error: { code: 'stale' } });
    expect(r3).toMatchObject({ ok: true, seq: 3 });
    const tab = await t.tabState();
    expect(tab?.seq).toBe(3);
    expect(tab?.replay?.inputs[0]?.leverage).toBe('20');
  });

  it('never lets a late answer overwrite a cleared form', async () => {
    const t = setup();
    const g = gate();
    t.market.hold = g.opened;
    const p1 = t.snapshot(1);
    await vi.waitFor(() => expect(t.market.calls.tiers).toBe(1));
    await t.send({ type: 'form/cleared', seq: 2, reason: 'empty' });
    g.open();
    expect(code(await p1)).toBe('stale');
    expect(await t.tabState()).toBeNull();
    await vi.waitFor(() => expect(t.badges.get(7)?.text).toBe(''));
  });

  it('orders by arrival, so a reloaded page whose seq restarts at 1 is the newest', async () => {
    const t = setup();
    await t.snapshot(40, binanceMarket({ leverage: ok('5') }));
    const r = await t.snapshot(1, binanceMarket({ leverage: ok('20') }));
    expect(r).toMatchObject({ ok: true, seq: 1 });
    expect((await t.tabState())?.replay?.inputs[0]?.leverage).toBe('20');
  });
});

describe('worker restarts', () => {
  it('a restarted worker answers tab/state from storage.session and continues the tab', async () => {
    const session = memorySession();
    const a = setup({ session });
    const r = await a.snapshot(5);
    // The answer is written after the task that answered; then "Chrome stops the worker": every
    // global is gone; only storage.session remains.
    await vi.waitFor(() => expect(session.data.get('tab/7')).toMatchObject({ result: { seq: 5 } }));
    const b = setup({ session });
    await b.bg.onStartup();
    const restored = (await b.tabState())?.state;
    expect(restored && forPage(restored)).toEqual(state(r));
    expect(await b.snapshot(6)).toMatchObject({ ok: true, seq: 6 });
    expect((await b.tabState())?.seq).toBe(6);
    expect((session.data.get(WORKER_KEY) as { starts: number }).starts).toBe(1);
  });

  it('finishes a snapshot a stopped worker left pending, on start-up', async () => {
    const session = memorySession();
    const a = setup({ session });
    a.market.hold = new Promise(() => undefined); // this worker never gets its market data: it is stopped first
    void a.snapshot(9);
    await vi.waitFor(() => expect(a.market.calls.tiers).toBe(1));
    expect(await a.session.get('tab/7')).toMatchObject({ 'tab/7': { pending: { seq: 9 } } });

    const b = setup({ session });
    await b.bg.onStartup();
    const tab = await b.tabState();
    expect(tab).toMatchObject({ seq: 9, state: { kind: 'assessed' } });
    await vi.waitFor(() => expect(b.badges.get(7)?.text).toMatch(/%$/));
    // The answer is written after the task that answered.
    await vi.waitFor(async () => expect((await b.session.get('tab/7'))['tab/7']).toMatchObject({ pending: null }));
  });

  it('after two stops in a row, the next worker to start for any reason finishes the edit, and the badge and popup follow', async () => {
    const session = memorySession();
    const a = setup({ session });
    await a.snapshot(1, binanceMarket({ leverage: ok('5') }));
    await vi.waitFor(() => expect(a.badges.get(7)?.text).toMatch(/%$/));
    const before = a.badges.get(7)?.text;
    // The edit: worker A is stopped while it waits for market data.
    a.market.hold = new Promise(() => undefined);
    void a.snapshot(2, binanceMarket({ leverage: ok('50') }));
    // While it waits, the pending edit is written.
    await vi.waitFor(() => expect(session.data.get('tab/7')).toMatchObject({ pending: { seq: 2 } }));
    // Worker B starts (for the popup, a tab event, anything) and is stopped mid-way too.
    const b = setup({ session });
    b.market.hold = new Promise(() => undefined);
    void b.bg.onStartup();
    await vi.waitFor(() => expect(b.market.calls.tiers).toBe(1));
    expect((session.data.get('tab/7') as { pending: { seq: number } | null }).pending?.seq).toBe(2);
    // Worker C starts because a tab was updated: its start-up finishes the edit with no message from the page.
    const c = setup({ session });
    const started = c.bg.onStartup();
    void c.bg.onTabUpdated(3, { url: 'https://news.example/' });
    await started;
    await vi.waitFor(() => expect(c.badges.get(7)?.text).toMatch(/%$/));
    await vi.waitFor(() => expect(c.badges.get(7)?.text).not.toBe(before));
    const tab = await c.tabState();
    expect(tab).toMatchObject({ seq: 2, state: { kind: 'assessed' } });
    expect(tab?.replay?.inputs[0]?.leverage).toBe('50');
    await vi.waitFor(() => expect((session.data.get('tab/7') as { pending: unknown }).pending).toBeNull());
  });

  it('computes a pending snapshot before answering tab/state when start-up has not yet', async () => {
    const session = memorySession();
    const a = setup({ session });
    a.market.hold = new Promise(() => undefined);
    void a.snapshot(4);
    await vi.waitFor(() => expect(a.market.calls.tiers).toBe(1));
    const b = setup({ session });
    expect(await b.tabState()).toMatchObject({ seq: 4, state: { kind: 'assessed' } });
  });

  it('answers tab/state with the last stored answer when a pending one takes too long', async () => {
    const session = memorySession();
    const a = setup({ session });
    await a.snapshot(1);
    a.market.hold = new Promise(() => undefined);
    void a.snapshot(2);
    await vi.waitFor(() => expect(a.market.calls.tiers).toBe(2));
    const b = setup({ session, tabStateWaitMs: 30 });
    b.market.hold = new Promise(() => undefined); // the venue does not answer the restarted worker either
    const started = Date.now();
    expect((await b.tabState())?.seq).toBe(1);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('reads storage back defensively', async () => {
    const session = memorySession();
    await session.set({ 'tab/7': { v: 1, tabId: 99, arrival: 'x', pending: 'junk', result: 4 } });
    const t = setup({ session });
    await t.bg.onStartup();
    expect(await t.tabState()).toBeNull();
    expect(await t.snapshot(1)).toMatchObject({ ok: true });
  });
});

describe('sender rules', () => {
  it('refuses messages from web pages, other extensions and child frames before any handler', async () => {
    const t = setup();
    const msg = { type: 'form/snapshot', seq: 1, snapshot: binanceMarket() };
    const senders: SenderLike[] = [
      { url: PAGE, tab: { id: 7 }, frameId: 0 },
      { ...content(), id: 'otherextensionotherextensionabcd' },
      { ...content(), frameId: 2 },
      content(7, 'https://evil.example/futures/BTCUSDT'),
    ];
    for (const s of senders) expect(code(await t.send(msg, s))).toBe('forbidden-sender');
    expect(code(await t.bg.onMessage(msg, undefined))).toBe('forbidden-sender');
    await vi.waitFor(async () => expect((await t.stats())?.rejected['forbidden-sender']).toBe(5));
    expect((await t.stats())?.handled ?? {}).toEqual({});
    expect(t.badges.size).toBe(0);
  });

  it('keeps content messages and page messages apart', async () => {
    const t = setup();
    expect(code(await t.send({ type: 'tab/state', tabId: 7 }, content()))).toBe('forbidden-sender');
    expect(code(await t.send({ type: 'market/refresh' }, content()))).toBe('forbidden-sender');
    expect(code(await t.send({ type: 'form/snapshot', seq: 1, snapshot: binanceMarket() }, popup))).toBe('forbidden-sender');
    await vi.waitFor(async () => expect((await t.stats())?.rejected['forbidden-sender']).toBe(3));
    expect((await t.stats())?.handled ?? {}).toEqual({});
  });

  it('refuses a snapshot that describes another page or venue than its sender', async () => {
    const t = setup();
    const other = binanceMarket({ url: 'https://www.bybit.com/trade/usdt/BTCUSDT' });
    expect(code(await t.snapshot(1, other))).toBe('forbidden-sender');
    const wrongVenue = binanceMarket({ venue: 'okx' });
    expect(code(await t.snapshot(2, wrongVenue))).toBe('forbidden-sender');
    expect(await t.tabState()).toBeNull();
  });

  it('answers an invalid message with a typed error and logs it once', async () => {
    const t = setup();
    const bad = { type: 'form/snapshot', seq: 1, snapshot: { ...binanceMarket(), price: { ok: true, value: 'x'.repeat(1_000_000), source: 'page' } } };
    for (let i = 0; i < 3; i++) expect(code(await t.send(bad))).toBe('invalid-message');
    expect(code(await t.send({ type: 'nope' }))).toBe('unknown-type');
    expect(t.log.warn).toHaveBeenCalledTimes(2);
    expect(String(t.log.warn.mock.calls[0]?.[0])).not.toContain('xxxxxxxx');
    await vi.waitFor(async () => expect((await t.stats())?.rejected).toEqual({ 'invalid-message': 3, 'unknown-type': 1 }));
    expect((await t.stats())?.recent[0]).toMatchObject({ code: 'unknown-type', from: expect.stringContaining('https://www.binance.com') });
  });
});

describe('other messages', () => {
  it('opens the popup page on a venue in a new tab', async () => {
    const t = setup();
    expect(await t.send({ type: 'ui/open-venue', venueId: 'binance' })).toEqual({ ok: true });
    expect(t.opened).toEqual(['src/popup/index.html#venue=binance']);
    expect(code(await t.send({ type: 'ui/open-venue', venueId: 'nasdaq' }))).toBe('invalid-message');
    expect(t.opened).toHaveLength(1);
  });

  it('opens at most one tab for a burst of twenty clicks from one page, and still serves another tab', async () => {
    const t = setup();
    const answers = [];
    for (let i = 0; i < 20; i++) answers.push(await t.send({ type: 'ui/open-venue', venueId: 'bybit' }));
    expect(answers.filter((a) => (a as { ok: boolean }).ok)).toHaveLength(1);
    expect(code(answers[19] as Awaited<ReturnType<typeof t.send>>)).toBe('rate-limited');
    expect(t.opened).toEqual(['src/popup/index.html#venue=bybit']);
    expect(await t.send({ type: 'ui/open-venue', venueId: 'bybit' }, content(8))).toEqual({ ok: true });
    expect(t.opened).toHaveLength(2);
  });

  it('routes the market-data messages to the market module', async () => {
    const t = setup();
    expect(await t.send({ type: 'market/diagnostics' }, popup)).toMatchObject({ ok: true, rows: [] });
    expect(await t.send({ type: 'market/refresh', venue: 'bybit' }, popup)).toMatchObject({ ok: true, reports: [] });
  });

  it('routes the calculator to its handler', async () => {
    const t = setup();
    const r = await t.send({ type: 'calc/assess', input: { venue: 'binance-usdm', symbol: 'BTCUSDT', contract: 'linear', marginMode: 'isolated', side: 'long', entryPrice: '65000', markPrice: '65000', quantity: '0.1', quantityUnit: 'base', leverage: '10' } }, popup);
    expect(r).toMatchObject({ ok: true, result: { ok: true } });
  });
});

describe('tabs', () => {
  it('forgets a tab that navigated to another site, keeps one still on the venue page', async () => {
    const t = setup();
    await t.snapshot(1);
    await t.bg.onTabUpdated(7, { status: 'loading' });
    await t.bg.onTabUpdated(7, { url: 'https://www.binance.com/en/futures/ETHUSDT' });
    expect(await t.tabState()).not.toBeNull();
    await t.bg.onTabUpdated(7, { url: 'https://news.example/' });
    expect(await t.tabState()).toBeNull();
    await vi.waitFor(() => expect(t.badges.get(7)?.text).toBe(''));
  });

  it('does not touch storage for tabs it has no figures for', async () => {
    const t = setup();
    await t.bg.onTabUpdated(3, { url: 'https://news.example/' });
    expect(t.session.data.has('tab/3')).toBe(false);
    expect(t.badges.has(3)).toBe(false);
  });

  it('drops a closed tab’s record', async () => {
    const t = setup();
    await t.snapshot(1);
    await t.bg.onTabRemoved(7);
    expect(t.session.data.has('tab/7')).toBe(false);
  });

  it('stillOnForm: same origin and still a venue trading page', () => {
    expect(stillOnForm(PAGE, 'https://www.binance.com/en/futures/ETHUSDT')).toBe(true);
    expect(stillOnForm(PAGE, 'https://www.binance.com/en/my/wallet/futures/x')).toBe(false);
    expect(stillOnForm(PAGE, 'https://www.bybit.com/trade/usdt/BTCUSDT')).toBe(false);
    expect(stillOnForm(PAGE, 'not a url')).toBe(false);
  });
});
