import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decimalSeparatorFor, inferDecimalSeparator, normaliseNumberText, pageNumberFormat, parseDecimal, type NumberContext } from './number';

type Row = [raw: string, ctx: NumberContext, value: string, unit?: string];

const ok = (raw: string, ctx: NumberContext = {}) => {
  const r = parseDecimal(raw, ctx);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(raw)} to parse, got ${r.code}: ${r.reason}`);
  return r;
};
const code = (raw: string, ctx: NumberContext = {}) => {
  const r = parseDecimal(raw, ctx);
  return r.ok ? `ok:${r.value}` : r.code;
};

describe('parseDecimal: accepted forms', () => {
  const en: NumberContext = { decimal: '.' };
  const de: NumberContext = { decimal: ',' };
  const rows: Row[] = [
    // plain and grouped, en convention
    ['0', en, '0'],
    ['42', en, '42'],
    ['65000.50', en, '65000.5'],
    ['1,234.5', en, '1234.5'],
    ['1,234,567.891', en, '1234567.891'],
    ['1,234', en, '1234'],
    ['0.00012300', en, '0.000123'],
    ['007.10', en, '7.1'],
    ['.5', en, '0.5'],
    ['5.', en, '5'],
    ['+12.5', en, '12.5'],
    // de/fr/ru/es/tr/pt/vi conventions
    ['1.234,5', de, '1234.5'],
    ['1.234', de, '1234'],
    ['4,0', de, '4'],
    ['0,75', de, '0.75'],
    ['1 234,5', de, '1234.5'],
    ['1\u00a0234,5', de, '1234.5'],
    ['1\u202f234\u202f567,25', de, '1234567.25'],
    ['1\u2009234,5', de, '1234.5'],
    // Swiss apostrophe (ASCII and typographic)
    ["1'234.5", {}, '1234.5'],
    ['1\u2019234\u2019567.5', {}, '1234567.5'],
    // unambiguous without any context
    ['1,234.5', {}, '1234.5'],
    ['1.234,5', {}, '1234.5'],
    ['1 234,5', {}, '1234.5'],
    ['1 234.5', {}, '1234.5'],
    ['0,123', {}, '0.123'],
    ['12,5', {}, '12.5'],
    ['1234,567', {}, '1234.567'],
    ['1,234,567', {}, '1234567'],
    ['1 234', {}, '1234'],
    // full-width and other digit scripts
    ['１２３，４５６．７８', {}, '123456.78'],
    ['０.５', {}, '0.5'],
    ['١٬٢٣٤٬٥٦٧٫٨٩١', {}, '1234567.891'],
    ['۱۲٫۵', {}, '12.5'],
    ['٣٤٥', {}, '345'],
    ['१२३.४', en, '123.4'],
    // units, currency symbols, approximations
    ['12.5 USDT', en, '12.5', 'USDT'],
    ['12.5USDT', en, '12.5', 'USDT'],
    ['$12.5', en, '12.5', '$'],
    ['≈ 65,000.1 USD', en, '65000.1', 'USD'],
    ['~0.5 BTC', en, '0.5', 'BTC'],
    ['25%', en, '25', '%'],
    ['20x', en, '20', 'x'],
    ['3 张', {}, '3', '张'],
    ['USDT 6,996.26', en, '6996.26', 'USDT'],
    ['1.234,56 €', de, '1234.56', '€'],
  ];
  it.each(rows)('%j %j → %s', (raw, ctx, value, unit) => {
    const r = ok(raw, ctx);
    expect(r.value).toBe(value);
    expect(r.unit).toBe(unit);
  });

  it('marks approximate values', () => {
    expect(ok('≈ 12.5', en).approximate).toBe(true);
    expect(ok('12.5', en).approximate).toBe(false);
  });

  it('reads K/M/B only when allowed, exactly', () => {
    expect(ok('10K', { allowSuffix: true }).value).toBe('10000');
    expect(ok('1.5M', { allowSuffix: true, decimal: '.' }).value).toBe('1500000');
    expect(ok('2.25b', { allowSuffix: true, decimal: '.' }).value).toBe('2250000000');
    expect(ok('0.000001M', { allowSuffix: true, decimal: '.' }).value).toBe('1');
    expect(ok('1,5 M USDT', { allowSuffix: true, decimal: ',' })).toMatchObject({ value: '1500000', unit: 'USDT' });
    expect(code('10K')).toBe('suffix-not-allowed');
    expect(code('1.5M', { decimal: '.' })).toBe('suffix-not-allowed');
    // A unit that starts with M or B is a unit, not a suffix.
    expect(ok('12.5 MXN', en)).toMatchObject({ value: '12.5', unit: 'MXN' });
    expect(ok('12 BTC', en)).toMatchObject({ value: '12', unit: 'BTC' });
  });

  it('reads negatives only when allowed, and never returns -0', () => {
    expect(code('-5', en)).toBe('negative');
    expect(ok('-5', { ...en, allowNegative: true }).value).toBe('-5');
    expect(ok('\u22121,234.5', { ...en, allowNegative: true }).value).toBe('-1234.5');
    expect(ok('-$12.5', { ...en, allowNegative: true }).value).toBe('-12.5');
    expect(ok('-0.000', { ...en, allowNegative: true }).value).toBe('0');
  });

  it('reads Indian lakh grouping only on -IN pages', () => {
    expect(ok('12,34,567.89', { locale: 'en-IN' }).value).toBe('1234567.89');
    expect(ok('1,00,000', { locale: 'hi-IN' }).value).toBe('100000');
    expect(code('12,34,567.89', { locale: 'en-US' })).toBe('bad-grouping');
  });
});

describe('parseDecimal: rejected forms', () => {
  const rows: [string, NumberContext, string][] = [
    ['', {}, 'empty'],
    ['   ', {}, 'empty'],
    ['--', {}, 'placeholder'],
    ['—', {}, 'placeholder'],
    ['-.--', {}, 'placeholder'],
    ['N/A', {}, 'placeholder'],
    ['abc', {}, 'not-a-number'],
    ['12abc34', {}, 'several-numbers'],
    ['1.5e3', {}, 'not-a-number'],
    ['1,234.5 / 2,000', {}, 'several-numbers'],
    ['<0.01', {}, 'bound'],
    ['1,234', {}, 'ambiguous'],
    ['1.234', {}, 'ambiguous'],
    ['999.999', {}, 'ambiguous'],
    // "4,0" on an English page is not 40 and not 4.
    ['4,0', { decimal: '.' }, 'wrong-convention'],
    ['4,0', { locale: 'en' }, 'wrong-convention'],
    ['1,5', { locale: 'en-US' }, 'wrong-convention'],
    ['1.234,5', { decimal: '.' }, 'wrong-convention'],
    ['1,234.5', { decimal: ',' }, 'wrong-convention'],
    ['1.2.3', { decimal: '.' }, 'wrong-convention'],
    ['1,23,4', {}, 'bad-grouping'],
    ['12,34', { decimal: '.' }, 'wrong-convention'],
    ['1.2.3', {}, 'bad-grouping'],
    ['1,234.5.6', {}, 'bad-grouping'],
    ['1 234.567,8', {}, 'bad-grouping'],
    ["1'234 567", {}, 'bad-grouping'],
    ['0,123,456', {}, 'bad-grouping'],
    ['12 34', {}, 'bad-grouping'],
    ['1.5 1.5', { decimal: '.' }, 'wrong-convention'],
    ['1.5 1.5', {}, 'bad-grouping'],
    ['1,5٫5', {}, 'not-a-number'],
    ['--5', { allowNegative: true }, 'not-a-number'],
    ['-+5', { allowNegative: true }, 'not-a-number'],
    ['1'.repeat(200), {}, 'too-long'],
    ['1'.repeat(41), {}, 'too-long'],
    [',', {}, 'not-a-number'],
  ];
  it.each(rows)('%j %j → %s', (raw, ctx, expected) => {
    const r = parseDecimal(raw, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(expected);
      expect(r.reason.length).toBeGreaterThan(5);
    }
  });

  it('explains an ambiguous string with both readings', () => {
    const r = parseDecimal('1,234');
    expect(r).toMatchObject({ ok: false, code: 'ambiguous' });
    if (!r.ok) expect(r.reason).toContain('1.234');
  });

  it('never throws and never returns NaN-like values on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.constantFrom<NumberContext>({}, { decimal: '.' }, { decimal: ',' }, { locale: 'de' }, { allowSuffix: true, allowNegative: true }), (s, ctx) => {
        const r = parseDecimal(s, ctx);
        if (r.ok) expect(r.value).toMatch(/^-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('round trip through Intl formatting', () => {
  const locales = ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'es-ES', 'it-IT', 'ru-RU', 'tr-TR', 'pt-BR', 'vi-VN', 'ja-JP', 'zh-CN', 'ko-KR', 'de-CH', 'en-IN', 'ar-EG', 'fa-IR'];
  const decimalString = fc
    .tuple(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 0, max: 8 }))
    .map(([n, scale]) => {
      const digits = n.toString().padStart(scale + 1, '0');
      const int = digits.slice(0, digits.length - scale);
      const frac = digits.slice(digits.length - scale).replace(/0+$/, '');
      return frac ? `${int}.${frac}` : int;
    });

  it.each(locales)('%s: parse(format(x), lang) === x', (locale) => {
    fc.assert(
      fc.property(decimalString, fc.boolean(), (value, negative) => {
        const signed = negative && value !== '0' ? `-${value}` : value;
        const fmt = new Intl.NumberFormat(locale, { maximumFractionDigits: 20 });
        const text = fmt.format(signed as unknown as number);
        const r = parseDecimal(text, { locale, allowNegative: true });
        expect(r, `${locale} ${text}`).toMatchObject({ ok: true, value: signed });
      }),
      { numRuns: 300 },
    );
  });

  it.each(locales)('%s: the page separator alone (no lang) also reads it', (locale) => {
    const decimal = decimalSeparatorFor(locale);
    fc.assert(
      fc.property(decimalString, (value) => {
        const text = new Intl.NumberFormat(locale, { maximumFractionDigits: 20 }).format(value as unknown as number);
        const r = parseDecimal(text, decimal ? { decimal, locale } : { locale });
        expect(r).toMatchObject({ ok: true, value });
      }),
      { numRuns: 200 },
    );
  });
});

describe('page conventions', () => {
  it('knows the separators of the UI languages', () => {
    const expected: Record<string, string | undefined> = {
      en: '.', zh: '.', 'zh-TW': '.', ja: '.', ko: '.', de: ',', fr: ',', es: ',', pt: ',', 'pt-BR': ',', ru: ',', tr: ',', vi: ',', 'de-CH': '.', 'es-MX': '.',
    };
    for (const [lang, sep] of Object.entries(expected)) expect(decimalSeparatorFor(lang), lang).toBe(sep);
  });

  it('does not trust a language Intl does not know', () => {
    expect(decimalSeparatorFor('xx-QQ')).toBeUndefined();
    expect(decimalSeparatorFor('not a tag')).toBeUndefined();
    expect(decimalSeparatorFor('')).toBeUndefined();
  });

  it('infers the separator from the page’s unambiguous numbers', () => {
    expect(inferDecimalSeparator(['Last 71,704.6', 'Available6,996.26 USDT'])).toBe('.');
    expect(inferDecimalSeparator(['Verfügbar 6.996,26 USDT'])).toBe(',');
    expect(inferDecimalSeparator(['0,75 BTC'])).toBe(',');
    expect(inferDecimalSeparator(['1,234,567'])).toBe('.');
    expect(inferDecimalSeparator(['1.234.567'])).toBe(',');
    expect(inferDecimalSeparator(['20x', '1,234'])).toBeUndefined();
    // Dates and versions are not numbers and do not vote.
    expect(inferDecimalSeparator(['22.11.2026', 'v1.2.3', '2026.11.22'])).toBeUndefined();
    // A page that contradicts itself is not trusted.
    expect(inferDecimalSeparator(['1,5', '2.5'])).toBeUndefined();
  });

  it('prefers the page’s own numbers over <html lang>, then lang, then unknown', () => {
    expect(pageNumberFormat(['71,704.6'], 'de')).toEqual({ decimal: '.', source: 'page-numbers', locale: 'de' });
    expect(pageNumberFormat(['20x'], 'de')).toEqual({ decimal: ',', source: 'lang', locale: 'de' });
    expect(pageNumberFormat([], undefined)).toEqual({ source: 'unknown' });
    expect(pageNumberFormat([], 'xx-QQ')).toEqual({ source: 'unknown', locale: 'xx-QQ' });
  });

  it('resolves "1,234" from the page, and reports it when nothing resolves it', () => {
    const page = pageNumberFormat(['Mark 65,000.1'], undefined);
    expect(parseDecimal('1,234', page)).toMatchObject({ ok: true, value: '1234' });
    const dePage = pageNumberFormat(['Preis 65.000,1'], undefined);
    expect(parseDecimal('1,234', dePage)).toMatchObject({ ok: true, value: '1.234' });
    const unknown = pageNumberFormat(['20x'], undefined);
    expect(parseDecimal('1,234', unknown)).toMatchObject({ ok: false, code: 'ambiguous' });
  });

  it('normalises text without changing plain ASCII numbers', () => {
    expect(normaliseNumberText(' 1\u00a0234,5\u200e ')).toBe('1 234,5');
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9.,]{1,20}$/), (s) => {
        expect(normaliseNumberText(s)).toBe(s);
      }),
    );
  });
});
