import type { FormField, FormSnapshot, QuantityUnit, Read, Reading } from '../../shared/form-snapshot';
import { pageNumberFormat } from '../../core/parse/number';
import { findAll, findFirst, inSight, labelOf, quote, shownInputs, sourceOf, textOf, type Anchor, type Found } from '../read/dom';
import {
  buttonTexts,
  failed,
  isSelected,
  marginModeOf,
  numberSamples,
  orderTypeOf,
  otherReading,
  readBalance,
  readChoice,
  readLeverage,
  readNumberField,
  readPageFigures,
  readPagePrice,
  readQuantity,
  readSides,
  type PageContext,
  type SymbolParts,
} from '../read/fields';
import { checkPageSymbol } from '../read/symbol-check';
import { hasWord, whichWord, type Lang } from '../read/vocab';
import type { AdapterRead, Instrument, ReadContext, VenueAdapter, VenueAnchors } from './types';

export interface VenueSpec extends Omit<VenueAdapter, 'findForm' | 'read' | 'anchors'> {
  anchors: VenueAnchors;
  /** Symbol, contract type and base/quote from the URL (checked against the page's header and title). */
  instrument(url: URL, doc: Document): Instrument;
  /** Venue-specific unit labels (e.g. BitMEX "USD" contracts); the default knows coin, quote, contracts and %. */
  unitOf?(label: string, symbol: SymbolParts, langs: readonly Lang[]): QuantityUnit | null;
}

/** Climbs from a field (or a marker inside the form) to the smallest container holding the size field and the side controls. */
function climbToForm(start: Element, spec: VenueSpec, needQuantity = true): Element | null {
  const sideAnchors: readonly Anchor[] = [...spec.anchors.sideButtons, ...(spec.anchors.sideTabs ?? [])];
  let el: Element | null = start;
  for (let i = 0; el && i < 12; i++, el = el.parentElement) {
    if ((!needQuantity || findFirst(el, spec.anchors.quantity, spec.languages)) && findFirst(el, sideAnchors, spec.languages)) return el;
    // From a field or control the trader pointed at, on a form whose side controls no anchor knows: the first box around it that holds the form's inputs.
    if (!needQuantity && shownInputs(el) > 1) return el;
  }
  return null;
}

/** A hedge form's Open / Close switch: position tabs naming both. */
function openCloseTabs(root: Element, spec: VenueSpec, langs: readonly Lang[]): Found | null {
  const tabs = spec.anchors.positionTabs ? findFirst(root, spec.anchors.positionTabs, langs) : null;
  // A caption naming a price is no tab: Korean "진입 가격" (entry price) and "청산 가격" (liquidation price: 청산 is also "close").
  const els = tabs?.els.filter((el) => !hasWord(labelOf(el), 'price', langs)) ?? [];
  const kinds = els.map((el) => whichWord(labelOf(el), ['close', 'open'], langs));
  return tabs && kinds.includes('open') && kinds.includes('close') ? { ...tabs, els } : null;
}

/**
 * A position's own close box, not an order form: a row's or card's quick close (its price and size boxes,
 * "Close"), or the positions list holding it. Its buttons name closing and none names opening, nor a side
 * without closing ("Buy/Long", an order form's); buttons that close either side ("Close Long", "Close Short")
 * are a hedge form's only beside its Open / Close switch.
 */
function closesOnly(root: Element, spec: VenueSpec): boolean {
  const langs = spec.languages;
  const kinds = buttonTexts(root).map((t) => whichWord(t, ['open', 'close'], langs) ?? (whichWord(t, ['buy', 'sell'], langs) && 'open'));
  return kinds.includes('close') && !kinds.includes('open') && !openCloseTabs(root, spec, langs);
}

/**
 * The form around the first anchor that matches. Of several candidates: never a position's close box, nor a
 * box holding another candidate (a page region around the form), then one in the trader's sight, then the one that also holds price,
 * leverage and margin controls, the first in the page of those. With none left, the next anchors are tried.
 */
function findFormWith(spec: VenueSpec, doc: Document): Element | null {
  for (let from = 0, found; (found = findFirst(doc, spec.anchors.form.slice(from), spec.languages)); from += found.index + 1) {
    const all = [...new Set(found.els.slice(0, 8).map((el) => climbToForm(el, spec)).filter((r): r is Element => r !== null))];
    const outer = all.filter((r) => !all.some((o) => o !== r && r.contains(o)) && !closesOnly(r, spec));
    // A copy out of the trader's sight (a closed mobile sheet, an inactive pane) is passed over while one in sight is left.
    const shown = outer.filter(inSight);
    const roots = shown.length ? shown : outer;
    const score = (root: Element) =>
      [spec.anchors.price, spec.anchors.leverage, spec.anchors.marginMode].filter((list) => findFirst(root, list, spec.languages)).length;
    if (roots.length) return roots.reduce((best, r) => (score(r) > score(best) ? r : best));
  }
  return null;
}

