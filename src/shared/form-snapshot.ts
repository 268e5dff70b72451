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

/** `selector:<name>` for an adapter selector, `picker` for a field the trader pointed at, `semantic` for the generic reader, `page` for page-level facts (URL, title). */
export type ReadSource = `selector:${string}` | 'picker' | 'semantic' | 'page' | 'default';

export type QuantityUnit = 'base' | 'quote' | 'contracts' | 'percent';

export interface QuantityRead {
  /** Normalised decimal string as typed by the trader. */
  value: string;
  unit: QuantityUnit;
  /** The unit label as shown beside the input (e.g. "BTC", "USDT", "Cont", "张", "%"). */
  label?: string;
}

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
  marginMode: Read<'isolated' | 'cross'>;
  positionMode?: Read<'oneway' | 'hedge'>;
  /** Open or close tab on venues that separate them (a close order reduces, it never adds risk). */
  intent?: Read<'open' | 'close'>;
  availableBalance?: Read<{ value: string; asset: string }>;
  /** How sure the reader is that these fields are the order form's. */
  confidence: 'adapter' | 'picker' | 'generic-high' | 'generic-low';
  /** ms since epoch when the form was read (page clock; for ordering only). */
  readAt: number;
}
