import type { AdapterVenue, FormSnapshot, QuantityUnit, Read } from '../../shared/form-snapshot';
import type { Anchor } from '../read/dom';
import type { PageContext, SymbolParts } from '../read/fields';
import type { Lang } from '../read/vocab';

/** What an adapter needs besides the document: the URL and what the trader is pointing at. */
export interface ReadContext {
  doc: Document;
  url: URL;
  /** Element under the pointer, for "the button being hovered" (null when none). */
  hovered?: Element | null;
  /** Element with keyboard focus. */
  focused?: Element | null;
  now: number;
  /** An element known to be inside the order form (a field the trader pointed at), for pages where no anchor finds the form. */
  formHint?: Element | null;
  /** The order form as the fields and controls the trader pointed at bound it (the smallest element holding them all). */
  formRoot?: Element | null;
  /** The order type read from controls the trader pointed at, used where the adapter's own anchors read none (the price depends on it). */
  orderType?: Read<'limit' | 'market' | 'conditional'>;
}

export type AdapterRead =
  | {
      ok: true;
      snapshot: FormSnapshot;
      form: Element;
      page: PageContext;
      /** The controls the numeric fields were read from, for the trader's one-click confirmation of guessed fields. */
      elements: { price?: Element; quantity?: Element; leverage?: Element };
    }
  | { ok: false; reason: string };

export interface Instrument {
  symbol: Read<string>;
  contract: Read<'linear' | 'inverse'>;
  /** Base and quote, for telling the quantity unit; null when the symbol could not be read. */
  parts: SymbolParts | null;
  /** Asset the balance is shown in when the page does not say. */
  settle?: string;
  product?: string;
  /** Other names the venue's header gives the quote, for the page-symbol check (Hyperliquid: "BTC-USD" for its USDC perp). */
  pageQuotes?: readonly string[];
}

/** Where each field is, most trusted anchor first. Every anchor carries the date it was seen and its source. */
export interface VenueAnchors {
  /** The order form container, or a field inside it (the reader climbs to the container holding the side controls). */
  form: readonly Anchor[];
  price: readonly Anchor[];
  quantity: readonly Anchor[];
  /** The unit selector beside the size field, when the venue has one; otherwise the text after the input is read. */
  quantityUnit?: readonly Anchor[];
  orderType: readonly Anchor[];
  leverage: readonly Anchor[];
  marginMode: readonly Anchor[];
  /** Buy/Long and Sell/Short buttons (both shown at once). */
  sideButtons: readonly Anchor[];
  /** A Buy/Sell or Long/Short toggle with one side selected, on venues with a single submit button. */
  sideTabs?: readonly Anchor[];
  /** Open/Close tabs: their presence means hedge mode. */
  positionTabs?: readonly Anchor[];
  /** A reduce-only control: shown in one-way mode. */
  reduceOnly?: readonly Anchor[];
  markPrice?: readonly Anchor[];
  lastPrice?: readonly Anchor[];
  balance?: readonly Anchor[];
  /** Where the page names its market (header): checked against the URL's symbol, with the title. */
  symbol?: readonly Anchor[];
  /** The figures the venue derives from the form and shows beside it, for corroboration. */
  orderValue?: readonly Anchor[];
  cost?: readonly Anchor[];
  maxOpen?: readonly Anchor[];
  liquidation?: readonly Anchor[];
}

export interface VenueAdapter {
  /** Unique adapter id, also the fixture folder name: test/fixtures/<id>/. */
  id: string;
  venue: AdapterVenue;
  /** Product on venues with several (Binance usdm/coinm). */
  product?: string;
  /** Human name, e.g. "Binance USDⓈ-M". */
  label: string;
  /** The manifest content_scripts match patterns this adapter serves. */
  matches: readonly string[];
  /** UI languages the venue offers: text fallbacks only know these. */
  languages: readonly Lang[];
  /** Quantity units the venue's size field offers (the meta-test wants a fixture for each). */
  quantityUnits: readonly QuantityUnit[];
  /** Position modes the venue has (the meta-test wants a fixture for each). */
  positionModes: readonly ('oneway' | 'hedge')[];
  anchors: VenueAnchors;
  isOrderPage(url: URL): boolean;
  findForm(doc: Document): Element | null;
  read(ctx: ReadContext): AdapterRead;
}
