import { clip, escapeAttr, escapeText, scrubName } from '../../core/report/mask';
import { isShown } from '../read/dom';

/**
 * The structural snapshot of a page report: the parts of the page that matter (the order
 * form, the elements the adapter's anchors found, the positions table and account panel)
 * with the chain of elements above them, as HTML text, one element per line. Kept: tag
 * names, ids, classes (hashed ones dropped), role, aria-*, name, type, for, placeholder,
 * title, data-* (identity-like names dropped), checked/selected state, which elements are
 * hidden, and short texts. Dropped: input values, the text of contenteditable elements,
 * styles, links, images' sources, scripts and every attribute not listed. Every text and
 * attribute is masked (mask.ts). Bounded: at most `elements` elements and `chars`
 * characters, and no more than `sameSiblings` look-alike siblings (table rows, list items)
 * per parent.
 */

export interface Focus {
  el: Element;
  /** Include the element's whole subtree (within the limits), not just the element. */
  full: boolean;
}

export interface SnapshotLimits {
  elements: number;
  chars: number;
  text: number;
  sameSiblings: number;
}

export const SNAPSHOT_LIMITS: SnapshotLimits = { elements: 700, chars: 40_000, text: 120, sameSiblings: 5 };

export interface Snapshot {
  lines: string[];
  /** Something was left out because a limit was reached. */
  cut: boolean;
}

/** Never in a report: code, styles, document metadata and LiqGuard's own overlay. */
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'link', 'meta', 'head', 'title', 'base', 'liqguard-overlay']);
/** Kept as an empty tag: their content is pixels, media, another document, or (textarea) what the trader typed. */
const OPAQUE = new Set(['svg', 'canvas', 'video', 'audio', 'iframe', 'object', 'embed', 'picture', 'math', 'img', 'textarea']);
const VOID = new Set(['input', 'img', 'br', 'hr', 'wbr', 'area', 'col', 'embed', 'source', 'track']);
const ATTRS = /^(?:id|class|role|name|type|for|placeholder|title|alt|lang|dir|hidden|disabled|readonly|inputmode|target|contenteditable)$/;
/** data-* names that suggest an identity rather than structure: dropped whatever their value. */
const IDENTITY = /(?:^|[-_])(?:user|uid|email|mail|account|acct|token|session|auth|address|wallet|phone|secret|password|api|ip)(?:[-_]|$)/i;
/** Class names that change with every deploy (CSS-in-JS and CSS-modules hashes): noise, and never an anchor. */
const HASHED = /^(?:css|sc|jsx|jss|emotion|styled)-|__?[A-Za-z0-9]{5,8}$/;
const INLINE_MAX = 160;

/** What the trader types into a rich-text field (`contenteditable`) is theirs, like an input's value: its text is left out. */
const EDITABLE = '[contenteditable]:not([contenteditable="false"])';
const typedInto = (el: Element) => el.closest(EDITABLE) !== null;

const skipped = (el: Element) => SKIP.has(el.localName) || (el instanceof HTMLInputElement && el.type === 'hidden');

function classes(value: string): string {
  return value
    .split(/\s+/)
    .filter((c) => c && c.length <= 40 && !(HASHED.test(c) && (/^(?:css|sc|jsx|jss|emotion|styled)-/.test(c) || /\d/.test(c.slice(c.lastIndexOf('_'))))))
    .slice(0, 10)
    .join(' ');
}

function attributes(el: Element, marks: readonly string[] | undefined, hide: boolean): string {
  const out: string[] = [];
  for (const attr of [...el.attributes].slice(0, 40)) {
    const name = attr.name.toLowerCase();
    const data = name.startsWith('data-');
    if (data ? name.length > 40 || name.startsWith('data-lg-') || IDENTITY.test(name.slice(5)) : !ATTRS.test(name) && !name.startsWith('aria-')) continue;
    const value = name === 'class' ? scrubName(classes(attr.value)) : clip(attr.value, 80);
    if (name === 'class' && !value) continue;
    out.push(value === '' ? name : `${name}='${escapeAttr(value)}'`);
    if (out.length >= 16) break;
  }
  // The live state, not the attribute the page was loaded with.
  if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio') && el.checked) out.push('checked');
  if (el instanceof HTMLOptionElement && el.selected) out.push('selected');
  if (hide && !el.hasAttribute('hidden')) out.push('hidden');
  if (marks?.length) out.push(`data-lg-field='${marks.join(' ')}'`);
  return out.length ? ` ${out.join(' ')}` : '';
}

/** Text of one text node: whitespace collapsed (a space at either end kept, it separates words), capped and masked. */
function textPart(raw: string, max: number): string {
  const t = raw.replace(/\s+/g, ' ');
  if (t === '' || t === ' ') return t;
  const core = clip(t, max);
  return escapeText(`${t.startsWith(' ') ? ' ' : ''}${core}${t.endsWith(' ') ? ' ' : ''}`);
}

/** A table's cells are its columns, not look-alikes: every one is kept (the liquidation price is often the sixth). */
const isCell = (el: Element) => el.localName === 'td' || el.localName === 'th' || /^(?:cell|gridcell|columnheader|rowheader)$/.test(el.getAttribute('role') ?? '');

const signature = (el: Element) => `${el.localName}.${el.getAttribute('class') ?? ''}.${el.getAttribute('role') ?? ''}`;

