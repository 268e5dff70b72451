// @vitest-environment happy-dom
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../test/helpers/fixture-cases';
import { FIXTURES } from '../../../test/helpers/fixture-dom';
import { VENUE_PAGES } from '../../../test/e2e/content/helpers';
import { parseOverlayState } from '../../content/background-client';
import { parseRequest } from '../../shared/message-schemas';
import { defaultSettings } from '../../shared/settings';
import { assessSnapshot } from './assess-snapshot';
import { engineVenueFor } from './inputs';
import { NOW, spec, table, tierFacts } from './snapshot-fixtures';
import { NO_FACTS } from './types';

const cases = VENUE_PAGES.flatMap((v) =>
  readdirSync(path.join(FIXTURES, v.id))
    .filter((f) => f.endsWith('.html') && !f.startsWith('broken'))
    .map((f) => [`${v.id}/${f}`, `https://${v.host}${v.path}`] as const),
);

describe('snapshots the venue adapters read from the fixture pages', () => {
  it.each(cases)('%s passes the message schema and is assessed or fails closed with a reason', (file, url) => {
    const read = readFixture(file, url);
    if (read.kind !== 'complete') return;
    const parsed = parseRequest(JSON.parse(JSON.stringify({ type: 'form/snapshot', seq: 1, snapshot: read.snapshot })));
    expect(parsed.ok, parsed.ok ? '' : parsed.message).toBe(true);
    const s = read.snapshot;
    const venue = engineVenueFor(s);
    const symbol = s.symbol.ok ? s.symbol.value : '';
    const contract = s.contract.ok ? s.contract.value : 'linear';
    // The fixtures' own contract sizes (their pages compute cost and value from them, as the venues do).
    const sizes: Record<string, string> = { okx: '0.01', gate: '0.0001', mexc: '0.0001', 'binance-coinm': '100', bitmex: '1' };
    const size = (venue.ok ? sizes[venue.venue] : undefined) ?? '1';
    const facts = venue.ok ? { ...NO_FACTS, tiers: tierFacts(table(venue.venue, symbol)), spec: spec(venue.venue, symbol, size, '0.1', contract) } : NO_FACTS;
    const state = assessSnapshot(s, facts, defaultSettings(), { now: NOW }).state;
    // The overlay accepts the answer as it arrives (after structured cloning).
    expect(parseOverlayState(JSON.parse(JSON.stringify(state)))).not.toBeNull();
    if (state.kind === 'assessed') {
      expect(state.sides.length).toBeGreaterThan(0);
      return;
    }
    // With table and spec at hand, the only way to fail closed is a fact the page does not show.
    expect(state.kind, JSON.stringify(state)).toBe('unreadable');
    // Or a price found by its label alone beside a size in money, which no order value or cost can vouch for.
    const unvouchedPrice = (r: { code: string; field?: string }) => r.code === 'not-corroborated' && r.field === 'price' && s.quantity.ok && (s.quantity.value.unit === 'quote' || s.quantity.value.unit === 'cost');
    if (state.kind === 'unreadable') expect(state.reasons.filter((r) => !unvouchedPrice(r)).map((r) => r.code)).toEqual(state.reasons.some(unvouchedPrice) ? [] : ['cross-wallet-unknown']);
  });
});
