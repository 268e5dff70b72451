import type { AdapterVenue, FormField, FormSnapshot, PageFigure, Read } from '../../shared/form-snapshot';
import type { Note } from '../../shared/overlay-state';
import { pageNumberFormat } from '../../core/parse/number';
import { describeRead, readGeneric } from '../generic/reader';
import type { PickerField } from '../picker-store';
import { adapterFor, venueOfHost } from '../venues/registry';
import type { ReadContext, VenueAdapter } from '../venues/types';
import { FIELD_NAMES } from './dom';
import { numberSamples, type PageContext } from './fields';
import type { PickedReader } from './picked';
import { LANGS } from './vocab';

/**
 * One read of the page: adapter first, then the fields the trader pointed at, then the
 * generic reader. Decides locally, with no money math, whether the result is complete
 * enough to send: a missing, unreadable or ambiguous field stops here with its reason.
 */

export type PageRead =
  /** No order form could be found at all. */
  | { kind: 'no-form'; reason: string; venue: AdapterVenue }
  /** The size is empty or zero: nothing to assess. */
  | { kind: 'empty'; snapshot: FormSnapshot; form: Element | null }
  | { kind: 'unreadable'; snapshot: FormSnapshot; reasons: Note[]; form: Element | null }
  /** The generic reader is unsure: the trader confirms what it found before anything is sent. */
  | { kind: 'confirm'; snapshot: FormSnapshot; found: Note[]; elements: Partial<Record<PickerField, Element>>; form: Element | null }
  | { kind: 'complete'; snapshot: FormSnapshot; form: Element | null };

const REQUIRED = ['symbol', 'contract', 'sides', 'orderType', 'price', 'quantity', 'leverage', 'marginMode'] as const;


/** Why the snapshot cannot be assessed, field by field; empty when it can. */
export function missingFields(s: FormSnapshot): Note[] {
  const notes: Note[] = [];
  for (const field of REQUIRED) {
    const read = s[field] as Read<unknown>;
    if (!read.ok) notes.push({ code: 'unreadable', field, message: `${FIELD_NAMES[field]}: ${read.reason.replace(/^[^:]{1,30}: /, '')}` });
  }
  if (s.quantity.ok && s.quantity.value.unit === 'percent') {
    if (!s.availableBalance) notes.push({ code: 'unreadable', field: 'availableBalance', message: 'Available balance: the size is a percentage of the balance, but the page shows no available balance' });
    else if (!s.availableBalance.ok) notes.push({ code: 'unreadable', field: 'availableBalance', message: `Available balance: ${s.availableBalance.reason.replace(/^[^:]{1,30}: /, '')}` });
  }
  if (s.sides.ok && s.sides.value.length === 0) notes.push({ code: 'unreadable', field: 'sides', message: 'Side: no side to assess' });
  return notes;
}

/** The size field is blank or zero: the trader has not asked about a position yet. */
export function isEmpty(s: FormSnapshot): boolean {
  if (s.quantity.ok) return /^0(?:\.0*)?$/.test(s.quantity.value.value);
  return s.quantity.raw !== undefined && /^\s*$/.test(s.quantity.raw);
}

/** Which form fields each page figure bears out: a figure computed from them would differ if one were misread. */
const COVERS: Record<PageFigure['kind'], readonly FormField[]> = {
  orderValue: ['price', 'quantity'],
  cost: ['price', 'quantity', 'leverage'],
  maxOpen: ['price', 'leverage'],
  liquidation: ['price', 'quantity', 'leverage', 'marginMode'],
};
/** Guessed fields that change the figures by their value: each needs a page figure (or the trader) to vouch for it. */
const NUMERIC: readonly FormField[] = ['price', 'quantity', 'leverage'];

/** Guessed numeric fields that no figure on the page can bear out (a market order's price is the page's, not the form's). */
export function uncoveredGuesses(s: FormSnapshot): FormField[] {
  const covered = new Set((s.pageFigures ?? []).flatMap((f) => COVERS[f.kind]));
  return (s.guessed ?? []).filter((f) => NUMERIC.includes(f) && !covered.has(f) && !(f === 'price' && s.priceKind !== 'limit'));
}

export interface ReadOptions {
  /** The trader confirmed the generic reader's fields on this page (not persisted: no stable descriptors). */
  genericConfirmed: (elements: Partial<Record<PickerField, Element>>) => boolean;
  /**
   * The fields, controls, balance and size unit the trader pointed at on this site (src/content/read/picked.ts,
   * in the on-demand module, loaded on pages where the trader saved any).
   */
  picked?: PickedReader;
  /**
   * Why the trader's saved choice is not applied yet (the on-demand module is loading, or failed to): the page
   * is not read meanwhile, so that no figure rests on fields the trader has corrected by pointing at others.
   */
  pending?: string;
}

