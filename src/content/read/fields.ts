import type { PageFigure, QuantityRead, QuantityUnit, Read, Reading, ReadSource, Side } from '../../shared/form-snapshot';
import { normaliseNumberText, parseDecimal, type PageNumberFormat } from '../../core/parse/number';
import { shiftDecimal } from '../../core/parse/decimal-string';
import { controlLabel, findAll, findFirst, findNear, inSight, isShown, labelOf, quote, rowCaption, shownInputs, sourceOf, textOf, wordsOf, type Anchor, type Found } from './dom';
import { symbolsIn } from './symbol-check';
import { hasLetter, hasWord, NON_ASCII, visible, whichWord, without, type Lang } from './vocab';

/**
 * Field readers shared by the venue adapters, the field picker and the generic reader.
 * Each returns a `Read`: the value with where it came from, or the reason it could not
 * be read. None of them guesses: two candidates that disagree are "ambiguous".
 */

export interface PageContext {
  langs: readonly Lang[];
  numbers: PageNumberFormat;
}

export const failed = <T>(reason: string, raw?: string): Read<T> => (raw === undefined ? { ok: false, reason } : { ok: false, reason, raw });

const numberOptions = (page: PageContext) => ({
  ...(page.numbers.decimal ? { decimal: page.numbers.decimal } : {}),
  ...(page.numbers.locale ? { locale: page.numbers.locale } : {}),
});

export function rawValue(el: Element): string {
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return el.value.slice(0, 120);
  return textOf(el, 120);
}

/** A number as inputs write it: digits and at most one '.', no grouping, whatever the UI language. */
const MACHINE = /^(?:\d+(?:\.\d*)?|\.\d+)$/;

/** A number read from the page; `other` is a second, different reading the page's own format allows ("9.746" → 9746 on a page that writes 125 000,75). */
export type NumberRead = Read<string> & { unit?: string; other?: string };

/**
 * Reads a decimal from an input or a text element, with any unit the value carries ("25%", "12.5 USDT").
 * An input's value is read as inputs write numbers (venues put '.'-decimals into their inputs whatever
 * the UI language); page text is read in the page's own format. When an input's value also reads as a
 * different number in the page's format, that reading is kept as `other` for the page's figures to decide.
 */
export function readNumberFrom(el: Element, source: ReadSource, page: PageContext, label: string): NumberRead {
  const raw = rawValue(el);
  const isInput = el instanceof HTMLInputElement;
  // An <input type=number> always holds a '.'-decimal value, whatever the page language.
  if (isInput && el.type !== 'number' && MACHINE.test(normaliseNumberText(raw))) {
    const text = normaliseNumberText(raw);
    const machine = parseDecimal(text, { decimal: '.' });
    if (machine.ok) {
      const read: NumberRead = { ok: true, value: machine.value, raw, source };
      const asPage = parseDecimal(text, numberOptions(page));
      if (asPage.ok && !asPage.approximate && asPage.value !== machine.value) read.other = asPage.value;
      return read;
    }
  }
  const decimal = isInput && el.type === 'number' ? '.' : page.numbers.decimal;
  const parsed = parseDecimal(raw, { ...numberOptions(page), ...(decimal ? { decimal } : {}) });
  if (!parsed.ok) return failed(`${label}: ${parsed.reason}`, raw);
  if (parsed.approximate) return failed(`${label}: ${quote(raw)} is only approximate`, raw);
  const read: NumberRead = { ok: true, value: parsed.value, raw, source };
  if (parsed.unit) read.unit = parsed.unit;
  return read;
}

/** A second reading for the snapshot, worded for the trader. */
export function otherReading(field: 'price' | 'quantity', read: NumberRead, page: PageContext, unit?: QuantityUnit): Reading | null {
  if (!read.ok || read.other === undefined) return null;
  const r: Reading = {
    field,
    value: read.other,
    why: `the box shows ${quote(read.raw ?? read.value)}: as inputs write numbers that is ${read.value}, as this page writes them (decimal separator "${page.numbers.decimal ?? '?'}") it is ${read.other}`,
  };
  if (unit) r.unit = unit;
  return r;
}

function distinct<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** Exactly one shown match, or a reason. Several matches are only fine when they are one and the same control. */
export function single(found: Found | null, label: string): { el: Element } | { reason: string } {
  if (!found) return { reason: `${label}: not found on the page` };
  let els = found.els.filter((el, i, all) => !all.some((other, j) => j !== i && other.contains(el)));
  // Animated tab panes leave the inactive copy laid out but transparent or hidden from assistive tech: when
  // exactly one candidate is not, it is the one the trader sees.
  if (els.length > 1) {
    const seen = els.filter(inSight);
    if (seen.length === 1) els = seen;
  }
  if (els.length > 1) return { reason: `${label}: ${els.length} candidate fields, LiqGuard cannot tell which one is the order's` };
  const el = els[0];
  return el ? { el } : { reason: `${label}: not found on the page` };
}

