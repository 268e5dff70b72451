import type { QuantityRead, QuantityUnit, Read, ReadSource, Side } from '../../shared/form-snapshot';
import { parseDecimal, type PageNumberFormat } from '../../core/parse/number';
import { findAll, findFirst, findNear, isShown, labelOf, quote, sourceOf, textOf, type Anchor, type Found } from './dom';
import { hasWord, whichWord, type Lang } from './vocab';

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

/** Reads a decimal from an input or a text element, with any unit the value carries ("25%", "12.5 USDT"). */
export function readNumberFrom(el: Element, source: ReadSource, page: PageContext, label: string): Read<string> & { unit?: string } {
  const raw = rawValue(el);
  // An <input type=number> always holds a '.'-decimal value, whatever the page language.
  const decimal = el instanceof HTMLInputElement && el.type === 'number' ? '.' : page.numbers.decimal;
  const parsed = parseDecimal(raw, { ...numberOptions(page), ...(decimal ? { decimal } : {}) });
  if (!parsed.ok) return failed(`${label}: ${parsed.reason}`, raw);
  if (parsed.approximate) return failed(`${label}: ${quote(raw)} is only approximate`, raw);
  const read: Read<string> & { unit?: string } = { ok: true, value: parsed.value, raw, source };
  if (parsed.unit) read.unit = parsed.unit;
  return read;
}

function distinct<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** Exactly one shown match, or a reason. Several matches are only fine when they are one and the same control. */
export function single(found: Found | null, label: string): { el: Element } | { reason: string } {
  if (!found) return { reason: `${label}: not found on the page` };
  const els = found.els.filter((el, i, all) => !all.some((other, j) => j !== i && other.contains(el)));
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

export function readNumberField(root: ParentNode, anchors: readonly Anchor[], field: string, label: string, page: PageContext): Read<string> & { unit?: string; el?: Element } {
  const found = findFirst(root, anchors, page.langs);
  const one = single(found, label);
  if ('reason' in one) return failed(one.reason);
  const control = controlIn(one.el);
  if (!control) return failed(`${label}: the labelled box holds several inputs`);
  const read = readNumberFrom(control, sourceOf(field, found as Found), page, label);
  return { ...read, el: control };
}

// "20x" or "x20"; the x must stand alone ("Max 100" is not a leverage).
const LEVERAGE_RE = /(?:^|[^\p{L}\p{N}.,])(\d{1,3}(?:[.,]\d{1,2})?)\s*[x×х](?!\p{L})|(?<![\p{L}\p{N}])[x×х]\s*(\d{1,3}(?:[.,]\d{1,2})?)(?![\p{N}.,])/iu;

/** "20x", "20.00x", "x20", "Cross 20x" → "20". */
export function leverageIn(text: string): string | null {
  const m = LEVERAGE_RE.exec(text.normalize('NFKC'));
  const digits = m?.[1] ?? m?.[2];
  if (!digits) return null;
  const parsed = parseDecimal(digits.replace(',', '.'), { decimal: '.' });
  if (!parsed.ok || parsed.value === '0') return null;
  return parsed.value;
}

export function readLeverage(root: Element, anchors: readonly Anchor[], page: PageContext): Read<string> {
  const found = findNear(root, anchors, page.langs);
  if (!found) return failed('leverage: no leverage control found');
  const values = found.els.map((el) => {
    if (el instanceof HTMLInputElement) {
      const n = readNumberFrom(el, 'page', page, 'leverage');
      return n.ok ? n.value : leverageIn(el.value);
    }
    return leverageIn(labelOf(el));
  });
  const shown = distinct(values.filter((v): v is string => v !== null));
  if (shown.length === 0) return failed(`leverage: the control shows ${quote(textOf(found.els[0]))}, not a leverage`, textOf(found.els[0]));
  if (shown.length > 1) return failed(`leverage: the page shows different leverages (${shown.map((v) => `${v}x`).join(', ')})`);
  const value = shown[0] as string;
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
  return /(?:^|[\s_-])(?:active|selected|checked|current)(?:$|\s)/i.test(el.getAttribute('class') ?? '');
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
  const candidates = marked.length > 0 ? marked.filter(isSelected) : found.els;
  const kinds = distinct(candidates.map(classify).filter((k): k is K => k !== null));
  if (kinds.length === 0) return failed(`${label}: ${quote(textOf(candidates[0] ?? found.els[0]))} is not one LiqGuard knows`, textOf(candidates[0] ?? found.els[0]));
  if (kinds.length > 1) return failed(`${label}: the page shows both ${kinds.join(' and ')}`);
  return { ok: true, value: kinds[0] as K, raw: textOf(candidates[0]), source: sourceOf(label.replace(/\s+/g, '-'), found) };
}

export function marginModeOf(el: Element, langs: readonly Lang[]): 'cross' | 'isolated' | null {
  const key = whichWord(labelOf(el), ['isolated', 'cross'], langs);
  return key;
}

export function orderTypeOf(el: Element, langs: readonly Lang[]): 'limit' | 'market' | 'conditional' | null {
  const key = (el.getAttribute('data-tab-key') ?? el.getAttribute('data-key') ?? el.getAttribute('data-value') ?? '').toUpperCase();
  if (key === 'LIMIT') return 'limit';
  if (key === 'MARKET') return 'market';
  if (key) return /STOP|TRIGGER|CONDITION|TP|SL|TRAIL|PLAN/.test(key) ? 'conditional' : null;
  return whichWord(labelOf(el), ['conditional', 'market', 'limit'], langs);
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
    const selected = distinct(tabFound.els.filter(isSelected).map((el) => tabFound.anchor.side ?? sideOf(el, page.langs)).filter((s): s is Side => s !== null));
    if (selected.length === 1) {
      const side = selected[0] as Side;
      return { sides: { ok: true, value: [side], source: sourceOf('side-tab', tabFound) }, activeSide: side };
    }
    if (selected.length > 1) return { sides: failed('side: both Buy and Sell tabs are marked selected') };
  }
  // Buttons come in pairs; a later (weaker) anchor only fills a side the stronger ones missed.
  const bySide = new Map<Side, { el: Element; anchor: Anchor; index: number }>();
  for (const hit of findAll(root, buttons, page.langs)) {
    const s = hit.anchor.side ?? sideOf(hit.el, page.langs);
    if (s && !bySide.has(s)) bySide.set(s, hit);
  }
  const sides = (['long', 'short'] as const).filter((s) => bySide.has(s));
  const first = bySide.get(sides[0] ?? 'long');
  if (!first) return { sides: failed('side: no Buy/Long or Sell/Short control found') };
  const active = (['long', 'short'] as const).find((s) => {
    const el = bySide.get(s)?.el;
    return !!el && ((!!pointer.focused && el.contains(pointer.focused)) || (!!pointer.hovered && el.contains(pointer.hovered)));
  });
  const read: SideRead = { sides: { ok: true, value: [...sides], source: sourceOf('side-buttons', first) } };
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
    const inputs = [...container.querySelectorAll('input')].filter(isShown);
    if (inputs.length > 1) break;
    const after: string[] = [];
    const walker = input.ownerDocument.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !isShown(parent)) continue;
      if (input.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) after.push(node.textContent ?? '');
    }
    const text = after.join(' ').replace(/\s+/g, ' ').trim();
    if (text) return text.slice(0, 80);
  }
  const hint = `${input.getAttribute('aria-label') ?? ''} ${input.getAttribute('placeholder') ?? ''}`;
  const paren = /\(([^)]{1,16})\)/.exec(hint);
  return paren?.[1]?.trim() ?? '';
}

