import { describe, expect, it, vi } from 'vitest';
import { assessed, sideFigures } from '../../test/helpers/overlay-states';
import type { FormSnapshot } from '../shared/form-snapshot';
import { BAD_ANSWER, createBackgroundClient, NO_ANSWER, parseOverlayState, RETRY_DELAYS_MS, type ContentMessage } from './background-client';

const snapshot = { venue: 'binance', symbol: { ok: true, value: 'BTCUSDT', source: 'page' } } as unknown as FormSnapshot;

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('background client', () => {
  it('numbers snapshots and shows only the answer to the newest', async () => {
    const sent: ContentMessage[] = [];
    const answers = [deferred<unknown>(), deferred<unknown>()];
    const client = createBackgroundClient((m) => {
      sent.push(m);
      return answers[sent.length - 1]?.promise ?? Promise.resolve(undefined);
    });
    const first = client.assess(snapshot);
    const second = client.assess(snapshot);
    expect(sent.map((m) => (m.type === 'form/snapshot' ? m.seq : null))).toEqual([1, 2]);
    answers[1]?.resolve({ seq: 2, state: assessed() });
    answers[0]?.resolve({ seq: 1, state: { kind: 'idle', message: 'old' } });
    expect(await first).toEqual({ kind: 'stale' });
    expect(await second).toEqual({ kind: 'state', state: assessed() });
  });

  it('a clear makes answers still in flight stale', async () => {
    const answer = deferred<unknown>();
    const sent: ContentMessage[] = [];
    const client = createBackgroundClient((m) => {
      sent.push(m);
      return m.type === 'form/snapshot' ? answer.promise : Promise.resolve(undefined);
    });
    const pending = client.assess(snapshot);
    await client.clear('empty');
    answer.resolve({ seq: 1, state: assessed() });
    expect(await pending).toEqual({ kind: 'stale' });
    expect(sent[1]).toEqual({ type: 'form/cleared', seq: 2, reason: 'empty' });
  });

  it('turns no answer, a failed send or a malformed answer into an error state, never figures', async () => {
    const cases: [() => Promise<unknown>, string][] = [
      [() => Promise.resolve(undefined), NO_ANSWER],
      [() => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')), NO_ANSWER],
      [() => Promise.resolve({ seq: 99, state: assessed() }), BAD_ANSWER],
      [() => Promise.resolve({ seq: 1, state: { kind: 'assessed' } }), BAD_ANSWER],
      [() => Promise.resolve('nonsense'), BAD_ANSWER],
    ];
    for (const [send, message] of cases) {
      const client = createBackgroundClient(send, { wait: async () => undefined });
      expect(await client.assess(snapshot)).toEqual({ kind: 'state', state: { kind: 'error', message } });
    }
  });

  describe('a service worker stopped mid-computation', () => {
    // What Chromium rejects with when the worker goes away with a reply outstanding, or is not there yet.
    const CLOSED = [
      'A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received',
      'The message port closed before a response was received.',
      'Could not establish connection. Receiving end does not exist.',
    ];

    it.each(CLOSED)('sends the same snapshot again and shows that answer (%s)', async (why) => {
      const sent: ContentMessage[] = [];
      const client = createBackgroundClient((m) => {
        sent.push(m);
        return sent.length === 1 ? Promise.reject(new Error(why)) : Promise.resolve({ seq: 1, state: assessed() });
      });
      expect(await client.assess(snapshot)).toEqual({ kind: 'state', state: assessed() });
      expect(sent).toEqual([
        { type: 'form/snapshot', seq: 1, snapshot },
        { type: 'form/snapshot', seq: 1, snapshot },
      ]);
    });

    it('keeps resending through repeated stops, with growing pauses, until an answer comes', async () => {
      const sent: ContentMessage[] = [];
      const paused: number[] = [];
      // Two stops in a row: the first send and the first resend both meet a worker that goes away.
      const client = createBackgroundClient(
        (m) => {
          sent.push(m);
          return sent.length <= 2 ? Promise.reject(new Error(CLOSED[sent.length - 1])) : Promise.resolve({ seq: 1, state: assessed() });
        },
        { wait: async (ms) => void paused.push(ms) },
      );
      expect(await client.assess(snapshot)).toEqual({ kind: 'state', state: assessed() });
      expect(sent).toHaveLength(3);
      expect(paused).toEqual(RETRY_DELAYS_MS.slice(0, 2));
    });

    it('gives up after a bounded number of sends: then "did not answer"', async () => {
      const sent: ContentMessage[] = [];
      const paused: number[] = [];
      const client = createBackgroundClient(
        (m) => {
          sent.push(m);
          return Promise.reject(new Error(CLOSED[0]));
        },
        { wait: async (ms) => void paused.push(ms) },
      );
      expect(await client.assess(snapshot)).toEqual({ kind: 'state', state: { kind: 'error', message: NO_ANSWER } });
      expect(sent).toHaveLength(RETRY_DELAYS_MS.length + 1);
      expect(paused).toEqual([...RETRY_DELAYS_MS]);
      // Backoff: every pause at least as long as the one before, about 6 s in all.
      expect(RETRY_DELAYS_MS.every((d, i) => i === 0 || d >= (RETRY_DELAYS_MS[i - 1] ?? 0))).toBe(true);
      const total = RETRY_DELAYS_MS.reduce((a, b) => a + b, 0);
      expect(total).toBeGreaterThanOrEqual(3000);
      expect(total).toBeLessThanOrEqual(10_000);
    });

    it('stops resending once a newer snapshot is sent during a pause', async () => {
      const sent: ContentMessage[] = [];
      let resume!: () => void;
      const client = createBackgroundClient(
        (m) => {
          sent.push(m);
          return m.type === 'form/snapshot' && m.seq === 1 ? Promise.reject(new Error(CLOSED[0])) : Promise.resolve({ seq: 2, state: assessed() });
        },
        { wait: () => new Promise<void>((r) => (resume = r)) },
      );
      const old = client.assess(snapshot);
      await vi.waitFor(() => expect(resume).toBeTypeOf('function'));
      const newer = client.assess(snapshot);
      resume();
      expect(await old).toEqual({ kind: 'stale' });
      expect(await newer).toEqual({ kind: 'state', state: assessed() });
      expect(sent.map((m) => (m.type === 'form/snapshot' ? m.seq : null))).toEqual([1, 2]);
    });

    it('does not resend a snapshot a newer one has replaced', async () => {
      const sent: ContentMessage[] = [];
      const first = deferred<unknown>();
      const client = createBackgroundClient((m) => {
        sent.push(m);
        return sent.length === 1 ? first.promise : Promise.resolve({ seq: 2, state: assessed() });
      });
      const old = client.assess(snapshot);
      const newer = client.assess(snapshot);
      first.reject(new Error(CLOSED[0]));
      expect(await old).toEqual({ kind: 'stale' });
      expect(await newer).toEqual({ kind: 'state', state: assessed() });
      expect(sent.map((m) => (m.type === 'form/snapshot' ? m.seq : null))).toEqual([1, 2]);
    });

    it('drops the retry’s answer when a newer snapshot was sent while it was in flight', async () => {
      const retry = deferred<unknown>();
      const sent: ContentMessage[] = [];
      const client = createBackgroundClient((m) => {
        sent.push(m);
        if (sent.length === 1) return Promise.reject(new Error(CLOSED[0]));
        if (sent.length === 2) return retry.promise;
        return Promise.resolve({ seq: 2, state: assessed() });
      });
      const old = client.assess(snapshot);
      await vi.waitFor(() => expect(sent).toHaveLength(2));
      const newer = client.assess(snapshot);
      retry.resolve({ seq: 1, state: { kind: 'idle', message: 'old' } });
      expect(await old).toEqual({ kind: 'stale' });
      expect(await newer).toEqual({ kind: 'state', state: assessed() });
    });

    it('sends a clear again, so the background does not keep figures the page no longer has', async () => {
      const sent: ContentMessage[] = [];
      const client = createBackgroundClient((m) => {
        sent.push(m);
        return sent.length === 1 ? Promise.reject(new Error(CLOSED[1])) : Promise.resolve({ ok: true, seq: 1 });
      });
      await client.clear('empty');
      expect(sent).toEqual([
        { type: 'form/cleared', seq: 1, reason: 'empty' },
        { type: 'form/cleared', seq: 1, reason: 'empty' },
      ]);
    });

    it('does not resend a clear a newer snapshot has replaced', async () => {
      const sent: ContentMessage[] = [];
      const first = deferred<unknown>();
      const client = createBackgroundClient((m) => {
        sent.push(m);
        return sent.length === 1 ? first.promise : Promise.resolve({ seq: 2, state: assessed() });
      });
      const cleared = client.clear('empty');
      const newer = client.assess(snapshot);
      first.reject(new Error(CLOSED[0]));
      await cleared;
      expect(await newer).toEqual({ kind: 'state', state: assessed() });
      expect(sent.map((m) => m.type)).toEqual(['form/cleared', 'form/snapshot']);
    });

    it('never resends into an invalidated extension context', async () => {
      let calls = 0;
      const client = createBackgroundClient(() => {
        calls++;
        return Promise.reject(new Error('Extension context invalidated.'));
      });
      await expect(client.assess(snapshot)).rejects.toThrow(/context invalidated/);
      expect(calls).toBe(1);
    });
  });

  it('rethrows "Extension context invalidated" so the content script can stop', async () => {
    const client = createBackgroundClient(() => Promise.reject(new Error('Extension context invalidated.')));
    await expect(client.assess(snapshot)).rejects.toThrow(/context invalidated/);
    await expect(client.clear('empty')).rejects.toThrow(/context invalidated/);
  });

  it('asks the background to open a venue view', async () => {
    const sent: ContentMessage[] = [];
    await createBackgroundClient(async (m) => void sent.push(m)).openVenue('okx');
    expect(sent).toEqual([{ type: 'ui/open-venue', venueId: 'okx' }]);
  });
});

describe('reply validation', () => {
  it('accepts every well-formed state', () => {
    const states = [
      { kind: 'idle', message: 'x' },
      { kind: 'error', message: 'x' },
      { kind: 'unreadable', reasons: [{ code: 'u', message: 'm', field: 'price' }] },
      { kind: 'confirm', found: [] },
      assessed(),
      assessed({ sides: [sideFigures('long', { liquidationPrice: null, distancePrice: null, distancePercent: null }), sideFigures('short', { touchProbability24h: '0.1' })], policy: null, table: null }),
      // Corroboration: the checks made, a withheld figure, the venue's own estimate beside LiqGuard's.
      { kind: 'unreadable', withheld: true, reasons: [{ code: 'contradicted', message: 'm', field: 'quantity' }], checks: [{ code: 'cost', fields: ['quantity', 'price'], side: 'long', result: 'disagrees', message: 'm', page: '25.00 USDT', computed: '487.3' }] },
      assessed({ checks: [{ code: 'symbol', fields: ['symbol'], result: 'agrees', message: 'm' }], sides: [sideFigures('long', { venueEstimate: { venue: 'Bitget', price: '61000.5', gap: '-12.5', gapPercent: '-0.02', matches: true } })] }),
    ];
    for (const s of states) expect(parseOverlayState(s)).toEqual(s);
  });

  it('rejects figures that are not plain decimal strings, and unknown shapes', () => {
    const bad: unknown[] = [
      null,
      { kind: 'nope' },
      { kind: 'idle' },
      assessed({ sides: [] }),
      assessed({ sides: [sideFigures('long', { liquidationPrice: 'NaN' })] }),
      assessed({ sides: [sideFigures('long', { lossAtLiquidation: '1e5' })] }),
      assessed({ sides: [sideFigures('long', { markPrice: 65000 as unknown as string })] }),
      assessed({ sides: [sideFigures('long', { severity: 'panic' as never })] }),
      assessed({ sides: [sideFigures('long', { marginAtRisk: { amount: '1', scope: 'everything' as never } })] }),
      assessed({ sides: [sideFigures('long'), sideFigures('short'), sideFigures('long')] }),
      assessed({ table: { source: 's', capturedAt: 'd', ageDays: Number.NaN } }),
      assessed({ policy: { verdict: 'no' } as never }),
      { kind: 'unreadable', reasons: [{ code: 1, message: 'm' }] },
      { kind: 'unreadable', reasons: [], checks: [{ code: 'cost', fields: ['quantity'], result: 'maybe', message: 'm' }] },
      { kind: 'unreadable', reasons: [], checks: [{ code: 'cost', fields: ['quantity'], result: 'agrees', message: 'm', computed: '1e3' }] },
      { kind: 'unreadable', reasons: [], withheld: 'yes' },
      assessed({ checks: 'all fine' as never }),
      assessed({ sides: [sideFigures('long', { venueEstimate: { venue: 'Bitget', price: 'NaN', gap: '0', gapPercent: '0', matches: true } })] }),
    ];
    for (const b of bad) expect(parseOverlayState(b), JSON.stringify(b)?.slice(0, 120)).toBeNull();
  });
});

describe('router refusals (src/shared/messages.ts ErrorReply)', () => {
  it('shows a refusal as an error with its reason, and drops a superseded one', async () => {
    const refused = createBackgroundClient(() => Promise.resolve({ ok: false, seq: 1, error: { code: 'invalid-message', message: 'snapshot.price: a normalised decimal string' } }));
    expect(await refused.assess(snapshot)).toEqual({
      kind: 'state',
      state: { kind: 'error', message: "LiqGuard's calculator refused this form (snapshot.price: a normalised decimal string), so no figure is shown." },
    });
    const stale = createBackgroundClient(() => Promise.resolve({ ok: false, seq: 1, error: { code: 'stale', message: 'newer' } }));
    expect(await stale.assess(snapshot)).toEqual({ kind: 'stale' });
    const accepted = createBackgroundClient(() => Promise.resolve({ ok: true, seq: 1, state: { kind: 'idle', message: 'x' } }));
    expect(await accepted.assess(snapshot)).toEqual({ kind: 'state', state: { kind: 'idle', message: 'x' } });
  });
});
