import type { Read } from '../../shared/form-snapshot';
import { quote, textOf } from './dom';
import type { SymbolParts } from './fields';
import { NON_ASCII, visible, whichWord, type VocabKey } from './vocab';

/**
 * The URL's symbol against the market the page itself shows. Single-page apps keep the old URL while
 * the form already trades another market (a restored last market, an in-page switch before the route
 * updates), so the URL alone is not enough: the page's header and title must name the same market,
 * or nothing is shown. Pages that name no market (no recognisable token) leave the URL unchecked.
 */

export interface SymbolMention {
  raw: string;
  base: string;
  quote: string;
}

// BTCUSDT, BTC-USDT-SWAP, BTC_USDT, BTC/USDT, BTCUSD_PERP, ETH-USDC, XBTUSD: a coin then a quote currency.
// The coin has a letter ("1000PEPE" yes, the "75" of "1,250.75 USDT" no) and is written in capitals.
const TOKEN = () => /(?<![\p{L}\p{N}.,])(\d{0,6}[A-Z][A-Z0-9]{1,14}?)[-_/ ]?(USDT|USDC|USD|BUSD|FDUSD)(?:[-_ ]?(?:SWAP|PERP|\d{6}))?(?![\p{L}\p{N}])/gu;
/** The same on ASCII text (a title, a header in English), without the Unicode classes' compile in a fresh tab. */
const TOKEN_ASCII = /(?<![A-Za-z0-9.,])(\d{0,6}[A-Z][A-Z0-9]{1,14}?)[-_/ ]?(USDT|USDC|USD|BUSD|FDUSD)(?:[-_ ]?(?:SWAP|PERP|\d{6}))?(?![A-Za-z0-9])/g;

/** The Unicode pattern and its ASCII twin (a property test holds them to the same matches on ASCII text). */
export const TOKEN_TWINS = (): [RegExp, RegExp] => [TOKEN(), TOKEN_ASCII];

/** BitMEX calls bitcoin XBT. */
const coin = (c: string): string => (c.toUpperCase() === 'XBT' ? 'BTC' : c.toUpperCase());

/** Words a figure's caption is made of. */
const CAPTIONS: VocabKey[] = ['available', 'cost', 'notCost', 'orderValue', 'maxOpen', 'quantity', 'price', 'buy', 'sell', 'liqPrice'];

/** The market names in a piece of page text (at most 8). */
export function symbolsIn(text: string): SymbolMention[] {
  const out: SymbolMention[] = [];
  const t = text.slice(0, 300);
  // ASCII is its own NFKC form.
  for (const m of NON_ASCII.test(t) ? visible(t).normalize('NFKC').matchAll(TOKEN()) : t.matchAll(TOKEN_ASCII)) {
    // "AVAILABLE USDT", "MAX USDT": a caption in capitals, then the currency its figure is in, names no market.
    if (m[1] && m[2] && out.length < 8 && !(m[0][m[1].length] === ' ' && whichWord(m[1], CAPTIONS))) out.push({ raw: m[0].trim(), base: m[1], quote: m[2] });
  }
  return out;
}

const sameMarket = (a: SymbolMention, parts: SymbolParts, quotes: readonly string[]) => coin(a.base) === coin(parts.base) && (a.quote === parts.quote.toUpperCase() || quotes.includes(a.quote));

export interface SymbolCheck {
  /** What the page names, when it names this market (for the popup's check list). */
  pageSymbol?: Read<string>;
  /** Why the URL's symbol cannot be trusted: the page names another market. */
  conflict?: string;
}

/**
 * Compares the URL's market with the page's header (`headers`, most specific first) and title. A place
 * that names markets but not this one is a conflict; the first place that names this one corroborates it.
 * `quotes`: other names the venue's own pages give the quote (Hyperliquid writes its USDC perps "BTC-USD").
 */
export function checkPageSymbol(doc: Document, headers: readonly Element[], parts: SymbolParts, urlSymbol: string, quotes: readonly string[] = []): SymbolCheck {
  const places: { where: string; text: string }[] = [...headers.slice(0, 4).map((el) => ({ where: 'header', text: textOf(el, 120) })), { where: 'title', text: doc.title }];
  let agreed: SymbolCheck['pageSymbol'];
  for (const { where, text } of places) {
    const named = symbolsIn(text);
    if (named.length === 0) continue;
    const match = named.find((n) => sameMarket(n, parts, quotes));
    if (!match) {
      return { conflict: `symbol: the URL names ${urlSymbol}, but the page's ${where} shows ${quote((named[0] as SymbolMention).raw, 30)}: LiqGuard cannot tell which market the form trades` };
    }
    agreed ??= { ok: true, value: `${match.base}${match.quote}`, raw: match.raw.slice(0, 60), source: 'page' };
  }
  return agreed ? { pageSymbol: agreed } : {};
}
