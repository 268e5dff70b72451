import type { FormField, FormSnapshot, QuantityRead, Read, Side } from '../../shared/form-snapshot';
import { resolve } from '../picker/descriptor';
import { parsePickerChoice, type FieldDescriptor, type PickerChoice, type PickerField } from '../picker-store';
import type { ReadContext } from '../venues/types';
import { quote, textOf } from './dom';
import { balanceFrom, failed, isSelected, leverageIn, otherReading, quantityFrom, readNumberFrom, type PageContext, type SymbolParts } from './fields';

/**
 * Choices read from the controls the trader pointed at (one per option: Buy/Long and Sell/Short,
 * Limit and Market, Open and Close, Cross and Isolated). Every read asks the page which of them it
 * marks active now, by the reader's own rules (aria-selected/checked/pressed, data-state, an
 * "active"/"selected" class on the control or on its wrapper); nothing is remembered but where the
 * controls are. None or several marked: not read, with the reason.
 *
 * Part of the content script's on-demand module, with the price, size and leverage fields the trader
 * pointed at: the content script loads it on pages where the trader saved any of these
 * (src/content/controller.ts) and hands it to the reader (ReadOptions.picked). It is used on few pages
 * only, so none of it is in the script every venue page parses.
 */

/** What the reader asks of the trader's saved fields, controls, balance and size unit, bound to one saved choice. */
export interface PickedReader {
  /** The fields and controls the trader pointed at that are on the page (size and price first): where the form is. */
  hints(ctx: ReadContext): Element[];
  /** The order type from the controls the trader pointed at, when they pointed at any. */
  orderType(ctx: ReadContext): Read<'limit' | 'market' | 'conditional'> | undefined;
  /**
   * Fills what the reader missed or only guessed (`override`: everything, for the generic reader); never a value
   * the page shows. `elements`: the fields the reader found. True when a field the trader pointed at was read.
   */
  apply(s: FormSnapshot, ctx: ReadContext, page: PageContext, override: boolean, elements: Partial<Record<PickerField, Element>>): boolean;
}

/** Elements scanned for a text descriptor: a page with 100,000 divs costs no more than one with this many. */
const TEXT_SCAN = 5000;

/** Finds a saved control again: by its attributes, or (a plain tab or button) by its whole text, innermost, exactly one shown. */
export function find(doc: Document, d: FieldDescriptor): Element | null {
  if (!d.text) return resolve(doc, d);
  const same = [...doc.getElementsByTagName(d.tag)].slice(0, TEXT_SCAN).filter((e) => e.childElementCount <= 3 && textOf(e, 41) === d.text);
  const inner = same.filter((e) => !same.some((o) => o !== e && e.contains(o)));
  const shown = inner.filter((e) => (e as HTMLElement).checkVisibility?.({ visibilityProperty: true }) ?? true);
  return shown.length === 1 ? (shown[0] as Element) : null;
}

const NAMES: Record<string, string> = { sides: 'side', orderType: 'order type', intent: 'open/close', marginMode: 'margin mode' };
const MARKS = ['aria-selected', 'aria-checked', 'aria-pressed', 'data-state'];

/** The control and up to two wrappers around it, none holding another option's control. */
function around(el: Element, others: readonly Element[]): Element[] {
  const out: Element[] = [el];
  for (let p = el.parentElement; p && out.length < 3 && !others.some((o) => p?.contains(o)); p = p.parentElement) out.push(p);
  return out;
}

export function readPickedChoice(doc: Document, field: string, options: Partial<Record<string, FieldDescriptor>>): Read<string | Side[]> {
  const name = NAMES[field] ?? field;
  const found = Object.entries(options).flatMap(([value, d]) => {
    const el = d ? find(doc, d) : null;
    return el ? [{ value, el }] : [];
  });
  if (found.length === 0) return failed(`${name}: the controls you pointed at are no longer on the page (point at them again)`);
  const els = found.map((f) => f.el);
  const scopes = found.map((f) => around(f.el, els.filter((e) => e !== f.el)));
  const active = found.filter((_, i) => scopes[i]?.some(isSelected)).map((f) => f.value);
  const marked = scopes.some((s) => s.some((e) => MARKS.some((a) => e.hasAttribute(a))));
  // Buy and Sell as two order buttons, neither marked: both sides, as the reader does with the venue's own buttons.
  if (field === 'sides' && active.length === 0 && !marked) return { ok: true, value: found.map((f) => f.value as Side), source: 'picker' };
  if (active.length === 1) {
    const value = active[0] as string;
    return field === 'sides' ? { ok: true, value: [value as Side], source: 'picker' } : { ok: true, value, source: 'picker' };
  }
  const shown = found.map((f) => f.value).join(', ');
  return failed(active.length === 0 ? `${name}: none of the controls you pointed at (${shown}) is marked active on the page` : `${name}: the page marks several of the controls you pointed at active (${active.join(', ')})`);
}