/** The control itself, or the one input inside a wrapper the anchor found (e.g. an `okui-input` box labelled "Price"). */
function controlIn(el: Element): Element | null {
  if (el.matches('input, textarea, select')) return el;
  const inner = [...el.querySelectorAll('input, textarea')].filter(isShown);
  return inner.length === 1 ? (inner[0] as Element) : inner.length === 0 ? el : null;
}

/**
 * The TP/SL boxes a form opens under its own price and size, each captioned only "Price" or "Qty" under a
 * "Take profit" or "Stop loss" heading, are found by the same words as the order's. Split by the branches of
 * the smallest box holding them all, the candidates in a branch whose words name a take-profit, stop-loss or
 * trigger are left out, when that leaves the first of them (the order's own box comes before its TP/SL).
 */
export function apartFromTpsl(found: Found | null, page: PageContext): Found | null {
  const first = found?.els[0];
  if (!found || !first || found.els.length < 2) return found;
  let common = first.parentElement;
  while (common && !found.els.every((el) => common?.contains(el))) common = common.parentElement;
  const branch = (el: Element): Element => {
    let b = el;
    while (b.parentElement && b.parentElement !== common) b = b.parentElement;
    return b;
  };
  const els = found.els.filter((el) => !hasWord(wordsOf(branch(el), 120), 'tpsl', page.langs));
  return els[0] === first && els.length < found.els.length ? { ...found, els } : found;
}

export function readNumberField(root: ParentNode, anchors: readonly Anchor[], field: string, label: string, page: PageContext): NumberRead & { el?: Element; anchor?: Anchor } {
  const found = apartFromTpsl(findFirst(root, anchors, page.langs), page);
  const one = single(found, label);
  if ('reason' in one) return failed(one.reason);
  const control = controlIn(one.el);
  if (!control) return failed(`${label}: the labelled box holds several inputs`);
  const read = readNumberFrom(control, sourceOf(field, found as Found), page, label);
  return { ...read, el: control, anchor: (found as Found).anchor };
}

// "20x" or "x20"; the x must stand alone ("Max 100" is not a leverage). Chinese and Japanese write "20倍", Korean "20배".
// Both cases of x (and Cyrillic х) are spelled out instead of the `i` flag: with `u`, `i` makes the engine close
// every \p{L} class over case folding when the pattern is first used, which cost a page's first read several milliseconds.
const LEVERAGE_RE = () => /(?:^|[^\p{L}\p{N}.,])(\d{1,3}(?:[.,]\d{1,2})?)\s*(?:[xX×хХ](?!\p{L})|[倍배])|(?<![\p{L}\p{N}])[xX×хХ]\s*(\d{1,3}(?:[.,]\d{1,2})?)(?![\p{N}.,])/u;
/** The same on ASCII text (where \p{L} is A-Z, a-z and \p{N} is 0-9), without the Unicode classes' compile in a fresh tab. */
const LEVERAGE_ASCII = /(?:^|[^A-Za-z0-9.,])(\d{1,3}(?:[.,]\d{1,2})?)\s*[xX](?![A-Za-z])|(?<![A-Za-z0-9])[xX]\s*(\d{1,3}(?:[.,]\d{1,2})?)(?![0-9.,])/;

/** Each Unicode pattern above and its ASCII twin: the same matches on ASCII text (a property test holds them to it). */
export const ASCII_TWINS = (): [RegExp, RegExp][] => [[LEVERAGE_RE(), LEVERAGE_ASCII], [SCALED(), SCALED_ASCII], [UNIT_WORDS(), UNIT_WORDS_ASCII]];

/** "20x", "20.00x", "x20", "Cross 20x", "\u200f20\u200ex" (bidi marks), "٢٠x" → "20". */
export function leverageIn(text: string): string | null {
  const t = normaliseNumberText(text.slice(0, 200));
  const m = (NON_ASCII.test(t) ? LEVERAGE_RE() : LEVERAGE_ASCII).exec(t);
  const digits = m?.[1] ?? m?.[2];
  if (!digits) return null;
  const parsed = parseDecimal(digits.replace(',', '.'), { decimal: '.' });
  if (!parsed.ok || parsed.value === '0') return null;
  return parsed.value;
}

/**
 * MEXC's hedge mode keeps one leverage per side and shows both beside the margin mode ("多 20X", "空 10X";
 * "Long 20X", "Short 10X"): exactly one control per side, each naming its side, or null.
 */
function sideLeverages(shown: readonly string[], page: PageContext): Partial<Record<Side, string>> | null {
  const out: Partial<Record<Side, string>> = {};
  for (const t of shown) {
    const side = leverageSide(t, page);
    if (!side || out[side]) return null;
    out[side] = leverageIn(t) as string;
  }
  return out.long && out.short ? out : null;
}

/** The side a leverage button names ("多 20X", "Short 10X"), if any. */
function leverageSide(text: string, page: PageContext): Side | null {
  const word = /^\s*多/.test(text) ? 'buy' : /^\s*空/.test(text) ? 'sell' : whichWord(text, ['buy', 'sell'], page.langs);
  return word === 'buy' ? 'long' : word === 'sell' ? 'short' : null;
}

/** The texts of the buttons under `root` (bounded: a hostile page's thousands of buttons cost 60). */
export const buttonTexts = (root: Element): string[] => [...root.querySelectorAll('button, [role="button"]')].slice(0, 60).map((el) => textOf(el, 30));

