import { describe, expect, it, vi } from 'vitest';
import type { Handlers } from './router';
import { createRouter } from './router';
import { SELF } from './test-fakes';

const popup = { id: SELF.id, url: `${SELF.origin}/src/popup/index.html` };

function router(handlers: Partial<Handlers>) {
  const stats = { handled: vi.fn(async () => undefined), rejected: vi.fn(async () => undefined) };
  const log = { warn: vi.fn(), error: vi.fn() };
  const all = new Proxy(handlers, { get: (t, k: string) => (t as Record<string, unknown>)[k] ?? (async () => ({ ok: true })) }) as Handlers;
  return { route: createRouter({ self: SELF, handlers: all, stats, log, now: () => 0 }), stats, log };
}

describe('router', () => {
  it('checks the sender before parsing: a foreign sender’s malformed message is forbidden, not invalid', async () => {
    const r = router({});
    const reply = await r.route({ type: 'tab/state', tabId: '1', __proto__: 1 }, { url: 'https://evil.example/' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(r.stats.rejected).toHaveBeenCalledWith('forbidden-sender', 'tab/state', expect.any(String), 0);
    expect(r.stats.handled).not.toHaveBeenCalled();
  });

  it('passes the schema’s output, not the raw message, to the handler', async () => {
    const seen: unknown[] = [];
    const r = router({ 'tab/state': async (req) => (seen.push(req), { ok: true, tab: null }) });
    const raw = { type: 'tab/state', tabId: 3 };
    expect(await r.route(raw, popup)).toEqual({ ok: true, tab: null });
    expect(seen).toEqual([{ type: 'tab/state', tabId: 3 }]);
    expect(seen[0]).not.toBe(raw);
    expect(r.stats.handled).toHaveBeenCalledWith('tab/state');
  });

  it('answers a handler that throws with an internal error, logged once', async () => {
    const r = router({
      'tab/state': async () => {
        throw new Error('boom');
      },
    });
    for (let i = 0; i < 3; i++) expect(await r.route({ type: 'tab/state', tabId: 1 }, popup)).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(r.log.error).toHaveBeenCalledTimes(1);
  });

  it('echoes seq on refusals of sequenced messages', async () => {
    const r = router({});
    const reply = await r.route({ type: 'form/cleared', seq: 12, reason: 'bored' }, { id: SELF.id, url: 'https://www.binance.com/en/futures/BTCUSDT', frameId: 0, tab: { id: 1 } });
    expect(reply).toMatchObject({ ok: false, seq: 12, error: { code: 'invalid-message' } });
  });
});