/** Maps a unit label to a quantity unit, or null when it is none LiqGuard can tell for sure. */
export function classifyUnit(label: string, symbol: SymbolParts, langs: readonly Lang[]): QuantityUnit | null {
  const tokens = label
    .normalize('NFKC')
    .split(/[\s/|()[\]▾▼⌄∨˅,:]+/)
    .map((t) => t.trim())
    .filter(Boolean);
  const kinds = new Set<QuantityUnit>();
  for (const token of tokens) {
    const upper = token.toUpperCase();
    if (token === '%') kinds.add('percent');
    else if (upper === symbol.base.toUpperCase()) kinds.add('base');
    else if (upper === symbol.quote.toUpperCase()) kinds.add('quote');
    else if (hasWord(token, 'contracts', langs)) kinds.add('contracts');
  }
  return kinds.size === 1 ? ([...kinds][0] as QuantityUnit) : null;
}

/** A size and its unit from a size field: "%" typed in the field, a unit selector, or the text after the input. */
export function quantityFrom(
  n: Read<string> & { unit?: string },
  el: Element | undefined,
  symbol: SymbolParts | null,
  page: PageContext,
  unitAnchors: readonly Anchor[] = [],
  unitOf: (label: string, symbol: SymbolParts) => QuantityUnit | null = (label, s) => classifyUnit(label, s, page.langs),
): Read<QuantityRead> {
  if (!n.ok) return failed(n.reason, n.raw);
  const raw = n.raw ?? '';
  const ok = (unit: QuantityUnit, label: string): Read<QuantityRead> => ({ ok: true, value: { value: n.value, unit, label: label.slice(0, 24) }, raw, source: n.source });
  if (n.unit === '%') return ok('percent', '%');
  if (!symbol) return failed('quantity unit: the symbol is unknown, so the unit cannot be told', raw);
  let label = n.unit ?? '';
  if (!label && unitAnchors.length && el) {
    const u = findNear(el.parentElement ?? el, unitAnchors, page.langs, 3)?.els[0];
    if (u) label = u instanceof HTMLSelectElement ? (u.selectedOptions[0]?.textContent ?? u.value) : textOf(u, 60);
  }
  if (!label && el) label = unitTextNear(el);
  if (!label) return failed('quantity unit: no unit is shown beside the size field', raw);
  const unit = unitOf(label, symbol);
  return unit ? ok(unit, label) : failed(`quantity unit: ${quote(label)} is not a unit LiqGuard can tell (coin, ${symbol.quote}, contracts or %)`, raw);
}

