import { isShown, textOf } from '../read/dom';
import { columnMap, type Column } from './columns';

/**
 * A positions table found by what it shows, not by how it is built: a group of column headers
 * (`<th>` or role=columnheader) that includes an entry price and a liquidation price. Rows are
 * `<tr>` or role=row with cells (`<td>`, role=cell or gridcell), matched to headers by position,
 * which is how both real tables and ARIA grids line them up.
 */

export interface Grid {
  /** The element holding headers and rows (a table, an ARIA grid, or a venue's container). */
  root: Element;
  columns: Map<Column, number>;
  /** Number of header cells: a data row must have as many cells. */
  width: number;
  rows: Element[][];
}

const HEADER = 'th, [role="columnheader"]';
const ROW = 'tr, [role="row"]';
const CELL = ':scope > td, :scope > th, :scope > [role="cell"], :scope > [role="gridcell"], :scope > [role="columnheader"]';

const cellsOf = (row: Element): Element[] => [...row.querySelectorAll(CELL)];

/** The header row's texts under `root` (one header group: the first that names entry and liquidation prices). */
function headerGroups(root: ParentNode): Element[][] {
  const byRow = new Map<Element, Element[]>();
  for (const h of root.querySelectorAll(HEADER)) {
    const row = h.parentElement;
    if (!row || !isShown(h)) continue;
    const list = byRow.get(row) ?? [];
    list.push(h);
    byRow.set(row, list);
  }
  return [...byRow.values()];
}

/** The smallest container around a header row that also holds its data rows (fixed-header tables split them into two tables). */
function gridRoot(headerRow: Element, width: number, within: Element | null): Element {
  let el: Element | null = headerRow.closest('table, [role="table"], [role="grid"], [role="treegrid"]') ?? headerRow;
  for (let i = 0; el && i < 4; i++, el = el.parentElement) {
    if (within && !within.contains(el)) break;
    const data = [...el.querySelectorAll(ROW)].filter((r) => r !== headerRow && cellsOf(r).length === width);
    if (data.length > 0) return el;
  }
  return headerRow.closest('table, [role="table"], [role="grid"], [role="treegrid"]') ?? headerRow.parentElement ?? headerRow;
}

/** Every positions grid under `root`: header groups naming an entry and a liquidation price. */
export function findGrids(root: ParentNode, within: Element | null = null): Grid[] {
  const grids: Grid[] = [];
  for (const headers of headerGroups(root)) {
    const columns = columnMap(headers.map((h) => textOf(h, 60)));
    if (!columns.has('entry') || !columns.has('liq')) continue;
    const headerRow = headers[0]?.parentElement;
    if (!headerRow) continue;
    const gridEl = gridRoot(headerRow, headers.length, within);
    if (grids.some((g) => g.root === gridEl)) continue;
    const rows = [...gridEl.querySelectorAll(ROW)]
      .filter((r) => r !== headerRow && !r.querySelector(HEADER) && isShown(r))
      .map(cellsOf)
      // One-cell rows are empty-state notes ("No open positions") and expanded details, not positions.
      .filter((cells) => cells.length > 1);
    grids.push({ root: gridEl, columns, width: headers.length, rows });
  }
  return grids;
}
