import type { Side } from '../../shared/form-snapshot';
import { hasLetter, hasWord, NON_ASCII, visible, type Lang, type VocabKey } from './vocab';

/**
 * One way to find an element, with where and when it was seen. Adapters keep these in
 * arrays, most trusted first (ids, id prefixes, data-testid, name, aria-* and role; then
 * design-system classes; visible text last). Hashed class names (css-1x2y3z, sc-AbCdE)
 * and positional paths are never used: they change with every deploy.
 */
export interface Anchor {
  css: string;
  /** When the selector was seen on the venue (YYYY, YYYY-MM or YYYY-MM-DD), or 'unverified' for a semantic anchor nobody has checked live. */
  seen: string;
  /** Where the fact comes from: a research note, a script, or "semantic" for our own label-based anchor. */
  source: string;
  /** Keep only matches whose label (text, aria-label, <label>, placeholder) holds one of these words. */
  text?: VocabKey | readonly VocabKey[];
  /** Drop matches whose label holds one of these words (e.g. take-profit fields that also say "price"). */
  exclude?: VocabKey | readonly VocabKey[];
  /** Keep only matches whose label matches this pattern. */
  pattern?: RegExp;
  /** A text label ("Available", "Mark"): the match is the smallest row around the word that also shows a number, at most this many characters. */
  maxText?: number;
  /** The side this control stands for, when its class or id says so regardless of language. */
  side?: Side;
}

const HOST_TAG = 'liqguard-overlay';

/** The trader's words for snapshot fields, in reasons and in the confirm list. */
export const FIELD_NAMES: Record<string, string> = {
  symbol: 'Symbol', contract: 'Contract type', sides: 'Side', orderType: 'Order type', price: 'Price', quantity: 'Size', leverage: 'Leverage', marginMode: 'Margin mode', availableBalance: 'Available balance',
};

