import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fractionDigits, isDecimalString, normaliseDigits, shiftDecimal } from './decimal-string';

describe('decimal strings', () => {
  it.each([
    [false, '000', '', '0'],
    [false, '0012', '500', '12.5'],
    [true, '0', '000', '0'],
    [true, '1', '05', '-1.05'],
    [false, '', '5', '0.5'],
  ])('normaliseDigits(%s, %j, %j) = %s', (neg, int, frac, out) => {
    expect(normaliseDigits(neg, int, frac)).toBe(out);
  });

  it.each([
    ['1.5', 6, '1500000'],
    ['12.5', -2, '0.125'],
    ['0.000001', 6, '1'],
    ['-3', -4, '-0.0003'],
    ['100', -2, '1'],
    ['0', 9, '0'],
  ])('shiftDecimal(%s, %i) = %s', (v, p, out) => {
    expect(shiftDecimal(v, p)).toBe(out);
  });

  it('shifting there and back is exact', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: -15, max: 15 }), (n, scale, places) => {
        const value = shiftDecimal(n.toString(), -scale);
        expect(isDecimalString(value)).toBe(true);
        expect(shiftDecimal(shiftDecimal(value, places), -places)).toBe(value);
      }),
    );
  });

  it('rejects what is not a plain decimal', () => {
    expect(() => shiftDecimal('1e5', 1)).toThrow();
    for (const bad of ['', '-0', '01', '1.50', '1.', '.5', 'NaN', 'Infinity', '1e5', ' 1']) expect(isDecimalString(bad), bad).toBe(false);
    for (const good of ['0', '1', '-1.5', '0.001']) expect(isDecimalString(good), good).toBe(true);
  });

  it('counts fraction digits', () => {
    expect(fractionDigits('1')).toBe(0);
    expect(fractionDigits('1.250')).toBe(3);
  });
});
