import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binanceMarket, binanceCoinm, okxContracts } from '../core/assessment/snapshot-fixtures';
import { faqAccount } from '../core/assessment/account-fixtures';
import { inspectPayload, parseRequest, PAYLOAD_LIMITS } from './message-schemas';
import { MESSAGE_TYPES, type AnyRequest, type MessageType } from './messages';

/** One valid message per type. */
const VALID: { [T in MessageType]: Extract<AnyRequest, { type: T }> } = {
  'form/snapshot': { type: 'form/snapshot', seq: 7, snapshot: binanceMarket() },
  'form/cleared': { type: 'form/cleared', seq: 8, reason: 'empty' },
  'ui/open-venue': { type: 'ui/open-venue', venueId: 'binance' },
  'ui/open-calculator': { type: 'ui/open-calculator' },
  'tab/state': { type: 'tab/state', tabId: 12 },
  'calc/assess': {
    type: 'calc/assess',
    input: {
      venue: 'binance-usdm',
      symbol: 'BTCUSDT',
      contract: 'linear',
      marginMode: 'cross',
      side: 'long',
      entryPrice: '65000',
      markPrice: 65010.5,
      quantity: '0.1',
      quantityUnit: 'base',
      leverage: 20,
      walletBalance: '1000',
      otherPositions: [{ symbol: 'ETHUSDT', side: 'short', quantity: '1', quantityUnit: 'base', entryPrice: '3000', markPrice: '3010' }],
      existingPosition: { side: 'long', quantity: '0.05', quantityUnit: 'base', entryPrice: '64000' },
    },
    accountMode: null,
    region: 'EU',
    extras: { priceFor: '60000', gapPercent: '5' },
  },
  'calc/defaults': { type: 'calc/defaults', venue: 'okx', symbol: 'BTC-USDT-SWAP', contract: 'linear' },
  'market/diagnostics': { type: 'market/diagnostics' },
  'market/refresh': { type: 'market/refresh', venue: 'bybit' },
  'market/paste-table': { type: 'market/paste-table', venue: 'binance-usdm', symbol: 'BTCUSDT', text: '1\t0 - 300,000\t150x\t0.40%\t0' },
  'market/forget-table': { type: 'market/forget-table', venue: 'binance-coinm', symbol: 'BTCUSD_PERP' },
  'market/pasted-tables': { type: 'market/pasted-tables' },
  'account/snapshot': { type: 'account/snapshot', seq: 3, account: faqAccount() },
  'account/checks': { type: 'account/checks' },
};

/** Required top-level keys per type (besides `type`). */
const REQUIRED: { [T in MessageType]: string[] } = {
  'form/snapshot': ['seq', 'snapshot'],
  'form/cleared': ['seq', 'reason'],
  'ui/open-venue': ['venueId'],
  'ui/open-calculator': [],
  'tab/state': ['tabId'],
  'calc/assess': ['input'],
  'calc/defaults': ['venue', 'symbol'],
  'market/diagnostics': [],
  'market/refresh': [],
  'market/paste-table': ['venue', 'symbol', 'text'],
  'market/forget-table': ['venue', 'symbol'],
  'market/pasted-tables': [],
  'account/snapshot': ['seq', 'account'],
  'account/checks': [],
};

/** A wrong-typed value for each field of each type. */
const WRONG: { [T in MessageType]: Record<string, unknown> } = {
  'form/snapshot': { seq: '7', snapshot: 'snapshot' },
  'form/cleared': { seq: -1, reason: 'bored' },
  'ui/open-venue': { venueId: 42 },
  'ui/open-calculator': {},
  'tab/state': { tabId: 1.5 },
  'calc/assess': { input: [], region: 7, extras: { priceFor: 60000 } },
  'calc/defaults': { venue: 'nasdaq', symbol: '' },
  'market/diagnostics': {},
  'market/refresh': { venue: 'nasdaq' },
  'market/paste-table': { venue: 'bybit', symbol: '', text: 42 },
  'market/forget-table': { venue: 'okx', symbol: 7 },
  'market/pasted-tables': {},
  'account/snapshot': { seq: 1.5, account: { venue: 'binance' } },
  'account/checks': {},
};

