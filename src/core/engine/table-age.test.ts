import { describe, expect, it } from 'vitest';
import { tableAge } from './table-age';

const day = 86_400_000;
const captured = '2026-01-01';
const t0 = Date.UTC(2026, 0, 1);

describe('table age', () => {
  it('is fresh up to 30 days, a caveat past 30, a warning past 180', () => {
    expect(tableAge(captured, t0 + 30 * day)).toMatchObject({ ageDays: '30', level: 'fresh' });
    expect(tableAge(captured, t0 + 31 * day)).toMatchObject({ ageDays: '31', level: 'caveat' });
    expect(tableAge(captured, t0 + 180 * day)).toMatchObject({ level: 'caveat' });
    expect(tableAge(captured, t0 + 181 * day)).toMatchObject({ ageDays: '181', level: 'warning' });
  });
  it('says when the date is unknown or unreadable', () => {
    expect(tableAge('unknown', t0)).toMatchObject({ ageDays: null, level: 'unknown' });
    expect(tableAge('2026-13-45', t0).level).toBe('unknown');
    expect(tableAge(null, t0).level).toBe('unknown');
  });
  it('reads date-times and the Binance snapshot date', () => {
    expect(tableAge('2026-01-01T12:00:00.000Z', t0 + day).ageDays).toBe('0');
    expect(tableAge('2024-10-24', Date.UTC(2026, 10, 22))).toMatchObject({ ageDays: '759', level: 'warning' });
    expect(tableAge('2024-10-24', Date.UTC(2026, 10, 22)).message).toContain('2024-10-24');
  });
});
