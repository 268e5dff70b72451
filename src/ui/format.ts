import { fractionDigits, isDecimalString, shiftDecimal } from '../core/parse/decimal-string';

/**
 * The one number formatter for everything a person reads: the overlay, the popup, the options and
 * the diagnostics page, headline figures and numbers inside sentences alike. It follows the number
 * format the trader chose (a German reader sees `31.204,94`), the venue's tick for prices and its
 * lot step for sizes, names the unit, and never shows a long tail of decimals.
 *
 * Decimal strings are formatted by Intl.NumberFormat, which takes a decimal *string* exactly
 * (Intl.NumberFormat v3), so no figure passes through a binary float on its way to the screen.
 * Anything that is not a plain decimal string shows as "—": NaN, Infinity, undefined and null never
 * reach a screen. Pure: no DOM, no browser API, so it runs in the content script, the pages and Node.
 */

export const DASH = '—';
const MINUS = '−';

type Options = Intl.NumberFormatOptions & { roundingMode?: string; roundingPriority?: string };
const cache = new Map<string, Intl.NumberFormat>();

function nf(locale: string | undefined, options: Options): Intl.NumberFormat {
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

/** Normalises what the engine emits ("-12.50", "0.0001", "+3") to a plain decimal string, or null. */
export function plain(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = /^([+-]?)(\d{1,40})(?:\.(\d{1,60}))?$/.exec(value.trim());
  if (!m) return null;
  const int = (m[2] ?? '0').replace(/^0+(?=\d)/, '');
  const frac = (m[3] ?? '').replace(/0+$/, '');
  const body = frac ? `${int}.${frac}` : int;
  if (/^0(\.0*)?$/.test(body)) return '0';
  const out = `${m[1] === '-' ? '-' : ''}${body}`;
  return isDecimalString(out) ? out : null;
}

const run = (f: Intl.NumberFormat, v: string): string => f.format(v as unknown as number).replace(/^-/, MINUS);
const digitsOf = (v: string) => Math.min(20, fractionDigits(v));

/** Currencies shown with two decimals. */
const FIAT_LIKE = /^(USDT|USDC|USD|BUSD|FDUSD|DAI|USDE|TUSD|EUR)$/i;
export const isFiatLike = (unit: string | null | undefined): boolean => !!unit && FIAT_LIKE.test(unit);

const withUnit = (text: string, unit: string | null | undefined) => (unit ? `${text} ${unit}` : text);

/** Every digit of the string, grouped for the locale ("61234.5" → "61,234.5" / "61.234,5"). */
export function exact(value: unknown, locale: string | undefined): string {
  const v = plain(value);
  return v === null ? DASH : run(nf(locale, { minimumFractionDigits: digitsOf(v), maximumFractionDigits: digitsOf(v) }), v);
}

/**
 * A price. With the venue's tick: that many decimals (the background already rounded it there,
 * towards the mark); without one: 10 significant digits at most, so an unrounded engine value never
 * shows its 40 digits. `rounding` says which way an unrounded value goes (towards the mark for a
 * liquidation price: `ceil` for a long, `floor` for a short).
 */
export function price(value: unknown, locale: string | undefined, tick?: string | null, unit?: string | null, rounding: 'ceil' | 'floor' | 'halfExpand' = 'halfExpand'): string {
  const v = plain(value);
  if (v === null) return DASH;
  const t = plain(tick ?? null);
  const options: Options = t !== null && t !== '0' ? { minimumFractionDigits: digitsOf(t), maximumFractionDigits: digitsOf(t) } : { maximumSignificantDigits: Math.max(10, v.split('.')[0]?.replace('-', '').length ?? 0) };
  options.roundingMode = rounding;
  return withUnit(run(nf(locale, options), v), unit);
}

/**
 * A liquidation price LiqGuard computed for an open position (it comes unrounded): to the most decimals
 * the position's own shown prices have (a page's "4,950.00" may read as 4950), towards the mark (up for
 * a long, whose liquidation is below it); with no decimals to go by, ten significant digits at most.
 */
export function heldPrice(value: unknown, locale: string | undefined, shown: readonly (string | null | undefined)[], side: 'long' | 'short'): string {
  const places = Math.max(0, ...shown.map((x) => x?.split('.')[1]?.length ?? 0));
  return price(value, locale, places ? `0.${'1'.padStart(places, '0')}` : null, null, side === 'long' ? 'ceil' : 'floor');
}

/** A money amount with its currency: two decimals in dollar-like currencies; coins to 8 decimals and 6 significant digits. */
export function money(value: unknown, currency: string | null | undefined, locale: string | undefined): string {
  const v = plain(value);
  if (v === null) return DASH;
  const options: Options = !currency || isFiatLike(currency) ? { minimumFractionDigits: 2, maximumFractionDigits: 2 } : { maximumFractionDigits: 8, maximumSignificantDigits: 6, roundingPriority: 'lessPrecision' };
  return withUnit(run(nf(locale, options), v), currency);
}

/**
 * A size in its unit ("3.5753 ETH", "120 contracts"), rounded down to the venue's lot step when
 * known (a size the venue would accept), else to 6 significant digits.
 */
export function quantity(value: unknown, unit: string | null | undefined, locale: string | undefined, step?: string | null): string {
  const v = plain(value);
  if (v === null) return DASH;
  const s = plain(step ?? null);
  const options: Options = s !== null && s !== '0' ? { maximumFractionDigits: digitsOf(s), roundingMode: 'trunc' } : { maximumSignificantDigits: 6, roundingMode: 'trunc' };
  return withUnit(run(nf(locale, options), v), unit);
}

/**
 * A value already in percent ("5.8" means 5.8 %), in the locale's percent style ("5.8%", "5,8 %").
 * Two decimals, or three significant digits for small rates (0.0125 % stays 0.0125 %).
 * `signed`: always a sign ("+9.64%", "−9.64%").
 */
export function percent(value: unknown, locale: string | undefined, opts: { signed?: boolean; decimals?: number } = {}): string {
  const v = plain(value);
  if (v === null) return DASH;
  const decimals = opts.decimals ?? 2;
  const options: Options = { style: 'percent', maximumFractionDigits: decimals, maximumSignificantDigits: 3, roundingPriority: 'morePrecision' };
  if (opts.signed) options.signDisplay = 'exceptZero';
  return run(nf(locale, options), shiftDecimal(v, -2)).replace(/^\+/, opts.signed ? '+' : '');
}

/** A fraction of one as percent ("0.1234" → "12.34%"). */
export function fractionPercent(value: unknown, locale: string | undefined, decimals = 2): string {
  const v = plain(value);
  return v === null ? DASH : percent(shiftDecimal(v, 2), locale, { decimals });
}

/** A price distance with its sign and unit ("−6,266.0 USDT"), to the tick like the price. */
export function signedPrice(value: unknown, locale: string | undefined, tick?: string | null, unit?: string | null): string {
  const v = plain(value);
  if (v === null) return DASH;
  const body = price(v.replace(/^-/, ''), locale, tick, unit);
  return v === '0' ? body : `${v.startsWith('-') ? MINUS : '+'}${body}`;
}

/** A plain count, leverage or rate: up to `decimals` places ("12.5" → "12.5"). */
export function amount(value: unknown, locale: string | undefined, decimals = 4): string {
  const v = plain(value);
  return v === null ? DASH : run(nf(locale, { maximumFractionDigits: decimals }), v);
}

/** A number as a trader would type it in this locale, for putting a value back into an input (no grouping, plain minus). */
export function forInput(value: unknown, locale: string | undefined): string {
  const v = plain(value);
  if (v === null) return '';
  return nf(locale, { maximumFractionDigits: digitsOf(v), useGrouping: false }).format(v as unknown as number);
}

/** An ISO date-time as a short local date ("Oct 24, 2024" / "24. Okt. 2024"). */
export function dateOf(iso: string | null | undefined, locale: string | undefined): string {
  if (typeof iso !== 'string') return DASH;
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso.slice(0, 10) || DASH;
  try {
    return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(ms);
  } catch {
    return iso.slice(0, 10);
  }
}

/** The price unit of a contract: the quote currency named in its symbol, else a dollar-like settlement currency; null when neither says. */
export function priceUnit(symbol: string | null | undefined, currency: string | null | undefined): string | null {
  const s = (symbol ?? '').toUpperCase();
  const quote = /(USDT|USDC|USDE|FDUSD|BUSD|USD)(?:[-_](?:PERP|SWAP|\d{6}))?$|[-_/](USDT|USDC|USD)(?:[-_]|$)/.exec(s);
  if (quote) return (quote[1] ?? quote[2]) as string;
  return isFiatLike(currency) ? (currency as string) : null;
}

// ---- numbers inside sentences ------------------------------------------------------------------------------

/**
 * A number in running English text as the background writes it ("1633.39", "31204.944",
 * "1,250.75"), with the unit that follows it, if any. Not a number: one touching a letter, a dash
 * or a colon (dates 2024-10-24, times 02:34, ids c9ae5e1, BTC-USDT), or with two dots (versions).
 */
const NUMBER_IN_TEXT = /(^|[^\w.,\-:/’'])(-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?![\w\-:/]|[.,]\d)(\s?%|\s?[x×](?![\w])|\s(?:[A-Z][A-Z0-9]{1,9})(?![\w-]))?/g;
/** Page text LiqGuard quotes back ("Size: “1,234” is ambiguous") is the page's, not ours: left as written. */
const QUOTED = /(“[^”]*”|"[^"]*")/;

function readableNumber(raw: string, unit: string | undefined, locale: string | undefined): string {
  const v = plain(raw.replace(/,/g, ''));
  if (v === null) return raw + (unit ?? '');
  const u = unit?.trim();
  if (u === '%') return percent(v, locale);
  if (u === 'x' || u === '×') return `${amount(v, locale, 2)}${unit}`;
  if (u) return money(v, u, locale);
  // A bare integer that reads as a year stays as written ("October 2024", not "2,024").
  if (/^(19|20)\d\d$/.test(v)) return raw;
  // A bare decimal: every digit up to four places, else six significant digits.
  return fractionDigits(v) <= 4 ? exact(v, locale) : run(nf(locale, { maximumSignificantDigits: 6 }), v);
}

/** Venue ids as traders know them: an internal id never reaches a screen ("binance-usdm" → "Binance USDⓈ-M"). */
const VENUE_NAMES: Record<string, string> = {
  'binance-usdm': 'Binance USDⓈ-M',
  'binance-coinm': 'Binance COIN-M',
  'kraken-futures': 'Kraken Futures',
  bybit: 'Bybit',
  okx: 'OKX',
  bitget: 'Bitget',
  hyperliquid: 'Hyperliquid',
  mexc: 'MEXC',
  bitmex: 'BitMEX',
  deribit: 'Deribit',
  phemex: 'Phemex',
  gate: 'Gate',
};
/** A venue's name for an id, or null for an id LiqGuard does not know. */
export const venueName = (id: string): string | null => VENUE_NAMES[id] ?? null;
/** An id standing alone in a sentence: not part of a host name, path, e-mail or longer id ("gate" is also an English word). */
const VENUE_ID = new RegExp(`(?<![\\w.@/-])(${Object.keys(VENUE_NAMES).filter((k) => k !== 'gate').join('|')})(?![\\w/-]|\\.\\w)`, 'g');

/** The engine's field names, which its CLI users type, in the words a trader reads ("Enter takerFeeRate…"). */
const FIELD_WORDS: Record<string, string> = {
  takerFeeRate: 'your taker fee',
  contractSize: 'the contract size',
  maxLeverage: 'the maximum leverage',
  walletBalance: 'the wallet balance',
  isolatedMargin: 'the isolated margin',
  existingPosition: 'the existing position',
  positionMode: 'the position mode',
};
/** Sentences already formatted, per number format (cleared past 300). */
const said = new Map<string, string>();
const FIELD_NAME = new RegExp(`\\b(${Object.keys(FIELD_WORDS).join('|')})\\b`, 'g');

/**
 * The engine's messages in words: they name the calculator's input fields by their names (for the
 * command line), and an API's field in brackets after the words ("the contract size (ctVal)"),
 * neither of which a trader should read.
 */
export const inWords = (text: string): string => text.replace(/ \([a-z]+[A-Z]\w*\)/g, '').replace(FIELD_NAME, (f: string) => FIELD_WORDS[f] ?? f);

/**
 * A sentence from the background with its numbers in the trader's format: amounts before a
 * currency to two decimals (coins to six significant digits), percentages, leverage, and long bare
 * decimals to six significant digits; venue ids and the engine's field names in words. Quoted page text is left exactly as the
 * page wrote it.
 */
export function sentence(text: string, locale: string | undefined): string {
  if (typeof text !== 'string') return '';
  // The same notes come back with every answer: each is formatted once per number format.
  const key = `${locale}\n${text}`;
  const known = said.get(key);
  if (known !== undefined) return known;
  if (said.size > 300) said.clear();
  const out = text
    .split(QUOTED)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : inWords(part.replace(NUMBER_IN_TEXT, (_m, lead: string, num: string, unit: string | undefined) => `${lead}${readableNumber(num, unit, locale)}`).replace(VENUE_ID, (id: string) => VENUE_NAMES[id] ?? id)),
    )
    .join('');
  said.set(key, out);
  return out;
}
