import type { FormSnapshot, Read } from '../../shared/form-snapshot';
import type { Check, Note, OverlayState } from '../../shared/overlay-state';
import { clip, scrubName } from '../../core/report/mask';
import { REPORT_FORMAT, type PageReport, type ReportAnchor, type ReportField, type ReportNote } from '../../core/report/types';
import { findFirst, type Anchor } from '../read/dom';
import type { PageRead } from '../read/pipeline';
import { LANGS, type Lang } from '../read/vocab';
import { adapterFor } from '../venues/registry';
import { semanticAnchors } from '../venues/semantic-anchors';
import { accountPart, type AccountPart } from './account';
import { queryDeep, snapshotDom, SNAPSHOT_LIMITS, type Focus, type SnapshotLimits } from './snapshot';

/**
 * Builds a page report on the trader's click: what each anchor found on the page, how the
 * reader read each field and why not, what the overlay showed, and the structural snapshot
 * of the form and of everything the anchors found. One pass over the page, bounded (at
 * most PER_ANCHOR elements per anchor and the snapshot's limits), never on a timer.
 */

export interface ReportContext {
  doc: Document;
  url: URL;
  /** The reader's result for the page as it is now. */
  read: PageRead;
  state: OverlayState | null;
  meta: PageReport['meta'];
  /** Other parts of the page to include whole (positions table, account panel). */
  regions?: readonly Element[];
  limits?: SnapshotLimits;
}

export interface BuiltReport {
  report: PageReport;
  /** The fields each element was found as (tests use it to put the page's own numbers back). */
  marks: Map<Element, string[]>;
}

const PER_ANCHOR = 8;
/** Anchors the readers look for on the whole page (define.ts: the form, and the page's mark and last price); the rest are looked for near the form. */
const PAGE_WIDE = new Set(['form', 'markPrice', 'lastPrice']);
/** How far above the form the readers look (findNear climbs at most four levels). */
const NEAR_LEVELS = 4;
/** Elements a trader acts on: the skeleton of a page where no order form was found. */
const CONTROLS = 'input, select, textarea, button, [role="tab"], [role="radio"], [role="checkbox"], [role="combobox"], [role="slider"], [role="switch"], [role="button"]';
/** Controls looked at; look-alikes (a table's row buttons) are skipped on the way and the snapshot's limits end it sooner. */
const MAX_CONTROLS = 2000;

const isRead = (v: unknown): v is Read<unknown> => typeof v === 'object' && v !== null && typeof (v as { ok?: unknown }).ok === 'boolean';

function valueText(v: unknown): string {
  if (Array.isArray(v)) return v.map(valueText).join(', ');
  if (typeof v === 'object' && v !== null) return Object.entries(v).map(([k, x]) => `${k}: ${valueText(x)}`).join(', ');
  return String(v);
}

/** Page text as it may go into a report: what the trader typed replaced (see typedValues), then clipped and masked. */
type Clean = (text: string, max: number) => string;

const TYPED = 'input:not([type]), input[type="text"], input[type="number"], input[type="search"], input[type="tel"], input[type="email"], input[type="url"], input[type="password"], textarea';

/**
 * What the trader typed into the page's fields. Readers quote a field's text in their
 * reasons ("limit price: “abc” is not a number"); a typed number is masked like any other,
 * but typed words (a name, a note, an address) must not reach the report either.
 */
function typedValues(doc: Document): Clean {
  const words = queryDeep(doc, TYPED, 400)
    .els
    .map((el) => (el as HTMLInputElement).value.replace(/\s+/g, ' ').trim())
    .filter((v) => v.length >= 2 && /\p{L}/u.test(v))
    // Long values are quoted cut short ("…"): their first characters find them.
    .map((v) => new RegExp(`${v.slice(0, 24).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${v.length > 24 ? '[^”"]*' : ''}`, 'g'));
  return (text, max) => clip(words.reduce((t, re) => t.replace(re, '[typed]'), text), max);
}

/** `selector:price[0] input…` → the anchor list and the index of the anchor in it. */
function sourceOf(source: string): Pick<ReportField, 'source' | 'anchor' | 'index'> {
  const m = /^selector:([\w-]+)\[(\d+)\]/.exec(source);
  return m?.[1] ? { source: 'selector', anchor: m[1], index: Number(m[2]) } : { source: clip(source, 40) };
}

function field(read: Read<unknown>, clean: Clean): ReportField {
  if (!read.ok) return { ok: false, reason: clean(read.reason, 240), ...(read.raw !== undefined ? { raw: clean(read.raw, 80) } : {}) };
  return { ok: true, ...sourceOf(read.source), value: clean(valueText(read.value), 80), ...(read.raw !== undefined ? { raw: clean(read.raw, 80) } : {}) };
}