/** Shown to the trader: not inside `hidden`, not display:none, not a hidden input, not our own overlay. */
export function isShown(el: Element): boolean {
  if (el.closest(`[hidden], ${HOST_TAG}`)) return false;
  if (el instanceof HTMLInputElement && el.type === 'hidden') return false;
  const check = (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
  return typeof check === 'function' ? check.call(el, { visibilityProperty: true }) : true;
}

/**
 * Of `among`, not hidden from the trader's eyes or assistive tech: an inactive pane's copy laid out transparent, a closed
 * sheet moved off screen and marked aria-hidden. An aria-hidden or inert box around them all (the app's root while a
 * dialog is open) tells none of them from another.
 */
export const inSight = (el: Element, _: number, among: readonly Element[]): boolean => {
  const hid = el.closest('[aria-hidden="true"], [inert]');
  return (!hid || among.every((o) => hid.contains(o))) && (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility?.({ opacityProperty: true, visibilityProperty: true }) !== false;
};

/** Visible text of an element, whitespace collapsed, format characters dropped, capped so a hostile page cannot feed us megabytes. */
export function textOf(el: Element | null | undefined, max = 200): string {
  // A native <select>'s text holds every option ("Cross or isolated"); what it shows is its chosen one.
  if (el?.localName === 'select') el = (el as HTMLSelectElement).selectedOptions?.[0];
  if (!el) return '';
  const t = visible((el.textContent ?? '').slice(0, max * 4)).replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max) : t;
}

/** Text with a space between elements, for word matching ("<span> size</span><span>Cont</span>" → "size Cont"). Numbers use textOf: venues split digits across spans for styling. */
export function wordsOf(el: Element, max = 120): string {
  const walker = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let out = '';
  for (let node = walker.nextNode(); node && out.length < max; node = walker.nextNode()) out += ` ${visible((node.nodeValue ?? '').slice(0, max))}`;
  return out.replace(/\s+/g, ' ').trim().slice(0, max);
}

/** At most this many elements are examined per anchor and read: a page with 100,000 inputs costs no more than one with 300. */
export const MAX_CANDIDATES = 300;

/** How many shown inputs `container` holds, counting only up to `stop` (and examining at most 50). */
export function shownInputs(container: Element, stop = 2): number {
  const all = container.getElementsByTagName('input');
  let shown = 0;
  for (let i = 0; i < all.length && i < 50; i++) {
    const input = all[i] as HTMLInputElement;
    if (input.type !== 'checkbox' && input.type !== 'radio' && isShown(input) && ++shown >= stop) return shown;
  }
  return all.length > 50 ? stop : shown;
}

/**
 * The caption in an input's own row, for inputs with no accessible name (Bybit's `by-input__inner`
 * boxes captioned by a sibling `by-popover__el`, as public scripts find them): the text before the
 * input inside the smallest ancestor (up to three levels) that holds no other shown input.
 */
export function rowCaption(input: Element, max = 60): string {
  let row: Element | null = input.parentElement;
  let caption = '';
  for (let i = 0; row && i < 3; i++, row = row.parentElement) {
    if (shownInputs(row) > 1) break;
    const walker = input.ownerDocument.createTreeWalker(row, NodeFilter.SHOW_TEXT);
    let text = '';
    for (let node = walker.nextNode(), n = 0; node && n < 40; node = walker.nextNode(), n++) {
      if (!(input.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_PRECEDING)) break;
      const parent = node.parentElement;
      if (parent && isShown(parent)) text += ` ${node.nodeValue ?? ''}`;
    }
    caption = visible(text).replace(/\s+/g, ' ').trim();
    if (hasLetter(caption)) return caption.slice(-max);
  }
  return caption.slice(-max);
}

/** What a form control is called: aria-label, aria-labelledby, <label>, placeholder, title, name. */
export function controlLabel(el: Element): string {
  const parts: (string | null)[] = [el.getAttribute('aria-label'), el.getAttribute('placeholder'), el.getAttribute('title'), el.getAttribute('name')].map((p) => (p === null ? null : visible(p.slice(0, 200))));
  const doc = el.ownerDocument;
  for (const id of (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean).slice(0, 4)) {
    const target = doc.getElementById(id);
    if (target) parts.push(wordsOf(target, 80));
  }
  const labels = (el as HTMLInputElement).labels;
  if (labels) for (const label of [...labels].slice(0, 3)) parts.push(wordsOf(label, 80));
  return parts.filter((p): p is string => !!p).join(' ');
}

/**
 * Label for word matching: a control's accessible name (or, without one, its row's caption) and a select's chosen
 * option, or an element's text plus its aria-label and title.
 */
export function labelOf(el: Element): string {
  if (el.matches('input, select, textarea')) {
    const name = controlLabel(el);
    const label = hasLetter(name) ? name : `${name} ${rowCaption(el)}`.trim();
    return el.localName === 'select' ? `${label} ${textOf(el, 60)}` : label;
  }
  return [el.getAttribute('aria-label'), el.getAttribute('title'), wordsOf(el, 120)].filter((p): p is string => !!p).join(' ');
}

function wordsMatch(label: string, keys: VocabKey | readonly VocabKey[], langs: readonly Lang[]): boolean {
  return (typeof keys === 'string' ? [keys] : keys).some((k) => hasWord(label, k, langs));
}

function accepts(el: Element, anchor: Anchor, langs: readonly Lang[]): boolean {
  if (!isShown(el)) return false;
  if (!anchor.text && !anchor.exclude && !anchor.pattern) return true;
  const label = labelOf(el);
  if (anchor.text && !wordsMatch(label, anchor.text, langs)) return false;
  if (anchor.exclude && wordsMatch(label, anchor.exclude, langs)) return false;
  return !anchor.pattern || anchor.pattern.test(label);
}

/** Has `text` a decimal digit (\p{Nd})? On ASCII text that is 0-9, told without the Unicode class. */
const hasDigit = (text: string): boolean => (NON_ASCII.test(text) ? /\p{Nd}/u : /\d/).test(text);

/** Text-label anchors walk text nodes (cheap) instead of asking every element for its whole text (quadratic). */
function findLabelRows(root: ParentNode, anchor: Anchor & { text: VocabKey | readonly VocabKey[]; maxText: number }, langs: readonly Lang[]): Element[] {
  const doc = (root as Node).ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root as Node, NodeFilter.SHOW_TEXT);
  const rows: Element[] = [];
  let seen = 0;
  for (let node = walker.nextNode(); node && seen < 5000; node = walker.nextNode(), seen++) {
    const data = node.nodeValue ?? '';
    if (data.length > anchor.maxText || !/\S/.test(data)) continue;
    if (!wordsMatch(data, anchor.text, langs) || (anchor.exclude && wordsMatch(data, anchor.exclude, langs))) continue;
    let row: Element | null = node.parentElement?.closest(anchor.css) ?? null;
    // Climb to the smallest row that also shows a digit (any script's: "٣٢٠٫٠٠"): "Avbl" + "1,000.00 USDT" in sibling spans.
    // A row showing a placeholder ("Liq. price --", "N/A") is the row: the number in the box around it is another figure's.
    for (let t; row && !/(?:[-–—]{1,3}|\bn\/a)(?:\s\S{1,8})?$/i.test((t = textOf(row, anchor.maxText + 1))) && !hasDigit(t) && row.parentElement && textOf(row.parentElement, anchor.maxText + 1).length <= anchor.maxText; ) row = row.parentElement;
    if (row && (root as Node).contains(row) && isShown(row) && textOf(row, anchor.maxText + 1).length <= anchor.maxText && !rows.includes(row)) rows.push(row);
  }
  return rows;
}

