// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { assessed, sideFigures } from '../../test/helpers/overlay-states';
import { loadFixture } from '../../test/helpers/fixture-dom';
import type { ContentMessage } from './background-client';
import { startContent, type ContentHandle, type ExtensionApi } from './controller';
import type { ReportReply } from './report/request';
import { shadowOf } from './overlay/mount';
import { pageScript, userInput } from '../../test/helpers/trusted-events';
import { SYMBOL_OVERRIDES_KEY } from '../shared/symbol-overrides';
import type { OverlayState } from '../shared/overlay-state';

type Reply = (m: ContentMessage) => Promise<unknown>;

function fakeApi(reply: Reply, settings: unknown = undefined) {
  const sent: ContentMessage[] = [];
  const store: Record<string, unknown> = {};
  let id: string | undefined = 'test-extension';
  const listeners: ((c: Record<string, { newValue?: unknown }>, area: string) => void)[] = [];
  const fromPages: ((m: unknown) => unknown)[] = [];
  // The on-demand module, from source here (the extension imports its built file); `loads` counts the requests.
  const onDemand = { loads: 0, fail: false };
  const api: ExtensionApi = {
    runtimeId: () => id,
    sendMessage: (m) => {
      sent.push(m);
      return reply(m);
    },
    local: {
      get: async (keys) => Object.fromEntries((keys === null ? Object.keys(store) : typeof keys === 'string' ? [keys] : keys).filter((k) => k in store).map((k) => [k, store[k]])),
      set: async (items) => void Object.assign(store, items),
      remove: async (keys) => {
        for (const k of typeof keys === 'string' ? [keys] : keys) delete store[k];
      },
    },
    syncGet: async () => (settings === undefined ? {} : { settings }),
    onStorageChanged: (l) => void listeners.push(l),
    version: () => '0.1.0',
    onExtensionMessage: (h) => void fromPages.push(h),
    onDemand: () => {
      onDemand.loads++;
      return onDemand.fail ? Promise.reject(new Error('Failed to fetch dynamically imported module')) : import('./on-demand');
    },
  };
  return {
    api,
    onDemand,
    sent,
    store,
    snapshots: () => sent.filter((m): m is Extract<ContentMessage, { type: 'form/snapshot' }> => m.type === 'form/snapshot'),
    kill: () => (id = undefined),
    change: (changes: Record<string, { newValue?: unknown }>, area: string) => listeners.forEach((l) => l(changes, area)),
    /** A message from the popup, and the content script's reply. */
    ask: (m: unknown) => fromPages.map((h) => h(m)).find((r) => r !== undefined),
  };
}

const shadow = () => shadowOf(document.querySelector('liqguard-overlay'));
const hook = (field: string) => shadow()?.querySelector(`[data-liqguard="${field}"]`)?.textContent ?? null;
const answer = (state = assessed()) => (m: ContentMessage) => Promise.resolve(m.type === 'form/snapshot' ? { seq: m.seq, state } : undefined);

let handles: ContentHandle[] = [];
beforeEach(userInput);
afterEach(() => {
  for (const h of handles) h.stop();
  handles = [];
  document.querySelectorAll('liqguard-overlay').forEach((h) => h.remove());
});