/** What the reader found besides the fields: the venue's derived figures, fields that read two ways, semantic guesses. */
function extras(s: FormSnapshot, clean: Clean): Partial<PageReport['read']> {
  const out: Partial<PageReport['read']> = {};
  if (s.pageFigures?.length) {
    out.figures = s.pageFigures.slice(0, 12).map((f) => ({
      kind: clip(f.kind, 20),
      ...(f.side ? { side: f.side } : {}),
      value: clean(f.value, 40),
      raw: clean(f.raw, 80),
      ...(f.unit ? { unit: clean(f.unit, 16) } : {}),
      ...sourceOf(f.source),
    }));
  }
  if (s.readings?.length) out.readings = s.readings.slice(0, 6).map((r) => ({ field: r.field, value: clean(r.value, 40), ...(r.unit ? { unit: r.unit } : {}), why: clean(r.why, 200) }));
  if (s.guessed?.length) out.guessed = s.guessed.map((g) => clip(g, 20));
  if (s.confirmed !== undefined) out.confirmed = s.confirmed;
  return out;
}

const notes = (list: readonly Note[], clean: Clean): ReportNote[] =>
  list.slice(0, 30).map((n) => ({ code: clip(n.code, 40), ...(n.field ? { field: clip(n.field, 40) } : {}), message: clean(n.message, 300) }));

function readNotes(read: PageRead, clean: Clean): ReportNote[] {
  if (read.kind === 'no-form') return notes([{ code: 'no-form', field: 'form', message: read.reason }], clean);
  if (read.kind === 'unreadable') return notes(read.reasons, clean);
  if (read.kind === 'confirm') return notes(read.found, clean);
  return [];
}

/** The checks of the page's own figures: in words (masked), without LiqGuard's figures. */
function checks(list: readonly Check[] | undefined, clean: Clean): { checks?: NonNullable<PageReport['overlay']>['checks'] } {
  if (!list?.length) return {};
  return { checks: list.slice(0, 20).map((c) => ({ code: clip(c.code, 30), fields: c.fields.slice(0, 6).map((f) => clip(f, 30)), ...(c.side ? { side: c.side } : {}), result: c.result, message: clean(c.message, 300) })) };
}

function overlayOf(state: OverlayState | null, clean: Clean): PageReport['overlay'] {
  if (!state) return null;
  switch (state.kind) {
    case 'idle':
    case 'error':
      return { kind: state.kind, notes: notes([{ code: state.kind, message: state.message }], clean) };
    case 'unreadable':
      return { kind: state.kind, notes: notes(state.reasons, clean), ...(state.withheld ? { withheld: true } : {}), ...checks(state.checks, clean) };
    case 'confirm':
      return { kind: state.kind, notes: notes(state.found, clean) };
    case 'assessed': {
      const all = [...state.warnings, ...state.assumptions, ...state.sides.flatMap((s) => [...s.warnings, ...s.assumptions])];
      const unique = all.filter((n, i) => all.findIndex((m) => m.code === n.code && m.message === n.message) === i);
      // The severity words, never a figure: figures are the trader's position.
      const estimates = state.sides.flatMap((s) => (s.venueEstimate ? [`${s.side}: ${s.venueEstimate.matches ? 'matches' : 'differs from'} ${clip(s.venueEstimate.venue, 30)}'s estimate`] : []));
      return { kind: state.kind, notes: notes(unique, clean), severity: state.sides.map((s) => `${s.side}: ${s.severity}`), ...checks(state.checks, clean), ...(estimates.length ? { venueEstimate: estimates } : {}) };
    }
  }
}

function describeAnchor(a: Anchor): string {
  const text = a.text ? ` text:${typeof a.text === 'string' ? a.text : a.text.join('|')}` : '';
  const exclude = a.exclude ? ` not:${a.exclude}` : '';
  const pattern = a.pattern ? ' pattern' : '';
  return clip(`${a.css}${text}${exclude}${pattern}`, 160);
}

/** "/en/futures/BTCUSDT" with each segment decoded, then masked as a name (scrubName). */
function maskedPath(url: URL): string {
  return url.pathname
    .split('/')
    .map((seg) => {
      let s = seg;
      try {
        s = decodeURIComponent(seg);
      } catch {
        // A malformed escape stays as it is (masked like the rest).
      }
      return scrubName(s.replace(/\s+/g, ' ').slice(0, 80));
    })
    .join('/')
    .slice(0, 300);
}

