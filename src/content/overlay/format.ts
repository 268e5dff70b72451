import { fractionDigits, isDecimalString, shiftDecimal } from '../../core/parse/decimal-string';

/**
 * Display-only formatting of the background's decimal strings in the trader's locale.
 * Intl.NumberFormat formats a decimal *string* exactly in current engines (Intl.NumberFormat
 * v3), so "61234.56789012" keeps every digit; the digits shown are exactly those sent.
 */

const cache = new Map<string, Intl.NumberFormat>();

function formatter(locale: string | undefined, digits: number, style: 'decimal' | 'percent'): Intl.NumberFormat {
  const key = `${locale ?? ''}|${digits}|${style}`;
  let f = cache.get(key);
  if (!f) {
    const d = Math.min(digits, 20);
    try {
      f = new Intl.NumberFormat(locale, { style, minimumFractionDigits: d, maximumFractionDigits: d });
    } catch {
      f = new Intl.NumberFormat(undefined, { style, minimumFractionDigits: d, maximumFractionDigits: d });
    }
    cache.set(key, f);
  }
  return f;
}

/** "61234.5" → "61,234.5" (en) / "61.234,5" (de). Anything that is not a plain decimal shows as "—". */
export function formatDecimal(value: string | null | undefined, locale: string | undefined): string {
  if (!isDecimalString(value)) return '—';
  return formatter(locale, fractionDigits(value), 'decimal').format(value as unknown as number);
}

/** A value already in percent ("5.8" means 5.8 %), in the locale's percent style ("5.8%", "5,8 %", "%5,8"). */
export function formatPercent(value: string | null | undefined, locale: string | undefined): string {
  if (!isDecimalString(value)) return '—';
  return formatter(locale, fractionDigits(value), 'percent').format(shiftDecimal(value, -2) as unknown as number);
}

/** A probability sent as a fraction of one ("0.12" → "12%"). */
export function formatProbability(value: string | null | undefined, locale: string | undefined): string {
  if (!isDecimalString(value)) return '—';
  return formatter(locale, Math.max(0, fractionDigits(value) - 2), 'percent').format(value as unknown as number);
}