export interface Found {
  els: Element[];
  anchor: Anchor;
  index: number;
}

function matchesOf(root: ParentNode, anchor: Anchor, langs: readonly Lang[]): Element[] {
  if (anchor.text && anchor.maxText) return findLabelRows(root, anchor as Anchor & { text: VocabKey; maxText: number }, langs);
  try {
    const all = root.querySelectorAll(anchor.css);
    const out: Element[] = [];
    for (let i = 0; i < all.length && i < MAX_CANDIDATES; i++) if (accepts(all[i] as Element, anchor, langs)) out.push(all[i] as Element);
    return out;
  } catch {
    return []; // a selector this engine cannot parse is a miss, not a crash
  }
}

/** The first anchor that matches anything shown under `root`, with all its shown matches. */
export function findFirst(root: ParentNode, anchors: readonly Anchor[], langs: readonly Lang[]): Found | null {
  for (const [index, anchor] of anchors.entries()) {
    const els = matchesOf(root, anchor, langs);
    if (els.length > 0) return { els, anchor, index };
  }
  return null;
}

/** Every anchor's matches, in anchor order, each element once: for controls that come in pairs (buy and sell). */
export function findAll(root: ParentNode, anchors: readonly Anchor[], langs: readonly Lang[]): { el: Element; anchor: Anchor; index: number }[] {
  const out: { el: Element; anchor: Anchor; index: number }[] = [];
  for (const [index, anchor] of anchors.entries()) {
    for (const el of matchesOf(root, anchor, langs)) if (!out.some((o) => o.el === el)) out.push({ el, anchor, index });
  }
  return out;
}

/** Like findFirst, but also looks at the ancestors of `root` (for controls above the form, e.g. leverage). */
export function findNear(root: Element, anchors: readonly Anchor[], langs: readonly Lang[], levels = 3): Found | null {
  let scope: Element | null = root;
  for (let i = 0; scope && i <= levels; i++, scope = scope.parentElement) {
    const found = findFirst(scope, anchors, langs);
    if (found) return found;
  }
  return null;
}

export function sourceOf(field: string, found: { anchor: Anchor; index: number }): `selector:${string}` {
  return `selector:${field}[${found.index}] ${found.anchor.css}`.slice(0, 160) as `selector:${string}`;
}

/** Short, quoted, single-line rendering of page text for a reason shown to the trader. */
export function quote(text: string, max = 40): string {
  const t = text.replace(/\s+/g, ' ').trim();
  // Typographic quotes: page text may contain " and must read back exactly as the page shows it.
  return `“${t.length > max ? `${t.slice(0, max)}…` : t}”`;
}
