/**
 * What a venue adapter read from an order form: the contract between content scripts
 * (which only read and parse) and the background (which does all the money math).
 * Every field says either what was read or why it could not be; the background never
 * fills a gap with a guess. Numbers are normalised decimal strings ("1234.5"), never
 * JS numbers, so nothing is lost between the page and decimal.js.
 */

/** Venues with an order-form adapter. `generic` is the semantic fallback reader. */
export type AdapterVenue = 'binance' | 'bybit' | 'okx' | 'bitget' | 'gate' | 'hyperliquid' | 'mexc' | 'bitmex' | 'generic';

export type Side = 'long' | 'short';

/** A field the adapter tried to read. `source` says where it came from, for the popup's "what was read" view. */
export type Read<T> =
  | { ok: true; value: T; raw?: string; source: ReadSource }
  | { ok: false; reason: string; raw?: string };

/**
 * `selector:<name>` for an adapter selector, `picker` for a field the trader pointed at, `semantic` for the generic reader,
 * `page` for page-level facts (URL, title), `trader` for a value the trader chose in LiqGuard's overlay where the page shows none.
 */
export type ReadSource = `selector:${string}` | 'picker' | 'semantic' | 'page' | 'default' | 'trader';

/**
 * `quote`: the order value (notional) in the quote currency; `cost`: the margin the order costs, in the
 * quote currency, as the venue defines its cost (Binance: margin plus open loss; Bybit: margin plus the
 * fees to open and close). A size box in USDT is one or the other, never both: the page must say which.
 */
export type QuantityUnit = 'base' | 'quote' | 'contracts' | 'percent' | 'cost';

export interface QuantityRead {
  /** Normalised decimal string as typed by the trader. */
  value: string;
  unit: QuantityUnit;
  /** The unit label as shown beside the input (e.g. "BTC", "USDT", "Cont", "张", "%"). */
  label?: string;
}

/**
 * A second way to read a field, when the page allows two and they differ: "9.746" in a size box on a
 * page that writes 125 000,75 (9.746 as the input writes numbers, 9,746 as the page does), or 500
 * "USDT" that may be the order value or the cost. The page's own figures decide (corroboration), or
 * nothing is shown.
 */
export interface Reading {
  field: 'price' | 'quantity';
  /** The other reading: a decimal string (the price, or the size in `unit`). */
  value: string;
  /** For a size: the unit of the other reading. */
  unit?: QuantityUnit;
  /** Why the field reads two ways, in the trader's words. */
  why: string;
}

/** A figure the venue works out from the form and shows beside it: what corroboration compares with. */
export interface PageFigure {
  kind: 'orderValue' | 'cost' | 'maxOpen' | 'liquidation';
  /** The side it is shown for, when the page shows one per side (Binance's Cost and Max under Buy and Sell). */
  side?: Side;
  /** Normalised decimal string. */
  value: string;
  /** The unit as the page shows it (USDT, BTC, Cont…), when it shows one. */
  unit?: string;
  /** Decimal places the page shows: its rounding (negative for an abbreviated figure: "16.25K" is -1, rounded to tens). */
  places: number;
  /** The text as shown, for the trader. */
  raw: string;
  source: ReadSource;
}

/** Snapshot fields that are read from the form itself (and can be found by a semantic guess). */
export type FormField = 'sides' | 'orderType' | 'price' | 'quantity' | 'leverage' | 'marginMode';

export interface FormSnapshot {
  venue: AdapterVenue;
  /** Product on venues with several (Binance `usdm` | `coinm`; Bybit `usdt` | `usdc` | `inverse`). */
  product?: string;
  url: string;
  /** BCP 47 language of the page (`<html lang>`), used to explain locale-dependent parsing. */
  pageLanguage?: string;
  symbol: Read<string>;
  contract: Read<'linear' | 'inverse'>;
  /** Sides to assess: both when the form shows Buy/Long and Sell/Short together. */
  sides: Read<Side[]>;
  /** The side the trader is hovering or focusing, when known: shown first. */
  activeSide?: Side;
  orderType: Read<'limit' | 'market' | 'conditional'>;
  /** Limit price, or the page's mark/last price for a market order (see `priceKind`). */
  price: Read<string>;
  priceKind?: 'limit' | 'mark' | 'last';
  /** Mark price shown on the page, when it shows one. */
  markPrice?: Read<string>;
  quantity: Read<QuantityRead>;
  leverage: Read<string>;
  /**
   * A leverage per side, where the form keeps them apart and they differ (MEXC's hedge mode shows "Long 20X",
   * "Short 10X"): each side is assessed at its own, never at `leverage` (which then holds the higher one).
   */
  leverageBySide?: Partial<Record<Side, string>>;
  marginMode: Read<'isolated' | 'cross'>;
  positionMode?: Read<'oneway' | 'hedge'>;
  /** Open or close tab on venues that separate them (a close order reduces, it never adds risk). */
  intent?: Read<'open' | 'close'>;
  availableBalance?: Read<{ value: string; asset: string }>;
  /** The market the page's header or title names, when it names one: checked against the URL's symbol. */
  pageSymbol?: Read<string>;
  /** Last traded price shown on the page (a market order's entry). */
  lastPrice?: Read<string>;
  /** Fields that read two ways on this page: the page's figures decide, or nothing is shown. */
  readings?: Reading[];
  /** The figures the venue derives from the form and shows beside it (order value, cost, max, its liquidation estimate). */
  pageFigures?: PageFigure[];
  /** Form fields found only by semantic guesses (label words, roles), not by a dated hook: they need a page figure, or the trader's confirmation. */
  guessed?: FormField[];
  /** The trader confirmed on this page that the guessed fields are the order form's. */
  confirmed?: boolean;
  /**
   * Facts the trader set in LiqGuard for this venue and symbol where the page does not say (what the
   * size box's number means): shown as the trader's assumption with its date, and still checked
   * against the page's own figures.
   */
  setByTrader?: { field: 'quantityUnit'; value: string; savedAt: number }[];
  /** How sure the reader is that these fields are the order form's. */
  confidence: 'adapter' | 'picker' | 'generic-high' | 'generic-low';
  /** ms since epoch when the form was read (page clock; for ordering only). */
  readAt: number;
}