/** The texts of the buttons in the form that show a leverage. */
const leverageButtons = (root: Element): string[] => buttonTexts(root).filter((t) => leverageIn(t) !== null);

export function readLeverage(root: Element, anchors: readonly Anchor[], page: PageContext): Read<string> & { bySide?: Partial<Record<Side, string>> } {
  const found = findNear(root, anchors, page.langs);
  if (!found) {
    const shown = leverageButtons(root);
    const bySide = shown.length === 2 ? sideLeverages(shown, page) : null;
    // The higher of the two stands for the form where one leverage is asked for (the calculator); each side is assessed at its own.
    if (bySide) return { ok: true, value: (Number(bySide.long) >= Number(bySide.short) ? bySide.long : bySide.short) as string, raw: shown.join(' / '), source: 'page', bySide };
    return failed(shown.length ? `leverage: the page shows ${shown.slice(0, 3).map((t) => quote(t)).join(', ')}, and LiqGuard cannot tell which one is this order's` : 'leverage: no leverage control found');
  }
  const values = found.els.map((el) => {
    if (el instanceof HTMLInputElement) {
      const n = readNumberFrom(el, 'page', page, 'leverage');
      return n.ok ? n.value : leverageIn(el.value);
    }
    return leverageIn(choiceOf(el));
  });
  const shown = distinct(values.filter((v): v is string => v !== null));
  if (shown.length === 0) return failed(`leverage: the control shows ${quote(textOf(found.els[0]))}, not a leverage`, textOf(found.els[0]));
  if (shown.length > 1) return failed(`leverage: the page shows different leverages (${shown.map((v) => `${v}x`).join(', ')})`);
  const value = shown[0] as string;
  // A side's own leverage beside it ("10.00x" found, "Long 20.00x" next to it): the form keeps them apart, and this one is not both sides'.
  const sided = leverageButtons(root).filter((t) => leverageIn(t) !== value && leverageSide(t, page));
  if (sided.length) return failed(`leverage: the page shows ${quote(`${value}x`)} and ${sided.slice(0, 2).map((t) => quote(t)).join(', ')}, and LiqGuard cannot tell which one is this order's`);
  return { ok: true, value, raw: `${value}x`, source: sourceOf('leverage', found) };
}

/** True for a tab, radio, toggle or option the page marks as chosen. */
export function isSelected(el: Element): boolean {
  for (const attr of ['aria-selected', 'aria-checked', 'aria-pressed']) if (el.getAttribute(attr) === 'true') return true;
  const current = el.getAttribute('aria-current');
  if (current && current !== 'false') return true;
  const state = el.getAttribute('data-state');
  if (state && /^(active|checked|on|selected)$/.test(state)) return true;
  if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox')) return el.checked;
  // Plain divs mark the chosen tab by class only: "active", "is-active", "tab--selected", "okui-tabs-pane-spacing-active", "tabActive".
  return /(?:^|[\s_-])(?:is-?)?(?:active|selected|checked|current)(?:$|\s)|[a-z](?:Active|Selected|Checked|Current)(?:$|\s)/.test(el.getAttribute('class') ?? '');
}

function hasSelectionState(el: Element): boolean {
  return ['aria-selected', 'aria-checked', 'aria-pressed', 'data-state'].some((a) => el.hasAttribute(a));
}

/** Reads a control that names one of a few choices (margin mode, order type): selected items only when the control marks selection. */
export function readChoice<K extends string>(
  root: Element,
  anchors: readonly Anchor[],
  label: string,
  classify: (el: Element) => K | null,
  page: PageContext,
  levels = 3,
): Read<K> {
  const found = findNear(root, anchors, page.langs, levels);
  if (!found) return failed(`${label}: not found on the page`);
  const marked = found.els.filter(hasSelectionState);
  // Controls that mark the choice by aria, else by class (plain div tabs), else a single control that shows the current choice.
  const byClass = marked.length > 0 ? [] : found.els.filter(isSelected);
  const candidates = marked.length > 0 ? marked.filter(isSelected) : byClass.length > 0 ? byClass : found.els;
  const kinds = distinct(candidates.map(classify).filter((k): k is K => k !== null));
  if (kinds.length === 0) return failed(`${label}: ${quote(textOf(candidates[0] ?? found.els[0]))} is not one LiqGuard knows`, textOf(candidates[0] ?? found.els[0]));
  if (kinds.length > 1) return failed(`${label}: the page shows both ${kinds.join(' and ')}`);
  return { ok: true, value: kinds[0] as K, raw: textOf(candidates[0]), source: sourceOf(label.replace(/\s+/g, '-'), found) };
}

/** What a choice control says is chosen: a select's chosen option (its name may list every choice: "Cross or isolated"), else its label. */
const choiceOf = (el: Element): string => (el.localName === 'select' ? textOf(el) : labelOf(el));

export function marginModeOf(el: Element, langs: readonly Lang[]): 'cross' | 'isolated' | null {
  return whichWord(choiceOf(el), ['isolated', 'cross'], langs);
}

