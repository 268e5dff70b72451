import { parseDecimal } from '../core/parse/number';
import { shiftDecimal } from '../core/parse/decimal-string';

/**
 * Reading what the trader typed, in their locale, with the same strict parser the content scripts use:
 * "1.234,5" in German, "1,234.5" in English; anything ambiguous or malformed is a message, never a guess.
 * Output is a plain decimal string for the engine. parseFloat is never used.
 */

export type Parsed = { ok: true; value: string } | { ok: false; message: string };

export interface ParseOptions {
  allowNegative?: boolean;
}

export function parseTyped(raw: string, locale: string | undefined, label: string, opts: ParseOptions = {}): Parsed | null {
  if (raw.trim() === '') return null;
  const r = parseDecimal(raw, { ...(locale ? { locale } : {}), allowNegative: opts.allowNegative ?? false });
  if (r.ok) {
    if (r.unit !== undefined && r.unit !== '%') return { ok: false, message: `${label}: enter a number only, without "${r.unit}".` };
    return { ok: true, value: r.value };
  }
  // The parser speaks about a venue page; here the format is the trader's own number-format setting.
  const reason = r.code === 'negative' ? 'cannot be negative' : r.reason.replace(/this page's|the page's/g, 'your').replace(/this page uses/g, 'your number format uses');
  return { ok: false, message: `${label}: ${reason}.` };
}

/** A percent as typed ("0.05") → the engine's fraction ("0.0005"), exactly. */
export function percentToFraction(value: string): string {
  return shiftDecimal(value, -2);
}

/** The engine's fraction ("0.0005") → percent for the input ("0.05"). */
export function fractionToPercent(value: string): string {
  return shiftDecimal(value, 2);
}

/** The locale the trader asked for: a fixed one from settings, or the browser's. */
export function localeFor(numberFormat: string | undefined): string | undefined {
  if (numberFormat && numberFormat !== 'browser') return numberFormat;
  return typeof navigator !== 'undefined' && navigator.language ? navigator.language : undefined;
}