function readPositionMode(form: Element, spec: VenueSpec, page: PageContext): { mode?: Read<'oneway' | 'hedge'>; intent?: Read<'open' | 'close'> } {
  const { reduceOnly } = spec.anchors;
  const tabs = openCloseTabs(form, spec, page.langs);
  if (tabs) {
    const selected = tabs.els.filter(isSelected).map((el) => whichWord(labelOf(el), ['close', 'open'], page.langs));
    const mode: Read<'oneway' | 'hedge'> = { ok: true, value: 'hedge', source: sourceOf('position-tabs', tabs) };
    const only = [...new Set(selected.filter((k) => k !== null))];
    const intent: Read<'open' | 'close'> =
      only.length === 1 ? { ok: true, value: only[0] as 'open' | 'close', raw: textOf(tabs.els.find(isSelected)), source: sourceOf('position-tabs', tabs) } : failed('open/close: no tab is marked selected');
    return { mode, intent };
  }
  const reduce = reduceOnly ? findFirst(form, reduceOnly, page.langs) : null;
  if (reduce) {
    const mode: Read<'oneway' | 'hedge'> = { ok: true, value: 'oneway', source: sourceOf('reduce-only', reduce) };
    const checked = reduce.els.some((el) => isSelected(el) || !!el.querySelector('input:checked, [aria-checked="true"], .is-checked, [class*="--checked"]'));
    return { mode, intent: { ok: true, value: checked ? 'close' : 'open', source: sourceOf('reduce-only', reduce) } };
  }
  return {};
}

interface PriceRead {
  price: Read<string>;
  kind?: 'limit' | 'mark' | 'last';
  el?: Element;
  anchor?: Anchor;
  reading?: Reading;
  mark?: Read<string>;
  last?: Read<string>;
}

/**
 * The order's price: the limit price for a limit (or visible-priced conditional) order. A market order
 * fills near the last traded price (or the best opposite quote), not at the mark: its entry is the
 * page's last price, and the mark is read beside it for the distance only. A page that shows only a
 * mark gives that as the entry, and the assessment says so.
 */
function readPrice(form: Element, spec: VenueSpec, ctx: ReadContext, page: PageContext, orderType: Read<'limit' | 'market' | 'conditional'>): PriceRead {
  const { anchors } = spec;
  const limit = (): PriceRead => {
    const r = readNumberField(form, anchors.price, 'price', 'limit price', page);
    const { el, anchor, unit: _unit, other: _other, ...read } = r;
    const out: PriceRead = { price: read, kind: 'limit' };
    if (el) out.el = el;
    if (anchor) out.anchor = anchor;
    if (read.ok && read.value === '0') out.price = failed<string>('limit price: zero is not a price', read.raw);
    const reading = otherReading('price', r, page);
    if (reading && out.price.ok) out.reading = reading;
    return out;
  };
  if (!orderType.ok) return { price: failed<string>('price: depends on the order type, which could not be read') };
  if (orderType.value === 'limit') return limit();
  if (orderType.value === 'conditional') {
    const visible = findFirst(form, anchors.price, page.langs);
    if (visible) return limit();
    return { price: failed<string>('price: a conditional market order fills at an unknown price') };
  }
  const last = anchors.lastPrice ? readPagePrice(ctx.doc, anchors.lastPrice, 'last price', page) : undefined;
  const mark = anchors.markPrice ? readPagePrice(ctx.doc, anchors.markPrice, 'mark price', page) : undefined;
  const out: PriceRead = { price: failed<string>(`market price: ${[last, mark].map((r) => (r && !r.ok ? r.reason : '')).filter(Boolean).join('; ') || 'the page shows no last or mark price'}`) };
  if (last?.ok) Object.assign(out, { price: last, kind: 'last', last });
  else if (mark?.ok) Object.assign(out, { price: mark, kind: 'mark' });
  if (mark?.ok) out.mark = mark;
  return out;
}

