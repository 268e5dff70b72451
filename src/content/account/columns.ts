import { fold } from '../read/vocab';

/**
 * What a positions table's column holds, told by its header text. Headers follow the trader's UI
 * language; LiqGuard knows the venues' English and Chinese headers (Bybit's and Gate's help pages,
 * the Hyperliquid table as captured by brave-capture-v2, Binance's as jackhai9/userscripts reads it;
 * dates in venues.ts). A table whose headers it does not know is reported, not guessed at.
 */
export type Column = 'symbol' | 'side' | 'size' | 'value' | 'entry' | 'mark' | 'liq' | 'margin' | 'marginRatio' | 'pnl' | 'leverage' | 'mode';

// Most specific first: "Margin Ratio" before "Margin", "Position Value" before "Size", "Liq. Price" before "Price".
const HEADERS: readonly [Column, RegExp][] = [
  ['liq', /\bliq|liquidation|强平|爆仓/],
  ['marginRatio', /margin ratio|margin rate|risk rate|mm ?%|保证金率|风险率/],
  ['mode', /margin mode|margin type|保证金模式/],
  ['mark', /\bmark\b|标记/],
  ['entry', /entry|\bavg\b|average|open price|开仓|均价/],
  ['value', /value|notional|价值/],
  ['pnl', /pnl|p&l|profit|盈亏|收益/],
  ['margin', /margin|保证金/],
  ['leverage', /leverage|杠杆/],
  ['side', /^side$|direction|方向/],
  ['size', /^(?:size|qty|quantity|amount|positions?)\b|数量|持仓量|仓位$/],
  ['symbol', /symbol|contract|^coin$|instrument|^market$|^asset$|合约|币种|交易对/],
];

export function columnOf(header: string): Column | null {
  const h = fold(header);
  if (!h || h.length > 40) return null;
  for (const [column, re] of HEADERS) if (re.test(h)) return column;
  return null;
}

/** Header index per column; a column named by two headers is ambiguous and left out. */
export function columnMap(headers: readonly string[]): Map<Column, number> {
  const map = new Map<Column, number>();
  const twice = new Set<Column>();
  headers.forEach((h, i) => {
    const c = columnOf(h);
    if (!c) return;
    if (map.has(c)) twice.add(c);
    else map.set(c, i);
  });
  for (const c of twice) map.delete(c);
  return map;
}
