/**
 * What makes page text safe to put into a page report: every numeric character becomes
 * `#` (prices, sizes, balances, order ids and timestamps keep their shape but lose their
 * digits), and identifiers a number mask would not hide (e-mail addresses, UUIDs, API-key,
 * session-token and wallet-address-like strings) are replaced by a word in brackets. Pure
 * string functions: the content script applies them to the DOM, the tests to anything.
 */

export const MASK = '#';

/** Any numeric character in any script: 0-9, ٠-٩, ۰-۹, ０-９, ², ½, Ⅻ, ① … */
const NUMERIC = /\p{N}/gu;

const EMAIL = /[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63})+/gu;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
// Keys, tokens, JWTs, wallet addresses, hashes: 20 or more characters mixing letters and digits.
const TOKEN = /[A-Za-z0-9_+/=.-]{20,}/g;

/** Replaces every numeric character with `#`. */
export function maskDigits(text: string): string {
  return text.replace(NUMERIC, MASK);
}

/** True when the text holds a numeric character in any script. */
export function hasDigit(text: string): boolean {
  return /\p{N}/u.test(text);
}

const dropIdentifiers = (text: string) =>
  text
    .replace(EMAIL, '[email]')
    .replace(UUID, '[id]')
    .replace(TOKEN, (t) => (/\d/.test(t) && /[A-Za-z]/.test(t) ? '[token]' : t));

/** Drops identifiers, then masks the digits. */
export function scrub(text: string): string {
  return maskDigits(dropIdentifiers(text));
}

/**
 * Names the site's developers wrote (class names, URL path segments) keep groups of one or
 * two digits: `okui-a11y-text`, `col-6`, `/futures/v2/`, which adapters anchor on and which
 * show what a redesign changed. Longer groups, where a page could put an id or an amount,
 * are masked.
 */
export function scrubName(text: string): string {
  return dropIdentifiers(text).replace(/\p{N}{3,}/gu, (run) => MASK.repeat([...run].length));
}

/** Room past the cut for an identifier that starts before it, so it is found whole before it is cut. */
const IDENTIFIER_ROOM = 300;

/**
 * Whitespace collapsed, scrubbed, capped at `max` characters (with an ellipsis). Scrubbed before
 * the cut: an e-mail address cut in the middle ("trader.joe@exa…") is no longer recognisable as one.
 */
export function clip(text: string, max: number): string {
  const t = scrub(text.slice(0, 4 * (max + IDENTIFIER_ROOM)).replace(/\s+/g, ' ').trim().slice(0, max + IDENTIFIER_ROOM));
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

/**
 * Format characters (bidi marks and overrides, zero-width joiners, BOM) are kept, since a
 * page's numbers can be misread because of them, but written as names so the report
 * displays in reading order and carries no invisible text. HTML has names for some; the
 * rest get a `&lg-…;` name that report-to-fixture turns back into the character.
 */
export const FORMAT_NAMES: Readonly<Record<string, string>> = {
  '\u200e': '&lrm;',
  '\u200f': '&rlm;',
  '\u200d': '&zwj;',
  '\u200c': '&zwnj;',
  '\u200b': '&ZeroWidthSpace;',
  '\u2060': '&NoBreak;',
  '\u00ad': '&shy;',
  '\u061c': '&lg-ALM;',
  '\u202a': '&lg-LRE;',
  '\u202b': '&lg-RLE;',
  '\u202c': '&lg-PDF;',
  '\u202d': '&lg-LRO;',
  '\u202e': '&lg-RLO;',
  '\u2066': '&lg-LRI;',
  '\u2067': '&lg-RLI;',
  '\u2068': '&lg-FSI;',
  '\u2069': '&lg-PDI;',
  '\ufeff': '&lg-BOM;',
};

function escapeWith(text: string, quote: boolean): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(quote ? /'/g : /(?!)/g, '&apos;')
    .replace(/\p{Cf}/gu, (c) => FORMAT_NAMES[c] ?? '')
    .replace(/\p{Cc}/gu, ' ');
}

/** Text content for the snapshot's HTML. */
export function escapeText(text: string): string {
  return escapeWith(text, false);
}

/** An attribute value for the snapshot's HTML, which quotes attributes with `'` so the report's JSON needs no escapes. */
export function escapeAttr(text: string): string {
  return escapeWith(text, true);
}
