import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseNumberText } from '../../core/parse/number';
import { ASCII_TWINS, leverageIn } from './fields';
import { TOKEN_TWINS, symbolsIn } from './symbol-check';
import { asciiJoined, fold, hasLetter, hasWord, joinedBefore, visible } from './vocab';

/**
 * The readers take an ASCII-only path where the page's text has no character beyond ASCII (no Unicode-property
 * pattern compiled, no normaliser loaded in a fresh tab). On ASCII text each path must give exactly what the
 * Unicode one gives: these properties compare them on text built from the pieces the patterns care about.
 */
const PIECES = ['0', '1', '20', '125', '3.5', '7,25', '.', ',', ' ', '  ', '\t', 'x', 'X', 'k', 'K', 'M', 'b', 'B', 'USDT', 'USD', 'BTC', 'PERP', '_', '-', '/', 'Cross', 'a', 'Z', '$', '%', '(', '~', "'", '`', 'Long', 'buy', 'price', 'e'];
const ascii = fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((parts) => parts.join(''));
const asciiChars = fc.string({ unit: 'binary-ascii', maxLength: 24 });
/** Few pieces, so that the orders the patterns tell apart ("x20,", "1.5k$", "20 Xa") come up often. */
const dense = fc.array(fc.constantFrom('x', 'X', 'k', 'K', 'm', 'M', 'b', 'B', '1', '20', '.', ',', ' ', 'a', 'Z', '$', '-', 'USDT'), { maxLength: 10 }).map((parts) => parts.join(''));
const anyAscii = fc.oneof(ascii, asciiChars);

const sameMatch = (a: RegExp, b: RegExp, text: string) => {
  const [x, y] = [new RegExp(a.source, a.flags.replace('g', '')), new RegExp(b.source, b.flags.replace('g', ''))];
  const [m, n] = [x.exec(text), y.exec(text)];
  return m === null ? n === null : n !== null && m.index === n.index && [...m].join('\u0000') === [...n].join('\u0000');
};

describe('ASCII paths match the Unicode ones on ASCII text', () => {
  it('the number, unit and leverage patterns', () => {
    fc.assert(fc.property(fc.oneof(dense, anyAscii), (text) => ASCII_TWINS().every(([full, twin]) => sameMatch(full, twin, text))), { numRuns: 5000 });
  });

  it('the market-name pattern, every match', () => {
    const [full, twin] = TOKEN_TWINS();
    const all = (re: RegExp, text: string) => [...text.matchAll(re)].map((m) => `${m.index}:${[...m].join('|')}`);
    const names = fc.array(fc.constantFrom('BTC', 'USDT', 'USDC', '1000PEPE', 'ETH', 'USD', '-', '_', '/', ' ', 'SWAP', 'PERP', '250627', '1', '.', ',', 'x', 'a'), { maxLength: 10 }).map((p) => p.join(''));
    fc.assert(fc.property(fc.oneof(names, asciiChars), (text) => all(full, text).join() === all(twin, text).join()), { numRuns: 3000 });
    expect(symbolsIn('65,000.1 | BTCUSDT | Binance Futures').map((s) => s.raw)).toEqual(['BTCUSDT']);
  });

  it('the letter-or-digit test beside a word, for every ASCII character', () => {
    for (let c = 0; c < 128; c++) expect(asciiJoined(c), `U+${c.toString(16)}`).toBe(joinedBefore(String.fromCharCode(c)));
  });

  it('the letter and digit tests, for every ASCII character', () => {
    for (let c = 0; c < 128; c++) expect(hasLetter(String.fromCharCode(c)), `U+${c.toString(16)}`).toBe(/\p{L}/u.test(String.fromCharCode(c)));
    expect(hasLetter('12 Ё')).toBe(true);
    expect(hasLetter('12 ٣')).toBe(false);
  });

  it('folding, format characters and number text', () => {
    const reference = (text: string) =>
      visible(text).normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/ı/g, 'i').replace(/đ/g, 'd').replace(/[’'`]/g, '’').replace(/\s+/g, ' ').trim();
    fc.assert(
      fc.property(anyAscii, (text) => fold(text) === reference(text) && visible(text) === text.replace(/\p{Cf}/gu, '') && normaliseNumberText(text) === text.normalize('NFKC').replace(/\s+/g, ' ').trim()),
      { numRuns: 3000 },
    );
  });

  it('whole words next to ASCII and non-ASCII neighbours', () => {
    expect(hasWord('Buy/Long', 'buy')).toBe(true);
    expect(hasWord('Buyer', 'buy')).toBe(false);
    expect(hasWord('2buy', 'buy')).toBe(false);
    expect(hasWord('ébuy', 'buy')).toBe(false);
    expect(hasWord('𝐀buy', 'buy')).toBe(false);
    expect(hasWord('—buy—', 'buy')).toBe(true);
    expect(leverageIn('Cross 20x')).toBe('20');
    expect(leverageIn('Cross 20xa')).toBe(null);
    expect(leverageIn('x20')).toBe('20');
    expect(leverageIn('Cross 20×')).toBe('20');
  });
});
