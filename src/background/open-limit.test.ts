import { describe, expect, it } from 'vitest';
import { createOpenLimit } from './open-limit';

describe('open limit per tab', () => {
  it('allows a click, refuses a second within the gap, and at most the burst per window', () => {
    const limit = createOpenLimit({ burst: 3, windowMs: 60_000, gapMs: 2_000 });
    expect(limit.allow(1, 0)).toBe(true);
    expect(limit.allow(1, 1_999)).toBe(false);
    expect(limit.allow(1, 2_000)).toBe(true);
    expect(limit.allow(1, 4_000)).toBe(true);
    // Three in the window: the fourth waits until the first has left it.
    expect(limit.allow(1, 30_000)).toBe(false);
    expect(limit.allow(1, 59_999)).toBe(false);
    expect(limit.allow(1, 60_000)).toBe(true);
  });

  it('counts each tab on its own and forgets a closed tab', () => {
    const limit = createOpenLimit({ burst: 1, windowMs: 60_000, gapMs: 0 });
    expect(limit.allow(1, 0)).toBe(true);
    expect(limit.allow(2, 0)).toBe(true);
    expect(limit.allow(1, 10)).toBe(false);
    limit.forget(1);
    expect(limit.allow(1, 20)).toBe(true);
  });

  it('a clock that steps back does not open the gate', () => {
    const limit = createOpenLimit({ burst: 2, windowMs: 60_000, gapMs: 2_000 });
    expect(limit.allow(1, 100_000)).toBe(true);
    expect(limit.allow(1, 50_000)).toBe(false);
  });
});
