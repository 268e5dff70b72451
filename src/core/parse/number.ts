import { normaliseDigits, shiftDecimal } from './decimal-string';

/**
 * Strict, locale-aware reading of numbers shown or typed on a venue page. Returns a
 * normalised decimal string ("1234.5") or a typed failure that says why; it never
 * guesses. parseFloat is wrong here ("1.234,5" → 1.234, "4,0" → 4): see
 * research/extension-anchors.md §5 and globalizejs/globalize#46 for why "4,0" on an
 * English page must be rejected rather than read as 40 or 4.
 *
 * Which character is the decimal separator comes, in order, from:
 *   1. the caller (`decimal`), e.g. '.' for an <input type=number> or from the page's
 *      own unambiguous numbers (`inferDecimalSeparator`);
 *   2. the page language (`locale`, from <html lang>), via Intl's own separators;
 *   3. the string itself when it is unambiguous ("1,234.5", "0,75", "12,5").
 * A string that is still ambiguous ("1,234" with nothing known) is reported as such.
 */

export type Separator = '.' | ',';

export type NumberFailureCode =
  | 'empty'
  | 'placeholder'
  | 'not-a-number'
  | 'ambiguous'
  | 'wrong-convention'
  | 'bad-grouping'
  | 'suffix-not-allowed'
  | 'negative'
  | 'bound'
  | 'several-numbers'
  | 'too-long';

export type NumberParse =
  | { ok: true; value: string; unit?: string; approximate: boolean }
  | { ok: false; code: NumberFailureCode; reason: string };

export interface NumberContext {
  /** The page's decimal separator when known. */
  decimal?: Separator;
  /** BCP 47 page language, used when `decimal` is not given and for grouping style (en-IN lakh groups). */
  locale?: string;
  /** Accept K/M/B (thousand, million, billion) suffixes: only where the page is known to abbreviate. */
  allowSuffix?: boolean;
  allowNegative?: boolean;
}

const MAX_LENGTH = 120;
// Private-use stand-ins for the Arabic decimal and group marks (٫ ٬), which are never ambiguous.
const DEC = '\ue000';
const GRP = '\ue001';
const BIDI_MARKS = /[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff]/g;
/**
 * Digits of other scripts, read as ASCII digits: Arabic-Indic (U+0660), Extended Arabic-Indic (Persian,
 * Urdu; U+06F0) and Devanagari (U+0966), ten each. One pattern compiled once: building one RegExp per
 * script per call cost a page's first read (dozens of numbers, in a tab where nothing is compiled yet)
 * milliseconds.
 */
const OTHER_DIGITS = /[\u0660-\u0669\u06f0-\u06f9\u0966-\u096f]/g;
const asciiDigit = (d: string): string => {
  const c = d.charCodeAt(0);
  return String(c - (c >= 0x0966 ? 0x0966 : c >= 0x06f0 ? 0x06f0 : 0x0660));
};
const SUFFIX_POWER: Record<string, number> = { k: 3, m: 6, b: 9 };

