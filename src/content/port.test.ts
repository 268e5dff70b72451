import { describe, expect, it } from 'vitest';
import { assessed } from '../../test/helpers/overlay-states';
import type { FormSnapshot } from '../shared/form-snapshot';
import type { PortPost } from '../shared/port-protocol';
import { createBackgroundClient, type ContentMessage } from './background-client';
import { PORT_CLOSED, portSender, type PortLike } from './port';

/** A runtime.Port as the page sees it: posts are recorded; the test answers, drops or closes it. */
function fakePort() {
  const onMessage: ((m: unknown) => void)[] = [];
  const onDisconnect: (() => void)[] = [];
  const posts: PortPost[] = [];
  let closed = false;
  const port: PortLike = {
    postMessage(m) {
      if (closed) throw new Error('Attempting to use a disconnected port object');
      posts.push(m as PortPost);
    },
    onMessage: { addListener: (l) => void onMessage.push(l) },
    onDisconnect: { addListener: (l) => void onDisconnect.push(l) },
  };
  return {
    port,
    posts,
    answer: (id: number, reply: unknown) => onMessage.forEach((l) => l({ id, reply })),
    postRaw: (m: unknown) => onMessage.forEach((l) => l(m)),
    /** The browser closes it (the worker stopped): onDisconnect fires. */
    close() {
      closed = true;
      onDisconnect.forEach((l) => l());
    },
    /** Closed, but the page has not been told yet. */
    closeSilently: () => void (closed = true),
  };
}

const snapshot = { venue: 'binance', symbol: { ok: true, value: 'BTCUSDT', source: 'page' } } as unknown as FormSnapshot;

describe('the page’s port to the background', () => {
  it('opens one port for many messages and resolves each with the reply carrying its id, in any order', async () => {
    const ports = [fakePort()];
    const send = portSender(() => ports[0]!.port);
    const a = send({ n: 'a' });
    const b = send({ n: 'b' });
    expect(ports[0]!.posts).toEqual([
      { id: 1, message: { n: 'a' } },
      { id: 2, message: { n: 'b' } },
    ]);
    ports[0]!.answer(2, 'to b');
    ports[0]!.answer(1, 'to a');
    // A reply with an unknown id, a repeated one, or not an object at all resolves nothing.
    ports[0]!.answer(1, 'again');
    ports[0]!.answer(7, 'unknown');
    ports[0]!.postRaw(null);
    ports[0]!.postRaw('nonsense');
    expect(await a).toBe('to a');
    expect(await b).toBe('to b');
  });

  it('fails every request on a port that closed and opens a new port for the next one', async () => {
    const ports = [fakePort(), fakePort()];
    let opened = 0;
    const send = portSender(() => ports[opened++]!.port);
    const lost = send('first');
    ports[0]!.close();
    await expect(lost).rejects.toThrow(PORT_CLOSED);
    const next = send('second');
    expect(opened).toBe(2);
    ports[1]!.answer(2, 'answer');
    expect(await next).toBe('answer');
    // The old port's late reply (it cannot come, but if it did) reaches nothing.
    ports[0]!.answer(2, 'old');
  });

  it('a port found closed only when posting fails that request at once and the next one uses a new port', async () => {
    const ports = [fakePort(), fakePort()];
    let opened = 0;
    const send = portSender(() => ports[opened++]!.port);
    const first = send('a');
    ports[0]!.answer(1, 'ok');
    expect(await first).toBe('ok');
    ports[0]!.closeSilently();
    await expect(send('b')).rejects.toThrow(PORT_CLOSED);
    const third = send('c');
    ports[1]!.answer(3, 'fine');
    expect(await third).toBe('fine');
  });

  it('rejects with the browser’s own error when no port can be opened (the extension context is gone)', async () => {
    const send = portSender(() => {
      throw new Error('Extension context invalidated.');
    });
    await expect(send('x')).rejects.toThrow(/context invalidated/);
  });

  it('a dropped port loses no answer: the newest snapshot is sent again on a new port and its answer shown', async () => {
    const ports = [fakePort(), fakePort()];
    let opened = 0;
    const send = portSender(() => ports[opened++]!.port);
    const client = createBackgroundClient((m: ContentMessage) => send(m), { wait: async () => undefined });
    const older = client.assess(snapshot);
    const newest = client.assess(snapshot);
    // The worker stops with both snapshots in flight.
    ports[0]!.close();
    expect(await older).toEqual({ kind: 'stale' });
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    // Only the newest is sent again, once, on the new port.
    expect(ports[1]!.posts).toEqual([{ id: 3, message: { type: 'form/snapshot', seq: 2, snapshot } }]);
    ports[1]!.answer(3, { ok: true, seq: 2, state: assessed() });
    expect(await newest).toEqual({ kind: 'state', state: assessed() });
  });

  it('a late answer to an older snapshot never replaces the newer one', async () => {
    const port = fakePort();
    const send = portSender(() => port.port);
    const client = createBackgroundClient((m: ContentMessage) => send(m));
    const older = client.assess(snapshot);
    const newer = client.assess(snapshot);
    port.answer(2, { ok: true, seq: 2, state: assessed() });
    port.answer(1, { ok: true, seq: 1, state: { kind: 'idle', message: 'old' } });
    expect(await newer).toEqual({ kind: 'state', state: assessed() });
    expect(await older).toEqual({ kind: 'stale' });
  });

  it('rebuilds an answer sent as changes from the last one kept on this port, even one nobody waits for any more; a new port keeps nothing', async () => {
    const ports = [fakePort(), fakePort()];
    let opened = 0;
    const send = portSender(() => ports[opened++]!.port);
    const first = { ok: true, seq: 1, state: { sides: [{ liq: '1' }, { liq: '2' }], policy: { verdict: 'depends' } } };
    const a = send('a');
    const b = send('b');
    const c = send('c');
    ports[0]!.postRaw({ id: 1, reply: first, keep: 1 });
    expect(await a).toEqual(first);
    // Answered, but nobody waits for id 9: the change still counts for the next one.
    ports[0]!.postRaw({ id: 9, patch: { seq: [2] } });
    ports[0]!.postRaw({ id: 2, patch: { state: { sides: { 0: { liq: ['1.5'] } } } } });
    const second = (await b) as typeof first;
    expect(second).toEqual({ ok: true, seq: 2, state: { sides: [{ liq: '1.5' }, { liq: '2' }], policy: { verdict: 'depends' } } });
    expect(second.state.policy).toBe(first.state.policy);
    expect(first.state.sides[0]!.liq).toBe('1');
    // A whole reply without `keep` (a refusal) leaves the kept answer alone.
    ports[0]!.postRaw({ id: 3, reply: { ok: false } });
    expect(await c).toEqual({ ok: false });
    const d = send('d');
    ports[0]!.postRaw({ id: 4, patch: { seq: [4] } });
    expect(await d).toEqual({ ...second, seq: 4 });
    ports[0]!.close();
    const e = send('e');
    ports[1]!.postRaw({ id: 5, patch: { seq: [5] } });
    expect(await e).toEqual({ seq: 5 });
  });
});
