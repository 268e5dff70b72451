import { describe, expect, it } from 'vitest';
import { formatDecimal as fd, formatPercent as fp, formatProbability as fpr } from './format';

// ICU versions differ in spaces (NBSP, narrow NBSP) and apostrophes; compare on plain ones.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ').replace(/\u2019/g, "'");
const formatDecimal = (v: string | null | undefined, l: string) => plain(fd(v, l));
const formatPercent = (v: string, l: string) => plain(fp(v, l));
const formatProbability = (v: string, l: string) => plain(fpr(v, l));

describe('overlay number display', () => {
  it('keeps every digit the background sent, in the trader’s locale', () => {
    expect(formatDecimal('61234.56789012', 'en-US')).toBe('61,234.56789012');
    expect(formatDecimal('61234.5', 'de-DE')).toBe('61.234,5');
    expect(formatDecimal('12345678901234567890.12', 'en-US')).toBe('12,345,678,901,234,567,890.12');
    expect(formatDecimal('-0.0001', 'fr-FR')).toBe('-0,0001');
    expect(formatDecimal('1234.5', 'de-CH')).toBe("1'234.5");
  });

  it('shows a dash for anything that is not a plain decimal string', () => {
    for (const bad of [null, undefined, '', 'NaN', 'Infinity', '1e5', '1,5', '01']) expect(formatDecimal(bad as string, 'en')).toBe('—');
  });

  it('formats percentages and probabilities', () => {
    expect(formatPercent('5.8', 'en-US')).toBe('5.8%');
    expect(formatPercent('5.8', 'de-DE')).toBe('5,8 %');
    expect(formatPercent('12', 'tr-TR')).toBe('%12');
    expect(formatProbability('0.125', 'en-US')).toBe('12.5%');
    expect(formatProbability('0.12', 'en-US')).toBe('12%');
  });
});