/** A plain tab or button ("Market", "▲", "Đóng") by its whole text in the page's language, when that finds it again. */
export function describeByText(el: Element): FieldDescriptor | null {
  const text = textOf(el, 41);
  const d: FieldDescriptor = { tag: el.tagName.toLowerCase(), text };
  return text && text.length <= 40 && /^[a-z][a-z0-9-]{0,30}$/.test(d.tag) && find(el.ownerDocument, d) === el ? d : null;
}

/** A reader for the trader's saved choice (storage, untrusted: parsed here), or null when it saves nothing usable. */
export function createPickedReader(raw: unknown): PickedReader | null {
  const choice = parsePickerChoice(raw);
  if (!choice) return null;
  return {
    hints(ctx) {
      const fields = [choice.fields.quantity, choice.fields.price].flatMap((d) => (d && resolve(ctx.doc, d)) || []);
      return fields.concat(
        Object.values(choice.options ?? {}).flatMap((o) => {
          for (const d of Object.values(o ?? {})) {
            const el = d && find(ctx.doc, d);
            if (el) return [el];
          }
          return [];
        }),
      );
    },
    orderType(ctx) {
      const controls = choice.options?.orderType;
      return controls ? (readPickedChoice(ctx.doc, 'orderType', controls) as Read<'limit' | 'market' | 'conditional'>) : undefined;
    },
    apply(s, ctx, page, override, elements) {
      const used = applyFields(s, choice, ctx, page, symbolParts(s), override);
      if (!override && s.guessed) {
        // A field the trader pointed at earlier is no guess, whatever anchor found it.
        const same = Object.entries(choice.fields).filter(([f, d]) => d && resolve(ctx.doc, d) === elements[f as PickerField]).map(([f]) => f);
        s.guessed = s.guessed.filter((f) => !same.includes(f));
      }
      applyPicked(s, choice, ctx, page, override, (choice.fields.quantity && resolve(ctx.doc, choice.fields.quantity)) || elements.quantity);
      return used;
    },
  };
}

/** Base and quote of an already-read symbol, for a picked size field's unit. */
function symbolParts(s: FormSnapshot): SymbolParts | null {
  if (!s.symbol.ok) return null;
  const m = /^([A-Z0-9]+?)[-_/]?(USDT|USDC|USD)(?:[-_].*)?$/i.exec(s.symbol.value);
  return m?.[1] && m[2] ? { base: m[1].toUpperCase(), quote: m[2].toUpperCase() } : null;
}

function pickerRead(field: PickerField, el: Element, page: PageContext, parts: SymbolParts | null): Read<string> | Read<QuantityRead> {
  if (field === 'leverage') {
    const shown = el instanceof HTMLInputElement ? `${el.value}x` : textOf(el, 40);
    const value = leverageIn(shown);
    return value ? { ok: true, value, raw: `${value}x`, source: 'picker' } : failed<never>(`leverage: the field you pointed at shows ${quote(shown)}, not a leverage`);
  }
  const n = readNumberFrom(el, 'picker', page, field === 'price' ? 'price' : 'size');
  if (field === 'quantity') {
    const { readings: _readings, ...q } = quantityFrom(n, el, parts, page);
    return q;
  }
  if (!n.ok) return n;
  const { unit: _unit, other: _other, ...read } = n;
  return read;
}