/** The anchor a read came from (its source names the field and the anchor's index), to tell a dated hook from a semantic guess. */
function anchorOf(read: Read<unknown>, name: string, lists: readonly (readonly Anchor[] | undefined)[]): Anchor | undefined {
  if (!read.ok) return undefined;
  const m = new RegExp(`^selector:${name}\\[(\\d+)\\]`).exec(read.source);
  if (!m) return undefined;
  const index = Number(m[1]);
  for (const list of lists) if (list?.[index]) return list[index];
  return undefined;
}

const isGuess = (anchor: Anchor | undefined) => anchor?.seen === 'unverified';

export function defineVenue(spec: VenueSpec): VenueAdapter {
  const { instrument, unitOf, ...meta } = spec;
  const findForm = (doc: Document) => findFormWith(spec, doc);

  function read(ctx: ReadContext): AdapterRead {
    const form = findForm(ctx.doc) ?? ctx.formRoot ?? (ctx.formHint ? climbToForm(ctx.formHint, spec, false) : null);
    if (!form) return { ok: false, reason: `${spec.label}: the order form was not found on this page` };
    const { anchors } = spec;
    const lang = ctx.doc.documentElement.getAttribute('lang') ?? undefined;
    const page: PageContext = { langs: spec.languages, numbers: pageNumberFormat(numberSamples(form, ctx.doc), lang) };
    const inst = instrument(ctx.url, ctx.doc);
    // The URL's market must be the one the page shows (header, title): SPAs keep stale routes.
    const symbolCheck = inst.parts && inst.symbol.ok ? checkPageSymbol(ctx.doc, anchors.symbol ? findAll(ctx.doc, anchors.symbol, page.langs).map((h) => h.el) : [], inst.parts, inst.symbol.value, inst.pageQuotes) : {};
    const symbol: Read<string> = symbolCheck.conflict ? failed(symbolCheck.conflict, inst.symbol.ok ? inst.symbol.value : undefined) : inst.symbol;

    const own = readChoice(form, anchors.orderType, 'order type', (el) => orderTypeOf(el, page.langs), page, 2);
    const orderType = !own.ok && ctx.orderType ? ctx.orderType : own;
    const price = readPrice(form, spec, ctx, page, orderType);
    const quantity = readQuantity(form, anchors.quantity, anchors.quantityUnit ?? [], inst.parts, page, unitOf ? (l, s) => unitOf(l, s, page.langs) : undefined);
    const { sides, activeSide, elements: sideEls } = readSides(form, anchors.sideButtons, anchors.sideTabs ?? [], page, { hovered: ctx.hovered ?? null, focused: ctx.focused ?? null });
    const { mode, intent } = readPositionMode(form, spec, page);
    const balance = anchors.balance ? readBalance(form, anchors.balance, page, inst.settle ?? null) : undefined;
    const { bySide: leverageBySide, ...leverage } = readLeverage(form, anchors.leverage, page);
    const marginMode = readChoice(form, anchors.marginMode, 'margin mode', (el) => marginModeOf(el, page.langs), page);
    const figures = readPageFigures(form, anchors, sideEls, page);

    const { el: quantityEl, anchor: quantityAnchor, readings: quantityReadings, ...quantityRead } = quantity;
    const snapshot: FormSnapshot = {
      venue: spec.venue,
      // Origin and path only: the query and fragment may carry tokens the background has no use for.
      url: `${ctx.url.origin}${ctx.url.pathname}`.slice(0, 2048),
      symbol,
      contract: inst.contract,
      sides,
      orderType,
      price: price.price,
      quantity: quantityRead,
      leverage,
      marginMode,
      confidence: 'adapter',
      readAt: ctx.now,
    };
    const product = inst.product ?? spec.product;
    if (product) snapshot.product = product;
    if (lang) snapshot.pageLanguage = lang.slice(0, 35);
    if (activeSide) snapshot.activeSide = activeSide;
    if (leverageBySide && leverageBySide.long !== leverageBySide.short) snapshot.leverageBySide = leverageBySide;
    if (price.kind) snapshot.priceKind = price.kind;
    if (price.mark) snapshot.markPrice = price.mark;
    if (price.last) snapshot.lastPrice = price.last;
    if (mode) snapshot.positionMode = mode;
    if (intent) snapshot.intent = intent;
    if (balance) snapshot.availableBalance = balance;
    if (symbolCheck.pageSymbol) snapshot.pageSymbol = symbolCheck.pageSymbol;
    const readings = [...(price.reading ? [price.reading] : []), ...(quantityReadings ?? [])];
    if (readings.length) snapshot.readings = readings;
    if (figures.length) snapshot.pageFigures = figures;

    // Fields found only by label words or roles (no dated hook): they need the page's figures or the trader's word.
    const guessed: FormField[] = [];
    if (price.kind === 'limit' && isGuess(price.anchor)) guessed.push('price');
    if (isGuess(quantityAnchor)) guessed.push('quantity');
    // Per-side leverages are found by their buttons' words, never by a hook.
    if (leverageBySide || isGuess(anchorOf(leverage, 'leverage', [anchors.leverage]))) guessed.push('leverage');
    if (isGuess(anchorOf(marginMode, 'margin-mode', [anchors.marginMode]))) guessed.push('marginMode');
    if (isGuess(anchorOf(orderType, 'order-type', [anchors.orderType]))) guessed.push('orderType');
    if (isGuess(anchorOf(sides, 'side-tab', [anchors.sideTabs])) || isGuess(anchorOf(sides, 'side-buttons', [anchors.sideButtons]))) guessed.push('sides');
    if (guessed.length) snapshot.guessed = guessed;

    const elements: Extract<AdapterRead, { ok: true }>['elements'] = {};
    if (price.el) elements.price = price.el;
    if (quantityEl) elements.quantity = quantityEl;
    const leverageEl = findFirst(form, anchors.leverage, page.langs)?.els[0];
    if (leverageEl) elements.leverage = leverageEl;
    return { ok: true, snapshot, form, page, elements };
  }

  return { ...meta, findForm, read };
}

