import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, hasWord, LANGS, VOCAB, whichWord, without, type Lang, type VocabKey } from './vocab';

describe('UI vocabulary', () => {
  it('finds the words of the languages asked, whichever list object names them', () => {
    // The words are kept per list object and per set of languages: a fresh list of the same languages
    // finds the same words, a list of other languages never gets them.
    for (let i = 0; i < 3; i++) {
      expect(hasWord('Preis', 'price', ['de'])).toBe(true);
      expect(hasWord('Preis', 'price', ['fr'])).toBe(false);
      expect(hasWord('Prix', 'price', ['fr'])).toBe(true);
    }
    const de: Lang[] = ['de'];
    expect(hasWord('Menge', 'quantity', de)).toBe(true);
    expect(hasWord('Preis', 'price', de)).toBe(true);
    expect(hasWord('Prix', 'price', de)).toBe(false);
    expect(hasWord('Price', 'price', de)).toBe(true);
  });

  it('folds case, accents, width and the Turkish dotless i', () => {
    expect(fold('QUANTITÉ')).toBe('quantite');
    expect(fold('KALDIRAÇ')).toBe('kaldirac');
    expect(fold('İzole')).toBe('izole');
    expect(fold('Ｓｉｚｅ')).toBe('size');
  });

  it.each([
    ['Size', 'quantity'],
    ['数量', 'quantity'],
    ['Кол-во', 'quantity'],
    ['Miktar', 'quantity'],
    ['수량', 'quantity'],
    ['Menge', 'quantity'],
    ['Quantité', 'quantity'],
    ['Quantidade', 'quantity'],
    ['Số lượng', 'quantity'],
    ['Cantidad', 'quantity'],
    ['委托价格', 'price'],
    ['Preço', 'price'],
    ['Giá', 'price'],
    ['逐仓', 'isolated'],
    ['Isolée', 'isolated'],
    ['Çapraz', 'cross'],
    ['TP trigger price', 'tpsl'],
  ] as const)('%j means %s', (text, key) => {
    expect(hasWord(text, key)).toBe(true);
  });

  it('needs whole words where words are spaced', () => {
    expect(hasWord('Market', 'markPrice')).toBe(false);
    expect(hasWord('Crossing', 'cross')).toBe(false);
    expect(hasWord('Sizeable', 'quantity')).toBe(false);
    expect(hasWord('Order size', 'quantity')).toBe(true);
  });

  it('only knows the languages it is asked about', () => {
    expect(hasWord('Menge', 'quantity', ['en', 'zh'])).toBe(false);
    expect(hasWord('数量', 'quantity', ['en', 'zh'])).toBe(true);
  });

  it('picks the more specific meaning first', () => {
    expect(whichWord('Stop Limit', ['conditional', 'market', 'limit'])).toBe('conditional');
    expect(whichWord('Close Long', ['close', 'open'])).toBe('close');
    expect(whichWord('Buy/Long', ['buy', 'sell'])).toBe('buy');
    expect(whichWord('卖出/做空', ['buy', 'sell'])).toBe('sell');
  });
});

/**
 * The matching as it was: one alternation regex per meaning, whole words by look-arounds. The
 * substring search that replaced it (for speed) must answer exactly the same on any text.
 */
const NO_SPACES = /[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u1100-\u11ff\uf900-\ufaff]/;
const references = new Map<string, RegExp>();
function reference(key: VocabKey, langs: readonly Lang[]): RegExp {
  const id = `${key}|${langs.join()}`;
  const known = references.get(id);
  if (known) return known;
  const words = new Set<string>();
  for (const part of VOCAB[key].split('|')) {
    const [lang = '', list = ''] = part.split(':');
    if (lang === 'en' || (langs as readonly string[]).includes(lang)) for (const w of list.split(',')) if (fold(w)) words.add(fold(w));
  }
  const alternatives = [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => {
      const escaped = w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return NO_SPACES.test(w) ? escaped : `(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`;
    });
  const re = new RegExp(alternatives.join('|') || '(?!)', 'u');
  references.set(id, re);
  return re;
}

const globals = new Map<RegExp, RegExp>();
const globalOf = (re: RegExp): RegExp => globals.get(re) ?? (globals.set(re, new RegExp(re.source, 'gu')), globals.get(re) as RegExp);

describe('word matching by substring search answers as the look-around regex did', () => {
  const keys = Object.keys(VOCAB) as VocabKey[];
  const allWords = [...new Set(keys.flatMap((k) => VOCAB[k].split('|').flatMap((p) => (p.split(':')[1] ?? '').split(','))))];
  // Pieces that make words touch or not: letters and digits of several scripts (one astral), spaces, punctuation, bidi marks.
  const glue = ['', ' ', 'a', 'é', '1', '.', '/', ':', '-', '𠀀', 'ж', '価', '\u200e', 'x', '%', '(', 'ı'];
  const piece = fc.oneof(fc.constantFrom(...allWords), fc.constantFrom(...glue), fc.constantFrom(...allWords).map((w) => w.toUpperCase()));
  const text = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''));
  // Every language, English alone, and a few pages' sets (the reference regexes are slow to build: a few sets, each built once).
  const langs = fc.constantFrom<readonly Lang[]>(LANGS, ['en'], ['en', 'zh'], ['ru', 'uk', 'kk', 'bg'], ['vi', 'tr', 'ar', 'he'], ['ko', 'ja', 'th', 'bn'], ['de', 'fr', 'es', 'pt', 'pl', 'cs']);

  it('hasWord, whichWord and without, on texts built from every meaning’s words and the characters around them', () => {
    fc.assert(
      fc.property(text, fc.constantFrom(...keys), fc.constantFrom(...keys), langs, (t, key, other, ls) => {
        const re = reference(key, ls);
        expect(hasWord(t, key, ls)).toBe(re.test(fold(t)));
        expect(whichWord(t, [key, other], ls)).toBe(re.test(fold(t)) ? key : reference(other, ls).test(fold(t)) ? other : null);
        expect(without(t, key, ls)).toBe(fold(t).replace(globalOf(re), ' '));
      }),
      { numRuns: 300 },
    );
    // Building the reference regexes alone takes seconds on a loaded machine: a hang guard, not a time budget.
  }, 120_000);

  it('a word next to a letter outside the basic plane is inside a longer word, as the regex saw it', () => {
    expect(hasWord('𠀀size', 'quantity')).toBe(false);
    expect(hasWord('size𠀀', 'quantity')).toBe(false);
    expect(hasWord('(size)', 'quantity')).toBe(true);
  });
});
