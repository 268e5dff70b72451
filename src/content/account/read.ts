import type { AdapterVenue, Read } from '../../shared/form-snapshot';
import type { AccountSnapshot, PositionsTable, RowRead } from '../../shared/account-snapshot';
import { pageNumberFormat, type PageNumberFormat } from '../../core/parse/number';
import { findFirst, isShown, sourceOf, textOf } from '../read/dom';
import { isSelected } from '../read/fields';
import { LANGS } from '../read/vocab';
import { readPanel, type PanelPlaces } from './panel';
import { readRow } from './rows';
import { findGrids } from './table';
import type { AccountSpec, PanelField } from './venues';

/**
 * One read of a venue page's positions list and account panel. Fails closed per part: a list that is
 * behind a closed tab, hidden to other symbols, paginated or shorter than the venue's own count says
 * so, and the background then keeps the single-position assumption for what it cannot see.
 */

export interface AccountPage {
  venue: AdapterVenue;
  product?: string;
  spec: AccountSpec;
}

// "Positions(3)", "Positions (3)", "仓位(3)": the venues' own count of open positions.
const POSITIONS_TAB = /^(?:positions?|仓位|持仓|当前持仓)\s*(?:[(（]\s*(\d{1,4})\s*[)）])?$/i;

export interface PositionsTab {
  el: Element;
  count?: number;
  selected: boolean;
}

export function positionsTab(doc: Document): PositionsTab | null {
  for (const el of doc.querySelectorAll('[role="tab"]')) {
    const m = POSITIONS_TAB.exec(textOf(el, 30));
    if (!m || !isShown(el)) continue;
    return { el, selected: isSelected(el), ...(m[1] !== undefined ? { count: Number(m[1]) } : {}) };
  }
  return null;
}

/** Other symbols' positions hidden by a switch the venue offers. */
function hiddenBy(doc: Document, spec: AccountSpec): string | null {
  for (const s of spec.scope) {
    const found = findFirst(doc, [s.anchor], LANGS);
    const el = found?.els[0];
    if (!el) continue;
    const checked = isSelected(el) || !!el.querySelector('input:checked, [aria-checked="true"]');
    if ((s.hidesWhen === 'checked') === checked) return `the venue shows only this symbol’s positions (“${textOf(el, 40)}” is ${checked ? 'on' : 'off'})`;
  }
  return null;
}

/** A pager with somewhere to go: the list is longer than what is shown. */
function paginated(root: Element): boolean {
  const pager = root.querySelector('[class*="pagination"], nav[aria-label*="pag" i], [role="navigation"]');
  if (!pager) return false;
  return [...pager.querySelectorAll('button, a, li')].some((b) => /next|下一页|›|»|>/i.test(`${b.getAttribute('aria-label') ?? ''} ${textOf(b, 10)}`) && b.getAttribute('aria-disabled') !== 'true' && !b.hasAttribute('disabled'));
}

export const NO_LIST = 'no positions list with entry and liquidation prices was found on the page';

/** The page shows nothing of an account (no list, no positions tab, no panel figure): nothing to tell the background. */
export function showsNoAccount(a: AccountSnapshot): boolean {
  return !a.positions.ok && a.positions.reason === NO_LIST && !a.wallet && !a.marginBalance && !a.unrealizedPnl && !a.marginRatio;
}

function readPositions(doc: Document, page: AccountPage, numbersFrom: (sample: string) => PageNumberFormat): Read<PositionsTable> {
  const tab = positionsTab(doc);
  const container = findFirst(doc, page.spec.table, LANGS);
  const scope = container?.els[0] ?? null;
  const grids = findGrids(scope ?? doc, scope);
  if (grids.length === 0) {
    if (tab && !tab.selected) return { ok: false, reason: `the positions list is behind the closed “${textOf(tab.el, 30)}” tab` };
    return { ok: false, reason: NO_LIST };
  }
  if (grids.length > 1) return { ok: false, reason: `${grids.length} tables look like positions lists; LiqGuard cannot tell which one is yours` };
  const grid = grids[0] as (typeof grids)[number];
  const numbers = numbersFrom(textOf(grid.root, 2000));
  const rows: RowRead[] = grid.rows.map((cells) => readRow(cells, grid.width, grid.columns, page.spec, numbers));
  // Two rows of one symbol (a hedge pair) liquidate together, so where a row's liquidation price lies
  // does not tell its side: such a row needs the venue to say it.
  const held = rows.flatMap((r) => (r.ok ? [r.row.symbol] : []));
  for (const [i, r] of rows.entries()) {
    if (r.ok && r.row.sideFrom === 'liquidation-price' && held.filter((s) => s === r.row.symbol).length > 1) {
      rows[i] = { ok: false, reason: 'side: a hedge pair, and the row does not show whether it is long or short', symbol: r.row.symbol };
    }
  }
  const table: PositionsTable = { rows };
  if (tab?.count !== undefined) table.count = tab.count;
  const hidden = hiddenBy(doc, page.spec);
  if (hidden) table.incomplete = hidden;
  else if (paginated(grid.root.parentElement ?? grid.root)) table.incomplete = 'the positions list has more pages than the one shown';
  else if (tab?.count !== undefined && tab.count > rows.length) table.incomplete = `the venue counts ${tab.count} positions but the list shows ${rows.length}`;
  const source = scope && container ? sourceOf('positions', container) : ('selector:positions (column headers)' as const);
  return { ok: true, value: table, source };
}

export function readAccount(doc: Document, url: URL, page: AccountPage, now: number, places?: PanelPlaces): AccountSnapshot {
  const lang = doc.documentElement.getAttribute('lang') ?? undefined;
  // The page's own unambiguous numbers (title, positions list) tell its decimal separator, then its language.
  let sample = doc.title;
  const numbersFrom = (more: string) => pageNumberFormat([(sample = `${sample} ${more}`)], lang);
  const positions = readPositions(doc, page, numbersFrom);
  const panel = readPanel(doc.body ?? doc, page.spec, numbersFrom(''), places);
  // The panel's fields are named as the snapshot's (wallet, marginBalance, unrealizedPnl, marginRatio), each read only when shown.
  return { venue: page.venue, ...(page.product ? { product: page.product } : {}), url: `${url.origin}${url.pathname}`.slice(0, 2048), positions, ...(panel as Pick<AccountSnapshot, PanelField>), readAt: now };
}