export function orderTypeOf(el: Element, langs: readonly Lang[]): 'limit' | 'market' | 'conditional' | null {
  const key = (el.getAttribute('data-tab-key') ?? el.getAttribute('data-key') ?? el.getAttribute('data-value') ?? '').toUpperCase();
  if (key === 'LIMIT') return 'limit';
  if (key === 'MARKET') return 'market';
  if (key) return /STOP|TRIGGER|CONDITION|TP|SL|TRAIL|PLAN/.test(key) ? 'conditional' : null;
  return whichWord(choiceOf(el), ['conditional', 'market', 'limit'], langs);
}

export function sideOf(el: Element, langs: readonly Lang[]): Side | null {
  const test = el.getAttribute('data-testid') ?? '';
  if (/buy|long/i.test(test)) return 'long';
  if (/sell|short/i.test(test)) return 'short';
  const key = whichWord(labelOf(el), ['buy', 'sell'], langs);
  return key === 'buy' ? 'long' : key === 'sell' ? 'short' : null;
}

export interface SideRead {
  sides: Read<Side[]>;
  activeSide?: Side;
  /** The control that stands for each side (for figures shown under one side's button). */
  elements: Map<Side, Element>;
}

/**
 * Both Buy/Long and Sell/Short buttons shown: both sides are assessed, the hovered or
 * focused one first. One selected side tab: that side only.
 */
export function readSides(
  root: Element,
  buttons: readonly Anchor[],
  tabs: readonly Anchor[],
  page: PageContext,
  pointer: { hovered?: Element | null; focused?: Element | null },
): SideRead {
  const tabFound = tabs.length ? findFirst(root, tabs, page.langs) : null;
  if (tabFound) {
    const elements = new Map<Side, Element>();
    for (const el of tabFound.els) {
      const s = tabFound.anchor.side ?? sideOf(el, page.langs);
      if (s && !elements.has(s)) elements.set(s, el);
    }
    const selected = distinct(tabFound.els.filter(isSelected).map((el) => tabFound.anchor.side ?? sideOf(el, page.langs)).filter((s): s is Side => s !== null));
    if (selected.length === 1) {
      const side = selected[0] as Side;
      return { sides: { ok: true, value: [side], source: sourceOf('side-tab', tabFound) }, activeSide: side, elements };
    }
    if (selected.length > 1) return { sides: failed('side: both Buy and Sell tabs are marked selected'), elements };
  }
  // Buttons come in pairs; a later (weaker) anchor only fills a side the stronger ones missed.
  const bySide = new Map<Side, { el: Element; anchor: Anchor; index: number }>();
  for (const hit of findAll(root, buttons, page.langs)) {
    // "Long 20X" is the long side's leverage, not the button that places the order.
    if (leverageIn(textOf(hit.el, 30)) !== null) continue;
    const s = hit.anchor.side ?? sideOf(hit.el, page.langs);
    if (s && !bySide.has(s)) bySide.set(s, hit);
  }
  const sides = (['long', 'short'] as const).filter((s) => bySide.has(s));
  const first = bySide.get(sides[0] ?? 'long');
  const elements = new Map([...bySide].map(([s, hit]) => [s, hit.el] as const));
  if (!first) return { sides: failed('side: no Buy/Long or Sell/Short control found'), elements };
  const active = (['long', 'short'] as const).find((s) => {
    const el = bySide.get(s)?.el;
    return !!el && ((!!pointer.focused && el.contains(pointer.focused)) || (!!pointer.hovered && el.contains(pointer.hovered)));
  });
  const read: SideRead = { sides: { ok: true, value: [...sides], source: sourceOf('side-buttons', first) }, elements };
  if (active) read.activeSide = active;
  return read;
}

export interface SymbolParts {
  base: string;
  quote: string;
}

/** Visible text that follows `input` inside its field container: where venues put the unit ("BTC ▾", "USDT", "Cont", "%"). */
export function unitTextNear(input: Element, levels = 3): string {
  let container: Element | null = input.parentElement;
  for (let i = 0; container && i < levels; i++, container = container.parentElement) {
    // Bounded: the count stops at two shown inputs, the walk at 60 text nodes (a page with 100,000 inputs costs no more).
    if (shownInputs(container) > 1) break;
    const after: string[] = [];
    const walker = input.ownerDocument.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(), n = 0; node && n < 60; node = walker.nextNode(), n++) {
      if (!(input.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
      const parent = node.parentElement;
      if (parent && isShown(parent)) after.push((node.nodeValue ?? '').slice(0, 80));
    }
    // Gate prints the coin amount after the unit ("Cont ≈ 0.25 BTC"): a conversion, not the unit.
    const text = visible(after.join(' ')).replace(/\s*[≈≃~=].*$/, '').replace(/\s+/g, ' ').trim();
    if (text) return text.slice(0, 80);
  }
  const hint = `${input.getAttribute('aria-label') ?? ''} ${input.getAttribute('placeholder') ?? ''}`;
  const paren = /\(([^)]{1,16})\)/.exec(hint);
  return paren?.[1]?.trim() ?? '';
}

