/**
 * The one gate every number from outside the engine passes: a plain decimal, as text or a finite JS number,
 * short enough to be a price, size or rate. Length and exponent are capped before decimal.js sees the text, so
 * a million-digit string or an exponent of a billion can neither stall the engine nor grow into a giant
 * string when a figure is printed (the page parser caps at 40 digits, the message schemas at 80 characters).
 */
import { D } from '../decimal';

/** The longest numeric text accepted, in characters (as the message schemas allow). */
export const MAX_NUMBER_CHARS = 80;

/** A decimal with an optional exponent of at most three digits (1e-999 … 1e999). */
const DECIMAL_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,3})?$/;

/** The text a raw value stands for, trimmed, or null when it is neither a string nor a finite number. */
export function numberText(raw: unknown): string | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? String(raw) : null;
  return typeof raw === 'string' ? raw.trim() : null;
}

/** A raw value as a Decimal, or null when it is not a short plain decimal. Never throws. */
export function decimalFrom(raw: unknown): D | null {
  if (raw instanceof D) return raw.isFinite() ? raw : null;
  const text = numberText(raw);
  if (text === null || text.length > MAX_NUMBER_CHARS || !DECIMAL_TEXT.test(text)) return null;
  return new D(text);
}

/** Whether a text is a short plain decimal (what decimalFrom accepts). */
export function isDecimalText(text: string): boolean {
  return text.length <= MAX_NUMBER_CHARS && DECIMAL_TEXT.test(text);
}

/** At most `max` characters of untrusted text for a message, with an ellipsis when cut. */
export function shortPrefix(text: string, max = 24): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
