import { describe, expect, it } from 'vitest';
import { factCaveats, isoDay, newestDatedSource, olderThanTwelveMonths } from './freshness';
import type { SourceRecord } from './types';

const src = (date: string | null, dateKind = date === null ? 'undated' : 'published'): SourceRecord => ({
  url: 'https://example.com',
  kind: 'official',
  date,
  dateKind,
  publisher: 'Example',
});

describe('olderThanTwelveMonths', () => {
  it.each([
    ['2020-03-23', '2021-03-23', false],
    ['2020-03-23', '2021-03-24', true],
    ['2024-02-29', '2025-02-28', false],
    ['2024-02-29', '2025-03-01', true],
    ['2025-07', '2026-07-01', false],
    ['2025-07', '2026-07-02', true],
    ['2021', '2022-01-01', false],
    ['2021', '2022-01-02', true],
    ['2026-06-30', '2026-01-01', false],
  ])('%s at %s -> %s', (date, now, expected) => {
    expect(olderThanTwelveMonths(date, now)).toBe(expected);
  });
});

describe('isoDay', () => {
  it('takes the day from a date or timestamp and rejects the rest', () => {
    expect(isoDay('2026-11-30')).toBe('2026-11-30');
    expect(isoDay('2026-11-30T22:10:00.000Z')).toBe('2026-11-30');
    expect(isoDay('2026-13-01')).toBeNull();
    expect(isoDay('30/11/2026')).toBeNull();
    expect(isoDay('')).toBeNull();
  });
});

describe('factCaveats', () => {
  const sources = { A: src('2019-09-09'), B: src(null), C: src('2025-01-14'), D: src('2021', 'approx') };

  it('picks the newest dated source', () => {
    expect(newestDatedSource(['A', 'B', 'C'], sources)?.id).toBe('C');
    expect(newestDatedSource(['B'], sources)).toBeNull();
  });

  it('flags a stale newest source and mentions undated companions', () => {
    const c = factCaveats({ sources: ['A', 'B'], confidence: 'medium' }, 'Thing', '2026-01-01', sources, '2025-12-01');
    expect(c.map((x) => x.code)).toEqual(['stale-source']);
    expect(c[0]?.message).toBe(
      'Thing: the newest dated source (Example, 2019-09-09) is more than 12 months old; the policy may have changed. Its other source is undated.',
    );
  });

  it('a fresh dated source outweighs an old one', () => {
    expect(factCaveats({ sources: ['A', 'C'], confidence: 'high' }, 'T', '2025-06-01', sources, '2025-12-01')).toEqual([]);
  });

  it('only undated sources: an info note with the compile date', () => {
    const [c] = factCaveats({ sources: ['B'], confidence: 'high' }, 'T', '2026-01-01', sources, '2025-12-01');
    expect(c).toMatchObject({ code: 'undated-source', severity: 'info' });
    expect(c?.message).toContain('2025-12-01');
  });

  it('low confidence and missing sources are warnings', () => {
    const c = factCaveats({ sources: [], confidence: 'low' }, 'T', '2026-01-01', sources, '2025-12-01');
    expect(c.map((x) => [x.code, x.severity])).toEqual([
      ['low-confidence', 'warning'],
      ['no-source', 'warning'],
    ]);
  });

  it('marks approximate dates as such', () => {
    const [c] = factCaveats({ sources: ['D'], confidence: 'medium' }, 'T', '2026-01-01', sources, '2025-12-01');
    expect(c?.message).toContain('2021, approximate');
  });
});
