// @vitest-environment happy-dom
/**
 * A page's keystrokes through both ends of the real port protocol: the content script's port and client
 * (src/content/port.ts, background-client.ts) and the background (port.ts, router, assessor), over a channel
 * that delivers posts in order as JSON, as Chrome does. The answers after the first come as changes; what the
 * page rebuilds must be the whole answer, draw the same overlay, and leave the popup its full detail.
 */
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { binanceAccount, row } from '../core/assessment/account-fixtures';
import { bad, binanceMarket, ok } from '../core/assessment/snapshot-fixtures';
import { createBackgroundClient, parseOverlayState, type ContentMessage } from '../content/background-client';
import { Overlay, type OverlayActions } from '../content/overlay/Overlay';
import { portSender, type PortLike } from '../content/port';
import type { FormSnapshot } from '../shared/form-snapshot';
import type { OverlayState, TabState } from '../shared/overlay-state';
import { PORT_NAME, type PortReply } from '../shared/port-protocol';
import { createBackground } from './background';
import { forPage } from './handlers/form';
import { servePort, type ServedPort } from './port';
import type { SenderLike } from './sender';
import { fakeApi, fakeMarket, SELF } from './test-fakes';

afterEach(cleanup);

const PAGE = 'https://www.binance.com/en/futures/BTCUSDT';
const sender: SenderLike = { id: SELF.id, url: PAGE, origin: new URL(PAGE).origin, frameId: 0, tab: { id: 7 } };
const popup: SenderLike = { id: SELF.id, url: `${SELF.origin}/src/popup/index.html`, origin: SELF.origin };

/** The page's port and the background's, joined: each post arrives as JSON, in order, in a later task. */
function connected() {
  const f = fakeApi();
  const bg = createBackground({ api: f.api, market: fakeMarket(), now: () => Date.parse('2026-02-01T12:00:00Z'), log: { warn: vi.fn(), error: vi.fn() }, budgets: { specMs: 50, markMs: 50, volatilityMs: 10 } });
  /** Every reply the background gave, whole, before the port made changes of it. */
  const whole: unknown[] = [];
  const posted: PortReply[] = [];
  const toPage: ((m: unknown) => void)[] = [];
  const toBackground: ((m: unknown) => void)[] = [];
  const deliver = (listeners: ((m: unknown) => void)[], m: unknown) => {
    const json = JSON.stringify(m);
    setTimeout(() => listeners.forEach((l) => l(JSON.parse(json))), 0);
  };
  const served: ServedPort = {
    name: PORT_NAME,
    sender,
    postMessage: (m) => (posted.push(m), deliver(toPage, m)),
    disconnect: () => undefined,
    onMessage: { addListener: (l) => void toBackground.push(l) },
    onDisconnect: { addListener: () => undefined },
  };
  const page: PortLike = {
    postMessage: (m) => deliver(toBackground, m),
    onMessage: { addListener: (l) => void toPage.push(l) },
    onDisconnect: { addListener: () => undefined },
  };
  servePort(served, async (message, s) => {
    const reply = await bg.onMessage(message, s);
    whole.push(structuredClone(reply));
    return reply;
  });
  const client = createBackgroundClient(portSender(() => page) as (m: ContentMessage) => Promise<unknown>);
  const tabState = async () => ((await bg.onMessage({ type: 'tab/state', tabId: 7 }, popup)) as { tab: TabState | null }).tab;
  return { client, whole, posted, tabState };
}

const none = () => undefined;
const actions: OverlayActions = { toggle: none, pick: none, confirm: none, openVenue: none, move: none, details: none, report: none, closeReport: none };

/** The overlay as a trader sees it, Details open (every figure and note the answer carries): a copy of its DOM. */
function drawn(state: OverlayState): Node {
  const r = render(<Overlay view={{ state, origin: 'background', symbol: 'BTCUSDT', pending: false, picking: null, canPick: true }} locale="en-US" theme="light" collapsed={false} detailsOpen={true} actions={actions} position={{ x: 0, y: 0 }} announcement="" />);
  const copy = r.container.cloneNode(true);
  r.unmount();
  return copy;
}

