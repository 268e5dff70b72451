/**
 * One keystroke as the background handles it, in Node: the content script's form/snapshot message through the
 * router (sender check, schema), the assessor (settings, market data, the account planned for the tab), the
 * assessment and the tab store, on the bench page's Binance USDⓈ-M form, alone and with its ten open positions
 * (sent once as the page's account read, as the content script does). Market data is the real service over an
 * in-memory storage.local, with the bundled tier tables, the recorded exchange info and mark price and the E2E
 * bench's candles (so the volatility estimate, and the touch probability with it, is there as in the browser); the badge and
 * storage.session are in-memory fakes. Each snapshot is posted on a page's port (src/background/port.ts), which
 * sends the answer whole the first time and as changes after that; what it posts is structured-cloned, as the
 * browser does, and its size as JSON is counted (the bytes that cross to the page per keystroke). Bench-only.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createBackground } from '../src/background/background';
import { createMarketData } from '../src/background/market/market-data';
import { memoStore } from '../src/background/market/memo-store';
import { memoryStore } from '../src/background/market/store';
import { servePort } from '../src/background/port';
import { fakeApi, SELF } from '../src/background/test-fakes';
import { PORT_NAME, type PortReply } from '../src/shared/port-protocol';
import { candleResponse, RECORDED } from '../src/core/market/fixtures/index';
import { benchAccount, orderForm } from './keystroke-cases';

// The stage marks are compiled out of this build, as in a shipped one.
(globalThis as { __LG_MARKS__?: boolean }).__LG_MARKS__ = false;

const URL_ = 'https://www.binance.com/en/futures/BTCUSDT';
const sender = { id: SELF.id, url: URL_, frameId: 0, tab: { id: 7 }, documentId: 'bench-document' };

function background() {
  const market = createMarketData({
    storage: memoStore(memoryStore()),
    // The recorded exchange info and mark price, as the E2E bench stubs them (the page shows mark 65,010.3).
    fetch: async (url) => {
      const { pathname } = new URL(url);
      const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
      if (pathname === '/fapi/v1/exchangeInfo') return json(RECORDED.binanceExchangeInfo);
      if (pathname === '/fapi/v1/premiumIndex') return json({ ...RECORDED.binancePremium, symbol: 'BTCUSDT', markPrice: '65010.3', time: Date.now() });
      if (pathname === '/fapi/v1/klines') {
        // The E2E bench's candles (hourly and daily, closes alternating ±0.5 %): the volatility estimate, so the
        // 24 h touch probability is computed at every keystroke, as in the browser.
        const H = 3_600_000;
        const step = new URL(url).searchParams.get('interval') === '1d' ? 24 * H : H;
        const n = step === H ? 200 : 40;
        const lastOpen = Math.floor(Date.now() / step) * step - step;
        return json(candleResponse('binance-usdm', Array.from({ length: n }, (_, i) => (i % 2 ? '65000' : '65325')), lastOpen - (n - 1) * step, step));
      }
      return new Response('', { status: 404 });
    },
    now: () => Date.now(),
    loadBundled: async (name) => JSON.parse(readFileSync(path.resolve(import.meta.dirname, `../src/background/data/${name}.json`), 'utf8')) as unknown,
    bundledFileId: (name) => `bench ${name}`,
  });
  return createBackground({ api: fakeApi().api, market, now: () => Date.now(), log: { warn: () => undefined, error: (m, e) => console.error(m, e) } });
}

/** The background's end of one page's port; `post` resolves to what the background posts back for that message (several may be on their way). */
function pagePort(bg: ReturnType<typeof background>) {
  const listeners: ((m: unknown) => void)[] = [];
  let id = 0;
  const waiting = new Map<number, (reply: PortReply) => void>();
  servePort(
    {
      name: PORT_NAME,
      sender,
      postMessage: (m) => {
        const reply = structuredClone(m);
        waiting.get(reply.id)?.(reply);
        waiting.delete(reply.id);
      },
      disconnect: () => undefined,
      onMessage: { addListener: (l) => void listeners.push(l) },
      onDisconnect: { addListener: () => undefined },
    },
    bg.onMessage,
  );
  return (message: unknown) =>
    new Promise<PortReply>((resolve) => {
      const post = structuredClone({ id: ++id, message });
      waiting.set(post.id, resolve);
      for (const l of listeners) l(post);
    });
}

export interface Keystrokes {
  /** CPU time (user + system) per keystroke, in ms, sorted. */
  cpu: number[];
  /** What the port posted back per keystroke, as JSON, in bytes, sorted. */
  posted: number[];
  /** The same answers whole, as JSON, in bytes, sorted. */
  whole: number[];
}

