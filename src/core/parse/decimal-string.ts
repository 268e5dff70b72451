/**
 * Exact operations on plain decimal strings ("-1234.5"), done on the digits so nothing
 * passes through a float. Only what parsing and display need: normalising and moving the
 * decimal point. Money arithmetic belongs to decimal.js in the background, not here.
 */

/** A normalised decimal: optional minus, no leading zeros, no trailing fractional zeros, no exponent. */
export const DECIMAL_STRING = /^-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/;

export function isDecimalString(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 80 && value !== '-0' && DECIMAL_STRING.test(value);
}

/** Builds the normalised form from an optional sign, integer digits and fraction digits. */
export function normaliseDigits(negative: boolean, intDigits: string, fracDigits: string): string {
  const int = intDigits.replace(/^0+(?=\d)/, '') || '0';
  const frac = fracDigits.replace(/0+$/, '');
  const body = frac ? `${int}.${frac}` : int;
  return negative && body !== '0' ? `-${body}` : body;
}

/** value × 10^places, exactly. `shiftDecimal('1.5', 6)` is '1500000'; `shiftDecimal('12.5', -2)` is '0.125'. */
export function shiftDecimal(value: string, places: number): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value);
  if (!m) throw new Error(`not a plain decimal string: ${value}`);
  const negative = m[1] === '-';
  let digits = (m[2] ?? '0') + (m[3] ?? '');
  let point = (m[2] ?? '0').length + places;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  return normaliseDigits(negative, digits.slice(0, point), digits.slice(point));
}

/** Number of digits after the point in a plain decimal string. */
export function fractionDigits(value: string): number {
  const dot = value.indexOf('.');
  return dot < 0 ? 0 : value.length - dot - 1;
}