const size = (value: string) => ({ quantity: ok({ value, unit: 'base' as const, label: 'BTC' }) });
/** A trader typing: sizes, a leverage change, a field the page stops showing, the form read again, another side. */
const KEYSTROKES: FormSnapshot[] = [
  binanceMarket(size('0.25')),
  binanceMarket(size('0.251')),
  binanceMarket(size('0.2511')),
  binanceMarket({ ...size('0.2511'), leverage: ok('50') }),
  binanceMarket({ ...size('0.2511'), leverage: bad('no leverage control found') }),
  binanceMarket(size('0.3')),
  binanceMarket({ ...size('3'), sides: ok(['short']), marginMode: ok('cross') }),
];

describe('a keystroke’s answer over the port, sent as changes', () => {
  it('rebuilds on the page exactly the whole answer, which draws the same overlay, and the popup keeps the full detail', async () => {
    const c = connected();
    const kinds: string[] = [];
    for (const [i, snapshot] of KEYSTROKES.entries()) {
      const got = await c.client.assess(snapshot);
      const whole = c.whole.at(-1) as { ok: boolean; state: unknown };
      expect(whole.ok, `keystroke ${i}`).toBe(true);
      const expected = parseOverlayState(JSON.parse(JSON.stringify(whole.state)));
      expect(got, `keystroke ${i}`).toEqual({ kind: 'state', state: expected });
      if (got.kind !== 'state' || !expected) throw new Error('no state');
      const [mine, theirs] = [drawn(got.state), drawn(expected)];
      expect(mine.textContent, `keystroke ${i}`).toBe(theirs.textContent);
      expect(mine.isEqualNode(theirs), `keystroke ${i}`).toBe(true);
      kinds.push(got.state.kind);
      if (got.state.kind === 'assessed') expect((mine as Element).querySelectorAll('[data-liqguard="liquidation-price"]').length, `keystroke ${i}`).toBe(got.state.sides.filter((s) => s.liquidationPrice !== null).length);
      // The popup asks the background for the tab's answer: the whole one, unrounded figures included; the page's
      // copy is that answer without them, and draws the very same overlay with only the tick it carries.
      const stored = (await c.tabState())?.state;
      if (!stored) throw new Error('no stored answer');
      expect(forPage(stored), `keystroke ${i}`).toEqual(whole.state);
      if (stored.kind === 'assessed' && got.state.kind === 'assessed') {
        expect(stored.sides.every((s) => s.raw?.liquidationPrice !== undefined && s.raw.tick === '0.1'), `keystroke ${i}`).toBe(true);
        expect(got.state.sides.every((s) => s.raw === undefined && s.tick === '0.1'), `keystroke ${i}`).toBe(true);
      }
      expect(drawn(stored).isEqualNode(mine), `keystroke ${i}`).toBe(true);
      if (i === 3) {
        // The page's account arrives between two keystrokes: its reply is whole and the next answer still builds on the kept one.
        await c.client.sendAccount(binanceAccount([row({ symbol: 'ETHUSDT', side: 'short', size: { value: '4', unit: 'base', label: 'ETH' }, entryPrice: '3520', markPrice: '3456.78' })], { wallet: ok({ value: '3500', asset: 'USDT' }) }));
      }
    }
    expect(kinds).toEqual(['assessed', 'assessed', 'assessed', 'assessed', 'unreadable', 'assessed', 'assessed']);
    expect(c.posted.filter((p) => p.keep).length).toBe(1);
    expect(c.posted.filter((p) => p.patch).length).toBe(KEYSTROKES.length - 1);
  });

  it('sends a keystroke that changes one figure in a fraction of the whole answer’s bytes', async () => {
    const c = connected();
    await c.client.assess(KEYSTROKES[0] as FormSnapshot);
    await c.client.assess(KEYSTROKES[1] as FormSnapshot);
    const [first, second] = c.posted.map((p) => JSON.stringify(p).length);
    const wholeSecond = JSON.stringify(c.whole[1]).length;
    expect(first).toBeGreaterThan(3000);
    expect(second).toBeLessThan(wholeSecond / 3);
  });
});