/** `n` keystrokes after a warm-up, each on the same port. */
export async function backgroundKeystrokes(withAccount: boolean, n = 400): Promise<Keystrokes> {
  const bg = background();
  await bg.onStartup();
  const post = pagePort(bg);
  if (withAccount) {
    const r = (await post({ type: 'account/snapshot', seq: 1, account: benchAccount })).reply as { ok?: boolean };
    if (r.ok !== true) throw new Error(`the bench account was refused: ${JSON.stringify(r).slice(0, 300)}`);
  }
  // Every keystroke changes the size (normalised decimal strings, as the page's reader sends them).
  const sizes = Array.from({ length: 40 }, (_, i) => String(Number((0.251 + i / 1000).toFixed(3))));
  let seq = 0;
  const posted: number[] = [];
  const whole: number[] = [];
  const one = async () => {
    const snapshot = { ...orderForm(sizes[seq % sizes.length] as string), url: URL_ };
    const out = await post({ type: 'form/snapshot', seq: ++seq, snapshot });
    posted.push(JSON.stringify(out).length);
    // Asked again on the side, outside the measured CPU time: the same answer whole, for its size and its check.
    return out;
  };
  const check = async (out: PortReply) => {
    const reply = (await bg.onMessage({ type: 'tab/state', tabId: 7 }, { id: SELF.id, url: `${SELF.origin}/src/popup/index.html`, origin: SELF.origin })) as { tab?: { state?: { kind?: string; account?: { status?: string }; sides?: { touchProbability24h?: string }[] } } };
    const state = reply.tab?.state;
    if (state?.kind !== 'assessed' || (withAccount && state.account?.status !== 'read') || (out.reply === undefined && out.patch === undefined)) throw new Error(`the keystroke was not assessed: ${JSON.stringify(reply).slice(0, 400)}`);
    if (measuring && state.sides?.some((s) => s.touchProbability24h === undefined)) throw new Error(`the keystroke has no touch probability (no volatility estimate): ${JSON.stringify(reply).slice(0, 400)}`);
    whole.push(JSON.stringify({ id: out.id, reply: { ok: true, seq, state } }).length);
  };
  let measuring = false;
  for (let i = 0; i < 100; i++) await check(await one());
  measuring = true;
  posted.length = 0;
  whole.length = 0;
  const cpu: number[] = [];
  for (let i = 0; i < n; i++) {
    const c0 = process.cpuUsage();
    const out = await one();
    // The tab store's and the counters' writes, due after the reply's task, run before the next keystroke.
    await new Promise((r) => setTimeout(r, 0));
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    await check(out);
  }
  const sort = (xs: number[]) => xs.sort((a, b) => a - b);
  return { cpu: sort(cpu), posted: sort(posted), whole: sort(whole) };
}

/**
 * A keystroke that arrives right behind a read of the positions list whose marks ticked (every position checked
 * again: a whole assessment and two solves each), as on the bench's positions page once a second: the read is
 * posted, the keystroke's snapshot right after it on the same port, and the keystroke's answer is timed (wall
 * clock, from its post to its answer); then, as the page does, the form goes again once the read is answered.
 * Every read moves each mark by a few hundredths of a percent; every keystroke changes the size.
 */
export async function keystrokesBehindTicks(n = 200): Promise<{ wall: number[] }> {
  const bg = background();
  await bg.onStartup();
  const post = pagePort(bg);
  let seq = 0;
  await post({ type: 'account/snapshot', seq: ++seq, account: benchAccount });
  const wall: number[] = [];
  for (let i = 0; i < n + 30; i++) {
    const move = 1 + ((i % 7) - 3) / 10000;
    const account = structuredClone(benchAccount);
    if (account.positions.ok) for (const r of account.positions.value.rows) if (r.ok && r.row.markPrice) r.row.markPrice = String(Number((Number(r.row.markPrice) * move).toPrecision(6)));
    const snapshot = { ...orderForm(String(Number((0.251 + (i % 40) / 1000).toFixed(3)))), url: URL_ };
    const read = post({ type: 'account/snapshot', seq: ++seq, account });
    const t0 = performance.now();
    const out = await post({ type: 'form/snapshot', seq: 10_000 + i, snapshot });
    const t = performance.now() - t0;
    if (out.reply === undefined && out.patch === undefined) throw new Error(`the keystroke was not answered: ${JSON.stringify(out).slice(0, 300)}`);
    const r = (await read).reply as { ok?: boolean };
    if (r.ok !== true) throw new Error(`the read was refused: ${JSON.stringify(r).slice(0, 300)}`);
    await post({ type: 'form/snapshot', seq: 20_000 + i, snapshot });
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (i >= 30) wall.push(t);
  }
  return { wall: wall.sort((a, b) => a - b) };
}