/** Maps a unit label to a quantity unit, or null when it is none LiqGuard can tell for sure. */
export function classifyUnit(label: string, symbol: SymbolParts, langs: readonly Lang[]): QuantityUnit | null {
  const kinds = new Set<QuantityUnit>();
  // Multi-word units ("Hợp đồng", "Contratos perpetuos") are matched on the whole label, not word by word.
  if (hasWord(label, 'contracts', langs)) kinds.add('contracts');
  const tokens = visible(label)
    .normalize('NFKC')
    .split(/[\s/|()[\]▾▼⌄∨˅,:]+/)
    .map((t) => t.trim())
    .filter(Boolean);
  const kindOf = (token: string): QuantityUnit | null => {
    const upper = token.toUpperCase();
    return token === '%' ? 'percent' : upper === symbol.base.toUpperCase() ? 'base' : upper === symbol.quote.toUpperCase() ? 'quote' : hasWord(token, 'contracts', langs) ? 'contracts' : null;
  };
  // The unit follows the input: text that starts with anything else ("Reduce-Only Avbl 1,250.75 USDT", read
  // past the box on a form whose unit sits above it) is other controls, not the unit.
  if (tokens[0] !== undefined && !kindOf(tokens[0]) && !(kinds.has('contracts') && hasWord(tokens.slice(0, 2).join(' '), 'contracts', langs))) return null;
  for (const token of tokens) {
    const kind = kindOf(token);
    if (kind) kinds.add(kind);
  }
  return kinds.size === 1 ? ([...kinds][0] as QuantityUnit) : null;
}

/** A size read from the form, with the other readings the page leaves open. */
export type QuantityField = Read<QuantityRead> & { readings?: Reading[] };

/**
 * What a size in the quote currency means on this form: the order value (notional) or the cost (the
 * margin the order needs). Venues offer both ("Order by Value" / "Order by Cost") and say which in the
 * box's label or caption, its unit menu or the text after it; the currency alone never tells.
 */
export function quoteMeaning(el: Element | undefined, unitLabel: string, page: PageContext): 'quote' | 'cost' | null {
  const text = [unitLabel, ...(el ? [controlLabel(el), rowCaption(el), unitTextNear(el)] : [])].join(' ');
  const value = hasWord(text, 'orderValue', page.langs);
  // "Стоимость ордера" is the order value even though "стоимость" alone is the cost.
  const cost = hasWord(without(text, 'orderValue', page.langs), 'cost', page.langs);
  return value === cost ? null : value ? 'quote' : 'cost';
}

/** A size and its unit from a size field: "%" typed in the field, a unit selector, or the text after the input. */
export function quantityFrom(
  n: NumberRead,
  el: Element | undefined,
  symbol: SymbolParts | null,
  page: PageContext,
  unitAnchors: readonly Anchor[] = [],
  unitOf: (label: string, symbol: SymbolParts) => QuantityUnit | null = (label, s) => classifyUnit(label, s, page.langs),
): QuantityField {
  if (!n.ok) return failed(n.reason, n.raw);
  const raw = n.raw ?? '';
  const readings: Reading[] = [];
  const ok = (unit: QuantityUnit, label: string): QuantityField => {
    const other = otherReading('quantity', n, page, unit);
    if (other) readings.push(other);
    const read: QuantityField = { ok: true, value: { value: n.value, unit, label: label.slice(0, 24) }, raw, source: n.source };
    if (readings.length) read.readings = readings;
    return read;
  };
  if (n.unit === '%') return ok('percent', '%');
  if (!symbol) return failed('quantity unit: the symbol is unknown, so the unit cannot be told', raw);
  let label = n.unit ?? '';
  if (!label && unitAnchors.length && el) {
    const u = findNear(el.parentElement ?? el, unitAnchors, page.langs, 3)?.els[0];
    if (u) label = u instanceof HTMLSelectElement ? (u.selectedOptions[0]?.textContent ?? u.value) : textOf(u, 60);
  }
  if (!label && el) label = unitTextNear(el);
  let unit = label ? unitOf(label, symbol) : null;
  // A unit selector in the caption row above the box ("Size  BTC ▾"), when nothing after the input is one.
  const caption = !unit && el && !n.unit ? without(rowCaption(el), 'quantity', page.langs).trim() : '';
  const captionUnit = caption ? unitOf(caption, symbol) : null;
  if (captionUnit) [unit, label] = [captionUnit, caption.toUpperCase()];
  if (!label) return failed('quantity unit: no unit is shown beside the size field', raw);
  if (!unit) {
    // A coin that is not this market's: the form may trade another market than the URL names.
    const coin = /^\s*([A-Z0-9]{2,12})\b/.exec(visible(label))?.[1];
    if (coin && coin !== symbol.base && coin !== symbol.quote && !hasWord(coin, 'contracts', page.langs)) {
      return failed(`quantity unit: the size is in ${coin}, but the URL's market is ${symbol.base}/${symbol.quote}: the form may trade another market`, raw);
    }
    return failed(`quantity unit: ${quote(label)} is not a unit LiqGuard can tell (coin, ${symbol.quote}, contracts or %)`, raw);
  }
  if (unit !== 'quote') return ok(unit, label);
  const meaning = quoteMeaning(el, label, page);
  if (meaning) return ok(meaning, label);
  // The page does not say: both readings go to the background, where the page's figures decide.
  readings.push({ field: 'quantity', value: n.value, unit: 'cost', why: `the size box is in ${symbol.quote} and the page does not say whether ${n.value} ${symbol.quote} is the order value or the cost (margin)` });
  return ok('quote', label);
}

