import type { Read } from '../../shared/form-snapshot';
import { clip } from '../../core/report/mask';
import type { PageReport, ReportAnchor, ReportRead } from '../../core/report/types';
import { positionsTab, readAccount } from '../account/read';
import { labelKey } from '../account/panel';
import { findGrids } from '../account/table';
import { ACCOUNT_SPECS } from '../account/venues';
import { findFirst, type Anchor } from '../read/dom';
import { LANGS } from '../read/vocab';
import type { VenueAdapter } from '../venues/types';

/**
 * The positions list and account panel in a page report: what the account reader made of them
 * (found or not and why, per row and per panel figure, with the texts it read masked; never a
 * value it read, which would be the trader's positions and balances), how many elements its
 * anchors found, and the elements themselves for the structural snapshot.
 */

export interface AccountPart {
  account: NonNullable<PageReport['account']>;
  anchors: Record<string, ReportAnchor[]>;
  /** The positions list and the panel's label rows, for the snapshot. */
  regions: Element[];
}

/** Rows described, as many as the snapshot keeps of a table's look-alike rows. */
const ROWS = 5;
/** Text nodes looked at for the panel's labels (the account reader looks at as many). */
const MAX_TEXTS = 8000;
const MAX_LABEL = 40;
/** How far above a panel label the snapshot starts: the label's row with its value. */
const PANEL_LEVELS = 2;

type Clean = (text: string, max: number) => string;

const described = (r: Read<unknown> | undefined, clean: Clean): ReportRead =>
  !r ? { ok: false, reason: 'not shown' } : r.ok ? { ok: true, source: clip(r.source, 40), ...(r.raw !== undefined ? { raw: clean(r.raw, 80) } : {}) } : { ok: false, reason: clean(r.reason, 200), ...(r.raw !== undefined ? { raw: clean(r.raw, 80) } : {}) };

/** The elements that hold the panel's labels ("Wallet Balance", "Margin Ratio"), each with its value's row. */
function panelRows(doc: Document, panel: Record<string, RegExp | undefined>): Element[] {
  const out: Element[] = [];
  const walker = doc.createTreeWalker(doc.body ?? doc.documentElement, NodeFilter.SHOW_TEXT);
  let seen = 0;
  for (let n = walker.nextNode(); n && seen < MAX_TEXTS && out.length < 12; n = walker.nextNode(), seen++) {
    const raw = n.nodeValue ?? '';
    if (raw.length > MAX_LABEL || !/\p{L}/u.test(raw)) continue;
    const key = labelKey(raw);
    if (!Object.values(panel).some((re) => re?.test(key))) continue;
    let el = n.parentElement;
    for (let i = 0; el?.parentElement && el.parentElement !== doc.body && i < PANEL_LEVELS - 1; i++) el = el.parentElement;
    if (el && !out.includes(el)) out.push(el);
  }
  return out;
}

export function accountPart(doc: Document, url: URL, adapter: VenueAdapter | null, clean: Clean): AccountPart | null {
  const spec = adapter ? ACCOUNT_SPECS[adapter.id] : undefined;
  if (!adapter || !spec) return null;
  const read = readAccount(doc, url, { venue: adapter.venue, spec, ...(adapter.product ? { product: adapter.product } : {}) }, Date.now());

  const count = (list: readonly Anchor[]) => list.map((anchor) => ({ css: clip(anchor.css, 160), found: findFirst(doc, [anchor], LANGS)?.els.length ?? 0 }));
  const anchors = { positions: count(spec.table), 'positions:scope': count(spec.scope.map((s) => s.anchor)) };

  const container = findFirst(doc, spec.table, LANGS)?.els[0] ?? null;
  const grids = findGrids(container ?? doc, container).map((g) => g.root);
  // The "Positions(N)" tab with its siblings: a list behind a closed tab is one of the reader's reasons.
  const tabs = positionsTab(doc)?.el.parentElement;
  const regions = [...(tabs ? [tabs] : []), ...(container ? [container] : []), ...grids.slice(0, 3), ...panelRows(doc, spec.panel)];

  const p = read.positions;
  const positions = p.ok
    ? {
        ...described(p, clean),
        rows: p.value.rows.slice(0, ROWS).map((r) => (r.ok ? { ok: true as const, sideFrom: r.row.sideFrom } : { ok: false as const, reason: clean(r.reason, 200) })),
        ...(p.value.rows.length > ROWS ? { moreRows: true } : {}),
        ...(p.value.incomplete ? { incomplete: clean(p.value.incomplete, 200) } : {}),
      }
    : described(p, clean);
  const panel = Object.fromEntries((['wallet', 'marginBalance', 'unrealizedPnl', 'marginRatio'] as const).map((f) => [f, described(read[f], clean)]));
  return { account: { positions, panel }, anchors, regions };
}