/** Which elements go into the snapshot: each focus with its ancestors, and full subtrees where asked, within the limits. */
function choose(body: Element, focus: readonly Focus[], limits: SnapshotLimits): { included: Set<Element>; cut: boolean } {
  const included = new Set<Element>();
  // Look-alike children already included, per parent: table rows and list items beyond a few add nothing.
  const alike = new Map<Element, Map<string, number>>();
  let left = limits.elements;
  let cut = false;
  const room = (el: Element) => {
    const parent = el.parentElement;
    return !parent || isCell(el) || (alike.get(parent)?.get(signature(el)) ?? 0) < limits.sameSiblings;
  };
  const add = (el: Element) => {
    included.add(el);
    left--;
    const parent = el.parentElement;
    if (!parent) return;
    const counts = alike.get(parent) ?? new Map<string, number>();
    counts.set(signature(el), (counts.get(signature(el)) ?? 0) + 1);
    alike.set(parent, counts);
  };
  const chain = (el: Element): boolean => {
    const missing: Element[] = [];
    for (let a: Element | null = el; a && !included.has(a); a = a.parentElement) {
      missing.push(a);
      if (a === body) break;
    }
    if (!body.contains(el) || missing.some(skipped)) return false;
    if (missing.length > left || !missing.every(room)) {
      cut = true;
      return false;
    }
    for (const a of missing) add(a);
    return true;
  };
  const walk = (el: Element) => {
    if (OPAQUE.has(el.localName)) return;
    for (const child of el.children) {
      if (skipped(child) || included.has(child)) {
        if (included.has(child)) walk(child);
        continue;
      }
      if (left <= 0 || !room(child)) {
        cut = true;
        if (left <= 0) return;
        continue;
      }
      add(child);
      walk(child);
    }
  };
  // A control's label may sit outside what is included: it names the control, so it comes too.
  const labelsOf = (el: Element): Element[] => {
    const doc = el.ownerDocument;
    const byId: (Element | null)[] = (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).slice(0, 4).map((id) => (id ? doc.getElementById(id) : null));
    const labels: Element[] = [...((el as HTMLInputElement).labels ?? [])].slice(0, 3);
    return [...labels, ...byId].filter((l): l is Element => l !== null);
  };
  for (const f of focus) {
    if (!chain(f.el)) continue;
    if (f.full) walk(f.el);
    for (const label of labelsOf(f.el)) if (!included.has(label) && chain(label)) walk(label);
  }
  return { included, cut };
}

export function snapshotDom(doc: Document, focus: readonly Focus[], marks: ReadonlyMap<Element, readonly string[]>, limits: SnapshotLimits = SNAPSHOT_LIMITS): Snapshot {
  const body = doc.body ?? doc.documentElement;
  const { included, cut: chosenCut } = choose(body, focus, limits);
  included.add(body);
  const shown = new Map<Element, boolean>();
  const isVisible = (el: Element): boolean => {
    const known = shown.get(el);
    if (known !== undefined) return known;
    const parent = el.parentElement;
    const v = (!parent || parent === doc.documentElement || isVisible(parent)) && isShown(el);
    shown.set(el, v);
    return v;
  };

  /** The element on one line, or null when it is too long for one or leaves something out. */
  const inline = (el: Element): string | null => {
    const hide = !isVisible(el) && (el.parentElement === null || isVisible(el.parentElement));
    let s = `<${el.localName}${attributes(el, marks.get(el), hide)}>`;
    if (VOID.has(el.localName)) return s;
    if (!OPAQUE.has(el.localName)) {
      const typed = typedInto(el);
      for (const node of el.childNodes) {
        if (node.nodeType === Node.TEXT_NODE) s += typed ? '' : textPart(node.nodeValue ?? '', limits.text);
        else if (node instanceof Element && !skipped(node)) {
          if (!included.has(node)) return null;
          const inner = inline(node);
          if (inner === null) return null;
          s += inner;
        }
        if (s.length > INLINE_MAX) return null;
      }
    }
    return `${s}</${el.localName}>`;
  };

  const lines: string[] = [];
  let chars = 0;
  let cut = chosenCut;
  const push = (depth: number, text: string): boolean => {
    const line = `${' '.repeat(depth)}${text}`;
    if (chars + line.length > limits.chars) {
      cut = true;
      return false;
    }
    lines.push(line);
    chars += line.length;
    return true;
  };
  const emit = (el: Element, depth: number): boolean => {
    const one = inline(el);
    if (one !== null) return push(depth, one);
    const hide = !isVisible(el) && (el.parentElement === null || isVisible(el.parentElement));
    if (!push(depth, `<${el.localName}${attributes(el, marks.get(el), hide)}>`)) return false;
    let gap = false;
    const typed = typedInto(el);
    for (const node of el.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) {
        if (typed) continue;
        const t = textPart(node.nodeValue ?? '', limits.text).trim();
        if (t && !push(depth + 1, t)) return false;
      } else if (node instanceof Element && !skipped(node)) {
        if (!included.has(node)) {
          // One marker per run of elements left out, so the nesting stays readable.
          if (!gap && !push(depth + 1, '<!-- … -->')) return false;
          gap = true;
          continue;
        }
        gap = false;
        if (!emit(node, depth + 1)) return false;
      }
    }
    return push(depth, `</${el.localName}>`);
  };
  emit(body, 0);
  return { lines, cut };
}