export function readQuantity(
  root: ParentNode,
  anchors: readonly Anchor[],
  unitAnchors: readonly Anchor[],
  symbol: SymbolParts | null,
  page: PageContext,
  unitOf?: (label: string, symbol: SymbolParts) => QuantityUnit | null,
): Read<QuantityRead> {
  const n = readNumberField(root, anchors, 'quantity', 'quantity', page);
  return quantityFrom(n, n.el, symbol, page, unitAnchors, unitOf);
}

/** The number in "Available6,996.26 USDT" or "Mark 65,000.1": everything from the first digit on. */
function parseAfterLabel(text: string, page: PageContext) {
  const start = text.search(/[\d０-９٠-٩۰-۹]/);
  if (start < 0) return null;
  const from = start > 0 && /[.,]/.test(text[start - 1] ?? '') ? start - 1 : start;
  return parseDecimal(text.slice(from), numberOptions(page));
}

/** "Available6,996.26 USDT", "Avbl 1,000.00 USDT", "可用 12.5 USDT": the number and its asset. */
export function readBalance(root: Element, anchors: readonly Anchor[], page: PageContext, defaultAsset: string | null): Read<{ value: string; asset: string }> | undefined {
  const found = findNear(root, anchors, page.langs, 4);
  if (!found) return undefined;
  const one = single(found, 'available balance');
  if ('reason' in one) return failed(one.reason);
  const text = textOf(one.el, 120);
  const parsed = parseAfterLabel(text, page);
  if (!parsed) return failed(`available balance: ${quote(text)} shows no amount`, text);
  if (!parsed.ok) return failed(`available balance: ${parsed.reason}`, text);
  const asset = parsed.unit && /^[A-Za-z0-9]{2,10}$/.test(parsed.unit) ? parsed.unit.toUpperCase() : defaultAsset;
  if (!asset) return failed(`available balance: ${quote(text)} does not say in which asset`, text);
  return { ok: true, value: { value: parsed.value, asset }, raw: text, source: sourceOf('balance', found) };
}

function numberAfterLabel(el: Element, page: PageContext, label: string): Read<string> {
  const text = rawValue(el);
  const parsed = parseAfterLabel(text, page);
  if (!parsed) return failed(`${label}: ${quote(text)} shows no number`, text);
  if (!parsed.ok) return failed(`${label}: ${parsed.reason}`, text);
  return { ok: true, value: parsed.value, raw: text, source: 'page' };
}

/** A price shown somewhere on the page (mark or last), for market orders. */
export function readPagePrice(doc: Document, anchors: readonly Anchor[], label: string, page: PageContext): Read<string> {
  const found = findFirst(doc, anchors, page.langs);
  if (!found) return failed(`${label}: not shown on the page`);
  const reads = found.els.slice(0, 8).map((el) => numberAfterLabel(el, page, label));
  const values = distinct(reads.map((r) => (r.ok ? r.value : null)));
  const good = values.filter((v): v is string => v !== null);
  if (good.length !== 1 || values.length !== 1) {
    const firstFail = reads.find((r) => !r.ok);
    return failed(good.length === 0 && firstFail && !firstFail.ok ? firstFail.reason : `${label}: the page shows several different values`, textOf(found.els[0]));
  }
  if (good[0] === '0') return failed(`${label}: shows zero`);
  return { ok: true, value: good[0] as string, raw: textOf(found.els[0]), source: sourceOf(label.replace(/\s+/g, '-'), found) };
}

/** Text samples for inferring the page's decimal separator: the form's own numbers and the title. */
export function numberSamples(root: Element | null, doc: Document): string[] {
  const samples = [doc.title.slice(0, 200)];
  if (root) samples.push((root.textContent ?? '').slice(0, 4000));
  return samples;
}
