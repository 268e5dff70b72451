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
 * per parent. Open shadow roots are walked as part of their host (written as the declarative
 * `<template shadowrootmode='open'>`), and so are same-origin frames (the frame's body inside its
 * `<iframe>`); closed shadow roots and other origins' frames cannot be seen and stay empty tags.
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

// Tag names rather than instanceof: an element of a same-origin frame comes from another realm.
const isInput = (el: Element): el is HTMLInputElement => el.localName === 'input';
const skipped = (el: Element) => SKIP.has(el.localName) || (isInput(el) && el.type === 'hidden');

/** An element's open shadow root (a closed one is null to everyone but its owner). */
const shadowOf = (el: Element): ShadowRoot | null => el.shadowRoot ?? null;

/** The body of a same-origin frame; null for other origins (their document cannot be read) and for other elements. */
function frameBody(el: Element): HTMLElement | null {
  if (el.localName !== 'iframe' && el.localName !== 'frame') return null;
  try {
    return (el as HTMLIFrameElement).contentDocument?.body ?? null;
  } catch {
    return null;
  }
}

/**
 * The element above in the tree a report shows: the parent, a shadow root's host, or the frame
 * element that holds a frame's body.
 */
function up(el: Element): Element | null {
  if (el.localName === 'body' && el.ownerDocument.defaultView !== null && el.ownerDocument.defaultView !== el.ownerDocument.defaultView.parent) {
    try {
      return el.ownerDocument.defaultView.frameElement;
    } catch {
      return null;
    }
  }
  if (el.parentElement) return el.parentElement;
  const parent = el.parentNode as (Node & { host?: Element }) | null;
  return parent?.nodeType === 11 && parent.host ? parent.host : null;
}

/** Elements looked at for open shadow roots and frames, at most: a huge page is cut, not walked whole. */
const MAX_SCANNED = 60_000;
/** Shadow roots and frames looked into, at most. */
const MAX_ROOTS = 200;

/**
 * The elements matching `selector` in the page, its open shadow roots and its same-origin frames
 * (a venue may build its order form as web components or in a frame): at most `max`, looking at
 * no more than `scan` elements to find the roots. `cut` when a bound was reached.
 */
export function queryDeep(doc: Document, selector: string, max: number, scan = MAX_SCANNED): { els: Element[]; cut: boolean } {
  const roots: (Document | ShadowRoot)[] = [doc];
  const els: Element[] = [];
  let scanned = 0;
  let cut = false;
  for (let i = 0; i < roots.length; i++) {
    const root = roots[i] as Document | ShadowRoot;
    for (const el of root.querySelectorAll(selector)) {
      if (els.length >= max) {
        cut = true;
        break;
      }
      els.push(el);
    }
    const owner = (root.nodeType === 9 ? root : root.ownerDocument) as Document;
    const walker = owner.createTreeWalker(root, 1 /* NodeFilter.SHOW_ELEMENT */);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (++scanned > scan) {
        cut = true;
        return { els, cut };
      }
      const el = n as Element;
      const inner = shadowOf(el) ?? frameBody(el)?.ownerDocument ?? null;
      if (!inner) continue;
      if (roots.length >= MAX_ROOTS) cut = true;
      else roots.push(inner);
    }
  }
  return { els, cut };
}

