import { describe, expect, it, vi } from 'vitest';
import { startEarly, takeEarly } from './early-reads';

describe('early reads', () => {
  it('reads now when nothing was started', async () => {
    const read = vi.fn(async () => 'fresh');
    await expect(takeEarly(read)).resolves.toBe('fresh');
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('hands a started read out once, then reads afresh', async () => {
    let n = 0;
    const read = vi.fn(async () => ++n);
    startEarly(read);
    startEarly(read); // started once only
    expect(read).toHaveBeenCalledTimes(1);
    await expect(takeEarly(read)).resolves.toBe(1);
    await expect(takeEarly(read)).resolves.toBe(2);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('hands a started read’s failure to its taker', async () => {
    const read = vi.fn(async () => {
      throw new Error('storage unavailable');
    });
    startEarly(read);
    await Promise.resolve();
    await expect(takeEarly(read)).rejects.toThrow('storage unavailable');
  });
});
