import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pauseScheduler } from './pause';

describe('pause scheduler', () => {
  // The fake timers' clock, from 0: each run records when it ran.
  let origin = 0;
  beforeEach(() => {
    vi.useFakeTimers();
    origin = Date.now();
  });
  afterEach(() => vi.useRealTimers());
  const advance = (ms: number) => vi.advanceTimersByTime(ms);
  const make = () => pauseScheduler({ spacingMs: 300, maxWaitMs: 1000, now: () => Date.now() - origin });
  // A scheduler whose run says it ran and records when, in ms from the clock's origin.
  const timed = () => {
    const s = make();
    const runs: number[] = [];
    const run = () => {
      s.ran();
      runs.push(Date.now() - origin);
    };
    return { s, runs, run };
  };

  it('runs the first request after the current task, not within it', () => {
    const s = make();
    const runs: string[] = [];
    expect(s.request(() => runs.push('a'))).toBe(true);
    expect(s.due).toBe(true);
    expect(runs).toEqual([]);
    advance(0);
    expect(runs).toEqual(['a']);
    expect(s.due).toBe(false);
  });

  it('joins requests while one is due: the first run given runs once', () => {
    const s = make();
    const runs: string[] = [];
    s.request(() => runs.push('a'));
    expect(s.request(() => runs.push('b'))).toBe(false);
    advance(0);
    expect(runs).toEqual(['a']);
  });

  it('while requests keep coming within the spacing of a run, waits for a pause of that length', () => {
    const { s, runs, run } = timed();
    s.request(run);
    advance(0);
    // Typing: a request every 50 ms for 200 ms, then a pause.
    for (let i = 0; i < 4; i++) {
      advance(50);
      s.request(run);
    }
    expect(runs).toEqual([0]);
    advance(298);
    expect(runs).toEqual([0]);
    advance(2);
    expect(runs).toEqual([0, 500]);
  });

  it('runs at least once every maxWaitMs while requests never pause', () => {
    const { s, runs, run } = timed();
    s.request(run);
    advance(0);
    for (let i = 0; i < 50; i++) {
      advance(50);
      s.request(run);
    }
    // Waits began at 50 (the first request within the spacing) and 1050 (the first after that run, just after it).
    expect(runs).toEqual([0, 1050, 2050]);
  });

  it('a request after a pause since the last run goes after its task again', () => {
    const { s, runs, run } = timed();
    s.request(run);
    advance(0);
    advance(300);
    s.request(run);
    advance(0);
    expect(runs).toEqual([0, 300]);
  });

  it('hurry: a run that waits for a pause goes after the current task', () => {
    const { s, runs, run } = timed();
    s.request(run);
    advance(0);
    advance(10);
    s.request(run);
    advance(100);
    expect(runs).toEqual([0]);
    s.hurry();
    expect(runs).toEqual([0]);
    advance(0);
    expect(runs).toEqual([0, 110]);
  });

  it('ran(false): the last run no longer counts, so nothing waits for a pause', () => {
    const { s, runs, run } = timed();
    s.request(run);
    advance(0);
    advance(10);
    s.request(run);
    advance(10);
    s.ran(false);
    advance(0);
    expect(runs).toEqual([0, 20]);
    // And the next request after that run waits again, since that run counts.
    s.request(run);
    advance(0);
    expect(runs).toEqual([0, 20]);
    advance(300);
    expect(runs).toEqual([0, 20, 320]);
    s.ran(false);
    s.request(run);
    advance(0);
    expect(runs).toEqual([0, 20, 320, 320]);
  });

  it('cancel forgets the due run', () => {
    const s = make();
    const runs: string[] = [];
    s.request(() => runs.push('a'));
    s.cancel();
    expect(s.due).toBe(false);
    advance(2000);
    expect(runs).toEqual([]);
    s.request(() => runs.push('b'));
    advance(0);
    expect(runs).toEqual(['b']);
  });
});