const clone = <T>(x: T): T => structuredClone(x);
const MB = 'x'.repeat(1024 * 1024);

function expectError(raw: unknown, code: 'invalid-message' | 'unknown-type' = 'invalid-message') {
  const r = parseRequest(raw);
  expect(r.ok).toBe(false);
  if (!r.ok) {
    expect(r.code).toBe(code);
    // Short, and never echoes a huge or hostile value.
    expect(r.message.length).toBeLessThan(400);
    expect(r.message).not.toContain('xxxxxxxxxx');
  }
  return r;
}

describe('message schemas', () => {
  it('cover every message type', () => {
    expect(Object.keys(VALID).sort()).toEqual([...MESSAGE_TYPES].sort());
  });

  describe.each(MESSAGE_TYPES.map((t) => [t] as const))('%s', (type) => {
    it('accepts the valid form, keeping only declared keys', () => {
      const r = parseRequest(clone(VALID[type]));
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.request).toEqual(VALID[type]);
    });

    it.each(REQUIRED[type].map((k) => [k] as const))('rejects it without %s', (key) => {
      const msg = clone(VALID[type]) as Record<string, unknown>;
      delete msg[key];
      const r = expectError(msg);
      if (!r.ok) expect(r.message).toContain(key);
    });

    it.each(Object.entries(WRONG[type]))('rejects a wrong %s', (key, wrong) => {
      expectError({ ...clone(VALID[type]), [key]: wrong });
    });

    it('rejects an extra key', () => {
      const r = expectError({ ...clone(VALID[type]), extra: 1 });
      if (!r.ok) expect(r.message).toContain('extra');
    });

    it('rejects a 1 MB string in any field, quickly and without echoing it', () => {
      const keys = [...REQUIRED[type], 'type'];
      for (const key of keys) {
        const started = performance.now();
        expectError({ ...clone(VALID[type]), [key]: MB });
        expect(performance.now() - started).toBeLessThan(50);
      }
    });

    it.each(['__proto__', 'constructor', 'prototype'])('rejects a %s key, at the top and nested', (key) => {
      // JSON.parse makes "__proto__" an own key, as structured cloning across messaging does.
      const top = JSON.parse(JSON.stringify(VALID[type]).replace(/^\{/, `{"${key}":{"polluted":true},`)) as unknown;
      const r = expectError(top);
      if (!r.ok) expect(r.message).toContain(key);
      const nested = JSON.parse(JSON.stringify({ ...VALID[type], deep: { a: [{}] } }).replace('"a":[{}]', `"a":[{"${key}":{"polluted":true}}]`)) as unknown;
      expectError(nested);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  it('rejects messages that are not objects', () => {
    for (const raw of [null, undefined, 'form/snapshot', 42, true, [], [VALID['tab/state']]]) expectError(raw);
  });

  it('answers an unknown type as unknown-type, without echoing long text', () => {
    const r = expectError({ type: 'skeleton/echo-price', price: '1' }, 'unknown-type');
    if (!r.ok) expect(r.message).toContain('skeleton/echo-price');
    expectError({ type: `a${'x'.repeat(5000)}` });
    expectError({ price: '1' }, 'unknown-type');
  });

  it('echoes the seq of a rejected sequenced message, so the content script can match it', () => {
    const r = parseRequest({ ...VALID['form/snapshot'], snapshot: { ...binanceMarket(), venue: 'nasdaq' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.seq).toBe(7);
  });

  it('accepts the other fixture snapshots (inverse, contracts, no product)', () => {
    for (const snapshot of [binanceCoinm(), okxContracts()]) expect(parseRequest({ type: 'form/snapshot', seq: 1, snapshot }).ok).toBe(true);
  });

  it('accepts what the page corroborates a snapshot with: its symbol, last price, second readings, derived figures', () => {
    const snapshot = {
      ...binanceMarket(),
      pageSymbol: { ok: true, value: 'BTCUSDT', raw: 'BTCUSDT Perpetual', source: 'page' },
      lastPrice: { ok: true, value: '64980.1', source: 'selector:lastPrice[0] span.last' },
      readings: [{ field: 'quantity', value: '500', unit: 'cost', why: 'the size box is in USDT and the page does not say whether that is the order value or the cost' }],
      pageFigures: [{ kind: 'cost', side: 'long', value: '25', unit: 'USDT', places: 2, raw: 'Cost 25.00 USDT', source: 'selector:cost[0] div' }],
      guessed: ['price', 'quantity'],
      confirmed: true,
    };
    const r = parseRequest({ type: 'form/snapshot', seq: 1, snapshot });
    expect(r.ok).toBe(true);
    if (r.ok && r.request.type === 'form/snapshot') expect(r.request.snapshot).toEqual(snapshot);
  });

  it('checks the snapshot deeply: decimals, read shapes, sources, sides', () => {
    const bad = (over: Record<string, unknown>) => expectError({ type: 'form/snapshot', seq: 1, snapshot: { ...binanceMarket(), ...over } });
    bad({ price: { ok: true, value: '1,000.5', source: 'page' } });
    bad({ price: { ok: true, value: '1e5', source: 'page' } });
    bad({ price: { ok: true, value: 1000, source: 'page' } });
    bad({ price: { ok: true, value: '1000', source: 'javascript:alert(1)' } });
    bad({ price: { ok: false } });
    bad({ sides: { ok: true, value: ['long', 'long'], source: 'page' } });
    bad({ sides: { ok: true, value: [], source: 'page' } });
    bad({ url: 'http://www.binance.com/en/futures/BTCUSDT' });
    bad({ symbol: { ok: true, value: '<img src=x onerror=alert(1)>', source: 'page' } });
    bad({ readAt: Number.NaN });
    bad({ availableBalance: { ok: true, value: { value: '1', asset: 'US DT' }, source: 'page' } });
    bad({ pageFigures: [{ kind: 'cost', value: '25.00', places: 2, raw: 'x', source: 'page' }] });
    bad({ pageFigures: [{ kind: 'guess', value: '25', places: 2, raw: 'x', source: 'page' }] });
    bad({ pageFigures: Array.from({ length: 13 }, () => ({ kind: 'cost', value: '25', places: 2, raw: 'x', source: 'page' })) });
    bad({ readings: [{ field: 'leverage', value: '20', why: 'x' }] });
    bad({ guessed: ['symbol'] });
    bad({ confirmed: 'yes' });
  });

  it('refuses values that are not plain data', () => {
    expectError({ type: 'tab/state', tabId: 1, fn: () => 1 });
    expectError(Object.assign(Object.create({ inherited: true }) as object, { type: 'tab/state', tabId: 1 }));
    expectError({ type: 'tab/state', tabId: Number.POSITIVE_INFINITY });
    const getter = { type: 'tab/state' } as Record<string, unknown>;
    Object.defineProperty(getter, 'tabId', { enumerable: true, get: () => { throw new Error('boom'); } });
    expectError(getter);
  });

  it('limits depth, size and key count', () => {
    let deep: unknown = {};
    for (let i = 0; i < 50; i++) deep = { a: deep };
    expect(inspectPayload(deep).ok).toBe(false);
    expect(inspectPayload({ a: Array.from({ length: PAYLOAD_LIMITS.nodes + 1 }, () => 0) }).ok).toBe(false);
    expect(inspectPayload(Object.fromEntries(Array.from({ length: PAYLOAD_LIMITS.keys + 1 }, (_, i) => [`k${i}`, 1]))).ok).toBe(false);
    expect(inspectPayload({ a: Array.from({ length: 100 }, () => 'y'.repeat(4000)) }).ok).toBe(false);
  });

  it('never throws, whatever arrives (property)', () => {
    fc.assert(
      fc.property(fc.anything({ withObjectString: true, withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true }), (raw) => {
        const r = parseRequest(raw);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.constantFrom(...MESSAGE_TYPES), fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 })), (type, extra) => {
        const r = parseRequest({ ...extra, type });
        if (r.ok) expect(r.request.type).toBe(type);
      }),
      { numRuns: 500 },
    );
  });
});
