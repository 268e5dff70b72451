import { fractionDigits, isDecimalString, shiftDecimal } from '../core/parse/decimal-string';

/**
 * Display-only formatting of decimal strings in the trader's locale. Intl.NumberFormat formats a decimal
 * *string* exactly (Intl.NumberFormat v3), so no figure passes through a binary float on its way to the
 * screen. Anything that is not a plain decimal string shows as "—": NaN, Infinity, undefined and null never
 * reach the page.
 */

export const DASH = '—';
const cache = new Map<string, Intl.NumberFormat>();

function nf(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(locale, options);
    } catch {
      f = new Intl.NumberFormat(undefined, options);
    }
    cache.set(key, f);
  }
  return f;
}

/** Accepts what the engine emits ("-12.5", "0.0001", "12.50"), normalising trailing zeros. */
export function plain(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = /^(-?)(\d{1,40})(?:\.(\d{1,60}))?$/.exec(value.trim());
  if (!m) return null;
  const int = (m[2] ?? '0').replace(/^0+(?=\d)/, '');
  const frac = (m[3] ?? '').replace(/0+$/, '');
  const body = frac ? `${int}.${frac}` : int;
  if (body === '0') return '0';
  const out = `${m[1]}${body}`;
  return isDecimalString(out) ? out : null;
}

const fmt = (f: Intl.NumberFormat, v: string): string => f.format(v as unknown as number);

/** Every digit of the string, grouped for the locale ("61234.5" → "61,234.5" / "61.234,5"). */
export function exact(value: unknown, locale: string | undefined): string {
  const v = plain(value);
  return v === null ? DASH : fmt(nf(locale, { maximumFractionDigits: Math.min(20, fractionDigits(v)), minimumFractionDigits: Math.min(20, fractionDigits(v)) }), v);
}

const FIAT_LIKE = /^(USDT|USDC|USD|BUSD|FDUSD|DAI|USDE)$/i;

/** A money amount: 2 decimals in dollar-like currencies, up to 8 in coins. */
export function money(value: unknown, currency: string | null | undefined, locale: string | undefined): string {
  const v = plain(value);
  if (v === null) return DASH;
  const digits = currency && !FIAT_LIKE.test(currency) ? 8 : 2;
  const text = fmt(nf(locale, { maximumFractionDigits: digits, minimumFractionDigits: Math.min(2, digits) }), v);
  return currency ? `${text} ${currency}` : text;
}

/** A price without a display rounding from the engine: to the tick when known, else 10 significant digits. */
export function price(value: unknown, locale: string | undefined, tick?: string | null, rounding: 'ceil' | 'floor' | 'halfExpand' = 'halfExpand'): string {
  const v = plain(value);
  if (v === null) return DASH;
  const t = plain(tick ?? null);
  const options: Intl.NumberFormatOptions & { roundingMode?: string } =
    t !== null && t !== '0' ? { maximumFractionDigits: fractionDigits(t), minimumFractionDigits: fractionDigits(t) } : { maximumSignificantDigits: 10 };
  options.roundingMode = rounding;
  return fmt(nf(locale, options), v);
}

/** A value already in percent ("5.8" → "5.8%"), 2 decimals. */
export function percent(value: unknown, locale: string | undefined, decimals = 2): string {
  const v = plain(value);
  return v === null ? DASH : fmt(nf(locale, { style: 'percent', maximumFractionDigits: decimals }), shiftDecimal(v, -2));
}

/** A fraction of one ("0.1234" → "12.34%"). */
export function fractionPercent(value: unknown, locale: string | undefined, decimals = 2): string {
  const v = plain(value);
  return v === null ? DASH : fmt(nf(locale, { style: 'percent', maximumFractionDigits: decimals }), v);
}

/** A plain count or leverage: up to `decimals` places ("12.5" → "12.5"). */
export function amount(value: unknown, locale: string | undefined, decimals = 4): string {
  const v = plain(value);
  return v === null ? DASH : fmt(nf(locale, { maximumFractionDigits: decimals }), v);
}

/** A number as a trader would type it in this locale, for putting a value back into an input. */
export function forInput(value: unknown, locale: string | undefined): string {
  const v = plain(value);
  if (v === null) return '';
  return fmt(nf(locale, { maximumFractionDigits: Math.min(20, fractionDigits(v)), useGrouping: false }), v);
}

/** An ISO date-time as a short local date. */
export function dateOf(iso: string | null | undefined, locale: string | undefined): string {
  if (typeof iso !== 'string') return DASH;
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso.slice(0, 10) || DASH;
  try {
    return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric' }).format(ms);
  } catch {
    return iso.slice(0, 10);
  }
}