export function readQuantity(
  root: ParentNode,
  anchors: readonly Anchor[],
  unitAnchors: readonly Anchor[],
  symbol: SymbolParts | null,
  page: PageContext,
  unitOf?: (label: string, symbol: SymbolParts) => QuantityUnit | null,
): QuantityField & { el?: Element; anchor?: Anchor } {
  const n = readNumberField(root, anchors, 'quantity', 'quantity', page);
  const q: QuantityField & { el?: Element; anchor?: Anchor } = quantityFrom(n, n.el, symbol, page, unitAnchors, unitOf);
  if (n.el) q.el = n.el;
  if (n.anchor) q.anchor = n.anchor;
  return q;
}

/** Where the number in "Available6,996.26 USDT" or "Mark 65,000.1" starts, or -1. */
function numberStart(text: string): number {
  const start = text.search(/[\d０-９٠-٩۰-۹]/);
  // A leading "." or "," belongs to the number; a "$" right before it is its unit.
  return start > 0 && /[.,$]/.test(text[start - 1] ?? '') ? start - 1 : start;
}

/** The number in "Available6,996.26 USDT" or "Mark 65,000.1": everything from the first digit on. */
function parseAfterLabel(text: string, page: PageContext) {
  const from = numberStart(text);
  return from < 0 ? null : parseDecimal(text.slice(from), numberOptions(page));
}

/** The words and letters venues abbreviate large figures with, and their powers of ten ("16.25K", "16,25 тыс.", "1.6万"). */
const SCALES: Record<string, number> = { k: 3, K: 3, m: 6, M: 6, b: 9, B: 9, тыс: 3, млн: 6, млрд: 9, 万: 4, 萬: 4, 만: 4, 亿: 8, 億: 8, 억: 8 };
const SCALED = () => /^([^\p{L}]*?\d)\s?([kKmMbB]|тыс|млн|млрд|[万萬만亿億억])\.?(?![\p{L}\p{N}])/u;
const SCALED_ASCII = /^([^A-Za-z]*?\d)\s?([kKmMbB])\.?(?![A-Za-z0-9])/;
/** A unit of one or two words ("USDT", "Hợp đồng"). */
const UNIT_WORDS = () => /^[\p{L}\p{N}]{1,12}(?: [\p{L}\p{N}]{1,12})?$/u;
const UNIT_WORDS_ASCII = /^[A-Za-z0-9]{1,12}(?: [A-Za-z0-9]{1,12})?$/;

/** "Available6,996.26 USDT", "Avbl 1,000.00 USDT", "可用 12.5 USDT": the number and its asset. */
export function readBalance(root: Element, anchors: readonly Anchor[], page: PageContext, defaultAsset: string | null): Read<{ value: string; asset: string }> | undefined {
  const found = findNear(root, anchors, page.langs, 4);
  if (!found) return undefined;
  const one = single(found, 'available balance');
  if (!('reason' in one)) return balanceFrom(one.el, page, defaultAsset, sourceOf('balance', found));
  // The form's "Avbl" and its assets box's "Available" showing the same amount are one balance, not two candidates;
  // a row that names a maximum ("Max available 3,848 Cont") is a size. Different amounts stay unread, naming them.
  const source = sourceOf('balance', found);
  const reads = found.els.filter((el) => !hasWord(textOf(el, 120), 'maxOpen', page.langs)).slice(0, 4).map((el) => balanceFrom(el, page, defaultAsset, source));
  const shown = distinct(reads.map((r) => (r.ok ? `${r.value.value} ${r.value.asset}` : '')));
  if (reads[0]?.ok && shown.length === 1) return reads[0];
  return failed(shown.length > 1 && !shown.includes('') ? `available balance: the page shows ${shown.join(' and ')}` : one.reason);
}

/**
 * The asset an amount's unit names, and the power of ten it is counted in: BitMEX shows XBT amounts in
 * XBT, mXBT, μXBT or XBt (satoshi) as the trader chooses, so "51,200 μXBT" is 0.0512 XBT, and "XBt"
 * must never be read as "XBT" by upper-casing it. Tether writes itself "USDt" (or "USD₮"): that is USDT; a
 * bridged token keeps its suffix ("USDC.e" is USDC.E, not USDC). `null`: a unit with letters LiqGuard
 * cannot tell ("μETH", "Usd"); `undefined`: no asset named ("$", "▾").
 */