async function start(fixture: string, url: string, reply: Reply, settings?: unknown, stored: Record<string, unknown> = {}) {
  (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(url);
  loadFixture(fixture);
  const fake = fakeApi(reply, settings);
  Object.assign(fake.store, stored);
  const handle = startContent(fake.api, window);
  handles.push(handle);
  await handle.ready;
  return { ...fake, handle };
}

const USDM = 'https://www.binance.com/en/futures/BTCUSDT';

describe('content controller', () => {
  it('sends a complete snapshot and renders the answer', async () => {
    const t = await start('binance-usdm/limit-cross.html', USDM, answer());
    await vi.waitFor(() => expect(hook('state')).toBe('assessed'));
    const [msg] = t.snapshots();
    expect(msg?.seq).toBe(1);
    expect(msg?.snapshot.symbol).toMatchObject({ ok: true, value: 'BTCUSDT' });
    expect(hook('liquidation-price')).toBe('61,234.5');
    expect(hook('symbol')).toBe('BTCUSDT');
  });

  it('reads the form and draws the overlay without asking the page for geometry (no layout forced)', async () => {
    const read = vi.spyOn(Element.prototype, 'getBoundingClientRect');
    await start('binance-usdm/limit-cross.html', USDM, answer());
    await vi.waitFor(() => expect(hook('state')).toBe('assessed'));
    const ours = read.mock.contexts.filter((el) => !(el as Element).closest?.('liqguard-overlay') && (el as Node).getRootNode?.() === document);
    expect(ours).toEqual([]);
  });

  it('sends an edited form before it redraws the overlay, which dims the old figures while the answer is computed', async () => {
    const busy: (string | null)[] = [];
    const t = await start('binance-usdm/limit-cross.html', USDM, (m) => {
      busy.push(shadow()?.querySelector('[data-liqguard="overlay"]')?.getAttribute('aria-busy') ?? null);
      return answer()(m);
    });
    await vi.waitFor(() => expect(hook('state')).toBe('assessed'));
    const size = document.getElementById('unitAmount-1') as HTMLInputElement;
    size.value = '0.5';
    size.dispatchEvent(new Event('input', { bubbles: true }));
    await vi.waitFor(() => expect(t.snapshots()).toHaveLength(2));
    // At the send the overlay still showed the last answer, not yet dimmed.
    expect(busy[1]).toBe('false');
    await vi.waitFor(() => expect(shadow()?.querySelector('[data-liqguard="overlay"]')?.getAttribute('aria-busy')).toBe('false'));
  });

  it('never asks for the page’s computed style inside an edit’s task or an animation frame: the theme is read when the browser is idle, once per read', async () => {
    // happy-dom has no idle callbacks: a browser's, run at once.
    const idle = vi.fn((run: IdleRequestCallback) => setTimeout(() => run({ didTimeout: false, timeRemaining: () => 50 }), 0));
    Object.assign(window, { requestIdleCallback: idle });
    onTestFinished(() => void Reflect.deleteProperty(window, 'requestIdleCallback'));
    const t = await start('binance-usdm/limit-cross.html', USDM, answer());
    await vi.waitFor(() => expect(hook('state')).toBe('assessed'));
    await new Promise((r) => setTimeout(r, 0));
    idle.mockClear();
    const styles = vi.spyOn(window, 'getComputedStyle');
    // pageTheme() asks for the body's computed background first.
    const asked = () => styles.mock.calls.filter(([el]) => el === document.body).length;
    const size = document.getElementById('unitAmount-1') as HTMLInputElement;
    size.value = '0.5';
    size.dispatchEvent(new Event('input', { bubbles: true }));
    // The edit is read in a microtask of its own task (observe.ts).
    await Promise.resolve();
    // The edit is read and sent, and the card redrawn busy, in the edit's own task: no style asked there.
    expect(t.snapshots()).toHaveLength(2);
    expect(shadow()?.querySelector('[data-liqguard="overlay"]')?.getAttribute('aria-busy')).toBe('true');
    expect(asked()).toBe(0);
    await vi.waitFor(() => expect(shadow()?.querySelector('[data-liqguard="overlay"]')?.getAttribute('aria-busy')).toBe('false'));
    // Asked for when the browser is idle, not in an animation frame (style may be dirty there).
    expect(idle).toHaveBeenCalledTimes(1);
    await new Promise((r) => setTimeout(r, 0));
    // One read, two redraws (the busy card, then the answer): the page's style asked once, when idle.
    expect(asked()).toBe(1);
    // A redraw without a read (the trader collapses the card) asks nothing.
    (shadow()?.querySelector('[data-liqguard-action="toggle"]') as HTMLElement).click();
    expect(shadow()?.querySelector('.lg-pill')).not.toBeNull();
    await new Promise((r) => setTimeout(r, 0));
    expect(asked()).toBe(1);
    expect(idle).toHaveBeenCalledTimes(1);
  });

  it('follows the page to a dark theme without an edit of the form', async () => {
    await start('binance-usdm/limit-cross.html', USDM, answer());
    await vi.waitFor(() => expect(hook('state')).toBe('assessed'));
    const frame = () => shadow()?.querySelector('[data-liqguard="overlay"]')?.className ?? '';
    expect(frame()).toMatch(/\blg-light\b/);
    document.documentElement.setAttribute('data-theme', 'dark');
    await vi.waitFor(() => expect(frame()).toMatch(/\blg-dark\b/));
    document.documentElement.setAttribute('data-theme', 'light');
    await vi.waitFor(() => expect(frame()).toMatch(/\blg-light\b/));
  });

  it('assesses the form again when the positions list changes, with the snapshot last sent, once the read is answered: the page is not read again for it', async () => {
    // The account read is answered as the background answers it, once its positions are checked (`release`).
    const view = { venue: 'Binance', status: 'read', summary: '10 open positions read.', wallet: null, positions: [], marginRatio: null, warnings: [] };
    const form = answer();
    let held: Promise<void> = Promise.resolve();
    let release = () => undefined as void;
    const t = await start('bench/positions-10.html', USDM, (m) => (m.type === 'account/snapshot' ? held.then(() => ({ ok: true, seq: m.seq, view })) : form(m)));
    await vi.waitFor(() => expect(hook('state')).toBe('assessed'));
    const accounts = () => t.sent.filter((m) => m.type === 'account/snapshot').length;
    // The list is read on a timer of its own (once a second), the first time before the form.
    await vi.waitFor(() => expect(accounts()).toBe(1), { timeout: 3000 });
    const before = t.snapshots().length;
    const last = t.snapshots().at(-1)?.snapshot;
    held = new Promise((r) => (release = r));
    // A mark in the list ticks: the list is read again and sent, then, once it is answered, the same form, as it was read (its read time too).
    const mark = document.querySelector('[data-fx-mark="2"]') as HTMLElement;
    mark.textContent = '148.30';
    await vi.waitFor(() => expect(accounts()).toBe(2), { timeout: 3000 });
    await new Promise((r) => setTimeout(r, 50));
    expect(t.snapshots()).toHaveLength(before);
    release();
    await vi.waitFor(() => expect(t.snapshots().length).toBe(before + 1));
    const again = t.snapshots().at(-1);
    expect(again?.snapshot).toEqual(last);
    expect(t.sent.at(-1)).toBe(again);
    expect(t.sent.at(-2)?.type).toBe('account/snapshot');
    // Not dimmed while it is computed: the figures change only if the account moved them.
    expect(shadow()?.querySelector('[data-liqguard="overlay"]')?.getAttribute('aria-busy')).toBe('false');
  });

  it('does not resend an unchanged form, and sends again when it changes', async () => {
    const t = await start('binance-usdm/limit-cross.html', USDM, answer());
    await vi.waitFor(() => expect(hook('state')).toBe('assessed'));
    document.body.append(document.createElement('div')); // an unrelated mutation
    await new Promise((r) => setTimeout(r, 50));
    expect(t.snapshots()).toHaveLength(1);
    const size = document.getElementById('unitAmount-1') as HTMLInputElement;
    size.value = '0.5';
    size.dispatchEvent(new Event('input', { bubbles: true }));
    await vi.waitFor(() => expect(t.snapshots()).toHaveLength(2));
    expect(t.snapshots()[1]?.snapshot.quantity).toMatchObject({ ok: true, value: { value: '0.5' } });
  });

  it('on a busy page a ticking order book costs no read, while a symbol switch and a removed field are still seen', async () => {
    const t = await start('bench/orderbook.html', USDM, answer());
    await vi.waitFor(() => expect(hook('state')).toBe('assessed'));
    await new Promise((r) => setTimeout(r, 50)); // the frame the overlay's own insertion asks for
    const frames = vi.spyOn(window, 'requestAnimationFrame');
    const mid = document.getElementById('mid') as HTMLElement;
    for (let i = 0; i < 10; i++) {
      // What the fixture's script does 20 times a second (happy-dom does not run it).
      mid.textContent = `65,00${i}.1`;
      document.getElementById('asks')?.append(document.createElement('div'));
      document.title = `65,00${i}.1 | BTCUSDT | Binance Futures`;
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(frames).not.toHaveBeenCalled();
    expect(t.snapshots()).toHaveLength(1);

    // A single-page app's symbol switch: new URL, new title and header, the form's unit follows.
    history.pushState({}, '', '/en/futures/ETHUSDT');
    document.title = 'ETHUSDT | Binance Futures';
    (document.querySelector('.fx-ticker h1') as HTMLElement).textContent = 'ETHUSDT Perpetual';
    (document.querySelector('[data-fx-unit]') as HTMLElement).textContent = 'ETH';
    await vi.waitFor(() => expect(t.snapshots().at(-1)?.snapshot.symbol).toMatchObject({ ok: true, value: 'ETHUSDT' }));
    expect(t.sent).toContainEqual(expect.objectContaining({ type: 'form/cleared', reason: 'navigated' }));

    // Fail closed: a field the read needs disappears.
    document.querySelector('.fx-leverage')?.remove();
    await vi.waitFor(() => expect(hook('state')).toBe('unreadable'));
    expect(hook('unreadable-reason')).toMatch(/^Leverage:/);
  });

  it('says so when the background does not answer, and shows no figure', async () => {
    await start('binance-usdm/limit-cross.html', USDM, () => Promise.resolve(undefined));
    await vi.waitFor(() => expect(hook('state')).toBe('error'));
    expect(hook('message')).toMatch(/did not answer/);
    expect(hook('liquidation-price')).toBeNull();
  });

  it('decides unreadable locally, sends no snapshot, and tells the background once what the overlay shows (for the popup and the badge)', async () => {
    const t = await start('binance-usdm/broken-no-leverage.html', USDM, answer());
    await vi.waitFor(() => expect(hook('state')).toBe('unreadable'));
    expect(hook('unreadable-reason')).toMatch(/^Leverage:/);
    expect(t.snapshots()).toEqual([]);
    await vi.waitFor(() => expect(t.sent).toHaveLength(1));
    const [told] = t.sent as Extract<ContentMessage, { type: 'form/cleared' }>[];
    expect(told).toMatchObject({ type: 'form/cleared', reason: 'unreadable', state: { kind: 'unreadable', reasons: [{ field: 'leverage' }] } });
    expect(told?.snapshot).toMatchObject({ venue: 'binance', leverage: { ok: false }, quantity: { ok: true } });
    // The same state read again is not sent again.
    const size = document.getElementById('unitAmount-1') as HTMLInputElement;
    size.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 50));
    expect(t.sent).toHaveLength(1);
  });

  it('clears the background once when the size is emptied', async () => {
    const t = await start('binance-usdm/limit-cross.html', USDM, answer());
    await vi.waitFor(() => expect(hook('state')).toBe('assessed'));
    const size = document.getElementById('unitAmount-1') as HTMLInputElement;
    size.value = '';
    size.dispatchEvent(new Event('input', { bubbles: true }));
    await vi.waitFor(() => expect(hook('state')).toBe('idle'));
    size.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 50));
    expect(t.sent.filter((m) => m.type === 'form/cleared')).toEqual([{ type: 'form/cleared', seq: 2, reason: 'empty' }]);
  });

  it('hides the overlay when the venue’s overlay is off, but still informs the background', async () => {
    const t = await start('binance-usdm/limit-cross.html', USDM, answer(), { version: 1, venues: { binance: { overlay: false } } });
    await vi.waitFor(() => expect(t.snapshots()).toHaveLength(1));
    expect(document.querySelector('liqguard-overlay')).toBeNull();
    t.change({ settings: { newValue: { version: 1, venues: { binance: { overlay: true } } } } }, 'sync');
    await vi.waitFor(() => expect(hook('state')).toBe('assessed'));
  });

  it('sends the unchanged form again when the settings change, and shows the new answer', async () => {
    let state = assessed();
    const t = await start('binance-usdm/limit-cross.html', USDM, (m) => Promise.resolve(m.type === 'form/snapshot' ? { seq: m.seq, state } : undefined));
    await vi.waitFor(() => expect(hook('state')).toBe('assessed'));
    expect(t.snapshots()).toHaveLength(1);
    // A threshold changed in the options: the background's answer for the same form changes.
    state = assessed({ sides: [sideFigures('long', { severity: 'critical' })] });
    t.change({ settings: { newValue: { version: 2, thresholds: { distancePercent: { caution: '95', danger: '90', critical: '85' } } } } }, 'sync');
    await vi.waitFor(() => expect(t.snapshots()).toHaveLength(2));
    expect(t.snapshots()[1]?.snapshot).toEqual({ ...t.snapshots()[0]?.snapshot, readAt: t.snapshots()[1]?.snapshot.readAt });
    await vi.waitFor(() => expect(shadow()?.querySelector('[data-liqguard="severity"]')?.getAttribute('data-value')).toBe('critical'));
    // Other storage areas and keys do not resend.
    t.change({ other: { newValue: 1 } }, 'sync');
    t.change({ settings: { newValue: {} } }, 'local');
    await new Promise((r) => setTimeout(r, 50));
    expect(t.snapshots()).toHaveLength(2);
  });

  it('sends the form again when the trader types a maintenance rate in the popup, so the figure opens without a keystroke', async () => {
    let state: OverlayState = { kind: 'unreadable', reasons: [{ code: 'missing-tier-data', field: 'tiers', message: 'Maintenance margin: no usable maintenance-margin tier table for BTCUSDT.' }] };
    const t = await start('binance-usdm/limit-cross.html', USDM, (m) => Promise.resolve(m.type === 'form/snapshot' ? { seq: m.seq, state } : undefined));
    await vi.waitFor(() => expect(hook('state')).toBe('unreadable'));
    expect(t.snapshots()).toHaveLength(1);
    state = assessed();
    t.change({ [SYMBOL_OVERRIDES_KEY]: { newValue: { 'binance-usdm:BTCUSDT': { maintenanceMarginRate: '0.5', savedAt: 1 } } } }, 'local');
    await vi.waitFor(() => expect(t.snapshots()).toHaveLength(2));
    await vi.waitFor(() => expect(hook('state')).toBe('assessed'));
  });

  it('does nothing on a venue the trader switched off', async () => {
    const t = await start('binance-usdm/limit-cross.html', USDM, answer(), { version: 1, venues: { binance: { enabled: false } } });
    await new Promise((r) => setTimeout(r, 50));
    expect(t.sent).toEqual([]);
    expect(document.querySelector('liqguard-overlay')).toBeNull();
  });

  it('sends ui/open-venue from the venue link', async () => {
    const t = await start('binance-usdm/limit-cross.html', USDM, answer());
    await vi.waitFor(() => expect(hook('state')).toBe('assessed'));
    (shadow()?.querySelector('[data-liqguard-action="details"]') as HTMLButtonElement).click();
    (shadow()?.querySelector('[data-liqguard-action="venue"]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(t.sent).toContainEqual({ type: 'ui/open-venue', venueId: 'binance-usdm' }));
  });

  it('a newer instance (after an extension update) stops the old one cleanly', async () => {
    const first = await start('binance-usdm/limit-cross.html', USDM, answer());
    await vi.waitFor(() => expect(hook('state')).toBe('assessed'));
    // The update invalidates the old copy's extension context; nothing has read the form since.
    first.kill();
    const second = fakeApi(answer());
    const handle = startContent(second.api, window);
    handles.push(handle);
    await handle.ready;
    await vi.waitFor(() => expect(second.snapshots()).toHaveLength(1));
    // The overlay is drawn once the form's box arrives from the browser's next layout.
    await vi.waitFor(() => expect(document.querySelectorAll('liqguard-overlay')).toHaveLength(1));
    const size = document.getElementById('unitAmount-1') as HTMLInputElement;
    size.value = '0.5';
    size.dispatchEvent(new Event('input', { bubbles: true }));
    await vi.waitFor(() => expect(second.snapshots()).toHaveLength(2));
    expect(first.snapshots()).toHaveLength(1);
  });

  it('a page that forges the hand-over event cannot stop a live content script', async () => {
    const t = await start('binance-usdm/limit-cross.html', USDM, answer());
    await vi.waitFor(() => expect(hook('state')).toBe('assessed'));
    // What any page script can do: the event name is public (the extension id is the store's).
    window.dispatchEvent(new Event('liqguard:content-started:test-extension'));
    window.dispatchEvent(new CustomEvent('liqguard:content-started:test-extension', { detail: { forged: true } }));
    expect(document.querySelectorAll('liqguard-overlay')).toHaveLength(1);
    const size = document.getElementById('unitAmount-1') as HTMLInputElement;
    size.value = '0.5';
    size.dispatchEvent(new Event('input', { bubbles: true }));
    await vi.waitFor(() => expect(t.snapshots()).toHaveLength(2));
    await vi.waitFor(() => expect(hook('state')).toBe('assessed'));
    expect(t.sent.filter((m) => m.type === 'form/cleared')).toEqual([]);
  });

  it('stopping clears the tab’s record in the background, so the popup and badge drop the figures', async () => {
    const t = await start('binance-usdm/limit-cross.html', USDM, answer());
    await vi.waitFor(() => expect(hook('state')).toBe('assessed'));
    t.handle.stop();
    expect(document.querySelector('liqguard-overlay')).toBeNull();
    await vi.waitFor(() => expect(t.sent.at(-1)).toEqual({ type: 'form/cleared', seq: 2, reason: 'stopped' }));
  });

  it('stops itself when the extension context is gone', async () => {
    const t = await start('binance-usdm/limit-cross.html', USDM, answer());
    await vi.waitFor(() => expect(hook('state')).toBe('assessed'));
    t.kill();
    const size = document.getElementById('unitAmount-1') as HTMLInputElement;
    size.value = '0.5';
    size.dispatchEvent(new Event('input', { bubbles: true }));
    await vi.waitFor(() => expect(document.querySelector('liqguard-overlay')).toBeNull());
    expect(t.snapshots()).toHaveLength(1);
  });

  it('a page script cannot collapse the overlay or open a venue tab', async () => {
    const t = await start('binance-usdm/limit-cross.html', USDM, answer());
    await vi.waitFor(() => expect(hook('state')).toBe('assessed'));
    pageScript();
    (shadow()?.querySelector('[data-liqguard-action="toggle"]') as HTMLButtonElement).click();
    (shadow()?.querySelector('[data-liqguard-action="details"]') as HTMLButtonElement).click();
    (shadow()?.querySelector('[data-liqguard-action="venue"]') as HTMLButtonElement | null)?.click();
    await new Promise((r) => setTimeout(r, 50));
    expect(t.store['overlay:ui:binance-usdm']).toBeUndefined();
    expect(t.sent.filter((m) => m.type === 'ui/open-venue')).toEqual([]);
    expect(shadow()?.querySelector('[data-liqguard="overlay"]')?.getAttribute('data-collapsed')).toBe('false');
  });

  it('a margin mode the trader chooses fills the one the page does not show, per symbol, and is remembered', async () => {
    const BYBIT = 'https://www.bybit.com/trade/usdt/BTCUSDT';
    const t = await start('bybit/broken-no-margin.html', BYBIT, answer());
    await vi.waitFor(() => expect(hook('state')).toBe('unreadable'));
    expect(t.snapshots()).toHaveLength(0);
    (shadow()?.querySelector('[data-liqguard-action="margin-isolated"]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(t.snapshots()).toHaveLength(1));
    expect(t.snapshots()[0]?.snapshot.marginMode).toEqual({ ok: true, value: 'isolated', raw: 'isolated', source: 'trader' });
    expect(t.store['overlay:margin:bybit']).toEqual({ BTCUSDT: 'isolated' });
    // The next visit uses it at once; another symbol does not.
    handles.forEach((h) => h.stop());
    const again = await start('bybit/broken-no-margin.html', BYBIT, answer(), undefined, { 'overlay:margin:bybit': { BTCUSDT: 'isolated' } });
    await vi.waitFor(() => expect(again.snapshots()).toHaveLength(1));
    handles.forEach((h) => h.stop());
    const other = await start('bybit/broken-no-margin.html', BYBIT, answer(), undefined, { 'overlay:margin:bybit': { ETHUSDT: 'isolated' } });
    await vi.waitFor(() => expect(hook('state')).toBe('unreadable'));
    // A page script cannot choose it.
    pageScript();
    (shadow()?.querySelector('[data-liqguard-action="margin-cross"]') as HTMLButtonElement).click();
    await new Promise((r) => setTimeout(r, 50));
    expect(other.snapshots()).toHaveLength(0);
  });

  it('opens the calculator for this tab', async () => {
    const t = await start('bybit/broken-no-margin.html', 'https://www.bybit.com/trade/usdt/BTCUSDT', answer());
    await vi.waitFor(() => expect(hook('state')).toBe('unreadable'));
    (shadow()?.querySelector('[data-liqguard-action="calculator"]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(t.sent).toContainEqual({ type: 'ui/open-calculator' }));
  });

  it('remembers collapse per venue in storage.local', async () => {
    const t = await start('binance-usdm/limit-cross.html', USDM, answer());
    await vi.waitFor(() => expect(hook('state')).toBe('assessed'));
    (shadow()?.querySelector('[data-liqguard-action="toggle"]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(t.store['overlay:ui:binance-usdm']).toEqual({ x: null, y: null, collapsed: true }));
  });

  it('answers the popup’s report request with the page as it is now and what the overlay shows, and nothing else', async () => {
    const t = await start('binance-usdm/broken-no-leverage.html', USDM, answer());
    await vi.waitFor(() => expect(hook('state')).toBe('unreadable'));
    expect(t.ask({ type: 'form/snapshot' })).toBeUndefined();
    const reply = (await t.ask({ type: 'report/build' })) as ReportReply;
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    expect(reply.report.meta).toMatchObject({ extension: '0.1.0', date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(reply.report.page).toMatchObject({ adapter: 'binance-usdm', path: '/en/futures/BTCUSDT', symbol: 'BTCUSDT' });
    expect(reply.report.read.kind).toBe('unreadable');
    expect(reply.report.overlay).toMatchObject({ kind: 'unreadable', notes: [{ field: 'leverage', message: 'Leverage: no leverage control found' }] });
  });

  it('builds the page report when the trader clicks "Report this page", and closes it', async () => {
    const t = await start('binance-usdm/broken-no-leverage.html', USDM, answer());
    await vi.waitFor(() => expect(hook('state')).toBe('unreadable'));
    // The report's builder and preview are not loaded until the trader asks.
    expect(t.onDemand.loads).toBe(0);
    (shadow()?.querySelector('[data-liqguard-action="report-page"]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(shadow()?.querySelector('[data-liqguard="page-report"]')).not.toBeNull());
    const text = (shadow()?.querySelector('[data-liqguard="page-report-text"]') as HTMLTextAreaElement).value;
    expect(JSON.parse(text)).toMatchObject({ page: { adapter: 'binance-usdm' }, read: { kind: 'unreadable' }, overlay: { kind: 'unreadable' } });
    (shadow()?.querySelector('[data-liqguard-action="report-close"]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(shadow()?.querySelector('[data-liqguard="page-report"]')).toBeNull());
    expect(hook('state')).toBe('unreadable');
    // Loaded once, used again.
    (shadow()?.querySelector('[data-liqguard-action="report-page"]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(shadow()?.querySelector('[data-liqguard="page-report"]')).not.toBeNull());
    expect(t.onDemand.loads).toBe(1);
  });

  it('says why there is no report when its module cannot be loaded, and tries again at the next click', async () => {
    const t = await start('binance-usdm/broken-no-leverage.html', USDM, answer());
    await vi.waitFor(() => expect(hook('state')).toBe('unreadable'));
    t.onDemand.fail = true;
    const reply = (await t.ask({ type: 'report/build' })) as ReportReply;
    expect(reply).toEqual({ ok: false, message: 'LiqGuard could not load its page-report builder (Failed to fetch dynamically imported module).' });
    (shadow()?.querySelector('[data-liqguard-action="report-page"]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(shadow()?.querySelector('[role="alert"]')?.textContent).toBe('LiqGuard could not load its page-report builder (Failed to fetch dynamically imported module).'));
    expect(shadow()?.querySelector('[data-liqguard="page-report"]')).toBeNull();
    // The figures' state is untouched, and Close goes back to it.
    expect(hook('state')).toBe('unreadable');
    (shadow()?.querySelector('[data-liqguard-action="report-close"]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(shadow()?.querySelector('[role="alert"]')).toBeNull());
    t.onDemand.fail = false;
    (shadow()?.querySelector('[data-liqguard-action="report-page"]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(shadow()?.querySelector('[data-liqguard="page-report"]')).not.toBeNull());
    expect(t.onDemand.loads).toBe(3);
  });

  it('on a site with fields the trader pointed at, reads nothing until their reader loads, and says so when it cannot load', async () => {
    const t = await start('binance-usdm/limit-cross.html', USDM, answer());
    await vi.waitFor(() => expect(hook('state')).toBe('assessed'));
    const before = t.snapshots().length;
    t.onDemand.fail = true;
    // The trader saves a price field (another tab, or the options page): it must not be read past while its reader is missing.
    t.change({ 'picker:www.binance.com': { newValue: { version: 1, savedAt: 1, fields: { price: { tag: 'input', id: 'limitPrice-1' } } } } }, 'local');
    const cleared = () => t.sent.filter((m): m is Extract<ContentMessage, { type: 'form/cleared' }> => m.type === 'form/cleared');
    await vi.waitFor(() => expect(cleared().at(-1)?.state).toMatchObject({ kind: 'unreadable', reasons: [{ code: 'no-form', message: expect.stringMatching(/^LiqGuard could not load the fields you pointed at on this site \(Failed to fetch dynamically imported module\)\. Point at them again/) }] }));
    expect(t.snapshots()).toHaveLength(before);
  });

  it('loads the field picker at the trader’s click on "Point at the fields", and says so when it cannot', async () => {
    const t = await start('binance-usdm/broken-no-leverage.html', USDM, answer());
    await vi.waitFor(() => expect(hook('state')).toBe('unreadable'));
    expect(t.onDemand.loads).toBe(0);
    t.onDemand.fail = true;
    (shadow()?.querySelector('[data-liqguard-action="pick"]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(shadow()?.querySelector('[role="alert"]')?.textContent).toBe('LiqGuard could not load its field picker (Failed to fetch dynamically imported module).'));
    (shadow()?.querySelector('[data-liqguard-action="report-close"]') as HTMLButtonElement).click();
    t.onDemand.fail = false;
    await vi.waitFor(() => expect(shadow()?.querySelector('[data-liqguard-action="pick"]')).not.toBeNull());
    (shadow()?.querySelector('[data-liqguard-action="pick"]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(shadow()?.querySelector('[data-liqguard="picker"]')).not.toBeNull());
    expect(t.onDemand.loads).toBe(2);
    (shadow()?.querySelector('[data-liqguard-action="cancel"]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(shadow()?.querySelector('[data-liqguard="picker"]')).toBeNull());
  });
});
