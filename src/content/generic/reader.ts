import type { AdapterVenue, FormSnapshot, Read } from '../../shared/form-snapshot';
import type { Note } from '../../shared/overlay-state';
import { FIELD_NAMES, findAll, quote } from '../read/dom';
import { failed } from '../read/fields';
import { LANGS } from '../read/vocab';
import { defineVenue, segment, splitSymbol, symbolRead } from '../venues/define';
import { semanticAnchors } from '../venues/semantic-anchors';
import type { Instrument, ReadContext } from '../venues/types';

/**
 * The fallback for a venue page whose adapter finds no form (a redesign, a new layout):
 * it looks for the form by meaning, in every UI language LiqGuard knows: a size field
 * labelled quantity/size/amount (数量, Menge, Кол-во, Miktar…), a price field, a control
 * showing NNx, a cross/isolated control and buy/sell controls. It says how sure it is:
 * `generic-high` when every field was found exactly once by its label, `generic-low`
 * otherwise, and then the overlay asks the trader to confirm before any number is shown.
 */

const SYMBOL_TOKEN = /(?:^|[^A-Za-z0-9])([A-Za-z0-9]{2,12}[-_/]?(?:USDT|USDC|USD)(?:[-_](?:SWAP|PERP))?)(?![A-Za-z0-9])/i;

/** A symbol from the URL path (last segment that looks like one), else from the title. */
export function guessInstrument(url: URL, doc: Document): Instrument {
  const segments = url.pathname.split('/').filter(Boolean);
  let raw: string | null = null;
  for (let i = segments.length - 1; i >= 0 && raw === null; i--) {
    const s = segment(url, i);
    const m = s ? SYMBOL_TOKEN.exec(s) : null;
    if (m?.[1] && m[1].length === s?.length) raw = m[1];
  }
  if (raw === null) raw = SYMBOL_TOKEN.exec(doc.title.slice(0, 200))?.[1] ?? null;
  const symbol = raw === null ? failed<string>('symbol: neither the URL nor the page title names an instrument') : symbolRead(raw, raw === null ? 'title' : 'URL or title');
  const upper = symbol.ok ? symbol.value.toUpperCase() : '';
  const parts = splitSymbol(upper.replace(/[-_](?:SWAP|PERP)$/, ''));
  // USDT and USDC contracts are linear everywhere; a "USD" one may be inverse or quanto: unknown.
  const contract: Read<'linear' | 'inverse'> =
    parts && parts.quote !== 'USD'
      ? { ok: true, value: 'linear', source: 'semantic' }
      : failed(parts ? `contract: ${upper} could be inverse or quanto; LiqGuard cannot tell on this page` : 'contract: unknown without a symbol');
  return { symbol: symbol.ok ? { ...symbol, value: upper } : symbol, contract, parts, ...(parts ? { settle: parts.quote } : {}) };
}

export interface GenericRead {
  snapshot: FormSnapshot;
  form: Element;
  /** What was found, in words, for the confirm step. */
  found: Note[];
  elements: { price?: Element; quantity?: Element; leverage?: Element };
}

export function describeRead(field: string, read: Read<unknown> | undefined): Note {
  const label = FIELD_NAMES[field] ?? field;
  if (!read) return { code: 'missing', field, message: `${label}: not found` };
  if (!read.ok) return { code: 'missing', field, message: read.reason };
  const v = read.value;
  const shown = Array.isArray(v) ? v.join(' and ') : typeof v === 'object' && v !== null ? `${(v as { value: string }).value} ${(v as { label?: string; unit: string }).label ?? (v as { unit: string }).unit}` : String(v);
  return { code: 'found', field, message: `${label}: ${shown}${read.raw && read.raw !== shown ? ` (shown as ${quote(read.raw, 30)})` : ''}` };
}

export function readGeneric(ctx: ReadContext, venue: AdapterVenue): GenericRead | null {
  const anchors = semanticAnchors();
  const reader = defineVenue({
    id: 'generic',
    venue,
    label: 'LiqGuard',
    matches: [],
    languages: LANGS,
    quantityUnits: [],
    positionModes: [],
    anchors,
    isOrderPage: () => true,
    instrument: guessInstrument,
  });
  const result = reader.read(ctx);
  if (!result.ok) return null;
  const { snapshot, form } = result;

  // How many size fields the whole page offers: more than one means we may have picked the wrong form.
  const sizeFields = findAll(ctx.doc, anchors.quantity, LANGS).length;
  const fields = ['symbol', 'contract', 'sides', 'orderType', 'price', 'quantity', 'leverage', 'marginMode'] as const;
  const reads = fields.map((f) => snapshot[f]);
  const allRead = reads.every((r) => r.ok);
  snapshot.confidence = allRead && sizeFields === 1 ? 'generic-high' : 'generic-low';

  const found = fields.map((f) => describeRead(f, snapshot[f]));
  if (sizeFields > 1) found.push({ code: 'several-forms', field: 'quantity', message: `The page has ${sizeFields} size fields; LiqGuard picked the one next to the buy/sell buttons.` });

  const first = (list: typeof anchors.price) => findAll(form, list, LANGS)[0]?.el;
  const elements: GenericRead['elements'] = {};
  const price = first(anchors.price);
  const quantity = first(anchors.quantity);
  const leverage = first(anchors.leverage);
  if (price) elements.price = price;
  if (quantity) elements.quantity = quantity;
  if (leverage) elements.leverage = leverage;
  return { snapshot, form, found, elements };
}