export function assetOfUnit(unit: string): { asset: string; shift: number } | null | undefined {
  const token = unit.trim().split(/\s/)[0] ?? '';
  const scaled = /^(?:([mμµu])(XBT|BTC)|(XBt|sats?))$/.exec(token);
  if (scaled) return scaled[3] ? { asset: scaled[3] === 'XBt' ? 'XBT' : 'BTC', shift: 8 } : { asset: scaled[2] as string, shift: scaled[1] === 'm' ? 3 : 6 };
  if (/^USD[t₮]$/.test(token)) return { asset: 'USDT', shift: 0 };
  const name = /^([A-Za-z0-9]{2,10})(?:\.[A-Za-z])?$/.exec(token)?.[1];
  if (name && (name === name.toUpperCase() || name === name.toLowerCase())) return { asset: token.toUpperCase(), shift: 0 };
  return hasLetter(token) ? null : undefined;
}

/** The amount and asset an element shows ("Available 6,996.26 USDT", "1,000.00"): the asset it names, else `defaultAsset`. */
export function balanceFrom(el: Element, page: PageContext, defaultAsset: string | null, source: ReadSource): Read<{ value: string; asset: string }> {
  const text = textOf(el, 120);
  const parsed = parseAfterLabel(text, page);
  if (!parsed) return failed(`available balance: ${quote(text)} shows no amount`, text);
  if (!parsed.ok) return failed(`available balance: ${parsed.reason}`, text);
  const named = parsed.unit ? assetOfUnit(parsed.unit) : undefined;
  if (named === null) return failed(`available balance: ${quote(text)} is counted in ${quote(parsed.unit ?? '')}, a unit LiqGuard cannot convert`, text);
  // "$1,250.75" beside a coin-settled contract is a dollar figure, not 1,250.75 of the coin.
  if (parsed.unit === '$' && defaultAsset && !/^USD/.test(defaultAsset)) return failed(`available balance: ${quote(text)} is in dollars, but the contract settles in ${defaultAsset}`, text);
  const asset = named?.asset ?? defaultAsset;
  if (!asset) return failed(`available balance: ${quote(text)} does not say in which asset`, text);
  return { ok: true, value: { value: named ? shiftDecimal(parsed.value, -named.shift) : parsed.value, asset }, raw: text, source };
}

function numberAfterLabel(el: Element, page: PageContext, label: string): Read<string> {
  const text = rawValue(el);
  const parsed = parseAfterLabel(text, page);
  if (!parsed) return failed(`${label}: ${quote(text)} shows no number`, text);
  if (!parsed.ok) return failed(`${label}: ${parsed.reason}`, text);
  if (isRate(parsed.unit)) return failed(`${label}: ${quote(text)} is a rate, not a price`, text);
  return { ok: true, value: parsed.value, raw: text, source: 'page' };
}

/** "%" or "‰" after a number: a rate or a change ("Initial Margin 16.25%", "Mark +0.52%"), never an amount or a price. */
const isRate = (unit: string | undefined): boolean => /^[%‰]/.test(unit?.trim() ?? '');

/** A price shown somewhere on the page (mark or last), for market orders. */
export function readPagePrice(doc: Document, anchors: readonly Anchor[], label: string, page: PageContext): Read<string> {
  const found = findFirst(doc, anchors, page.langs);
  if (!found) return failed(`${label}: not shown on the page`);
  // The words alone, with no number after them, name a choice or a column, not a price shown: the price type of a
  // TP/SL trigger ("Last price ▾", "Mark price ▾"), a heading. They count only where nothing else shows a number.
  const all = found.els.slice(0, 8);
  const numbered = all.filter((el) => parseAfterLabel(rawValue(el), page) !== null);
  const els = numbered.length > 0 ? numbered : all;
  const reads = els.map((el) => numberAfterLabel(el, page, label));
  const values = distinct(reads.map((r) => (r.ok ? r.value : null)));
  const good = values.filter((v): v is string => v !== null);
  if (good.length !== 1 || values.length !== 1) {
    const firstFail = reads.find((r) => !r.ok);
    return failed(good.length === 0 && firstFail && !firstFail.ok ? firstFail.reason : `${label}: the page shows several different values`, textOf(els[0]));
  }
  if (good[0] === '0') return failed(`${label}: shows zero`);
  return { ok: true, value: good[0] as string, raw: textOf(els[0]), source: sourceOf(label.replace(/\s+/g, '-'), found) };
}

/** Which words mark which derived figure; the first that a row's text holds wins ("Стоимость ордера" is the order value, not the cost). */
const FIGURE_WORDS = [
  ['liquidation', 'liqPrice'],
  ['orderValue', 'orderValue'],
  ['maxOpen', 'maxOpen'],
  ['cost', 'cost'],
] as const;

/** The side a figure belongs to: the one side control its nearest surroundings hold (Binance shows Cost and Max under each button). */
function sideOfRow(row: Element, sides: ReadonlyMap<Side, Element>): Side | undefined {
  let scope: Element | null = row;
  for (let i = 0; scope && i < 5; i++, scope = scope.parentElement) {
    const holds = [...sides].filter(([, el]) => scope?.contains(el)).map(([s]) => s);
    if (holds.length === 1) return holds[0];
    if (holds.length > 1) return undefined;
  }
  return undefined;
}