/** The elements below an element in the report's tree: its shadow root's, its light children, a frame's body. */
function below(el: Element): Element[] {
  const frame = frameBody(el);
  if (frame) return [frame];
  const shadow = shadowOf(el);
  return shadow ? [...shadow.children, ...el.children] : [...el.children];
}

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
  if (isInput(el) && (el.type === 'checkbox' || el.type === 'radio') && el.checked) out.push('checked');
  if (el.localName === 'option' && (el as HTMLOptionElement).selected) out.push('selected');
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
    const parent = up(el);
    return !parent || isCell(el) || (alike.get(parent)?.get(signature(el)) ?? 0) < limits.sameSiblings;
  };
  const add = (el: Element) => {
    included.add(el);
    left--;
    const parent = up(el);
    if (!parent) return;
    const counts = alike.get(parent) ?? new Map<string, number>();
    counts.set(signature(el), (counts.get(signature(el)) ?? 0) + 1);
    alike.set(parent, counts);
  };
  const chain = (el: Element): boolean => {
    const missing: Element[] = [];
    let reached = false;
    for (let a: Element | null = el; a; a = up(a)) {
      if (included.has(a) || a === body) {
        reached = true;
        if (a === body && !included.has(a)) missing.push(a);
        break;
      }
      missing.push(a);
    }
    // Only what lies under the page's body (through open shadow roots and same-origin frames).
    if (!reached || missing.some(skipped)) return false;
    if (missing.length > left || !missing.every(room)) {
      cut = true;
      return false;
    }
    for (const a of missing) add(a);
    return true;
  };
  const walk = (el: Element) => {
    if (OPAQUE.has(el.localName) && !frameBody(el)) return;
    for (const child of below(el)) {
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
    // Ids name elements in the same tree: the shadow root or document the control is in.
    const tree = el.getRootNode() as Document | ShadowRoot;
    const byId: (Element | null)[] = (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).slice(0, 4).map((id) => (id && typeof tree.getElementById === 'function' ? tree.getElementById(id) : null));
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
    const parent = up(el);
    const v = (!parent || parent === doc.documentElement || isVisible(parent)) && isShown(el);
    shown.set(el, v);
    return v;
  };

  /** The element on one line, or null when it is too long for one or leaves something out. */
  const hidden = (el: Element) => {
    const parent = up(el);
    return !isVisible(el) && (parent === null || isVisible(parent));
  };
  /** Elements whose content is another tree (an open shadow root, a frame's document): never on one line. */
  const nested = (el: Element) => frameBody(el) !== null || shadowOf(el) !== null;

  const inline = (el: Element): string | null => {
    if (nested(el)) return null;
    let s = `<${el.localName}${attributes(el, marks.get(el), hidden(el))}>`;
    if (VOID.has(el.localName)) return s;
    if (!OPAQUE.has(el.localName)) {
      const typed = typedInto(el);
      for (const node of el.childNodes) {
        if (node.nodeType === Node.TEXT_NODE) s += typed ? '' : textPart(node.nodeValue ?? '', limits.text);
        else if (node.nodeType === Node.ELEMENT_NODE && !skipped(node as Element)) {
          if (!included.has(node as Element)) return null;
          const inner = inline(node as Element);
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
    if (!push(depth, `<${el.localName}${attributes(el, marks.get(el), hidden(el))}>`)) return false;
    const frame = frameBody(el);
    if (frame) {
      // A same-origin frame's page, under its <iframe> (report-to-fixture makes it the frame's srcdoc).
      if (included.has(frame) && !emit(frame, depth + 1)) return false;
      return push(depth, `</${el.localName}>`);
    }
    const shadow = shadowOf(el);
    if (shadow && [...shadow.children].some((c) => included.has(c))) {
      if (!push(depth + 1, "<template shadowrootmode='open'>") || !children(shadow, depth + 2, false) || !push(depth + 1, '</template>')) return false;
    }
    if (!children(el, depth + 1, typedInto(el))) return false;
    return push(depth, `</${el.localName}>`);
  };
  /** The text and included elements under `parent`, one per line. */
  const children = (parent: ParentNode, depth: number, typed: boolean): boolean => {
    let gap = false;
    for (const node of parent.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) {
        if (typed) continue;
        const t = textPart(node.nodeValue ?? '', limits.text).trim();
        if (t && !push(depth, t)) return false;
      } else if (node.nodeType === Node.ELEMENT_NODE && !skipped(node as Element)) {
        if (!included.has(node as Element)) {
          // One marker per run of elements left out, so the nesting stays readable.
          if (!gap && !push(depth, '<!-- … -->')) return false;
          gap = true;
          continue;
        }
        gap = false;
        if (!emit(node as Element, depth)) return false;
      }
    }
    return true;
  };
  emit(body, 0);
  return { lines, cut };
}