/** Decodes one URL path segment; a malformed escape is treated as absent. */
export function segment(url: URL, index: number): string | null {
  const raw = url.pathname.split('/').filter(Boolean)[index];
  if (raw === undefined) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

const SYMBOL_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/** A symbol read from the page, checked against the characters venues use; anything else is reported, not shown as-is. */
export function symbolRead(value: string | null, where: string): Read<string> {
  if (value === null || value === '') return failed(`symbol: the ${where} names no instrument`);
  if (!SYMBOL_RE.test(value)) return failed(`symbol: ${quote(value, 40)} in the ${where} is not an instrument name`, value.slice(0, 80));
  return { ok: true, value, raw: value, source: 'page' };
}

export interface Contract {
  parts: SymbolParts;
  contract: 'linear' | 'inverse';
  /** Asset the balance is shown in when the page does not say (quote for linear, base for inverse). */
  settle?: string;
}

/**
 * The instrument from the venue's own name for it (upper-cased unless `keepCase`):
 * `parse` says what the name means, or returns why it is not one LiqGuard can assess.
 */
export function instrumentOf(raw: string | null, parse: (name: string) => Contract | string, extra: { product?: string; keepCase?: boolean } = {}): Instrument {
  const read = symbolRead(raw, 'URL');
  const name = read.ok ? (extra.keepCase ? read.value : read.value.toUpperCase()) : '';
  const c = read.ok ? parse(name) : 'the symbol is unknown';
  const inst: Instrument =
    typeof c === 'string'
      ? { symbol: read.ok ? { ...read, value: name } : read, contract: failed(`contract: ${read.ok ? `${quote(name, 30)} ` : ''}${c}`), parts: null }
      : { symbol: { ...(read as Extract<typeof read, { ok: true }>), value: name }, contract: { ok: true, value: c.contract, source: 'page' }, parts: c.parts, settle: c.settle ?? (c.contract === 'inverse' ? c.parts.base : c.parts.quote) };
  if (extra.product) inst.product = extra.product;
  return inst;
}

/** Splits "BTCUSDT", "BTC-USDT-SWAP", "BTC_USDT", "BTCUSD_PERP" into base and quote. */
export function splitSymbol(symbol: string, quotes: readonly string[] = ['USDT', 'USDC', 'USD', 'BUSD', 'FDUSD', 'USDE']): SymbolParts | null {
  const upper = symbol.toUpperCase();
  const separated = /^([A-Z0-9]+)[-_/]([A-Z0-9]+)/.exec(upper);
  if (separated?.[1] && separated[2] && quotes.includes(separated[2])) return { base: separated[1], quote: separated[2] };
  const core = upper.replace(/_(PERP|\d{6})$/, '');
  for (const q of [...quotes].sort((a, b) => b.length - a.length)) {
    if (core.endsWith(q) && core.length > q.length) return { base: core.slice(0, -q.length), quote: q };
  }
  return null;
}
