import type { Side } from '../../shared/form-snapshot';
import type { PositionRow, RowRead } from '../../shared/account-snapshot';
import type { PageNumberFormat } from '../../core/parse/number';
import { textOf } from '../read/dom';
import { splitSymbol } from '../venues/define';
import { hasWord } from '../read/vocab';
import { amountIn, leverageIn, marginModeIn, priceIn, sideWordIn } from './cells';
import type { Column } from './columns';
import type { AccountSpec } from './venues';

/**
 * One row of a positions table → one open position, or the reason it cannot be one. A row is taken
 * whole or not at all: a position whose side, size, unit or entry is unclear would make every cross
 * figure built on it wrong, so it is reported instead.
 */

const bad = (reason: string, symbol?: string): RowRead => (symbol ? { ok: false, reason, symbol } : { ok: false, reason });

/** base/quote of a symbol in the adapters' conventions (Hyperliquid's coins are quoted in USDC). */
const partsOf = (symbol: string) => splitSymbol(symbol, ['USDT', 'USDC', 'USD', 'EUR']) ?? { base: symbol.toUpperCase(), quote: 'USDC' };

function unitOf(label: string, symbol: string, spec: AccountSpec): PositionRow['size']['unit'] | null {
  const l = label.trim().toUpperCase();
  const { base, quote } = partsOf(symbol);
  if (!l) return spec.bareUnit === 'native' ? (quote === 'USD' ? 'quote' : 'base') : (spec.bareUnit ?? null);
  if (hasWord(label, 'contracts')) return 'contracts';
  if (l === base || (l === 'BTC' && base === 'XBT') || (l === 'XBT' && base === 'BTC')) return 'base';
  // BitMEX counts XBTUSD in USD contracts of one dollar each.
  if (l === quote) return spec.bareUnit && quote === 'USD' ? 'contracts' : 'quote';
  return null;
}

export function readRow(cells: readonly Element[], width: number, columns: ReadonlyMap<Column, number>, spec: AccountSpec, numbers: PageNumberFormat): RowRead {
  const cell = (c: Column) => {
    const i = columns.get(c);
    return i === undefined ? null : (cells[i] ?? null);
  };
  const text = (c: Column) => textOf(cell(c), 120);
  const symbolCell = cell('symbol') ?? cells[0] ?? null;
  const symbolText = textOf(symbolCell, 120);
  const symbol = spec.symbol(symbolText);
  if (!symbol) return bad(`“${symbolText.slice(0, 40)}” is not a contract LiqGuard can name`);
  if (cells.length !== width) return bad(`the row has ${cells.length} cells for ${width} columns`, symbol);

  const sizeCell = cell('size');
  if (!sizeCell) return bad('the table has no size column', symbol);
  const size = amountIn(textOf(sizeCell, 80), numbers, 'size');
  if (!size.ok) return bad(size.reason, symbol);
  const negative = size.value.value.startsWith('-');
  const absSize = negative ? size.value.value.slice(1) : size.value.value;
  if (absSize === '0') return bad('size: zero', symbol);
  const unit = unitOf(size.value.unit ?? '', symbol, spec);
  if (!unit) return bad(`size: “${size.value.unit ?? ''}” is not a unit LiqGuard can tell`, symbol);

  const entry = priceIn(text('entry'), numbers, 'entry price');
  if (!entry.ok) return bad(entry.reason, symbol);
  if (entry.value === null) return bad('entry price: not shown', symbol);
  const mark = priceIn(text('mark'), numbers, 'mark price');
  if (!mark.ok) return bad(mark.reason, symbol);
  const liq = priceIn(text('liq'), numbers, 'liquidation price');
  if (!liq.ok) return bad(liq.reason, symbol);

  // The side, from everything the row says about it; any disagreement leaves the row out.
  const said = new Map<PositionRow['sideFrom'], Side>();
  const word = sideWordIn(text('side')) ?? sideWordIn(symbolText);
  if (word) said.set('word', word);
  if (negative || spec.signedSize) said.set('sign', negative ? 'short' : 'long');
  const sides = new Set(said.values());
  if (sides.size > 1) return bad('side: the row shows both long and short', symbol);
  let side = [...sides][0] ?? null;
  let sideFrom = [...said.keys()][0] ?? null;
  // A long is liquidated below its mark, a short above: where the venue puts the price tells the side.
  if (!side && liq.value && mark.value && liq.value !== mark.value) {
    side = Number(liq.value) < Number(mark.value) ? 'long' : 'short';
    sideFrom = 'liquidation-price';
  }
  if (!side || !sideFrom) return bad('side: the row does not show whether it is long or short', symbol);

  const marginText = text('margin');
  const margin = marginText ? amountIn(marginText, numbers, 'margin') : null;
  const pnl = text('pnl') ? amountIn(text('pnl'), numbers, 'unrealised PnL') : null;
  const mode = marginModeIn(text('mode')) ?? marginModeIn(symbolText) ?? marginModeIn(marginText);
  const lev = text('leverage') || symbolText;

  return {
    ok: true,
    row: {
      symbol,
      side,
      sideFrom,
      size: { value: absSize, unit, label: (size.value.unit ?? '').slice(0, 16) },
      entryPrice: entry.value,
      markPrice: mark.value,
      marginMode: mode,
      leverage: leverageIn(lev),
      margin: margin?.ok ? margin.value.value.replace(/^-/, '') : null,
      unrealizedPnl: pnl?.ok ? pnl.value.value : null,
      liquidationPrice: liq.value,
    },
  };
}
