import { describe, expect, it } from 'vitest';
import { distanceLabel, signedMove } from './distance';

describe('distance wording', () => {
  it('names the reference the engine measured from', () => {
    expect(distanceLabel('fill')).toBe('Distance from your price');
    expect(distanceLabel('mark')).toBe('Distance from mark');
    // Older records carry no reference: the engine measured those from the mark.
    expect(distanceLabel(undefined)).toBe('Distance from mark');
  });

  it('signs the move: down for a long, up for a short', () => {
    expect(signedMove('long', '4.62')).toBe('-4.62');
    expect(signedMove('short', '4.62')).toBe('4.62');
    expect(signedMove('long', '0')).toBe('0');
    // A negative magnitude (liquidated on fill) flips for a long rather than doubling the sign.
    expect(signedMove('long', '-0.3')).toBe('0.3');
  });
});
