import { describe, expect, it, vi } from 'vitest';
import { createStats, STATS_KEY, type Stats } from './stats';
import { memorySession } from './test-fakes';

function countingSession() {
  const session = memorySession();
  const calls: string[] = [];
  const { get, set } = session;
  session.get = (keys) => (calls.push('get'), get(keys));
  session.set = (items) => (calls.push('set'), set(items));
  return { session, calls };
}

describe('background counters', () => {
  it('reads storage once per worker and writes after the task that counted, keeping every count', async () => {
    const { session, calls } = countingSession();
    await session.set({ [STATS_KEY]: { handled: { 'tab/state': 2 }, rejected: {}, recent: [] } satisfies Stats });
    calls.length = 0;
    const stats = createStats(session);
    // A burst in one task (several messages at once) and then one keystroke after another.
    await Promise.all([stats.handled('form/snapshot'), stats.handled('form/snapshot'), stats.rejected('invalid-message', 'form/snapshot', 'https://x.example', 1)]);
    for (let i = 0; i < 3; i++) await stats.handled('form/snapshot');
    expect(calls.filter((c) => c === 'get')).toHaveLength(1);
    expect(calls.filter((c) => c === 'set').length).toBeLessThanOrEqual(4);
    const stored = (await session.get(STATS_KEY))[STATS_KEY] as Stats;
    expect(stored.handled).toEqual({ 'tab/state': 2, 'form/snapshot': 5 });
    expect(stored.rejected).toEqual({ 'invalid-message': 1 });
    expect(await stats.read()).toEqual(stored);
  });

  it('a counter never delays or fails a message: a storage failure is swallowed and the next count reads again', async () => {
    const { session, calls } = countingSession();
    const set = session.set;
    session.set = vi.fn(async () => {
      throw new Error('QUOTA_BYTES quota exceeded');
    });
    const stats = createStats(session);
    await expect(stats.handled('form/snapshot')).resolves.toBeUndefined();
    session.set = set;
    await stats.handled('form/snapshot');
    expect(calls.filter((c) => c === 'get')).toHaveLength(2);
    expect(((await session.get(STATS_KEY))[STATS_KEY] as Stats).handled).toEqual({ 'form/snapshot': 1 });
  });
});
