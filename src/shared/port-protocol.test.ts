import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { changesBetween } from '../background/port';
import { patched, type PortPatch } from './port-protocol';

/** What a port delivers: JSON's view of a value (Chrome serialises extension messages as JSON). */
const overJson = (v: unknown): unknown => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

// JSON-like values with the shapes answers have: nested records, arrays, decimal strings, null, booleans, keys that may come and go.
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.constantFrom<unknown>(null, true, false, '0', '1.5', '', 'x'), fc.integer(), tie('array'), tie('record')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  record: fc.dictionary(fc.constantFrom('a', 'b', 'c', 'sides', 'raw', '0', 'constructor', 'toString', '__proto__'), fc.option(tie('value'), { nil: undefined }), { maxKeys: 5 }),
}));

/** A value and an edit of it: what changes between two answers is usually a few leaves. */
const pair = value.chain((a) => fc.tuple(fc.constant(a), fc.oneof(value, fc.constant(a), fc.constant(overJson(a)))));

describe('answers as changes on the port', () => {
  it('rebuilds exactly the next value, as the port delivers it, from the last one and the changes between them', () => {
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const base = overJson(a);
        const changes = changesBetween(a, b);
        // Node's own deep equality: vitest's reads a `constructor` key as the object's class.
        if (changes === undefined) expect(isDeepStrictEqual(base, overJson(b))).toBe(true);
        else expect(isDeepStrictEqual(patched(base, overJson(changes) as PortPatch), overJson(b))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps what did not change as the very same objects, and never changes the last value in place', () => {
    const before = { ok: true, seq: 1, state: { kind: 'assessed', sides: [{ side: 'long', liquidationPrice: '60280.3', assumptions: [{ code: 'a', message: 'm' }] }, { side: 'short', liquidationPrice: '69683' }], policy: { verdict: 'depends' } } };
    const next = structuredClone(before);
    next.seq = 2;
    next.state.sides[0]!.liquidationPrice = '60280.4';
    const changes = changesBetween(before, next);
    expect(changes).toEqual({ seq: [2], state: { sides: { 0: { liquidationPrice: ['60280.4'] } } } });
    const frozen = structuredClone(before);
    const deepFreeze = (o: unknown): unknown => (typeof o === 'object' && o !== null ? Object.freeze(Object.values(o).forEach(deepFreeze) ?? o) : o);
    deepFreeze(frozen);
    const out = patched(frozen, changes as PortPatch) as typeof before;
    expect(out).toStrictEqual(next);
    expect(out.state.policy).toBe(frozen.state.policy);
    expect(out.state.sides[1]).toBe(frozen.state.sides[1]);
    expect(out.state.sides[0]!.assumptions).toBe(frozen.state.sides[0]!.assumptions);
  });

  it('replaces an object that lost a key, an array of another length, and a value of another kind whole', () => {
    expect(changesBetween({ a: { x: 1, y: 2 } }, { a: { x: 1 } })).toEqual({ a: [{ x: 1 }] });
    expect(changesBetween({ a: [1, 2] }, { a: [1, 2, 3] })).toEqual({ a: [[1, 2, 3]] });
    expect(changesBetween({ a: [1] }, { a: { 0: 1 } })).toEqual({ a: [{ 0: 1 }] });
    expect(changesBetween({ a: null }, { a: { b: 1 } })).toEqual({ a: [{ b: 1 }] });
    expect(changesBetween({ a: 1 }, { a: 1, b: [] })).toEqual({ b: [[]] });
    // A key named __proto__ would set a copy's prototype: its object goes whole.
    expect(changesBetween({ a: { x: 1 } }, { a: JSON.parse('{"x":1,"__proto__":{"y":2}}') as object })).toEqual({ a: [{ x: 1, ['__proto__']: { y: 2 } }] });
    // An undefined value is no key at all (JSON drops it): no change either way.
    expect(changesBetween({ a: 1, b: undefined }, { a: 1 })).toBeUndefined();
    expect(changesBetween({ a: 1 }, { a: 1, b: undefined })).toBeUndefined();
    expect(changesBetween([], [])).toBeUndefined();
  });
});
