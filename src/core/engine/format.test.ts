import { describe, expect, it } from 'vitest';
import { formatAmount, formatPrice } from './format';

describe('formatPrice rounds towards the mark (the conservative side), as Bybit does', () => {
  it('Bybit inverse-cross example: long 5,739.08 with a 0.5 tick shows 5,739.50', () => {
    expect(formatPrice('5739.083528', '0.5', 'long')).toBe('5739.5');
  });
  it('a short rounds down', () => {
    expect(formatPrice('109873.59', '0.5', 'short')).toBe('109873.5');
    expect(formatPrice('0.32329', '0.0001', 'short')).toBe('0.3232');
  });
  it('an exact tick stays as it is, with the tick’s decimals', () => {
    expect(formatPrice('26316.9', '0.01', 'long')).toBe('26316.90');
  });
  it('without a tick: 10 significant digits, same direction', () => {
    expect(formatPrice('26316.89326451886074', null, 'long')).toBe('26316.89327');
    expect(formatPrice('26316.89326451886074', undefined, 'short')).toBe('26316.89326');
  });
  it('bad input gives null, never NaN', () => {
    expect(formatPrice('abc', '0.5', 'long')).toBeNull();
    expect(formatPrice(Number.NaN, '0.5', 'long')).toBeNull();
    expect(formatPrice('100', 'x', 'long')).toBe('100');
  });
  it('formatAmount fixes decimals for reading only', () => {
    expect(formatAmount('1.005', 2)).toBe('1.00');
    expect(formatAmount('x')).toBeNull();
  });
});