/** Fills the price, size and leverage from the fields the trader pointed at. `override`: replace what was read (generic reader); otherwise fill failures only. */
function applyFields(s: FormSnapshot, choice: PickerChoice, ctx: ReadContext, page: PageContext, parts: SymbolParts | null, override: boolean): boolean {
  let used = 0;
  let missed = 0;
  for (const [field, descriptor] of Object.entries(choice.fields) as [PickerField, NonNullable<PickerChoice['fields'][PickerField]>][]) {
    if (!override && s[field].ok) continue;
    // A market order's price is the page's mark or last price, not a price field.
    if (field === 'price' && s.orderType.ok && s.orderType.value === 'market' && s.price.ok) continue;
    const el = resolve(ctx.doc, descriptor);
    if (!el) {
      missed++;
      if (override || !s[field].ok) (s as unknown as Record<string, unknown>)[field] = failed(`${field}: the field you pointed at earlier is no longer on the page (point at it again)`);
      continue;
    }
    (s as unknown as Record<string, unknown>)[field] = pickerRead(field, el, page, parts);
    if (field === 'price' && s.price.ok) s.priceKind = 'limit';
    used++;
  }
  if (used > 0 && missed === 0 && Object.keys(choice.fields).length === 3) s.confidence = 'picker';
  return used > 0;
}

/** Base and quote of an already-read symbol: the balance's asset when the page does not name one. */
function settleAsset(s: FormSnapshot): string | null {
  if (!s.symbol.ok) return null;
  const m = /^([A-Z0-9]+?)[-_/]?(USDT|USDC|USD)(?:[-_].*)?$/i.exec(s.symbol.value);
  if (!m?.[1] || !m[2]) return null;
  return (s.contract.ok && s.contract.value === 'inverse' ? m[1] : m[2]).toUpperCase();
}

/**
 * What the trader pointed at beyond price, size and leverage: the controls of a choice (read for the
 * one the page marks active, at every read), the balance element, and the size unit's meaning they
 * set for this symbol. Fills what the reader missed or only guessed (`override`: everything, for the
 * generic reader); a value the page itself shows is never replaced.
 */
function applyPicked(s: FormSnapshot, choice: PickerChoice, ctx: ReadContext, page: PageContext, override: boolean, quantityEl: Element | undefined): void {
  const fields = s as unknown as Record<string, Read<unknown> | undefined>;
  for (const [field, options] of Object.entries(choice.options ?? {})) {
    if (!options || (!override && fields[field]?.ok && !s.guessed?.includes(field as FormField))) continue;
    const read = readPickedChoice(ctx.doc, field, options);
    fields[field] = read;
    if (field === 'sides' && read.ok && (read.value as string[]).length === 1) s.activeSide = (read.value as Side[])[0] as Side;
    if (s.guessed) s.guessed = s.guessed.filter((f) => f !== field);
  }
  if (choice.balance && (override || !s.availableBalance?.ok)) {
    const el = resolve(ctx.doc, choice.balance);
    s.availableBalance = el ? balanceFrom(el, page, settleAsset(s), 'picker') : failed('available balance: the element you pointed at is no longer on the page (point at it again)');
  }
  const set = s.symbol.ok ? choice.units?.[s.symbol.value] : undefined;
  if (!set) return;
  const q = s.quantity;
  // The page left "order value or cost" open: the trader's meaning decides (the page's figures still check it).
  const open = q.ok ? s.readings?.find((r) => r.field === 'quantity' && r.unit === 'cost' && r.value === q.value.value) : undefined;
  if (q.ok && open && (set.unit === 'quote' || set.unit === 'cost')) {
    s.quantity = { ...q, value: { ...q.value, unit: set.unit } };
    s.readings = s.readings?.filter((r) => r !== open);
    if (!s.readings?.length) delete s.readings;
  } else if (!q.ok && quantityEl && /^quantity unit:/.test(q.reason) && !/another market/.test(q.reason)) {
    // No unit the reader can tell beside the box (never one naming another coin): the number, in the trader's unit.
    const n = readNumberFrom(quantityEl, 'page', page, 'size');
    if (!n.ok) return;
    s.quantity = { ok: true, value: { value: n.value, unit: set.unit }, raw: n.raw ?? n.value, source: n.source };
    const other = otherReading('quantity', n, page, set.unit);
    if (other) (s.readings ??= []).push(other);
  } else return;
  (s.setByTrader ??= []).push({ field: 'quantityUnit', value: set.unit, savedAt: set.savedAt });
}

