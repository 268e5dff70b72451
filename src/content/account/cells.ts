import type { Side } from '../../shared/form-snapshot';
import { parseDecimal, type PageNumberFormat } from '../../core/parse/number';
import { leverageIn } from '../read/fields';
import { whichWord } from '../read/vocab';

/**
 * Readers for the cells of a positions table. Each takes the cell's text as the venue shows it and
 * returns a value or the reason it is not one; none guesses. Two numbers where one is expected
 * ("12.3 USDT (4.5%)") keep the first only where the venue puts the second in brackets.
 */

export type Cell<T> = { ok: true; value: T } | { ok: false; reason: string };

const fail = <T>(reason: string): Cell<T> => ({ ok: false, reason });

/** The amount a cell leads with: "+$2,771.75 (+171.9%)" → "2771.75", "-0.250 BTC" → "-0.25" with unit "BTC". */
export function amountIn(text: string, numbers: PageNumberFormat, label: string): Cell<{ value: string; unit?: string }> {
  // What follows an opening bracket is a second figure (ROE %, the margin mode): not this one.
  const head = text.split(/[(（]/)[0]?.trim() ?? '';
  const parsed = parseDecimal(head, { allowNegative: true, ...(numbers.decimal ? { decimal: numbers.decimal } : {}), ...(numbers.locale ? { locale: numbers.locale } : {}) });
  if (!parsed.ok) return fail(`${label}: ${parsed.reason}`);
  if (parsed.approximate) return fail(`${label}: “${head}” is only approximate`);
  return { ok: true, value: parsed.unit ? { value: parsed.value, unit: parsed.unit } : { value: parsed.value } };
}

/** A price cell; `null` when the venue shows a placeholder ("--") instead of a price. */
export function priceIn(text: string, numbers: PageNumberFormat, label: string): Cell<string | null> {
  if (/^\s*(?:[-—–]+|n\/a)?\s*$/i.test(text)) return { ok: true, value: null };
  const a = amountIn(text, numbers, label);
  if (!a.ok) return a;
  if (!/^\d/.test(a.value.value) || a.value.value === '0') return fail(`${label}: “${text.slice(0, 30)}” is not a price`);
  return { ok: true, value: a.value.value };
}

export function marginModeIn(text: string): 'cross' | 'isolated' | null {
  return whichWord(text, ['isolated', 'cross']);
}

export function sideWordIn(text: string): Side | null {
  const w = whichWord(text, ['buy', 'sell']);
  return w === 'buy' ? 'long' : w === 'sell' ? 'short' : null;
}

export { leverageIn };

/** Symbol-looking tokens of a cell ("BTCUSDT Perp 20x" → ["BTCUSDT", "Perp"]), without leverage or numbers. */
export function symbolTokens(text: string): string[] {
  return (text.normalize('NFKC').match(/[A-Za-z0-9]+(?:[-_/][A-Za-z0-9]+)*/g) ?? []).filter((t) => /[A-Za-z]/.test(t) && !/^\d+(?:\.\d+)?x$/i.test(t) && !/^x\d+$/i.test(t));
}