export function buildPageReport(ctx: ReportContext): BuiltReport {
  const { doc, url, read } = ctx;
  const adapter = adapterFor(url);
  const venue = read.kind === 'no-form' ? read.venue : read.snapshot.venue;
  const generic = read.kind === 'no-form' || read.snapshot.confidence !== 'adapter';

  const form = read.kind === 'no-form' ? null : read.form;
  // Where the reader looks, so the counts are what it saw and a huge page costs no more than a read.
  let near: ParentNode = doc;
  if (form) {
    let el: Element = form;
    for (let i = 0; i < NEAR_LEVELS && el.parentElement; i++) el = el.parentElement;
    near = el;
  }
  const marks = new Map<Element, string[]>();
  const hits: Element[] = [];
  const anchors: Record<string, ReportAnchor[]> = {};
  const lists: [string, readonly Anchor[], readonly Lang[]][] = [
    ...(adapter ? Object.entries(adapter.anchors).map(([k, list]) => [k, list as readonly Anchor[], adapter.languages] as [string, readonly Anchor[], readonly Lang[]]) : []),
    ...(generic ? Object.entries(semanticAnchors()).map(([k, list]) => [`generic:${k}`, list as readonly Anchor[], LANGS] as [string, readonly Anchor[], readonly Lang[]]) : []),
  ];
  for (const [key, list, langs] of lists) {
    const name = key.replace(/^generic:/, '');
    let used = false;
    anchors[key] = list.map((anchor) => {
      const els = findFirst(PAGE_WIDE.has(name) ? doc : near, [anchor], langs)?.els ?? [];
      // The first anchor that matches is the one the reader uses: its elements carry the field's name.
      if (!used && els.length > 0) {
        used = true;
        for (const el of els.slice(0, PER_ANCHOR)) {
          const m = marks.get(el) ?? [];
          if (!m.includes(name)) marks.set(el, [...m, name]);
        }
      }
      hits.push(...els.slice(0, PER_ANCHOR));
      return { css: describeAnchor(anchor), found: els.length };
    });
  }

  const clean = typedValues(doc);
  let account: AccountPart | null;
  try {
    account = accountPart(doc, url, adapter, clean);
  } catch (error) {
    // A reader that throws is what a report is for: say so.
    account = { account: { positions: { ok: false, reason: clean(`the account reader failed: ${String((error as Error)?.message ?? error)}`, 200) }, panel: {} }, anchors: {}, regions: [] };
  }
  Object.assign(anchors, account?.anchors);

  const focus: Focus[] = [
    ...(form ? [{ el: form, full: true }] : []),
    ...(ctx.regions ?? []).map((el) => ({ el, full: true })),
    ...hits.map((el) => ({ el, full: true })),
    // After the form's: a long positions list must not take the form's room in the snapshot.
    ...(account?.regions ?? []).map((el) => ({ el, full: true })),
  ];
  // Nothing looked like an order form: the page's controls show what the form became.
  let controlsCut = false;
  if (!form) {
    // Inside open shadow roots and same-origin frames too: a form built there is one the readers missed.
    const controls = queryDeep(doc, CONTROLS, MAX_CONTROLS);
    controlsCut = controls.cut;
    focus.push(...controls.els.map((el) => ({ el, full: true })));
  }
  const snapshot = snapshotDom(doc, focus, marks, ctx.limits ?? SNAPSHOT_LIMITS);

  const fields: Record<string, ReportField> = {};
  if (read.kind !== 'no-form') for (const [k, v] of Object.entries(read.snapshot)) if (isRead(v)) fields[k] = field(v, clean);
  const more = read.kind === 'no-form' ? {} : extras(read.snapshot, clean);
  const symbol = read.kind !== 'no-form' && read.snapshot.symbol.ok ? read.snapshot.symbol.value : null;

  const report: PageReport = {
    liqguardPageReport: REPORT_FORMAT,
    meta: ctx.meta,
    page: {
      venue,
      adapter: adapter?.id ?? null,
      origin: url.origin,
      path: maskedPath(url),
      symbol,
      language: clip(doc.documentElement.getAttribute('lang') ?? '', 35) || null,
      title: clip(doc.title, 120),
    },
    read: { kind: read.kind, confidence: read.kind === 'no-form' ? null : read.snapshot.confidence, fields, notes: readNotes(read, clean), ...more },
    overlay: overlayOf(ctx.state, clean),
    ...(account ? { account: account.account } : {}),
    anchors,
    snapshot: snapshot.lines,
    cut: snapshot.cut || controlsCut,
  };
  return { report, marks };
}