/** Decimal places of the first number in `text`, as the page writes it (its rounding). */
function placesIn(text: string, decimal: string | undefined): number {
  const m = /\d[\d\s.,'\u00a0\u202f]*/.exec(normaliseNumberText(text));
  if (!m) return 0;
  const body = m[0].trim();
  const at = decimal ? body.lastIndexOf(decimal) : Math.max(body.lastIndexOf('.'), body.lastIndexOf(','));
  return at < 0 ? 0 : body.length - at - 1;
}

/**
 * The figures the venue works out from the form and shows beside it: order value, cost or margin,
 * maximum size, its own liquidation estimate. Label rows ("Cost 25.00 USDT"); a placeholder ("--")
 * is no figure. Each keeps its side when it sits with one side's button, and the page's rounding.
 */
export function readPageFigures(form: Element, anchors: Partial<Record<PageFigure['kind'], readonly Anchor[]>>, sideEls: ReadonlyMap<Side, Element>, page: PageContext): PageFigure[] {
  const out: PageFigure[] = [];
  for (const [kind] of FIGURE_WORDS) {
    const list = anchors[kind];
    const found = list ? findNear(form, list, page.langs, 3) : null;
    if (!found) continue;
    for (const row of found.els.slice(0, 6)) {
      const text = textOf(row, 120);
      // Words are matched with a space between elements: React rows put "Margin" and "812.51 USDT" in adjacent spans.
      const words = wordsOf(row, 120);
      // One figure per row: a row that also names another figure or a side button reached past its own label
      // (its own value was a placeholder "--"), and its number belongs to something else.
      const kinds = FIGURE_WORDS.filter(([k, word]) => hasWord(k === 'cost' ? without(words, 'orderValue', page.langs) : words, word, page.langs)).map(([k]) => k);
      if (kinds.length !== 1 || kinds[0] !== kind || [...sideEls.values()].some((el) => row.contains(el))) continue;
      if (hasWord(words, 'leverage', page.langs) || leverageIn(text) !== null) continue;
      // Beside the form, in a box that names a side or a market (an open position's card or strip: "Long 20X",
      // "BTC_USDT Perpetual", "Liq. price 58,400.0"), the figure is that position's, not this order's.
      if (!form.contains(row)) {
        let box = row;
        while (box.parentElement && !box.parentElement.contains(form)) box = box.parentElement;
        const named = wordsOf(box);
        if (whichWord(named, ['buy', 'sell'], page.langs) || symbolsIn(named).length) continue;
      }
      // A row whose caption is split ("<span>Maintenance</span> <span>margin</span>") is checked whole as well.
      if (kind === 'cost' && whichWord(words, ['notCost', 'available', 'cross', 'isolated'], page.langs)) continue;
      // The figure is the first amount: a conversion after it ("16,250.13 USDT ≈ $16,248.50", "0.3848 BTC ≈ 25,013 USDT")
      // is another unit's; "≈" or "~" before it only says the page rounds, which its shown places already tell.
      const from = numberStart(text);
      let body = from < 0 ? '' : text.slice(from).replace(/\s*[≈≃~].*$/, '');
      // "16.25K", "16,25 тыс.": the shown digits times a power of ten, rounded to the last shown place of that.
      const abbreviated = (NON_ASCII.test(body) ? SCALED() : SCALED_ASCII).exec(body);
      const power = abbreviated ? (SCALES[abbreviated[2] as string] ?? 0) : 0;
      if (abbreviated) body = `${abbreviated[1]}${body.slice(abbreviated[0].length)}`;
      const parsed = body ? parseDecimal(body, numberOptions(page)) : null;
      // A rate ("Initial Margin 16.25%", the account's) is never an amount, a price or a size.
      if (!parsed?.ok || parsed.approximate || isRate(parsed.unit)) continue;
      const figure: PageFigure = { kind, value: shiftDecimal(parsed.value, power), places: placesIn(body, page.numbers.decimal) - power, raw: text.slice(0, 120), source: sourceOf(kind, found) };
      const unit = parsed.unit?.trim();
      // "1,557 μXBT" is 0.001557 XBT, compared as such; units may be two words ("Hợp đồng").
      const scaled = unit ? assetOfUnit(unit) : undefined;
      if (scaled?.shift) Object.assign(figure, { value: shiftDecimal(figure.value, -scaled.shift), places: figure.places + scaled.shift, unit: scaled.asset });
      else if (unit && (NON_ASCII.test(unit) ? UNIT_WORDS() : UNIT_WORDS_ASCII).test(unit)) figure.unit = unit;
      // "$1,000.00" is in dollars: an inverse contract's face value, never its coin.
      else if (unit === '$') figure.unit = 'USD';
      const side = sideOfRow(row, sideEls);
      if (side) figure.side = side;
      if (!out.some((f) => f.kind === figure.kind && f.side === figure.side && f.value === figure.value)) out.push(figure);
    }
  }
  return out.slice(0, 12);
}

/** Text samples for inferring the page's decimal separator: the form's own numbers and the title. */
export function numberSamples(root: Element | null, doc: Document): string[] {
  const samples = [doc.title.slice(0, 200)];
  if (root) samples.push((root.textContent ?? '').slice(0, 4000));
  return samples;
}
