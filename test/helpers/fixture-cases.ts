import { expect, it } from 'vitest';
import * as v from 'valibot';
import { formSnapshotSchema } from '../../src/shared/message-schemas';
import type { QuantityUnit, Side } from '../../src/shared/form-snapshot';
import { readPage, type PageRead } from '../../src/content/read/pipeline';
import { loadFixture } from './fixture-dom';

/** What a fixture must read as. Only the keys given are checked; `unreadable` lists the fields that must fail. */
export interface FixtureCase {
  file: string;
  url: string;
  kind: PageRead['kind'];
  symbol?: string;
  contract?: 'linear' | 'inverse';
  product?: string;
  sides?: readonly Side[];
  orderType?: 'limit' | 'market' | 'conditional';
  price?: string;
  priceKind?: 'limit' | 'mark' | 'last';
  quantity?: { value: string; unit: QuantityUnit };
  leverage?: string;
  marginMode?: 'cross' | 'isolated';
  positionMode?: 'oneway' | 'hedge' | null;
  intent?: 'open' | 'close';
  balance?: { value: string; asset: string } | null;
  pageLanguage?: string;
  /** Fields that must be unreadable, with a pattern their reason must match. */
  unreadable?: Record<string, RegExp>;
}

/** Reads the document as it is now (after a test changed it). */
export function readCurrent(url: string, extra: { hovered?: Element | null; focused?: Element | null } = {}): PageRead {
  return readPage({ doc: document, url: new URL(url), now: 1_700_000_000_000, ...extra }, { genericConfirmed: () => false });
}

export function readFixture(file: string, url: string): PageRead {
  loadFixture(file);
  return readCurrent(url);
}

/** A fixture page as the page of another market (title and header name it), to read URL variants. */
export function readFixtureAs(file: string, url: string, market: string): PageRead {
  loadFixture(file);
  document.title = `${market} | fixture`;
  for (const h of document.querySelectorAll('h1')) h.textContent = market;
  return readCurrent(url);
}

export function checkCase(c: FixtureCase): void {
  const r = readFixture(c.file, c.url);
  const reasons = r.kind === 'unreadable' ? r.reasons.map((n) => `${n.field}: ${n.message}`) : [];
  expect(r.kind, `${c.file}: ${reasons.join(' | ')}`).toBe(c.kind);
  if (r.kind === 'no-form') return;
  const s = r.snapshot;
  if (r.kind === 'complete') {
    // What the content script sends must pass the background router's strict schema unchanged.
    const parsed = v.safeParse(formSnapshotSchema, JSON.parse(JSON.stringify(s)));
    expect(parsed.issues?.map((i) => `${v.getDotPath(i) ?? ''}: ${i.message}`) ?? [], c.file).toEqual([]);
  }
  const value = <T,>(read: { ok: boolean; value?: T } | undefined) => (read && read.ok ? read.value : undefined);
  if (c.symbol !== undefined) expect(value(s.symbol)).toBe(c.symbol);
  if (c.contract !== undefined) expect(value(s.contract)).toBe(c.contract);
  if (c.product !== undefined) expect(s.product).toBe(c.product);
  if (c.sides !== undefined) expect(value(s.sides)).toEqual(c.sides);
  if (c.orderType !== undefined) expect(value(s.orderType)).toBe(c.orderType);
  if (c.price !== undefined) expect(value(s.price)).toBe(c.price);
  if (c.priceKind !== undefined) expect(s.priceKind).toBe(c.priceKind);
  if (c.quantity !== undefined) expect(value(s.quantity)).toMatchObject(c.quantity);
  if (c.leverage !== undefined) expect(value(s.leverage)).toBe(c.leverage);
  if (c.marginMode !== undefined) expect(value(s.marginMode)).toBe(c.marginMode);
  if (c.positionMode !== undefined) expect(value(s.positionMode)).toBe(c.positionMode ?? undefined);
  if (c.intent !== undefined) expect(value(s.intent)).toBe(c.intent);
  if (c.balance !== undefined) expect(value(s.availableBalance)).toEqual(c.balance ?? undefined);
  if (c.pageLanguage !== undefined) expect(s.pageLanguage).toBe(c.pageLanguage);
  if (c.unreadable) {
    expect(r.kind).toBe('unreadable');
    if (r.kind !== 'unreadable') return;
    for (const [field, pattern] of Object.entries(c.unreadable)) {
      const note = r.reasons.find((n) => n.field === field);
      expect(note, `${c.file}: expected ${field} to be unreadable; reasons: ${reasons.join(' | ')}`).toBeDefined();
      expect(note?.message).toMatch(pattern);
    }
    expect(r.reasons.map((n) => n.field).sort()).toEqual(Object.keys(c.unreadable).sort());
  }
}

/** One `it` per fixture case. */
export function fixtureCases(cases: readonly FixtureCase[]): void {
  // Each case loads a whole page into happy-dom: generous on a machine shared by several test runs.
  it.each(cases.map((c) => [c.file, c] as const))('%s', (_file, c) => checkCase(c), 30_000);
}