export function readPage(ctx: ReadContext, options: ReadOptions): PageRead {
  const adapter: VenueAdapter | null = adapterFor(ctx.url);
  const venue: AdapterVenue = (adapter ?? venueOfHost(ctx.url.hostname))?.venue ?? 'generic';
  if (options.pending) return { kind: 'no-form', reason: options.pending, venue };
  // The fields and controls the trader pointed at tell where the form is when the adapter's anchors find none:
  // inside the smallest box holding them all (one alone: the adapter climbs from it).
  const pointed = options.picked?.hints(ctx) ?? [];
  const hint = pointed[0] ?? null;
  let root = pointed.length > 1 ? hint : null;
  while (root && !pointed.every((e) => root?.contains(e))) root = root.parentElement;
  // The price depends on the order type: one read from controls the trader pointed at is known before the form is read.
  const orderType = options.picked?.orderType(ctx);
  if (orderType) ctx = { ...ctx, orderType };
  let result = adapter?.read(ctx);
  if (adapter && result && !result.ok && hint) result = adapter.read({ ...ctx, ...(root ? { formRoot: root } : { formHint: hint }) });
  let snapshot: FormSnapshot;
  let confirmNeeded = false;
  let found: Note[] = [];
  let elements: Partial<Record<PickerField, Element>>;
  let form: Element | null;

  if (result?.ok) {
    snapshot = result.snapshot;
    form = result.form;
    elements = result.elements;
    options.picked?.apply(snapshot, ctx, result.page, false, elements);
    const uncovered = uncoveredGuesses(snapshot);
    if (uncovered.length > 0) {
      if (options.genericConfirmed(pick(elements, uncovered))) snapshot.confirmed = true;
      else {
        confirmNeeded = true;
        found = confirmNotes(snapshot, uncovered);
        elements = pick(elements, uncovered);
      }
    }
  } else {
    const generic = readGeneric(ctx, venue) ?? (hint ? readGeneric({ ...ctx, formHint: hint }, venue) : null);
    if (!generic) {
      // Even the fields the trader pointed at sit in no form with buy/sell controls.
      return { kind: 'no-form', reason: result && !result.ok ? result.reason : 'LiqGuard could not find an order form on this page', venue };
    }
    snapshot = generic.snapshot;
    form = generic.form;
    found = generic.found;
    elements = generic.elements;
    let picked = false;
    if (options.picked) {
      const lang = ctx.doc.documentElement.getAttribute('lang') ?? undefined;
      const page: PageContext = { langs: LANGS, numbers: pageNumberFormat(numberSamples(generic.form, ctx.doc), lang) };
      picked = options.picked.apply(snapshot, ctx, page, true, elements);
    }
    // Fields the trader pointed at need no second confirmation; a sure read still needs the page's figures to bear it out.
    const unsure = snapshot.confidence === 'generic-low' || uncoveredGuesses(snapshot).length > 0;
    if (unsure && !picked && options.genericConfirmed(elements)) snapshot.confirmed = true;
    confirmNeeded = unsure && !picked && !snapshot.confirmed;
  }
  return classify(snapshot, confirmNeeded, found, elements, form);
}

function classify(snapshot: FormSnapshot, confirmNeeded: boolean, found: Note[], elements: Partial<Record<PickerField, Element>>, form: Element | null): PageRead {
  if (isEmpty(snapshot)) return { kind: 'empty', snapshot, form };
  const reasons = missingFields(snapshot);
  // An adapter's read with a field missing says which; the generic reader's unsure read lists what it found and what it missed.
  if (confirmNeeded && (reasons.length === 0 || snapshot.confidence !== 'adapter')) return { kind: 'confirm', snapshot, found, elements, form };
  if (reasons.length > 0) return { kind: 'unreadable', snapshot, reasons, form };
  return { kind: 'complete', snapshot, form };
}

function pick(elements: Partial<Record<PickerField, Element>>, fields: readonly FormField[]): Partial<Record<PickerField, Element>> {
  return Object.fromEntries(Object.entries(elements).filter(([f]) => fields.includes(f as FormField)));
}

/** What the trader is asked to confirm: the guessed fields as read, and why a figure cannot vouch for them. */
function confirmNotes(s: FormSnapshot, uncovered: readonly FormField[]): Note[] {
  const names = uncovered.map((f) => FIELD_NAMES[f]?.toLowerCase() ?? f).join(', ');
  return [
    ...(['symbol', 'sides', 'orderType', 'price', 'quantity', 'leverage', 'marginMode'] as const).map((f) => describeRead(f, s[f])),
    { code: 'guessed-fields', field: uncovered[0] ?? 'quantity', message: `LiqGuard found the ${names} by their labels, not by a hook it has seen on this venue, and the page shows no order value or cost to check them against. Check they are your order's, then confirm.` },
  ];
}