/** Full-width forms, other digit scripts, minus signs, bidi marks and exotic spaces → plain ASCII text. */
export function normaliseNumberText(raw: string): string {
  // Every mapping below is of a character beyond ASCII, and ASCII is its own NFKC form: a page's first read
  // then loads no normaliser and compiles none of these patterns for the plain numbers most pages show.
  if (!/[^\0-\x7f]/.test(raw)) return raw.replace(/\s+/g, ' ').trim();
  // Private-use characters are ours (DEC, GRP below): a page's own are dropped first.
  let s = raw.normalize('NFKC').replace(BIDI_MARKS, '').replace(/[\ue000-\uf8ff]/g, '');
  s = s.replace(OTHER_DIGITS, asciiDigit);
  return s
    .replace(/\u066b/g, DEC)
    .replace(/\u066c/g, GRP)
    .replace(/[\u2212\u2012]/g, '-')
    .replace(/[\u2019\u02bc\u2032]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** The decimal separator Intl uses for a language, or undefined when unknown or neither '.' nor ','. */
export function decimalSeparatorFor(locale: string | undefined): Separator | undefined {
  if (!locale) return undefined;
  try {
    if (Intl.NumberFormat.supportedLocalesOf([locale]).length === 0) return undefined;
    const part = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal');
    return part?.value === '.' || part?.value === ',' ? part.value : undefined;
  } catch {
    return undefined;
  }
}

function usesLakhGrouping(locale: string | undefined): boolean {
  // Both cases spelled out rather than the `i` flag, whose compile a page's first read paid.
  return !!locale && /^[a-zA-Z]{2,3}(?:-[a-zA-Z]{4})?-[iI][nN]\b/.test(locale);
}

type NumberFailure = Extract<NumberParse, { ok: false }>;
const fail = (code: NumberFailureCode, reason: string): NumberFailure => ({ ok: false, code, reason });
const show = (raw: string) => `“${raw.length > 40 ? `${raw.slice(0, 40)}…` : raw}”`;

// lead (approximate) · sign · currency or unit · sign · body · K/M/B · unit
const SHAPE =
  /^(?<approx>[≈~≃]\s*)?(?<sign1>[-+]?)\s*(?<pre>[$€£¥₩₺₽₫₹₮]|[A-Za-z]{2,6}(?= ))?\s*(?<sign2>[-+]?)\s*(?<body>(?:\d|[.,\ue000]\d)[\d.,' \ue000\ue001]*?)(?<suffix> ?[kKmMbB](?![A-Za-z]))?\s*(?<unit>[^\s\d.,'\ue000\ue001].*?)?$/;

export function parseDecimal(raw: string, ctx: NumberContext = {}): NumberParse {
  if (raw.length > MAX_LENGTH) return fail('too-long', `${show(raw)} is too long to be a number`);
  const s = normaliseNumberText(raw);
  if (s === '') return fail('empty', 'nothing is entered');
  if (/^(?:[-—–.]+|[-—–]+[.,][-—–]+|n\/a|null|undefined|nan)$/i.test(s)) return fail('placeholder', `the page shows a placeholder (${show(raw)}), not a value`);
  if (/^[<>≤≥]/.test(s)) return fail('bound', `${show(raw)} is a bound, not an exact value`);
  if (/[eE][-+]?\d+$/.test(s) && /\d[eE]/.test(s)) return fail('not-a-number', `${show(raw)} is in exponent notation`);

  const m = SHAPE.exec(s);
  const g = m?.groups;
  if (!g || g.body === undefined) return fail('not-a-number', `${show(raw)} is not a number`);
  const unitText = (g.unit ?? '').trim();
  // A token's name may end in one digit ("USDT0", the omnichain Tether): that is a unit, not a second number.
  if (unitText.split(/\s+/).some((t) => /\d/.test(t) && !/^[A-Z]{2,}\d$/.test(t))) return fail('several-numbers', `${show(raw)} holds more than one number`);
  if (unitText.length > 16) return fail('not-a-number', `${show(raw)} is not a number`);
  if (g.sign1 && g.sign2) return fail('not-a-number', `${show(raw)} has two signs`);
  const negative = (g.sign1 || g.sign2) === '-';
  if (negative && !ctx.allowNegative) return fail('negative', `${show(raw)} is negative`);

  const body = g.body.trimEnd();
  const parts = splitBody(body, raw, ctx);
  if (!parts.ok) return parts;

  let value = normaliseDigits(negative, parts.int, parts.frac);
  if (g.suffix) {
    if (!ctx.allowSuffix) return fail('suffix-not-allowed', `${show(raw)} is abbreviated (${g.suffix.trim()}) where an exact value is needed`);
    value = shiftDecimal(value, SUFFIX_POWER[g.suffix.trim().toLowerCase()] ?? 0);
  }
  const unit = unitText || g.pre || undefined;
  return unit === undefined ? { ok: true, value, approximate: !!g.approx } : { ok: true, value, unit, approximate: !!g.approx };
}

type BodyParts = { ok: true; int: string; frac: string } | NumberFailure;

function count(s: string, c: string): number {
  let n = 0;
  for (const ch of s) if (ch === c) n++;
  return n;
}

function splitBody(body: string, raw: string, ctx: NumberContext): BodyParts {
  const known = ctx.decimal ?? decimalSeparatorFor(ctx.locale);
  const dots = count(body, '.');
  const commas = count(body, ',');
  const otherGroupers = count(body, ' ') + count(body, "'") + count(body, GRP);
  let decimal: string | null;

  if (body.includes(DEC)) {
    if (dots + commas > 0 || count(body, DEC) > 1) return fail('not-a-number', `${show(raw)} mixes number formats`);
    decimal = DEC;
  } else if (dots > 0 && commas > 0) {
    decimal = body.lastIndexOf('.') > body.lastIndexOf(',') ? '.' : ',';
    if (count(body, decimal) > 1) return fail('bad-grouping', `${show(raw)} has its separators in an impossible order`);
    if (known && known !== decimal) {
      return fail('wrong-convention', `${show(raw)} uses "${decimal}" as decimal separator, but this page uses "${known}"`);
    }
  } else if (dots + commas > 0) {
    const c = dots > 0 ? '.' : ',';
    if (dots + commas > 1) {
      if (known === c) return fail('wrong-convention', `${show(raw)} has several "${c}", but "${c}" is this page's decimal separator`);
      decimal = null;
    } else if (known) {
      decimal = known === c ? c : null;
    } else {
      const [intPart = '', after = ''] = body.split(c);
      const intDigits = intPart.replace(/[^\d]/g, '');
      const clearlyDecimal = otherGroupers > 0 || after.length !== 3 || intDigits === '' || intDigits.startsWith('0') || intDigits.length > 3;
      if (!clearlyDecimal) {
        const other = c === '.' ? ',' : '.';
        return fail(
          'ambiguous',
          `${show(raw)} could mean ${intDigits}${other}${after} or ${intDigits}${after}: the page's number format is unknown`,
        );
      }
      decimal = c;
    }
  } else {
    decimal = null;
  }

  const at = decimal === null ? -1 : body.indexOf(decimal);
  const intRaw = at < 0 ? body : body.slice(0, at);
  const fracRaw = at < 0 ? '' : body.slice(at + 1);
  if (!/^\d*$/.test(fracRaw)) return fail('bad-grouping', `${show(raw)} has separators after the decimal point`);

  const groupers = [...new Set(intRaw.replace(/\d/g, ''))];
  let intDigits = intRaw;
  if (groupers.length > 1) return fail('bad-grouping', `${show(raw)} mixes group separators`);
  if (groupers.length === 1) {
    const sep = groupers[0] ?? '';
    const groups = intRaw.split(sep);
    if (!validGroups(groups, usesLakhGrouping(ctx.locale))) {
      // "4,0" on an English page: "," can only group thousands there, and this is no grouping.
      if (known && (sep === '.' || sep === ',') && sep !== known && decimal === null) {
        return fail('wrong-convention', `${show(raw)} does not fit this page's number format (decimal separator "${known}")`);
      }
      return fail('bad-grouping', `${show(raw)} has a misplaced group separator`);
    }
    intDigits = groups.join('');
  }
  if (intDigits === '' && fracRaw === '') return fail('not-a-number', `${show(raw)} is not a number`);
  if (intDigits.length + fracRaw.length > 40) return fail('too-long', `${show(raw)} has too many digits`);
  return { ok: true, int: intDigits, frac: fracRaw };
}

function validGroups(groups: string[], lakh: boolean): boolean {
  const [head, ...rest] = groups;
  if (!head || !/^[1-9]\d{0,2}$/.test(head) || rest.length === 0) return false;
  if (rest.every((x) => /^\d{3}$/.test(x))) return true;
  // Indian grouping: 12,34,567 (last group three digits, the ones before two).
  if (!lakh || !/^\d{3}$/.test(rest[rest.length - 1] ?? '')) return false;
  return head.length <= 2 && rest.slice(0, -1).every((x) => /^\d{2}$/.test(x));
}

/**
 * The decimal separator a page's own numbers reveal, or undefined when they reveal
 * none or disagree. Only unambiguous numbers vote: "71,704.6" (both marks), "0,75"
 * (leading zero), "12,5" (not three digits after), "1,234,567" (repeated grouping).
 * Dates and versions ("22.11.2026", "1.2.3") are not valid groupings and do not vote.
 */
export function inferDecimalSeparator(samples: Iterable<string>): Separator | undefined {
  const votes = { '.': 0, ',': 0 };
  for (const sample of samples) {
    const text = normaliseNumberText(sample);
    for (const token of text.match(/\d[\d.,]*\d/g) ?? []) {
      const vote = voteOf(token);
      if (vote) votes[vote]++;
    }
  }
  if (votes['.'] > 0 && votes[','] > 0) return undefined;
  if (votes['.'] > 0) return '.';
  if (votes[','] > 0) return ',';
  return undefined;
}

function voteOf(token: string): Separator | undefined {
  const dots = count(token, '.');
  const commas = count(token, ',');
  if (dots > 0 && commas > 0) {
    const decimal: Separator = token.lastIndexOf('.') > token.lastIndexOf(',') ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    if (count(token, decimal) !== 1) return undefined;
    const int = token.slice(0, token.indexOf(decimal));
    return validGroups(int.split(group), true) ? decimal : undefined;
  }
  if (dots + commas === 0) return undefined;
  const c: Separator = dots > 0 ? '.' : ',';
  const other: Separator = c === '.' ? ',' : '.';
  const groups = token.split(c);
  if (groups.length > 2) return validGroups(groups, false) ? other : undefined;
  const [int = '', frac = ''] = groups;
  if (frac.length !== 3 || int.startsWith('0') || int.length > 3) return c;
  return undefined;
}

export interface PageNumberFormat {
  decimal?: Separator;
  /** Where the separator came from, to explain a parse in the UI. */
  source: 'page-numbers' | 'lang' | 'unknown';
  locale?: string;
}

/** The page's convention: its own unambiguous numbers first (venues often render en-style numbers under any UI language), then `<html lang>`. */
export function pageNumberFormat(samples: Iterable<string>, lang: string | undefined): PageNumberFormat {
  const locale = lang && lang.trim() ? lang.trim() : undefined;
  const fromPage = inferDecimalSeparator(samples);
  if (fromPage) return locale ? { decimal: fromPage, source: 'page-numbers', locale } : { decimal: fromPage, source: 'page-numbers' };
  const fromLang = decimalSeparatorFor(locale);
  if (fromLang) return { decimal: fromLang, source: 'lang', ...(locale ? { locale } : {}) };
  return locale ? { source: 'unknown', locale } : { source: 'unknown' };
}
