import type { FieldDescriptor } from '../picker-store';
import { controlLabel, isShown, textOf } from '../read/dom';
import { leverageIn } from '../read/fields';

/**
 * Turns an element the trader clicked into a descriptor that finds it again after a
 * re-render, and back. Ids that look generated (React useId ":r4:", "_r_4o_", long digit
 * runs, hex hashes) are not kept; a trailing counter is dropped to an id prefix.
 */

const GENERATED_ID = /^(?:[:«]|_?r_|.*\d{3,}|[a-f0-9]{8,}$|.*[A-Z0-9]{6,}$)/;

function stableId(id: string): boolean {
  return /^[A-Za-z][\w-]{2,60}$/.test(id) && !GENERATED_ID.test(id) && !/\d/.test(id);
}

function idPrefix(id: string): string | null {
  const m = /^([A-Za-z][A-Za-z_]{2,}[-_])[A-Za-z0-9]{1,12}$/.exec(id);
  return m?.[1] && /\d/.test(id.slice(m[1].length)) ? m[1] : null;
}

/** The control a click was meant for: the input inside a clicked label or wrapper, or the clicked button. */
export function targetControl(el: Element): Element {
  const input = el.closest('input, textarea, select');
  if (input) return input;
  const label = el.closest('label');
  if (label && (label as HTMLLabelElement).control) return (label as HTMLLabelElement).control as Element;
  const inner = [...el.querySelectorAll('input')].filter(isShown);
  if (inner.length === 1 && inner[0]) return inner[0];
  return el.closest('button, [role="button"], [role="combobox"]') ?? el;
}

export function describe(el: Element): FieldDescriptor | null {
  const tag = el.tagName.toLowerCase();
  if (!/^[a-z][a-z0-9-]{0,30}$/.test(tag)) return null;
  const d: FieldDescriptor = { tag };
  const attr = (name: string) => {
    const v = el.getAttribute(name);
    return v && v.length <= 120 ? v : null;
  };
  const id = attr('id');
  if (id && stableId(id)) d.id = id;
  else if (id) {
    const prefix = idPrefix(id);
    if (prefix) d.idPrefix = prefix;
  }
  const testId = attr('data-testid');
  if (testId) d.testId = testId;
  const name = attr('name');
  if (name) d.name = name;
  const aria = attr('aria-label');
  if (aria) d.ariaLabel = aria;
  const placeholder = attr('placeholder');
  if (placeholder) d.placeholder = placeholder;
  const labels = (el as HTMLInputElement).labels;
  const label = labels && labels[0] ? textOf(labels[0], 120) : '';
  if (label) d.label = label;
  if (Object.keys(d).length === 1 && leverageIn(textOf(el, 40)) !== null) d.shows = 'leverage';
  if (Object.keys(d).length === 1) return null;
  // Keep only what finds this very element again; a shared prefix ("fld-" on every input) falls back to the full id.
  if (resolve(el.ownerDocument, d) !== el && id && !d.id && !GENERATED_ID.test(id)) d.id = id;
  return resolve(el.ownerDocument, d) === el ? d : null;
}

function only(list: Element[]): Element | null {
  const shown = list.filter(isShown);
  return shown.length === 1 ? (shown[0] as Element) : null;
}

/** Finds the element again, trying the strongest identifier first; null when none finds exactly one. */
export function resolve(doc: Document, d: FieldDescriptor): Element | null {
  const all = () => [...doc.getElementsByTagName(d.tag)];
  const tries: (() => Element | null)[] = [
    () => (d.id ? only([doc.getElementById(d.id)].filter((e): e is HTMLElement => !!e && e.tagName.toLowerCase() === d.tag)) : null),
    () => (d.idPrefix ? only(all().filter((e) => e.id.startsWith(d.idPrefix as string))) : null),
    () => (d.testId ? only(all().filter((e) => e.getAttribute('data-testid') === d.testId)) : null),
    () => (d.name ? only(all().filter((e) => e.getAttribute('name') === d.name)) : null),
    () => (d.ariaLabel ? only(all().filter((e) => e.getAttribute('aria-label') === d.ariaLabel)) : null),
    () => (d.placeholder ? only(all().filter((e) => e.getAttribute('placeholder') === d.placeholder)) : null),
    () => (d.label ? only(all().filter((e) => controlLabel(e).includes(d.label as string))) : null),
    () => (d.shows === 'leverage' ? only(all().filter((e) => leverageIn(textOf(e, 40)) !== null)) : null),
  ];
  for (const attempt of tries) {
    const el = attempt();
    if (el) return el;
  }
  return null;
}
