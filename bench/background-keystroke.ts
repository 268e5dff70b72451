/**
 * One keystroke as the background handles it, in Node: the content script's form/snapshot message through the
 * router (sender check, schema), the assessor (settings, market data, the account planned for the tab), the
 * assessment and the tab store, on the bench page's Binance USDⓈ-M form, alone and with its ten open positions
 * (sent once as the page's account read, as the content script does). Market data is the real service over an
 * in-memory storage.local, with the bundled tier tables and the recorded exchange info and mark price; the badge and
 * storage.session are in-memory fakes. The reply is structured-cloned, as the port does. Bench-only.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createBackground } from '../src/background/background';
import { createMarketData } from '../src/background/market/market-data';
import { memoStore } from '../src/background/market/memo-store';
import { memoryStore } from '../src/background/market/store';
import { fakeApi, SELF } from '../src/background/test-fakes';
import { RECORDED } from '../src/core/market/fixtures/index';
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
      return new Response('', { status: 404 });
    },
    now: () => Date.now(),
    loadBundled: async (name) => JSON.parse(readFileSync(path.resolve(import.meta.dirname, `../src/background/data/${name}.json`), 'utf8')) as unknown,
    bundledFileId: (name) => `bench ${name}`,
  });
  return createBackground({ api: fakeApi().api, market, now: () => Date.now(), log: { warn: () => undefined, error: (m, e) => console.error(m, e) } });
}

/** CPU time (user + system) per keystroke, in ms, sorted, over `n` keystrokes after a warm-up. */
export async function backgroundKeystrokes(withAccount: boolean, n = 400): Promise<number[]> {
  const bg = background();
  await bg.onStartup();
  if (withAccount) {
    const r = (await bg.onMessage({ type: 'account/snapshot', seq: 1, account: benchAccount }, sender)) as { ok?: boolean };
    if (r.ok !== true) throw new Error(`the bench account was refused: ${JSON.stringify(r).slice(0, 300)}`);
  }
  // Every keystroke changes the size (normalised decimal strings, as the page's reader sends them).
  const sizes = Array.from({ length: 40 }, (_, i) => String(Number((0.251 + i / 1000).toFixed(3))));
  let seq = 0;
  const one = async () => {
    const snapshot = structuredClone({ ...orderForm(sizes[seq % sizes.length] as string), url: URL_ });
    const reply = (await bg.onMessage({ type: 'form/snapshot', seq: ++seq, snapshot }, sender)) as { ok?: boolean; state?: { kind?: string; account?: { status?: string } } };
    if (reply.ok !== true || reply.state?.kind !== 'assessed' || (withAccount && reply.state.account?.status !== 'read')) throw new Error(`the keystroke was not assessed: ${JSON.stringify(reply).slice(0, 400)}`);
    structuredClone(reply);
    // The tab store's and the counters' writes, due after the reply's task, run before the next keystroke.
    await new Promise((r) => setTimeout(r, 0));
  };
  for (let i = 0; i < 100; i++) await one();
  const cpu: number[] = [];
  for (let i = 0; i < n; i++) {
    const c0 = process.cpuUsage();
    await one();
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return cpu.sort((a, b) => a - b);
}
