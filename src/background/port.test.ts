import { describe, expect, it, vi } from 'vitest';
import { PORT_NAME, type PortReply } from '../shared/port-protocol';
import { servePort, type ServedPort } from './port';
import type { Route } from './router';
import type { SenderLike } from './sender';

const sender: SenderLike = { id: 'ext', url: 'https://www.binance.com/en/futures/BTCUSDT', frameId: 0, tab: { id: 4 } };

function fakePort(name = PORT_NAME) {
  const onMessage: ((m: unknown) => void)[] = [];
  const onDisconnect: (() => void)[] = [];
  const replies: PortReply[] = [];
  const port: ServedPort = {
    name,
    sender,
    postMessage: (m) => void replies.push(m),
    disconnect: vi.fn(),
    onMessage: { addListener: (l) => void onMessage.push(l) },
    onDisconnect: { addListener: (l) => void onDisconnect.push(l) },
  };
  return { port, replies, post: (m: unknown) => onMessage.forEach((l) => l(m)), close: () => onDisconnect.forEach((l) => l()) };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('the background’s end of a page’s port', () => {
  it('routes each post with the port’s sender and answers it on the port under the same id, in the order they finish', async () => {
    const gates: Record<string, () => void> = {};
    const route = vi.fn<Route>((message) => new Promise((resolve) => (gates[String((message as { n: string }).n)] = () => resolve({ ok: true, echo: message } as never))));
    const p = fakePort();
    servePort(p.port, route);
    p.post({ id: 1, message: { n: 'a' } });
    p.post({ id: 2, message: { n: 'b' } });
    expect(route).toHaveBeenCalledWith({ n: 'a' }, sender);
    gates.b?.();
    await flush();
    gates.a?.();
    await flush();
    expect(p.replies).toEqual([
      { id: 2, reply: { ok: true, echo: { n: 'b' } } },
      { id: 1, reply: { ok: true, echo: { n: 'a' } } },
    ]);
  });

  it('closes a port of another name, or one posting without a numeric id, routing nothing', async () => {
    const route = vi.fn<Route>(async () => ({ ok: true }) as never);
    const other = fakePort('something-else');
    servePort(other.port, route);
    expect(other.port.disconnect).toHaveBeenCalled();
    const bad = fakePort();
    servePort(bad.port, route);
    bad.post({ message: { type: 'tab/state', tabId: 1 } });
    bad.post('nonsense');
    bad.post({ id: 1.5, message: {} });
    await flush();
    expect(bad.port.disconnect).toHaveBeenCalled();
    expect(route).not.toHaveBeenCalled();
  });

  it('posts nothing on a port the page closed meanwhile', async () => {
    let finish: () => void = () => undefined;
    const p = fakePort();
    servePort(p.port, () => new Promise((resolve) => (finish = () => resolve({ ok: true } as never))));
    p.post({ id: 1, message: {} });
    p.close();
    finish();
    await flush();
    expect(p.replies).toEqual([]);
  });

  it('answers "no answer" (undefined) rather than leaving the page waiting if routing ever fails', async () => {
    const p = fakePort();
    servePort(p.port, () => Promise.reject(new Error('defect')));
    p.post({ id: 3, message: {} });
    await flush();
    expect(p.replies).toEqual([{ id: 3, reply: undefined }]);
  });

  it('sends a form answer whole once (kept), then as the changes to the last one kept; refusals and other replies go whole and keep nothing', async () => {
    const replies: Record<number, unknown> = {
      1: { ok: true, seq: 1, state: { kind: 'assessed', sides: [{ liq: '1' }, { liq: '2' }], policy: { verdict: 'depends' } } },
      2: { ok: false, error: { code: 'stale', message: 'newer' }, seq: 2 },
      3: { ok: true, view: { positions: [] } },
      4: { ok: true, seq: 4, state: { kind: 'assessed', sides: [{ liq: '1.5' }, { liq: '2' }], policy: { verdict: 'depends' } } },
    };
    const p = fakePort();
    servePort(p.port, async (message) => replies[(message as { seq: number }).seq] as never);
    p.post({ id: 1, message: { type: 'form/snapshot', seq: 1 } });
    await flush();
    p.post({ id: 2, message: { type: 'form/snapshot', seq: 2 } });
    p.post({ id: 3, message: { type: 'account/snapshot', seq: 3 } });
    await flush();
    p.post({ id: 4, message: { type: 'form/snapshot', seq: 4 } });
    await flush();
    expect(p.replies).toEqual([
      { id: 1, reply: replies[1], keep: 1 },
      { id: 2, reply: replies[2] },
      { id: 3, reply: replies[3] },
      {
        id: 4,
        patch: { seq: [4], state: { sides: { 0: { liq: ['1.5'] } } } },
      },
    ]);
    // Another port (a reloaded page, a restarted worker) starts again with a whole answer.
    const q = fakePort();
    servePort(q.port, async () => replies[4] as never);
    q.post({ id: 1, message: { type: 'form/snapshot', seq: 4 } });
    await flush();
    expect(q.replies).toEqual([{ id: 1, reply: replies[4], keep: 1 }]);
  });
});
