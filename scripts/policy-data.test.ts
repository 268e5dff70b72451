import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildPolicyData,
  generatePolicyModule,
  PolicyDataError,
  readPolicySource,
  REPO_ROOT,
  SOURCE_PATH,
  stableStringify,
  validatePolicySource,
} from './policy-data';

// The research data lives in the repository (data/); say so in one line if it is not there.
function source(): Record<string, unknown> {
  return readPolicySource() as Record<string, unknown>;
}
const clone = <T>(x: T): T => structuredClone(x);
type Venue = Record<string, unknown> & { id: string };
function venue(data: Record<string, unknown>, id: string): Venue {
  const found = (data.venues as Venue[]).find((v) => v.id === id);
  if (!found) throw new Error(`no venue ${id} in the data`);
  return found;
}
function errorsOf(data: unknown): string[] {
  const r = validatePolicySource(data);
  return r.ok ? [] : r.errors;
}

describe('validation of data/exchange-policies.json', () => {
  it('the repository file is valid', () => {
    expect(errorsOf(source())).toEqual([]);
  });

  it.each([
    ['nbp.status removed', 'bitget', (v: Venue) => delete (v.nbp as Record<string, unknown>).status, 'nbp.status'],
    ['unknown nbp.status', 'kucoin', (v: Venue) => ((v.nbp as Record<string, unknown>).status = 'protected'), 'nbp.status'],
    ['bad confidence', 'mexc', (v: Venue) => (v.confidence = 'certain'), 'confidence'],
    ['conditional without by_mode', 'binance', (v: Venue) => delete (v.nbp as Record<string, unknown>).by_mode, 'by_mode'],
    [
      'unknown source id',
      'okx',
      (v: Venue) => ((v.insurance_fund as Record<string, unknown>).sources = ['O01', 'ZZ99']),
      'insurance_fund.sources[1]: unknown source id "ZZ99"',
    ],
    [
      'invalid match pattern',
      'gate',
      (v: Venue) => ((v.url_patterns as Record<string, unknown>).matches = ['https://www.gate.*/futures/*']),
      'url_patterns.matches.0',
    ],
    [
      'example not matched by its own patterns',
      'bitmex',
      (v: Venue) => ((v.url_patterns as Record<string, unknown>).examples = ['https://www.bitmex.com/app/wallet']),
      'url_patterns.examples[0]',
    ],
    [
      'a reserve marked as the futures insurance fund',
      'bitget',
      (v: Venue) => ((((v.insurance_fund as Record<string, unknown>).related_funds as Array<Record<string, unknown>>)[0] as Record<string, unknown>).is_futures_if = true),
      'related_funds',
    ],
    ['impossible date', 'bitmex', (v: Venue) => ((v.nbp as Record<string, unknown>).as_of = '2020-02-30'), 'nbp.as_of'],
    ['unknown contradiction id', 'deribit', (v: Venue) => (v.contradictions = ['X-NOPE']), 'unknown contradiction id "X-NOPE"'],
    ['long quote', 'kraken_futures', (v: Venue) => ((v.nbp as Record<string, unknown>).platform_phrase = 'word '.repeat(30)), 'short quote'],
  ])('%s fails and names the venue', (_what, id, breakIt, expectedText) => {
    const data = clone(source());
    breakIt(venue(data, id));
    const errors = errorsOf(data);
    expect(errors.length).toBeGreaterThan(0);
    const line = errors.find((e) => e.includes(`venue "${id}"`));
    expect(line, errors.join('\n')).toBeDefined();
    expect(line).toContain(expectedText);
  });

  it('a venue without an id is named by its index', () => {
    const data = clone(source());
    delete (data.venues as Array<Record<string, unknown>>)[3]?.id;
    expect(errorsOf(data).some((e) => e.startsWith('venue at venues[3] (no id)'))).toBe(true);
  });

  it('duplicate venue ids fail', () => {
    const data = clone(source());
    (data.venues as Venue[])[1]!.id = 'binance';
    expect(errorsOf(data)).toContain('venue "binance" (venues[1]): id: duplicate venue id');
  });

  it('generatePolicyModule throws one error listing every problem', () => {
    const data = clone(source());
    venue(data, 'gmx').confidence = 'maybe';
    venue(data, 'cme').contract_types = [];
    expect(() => generatePolicyModule(data)).toThrow(PolicyDataError);
    try {
      generatePolicyModule(data);
    } catch (e) {
      expect((e as PolicyDataError).errors.some((x) => x.includes('venue "gmx"'))).toBe(true);
      expect((e as PolicyDataError).errors.some((x) => x.includes('venue "cme"'))).toBe(true);
    }
  });
});

describe('generation', () => {
  it('is deterministic: twice the same bytes, whatever the key order of the input', () => {
    const data = source();
    const a = generatePolicyModule(clone(data));
    const b = generatePolicyModule(clone(data));
    expect(b).toBe(a);
    const reverseKeys = (x: unknown): unknown =>
      Array.isArray(x)
        ? x.map(reverseKeys)
        : typeof x === 'object' && x !== null
          ? Object.fromEntries(Object.entries(x).reverse().map(([k, v]) => [k, reverseKeys(v)]))
          : x;
    expect(generatePolicyModule(reverseKeys(data))).toBe(a);
  });

  it('keeps only referenced sources and drops fields the product does not show', () => {
    const r = validatePolicySource(source());
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const built = buildPolicyData(r.data);
    const text = JSON.stringify(built);
    for (const id of Object.keys(built.sources)) expect(text.split(`"${id}"`).length, id).toBeGreaterThan(2);
    expect(text).not.toContain('seed_claims');
    expect(text).not.toContain('execution_inference');
  });

  it('stableStringify sorts keys and keeps small flat values on one line', () => {
    expect(stableStringify({ b: 1, a: [1, 'x'], z: null })).toBe('{"a": [1, "x"], "b": 1, "z": null}');
    expect(stableStringify({ b: 1, c: { z: null, y: true } })).toBe('{\n  "b": 1,\n  "c": {"y": true, "z": null}\n}');
    expect(stableStringify([{ a: 1 }, { b: [{ c: 2 }] }])).toBe('[\n  {"a": 1},\n  {\n    "b": [\n      {"c": 2}\n    ]\n  }\n]');
  });

  it('reading a missing data file fails with one line saying where the data is expected', () => {
    const missing = path.resolve(REPO_ROOT, 'data/does-not-exist.json');
    expect(() => readPolicySource(missing)).toThrow(/^Policy research data not found: expected data\/does-not-exist\.json/);
    expect(() => readPolicySource(missing)).toThrow(/^[^\n]*$/);
  });

  it('the default source path is data/exchange-policies.json inside the repository', () => {
    expect(path.relative(REPO_ROOT, SOURCE_PATH)).toBe(path.join('data', 'exchange-policies.json'));
  });
});
