import { describe, expect, it } from 'vitest';
import { fold, hasWord, whichWord } from './vocab';

describe('UI vocabulary', () => {
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
