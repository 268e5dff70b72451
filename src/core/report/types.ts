/**
 * A page report: what LiqGuard saw on a venue page, with every number masked, for a trader
 * to send when a venue changed its page. Built in the content script, shown to the trader
 * (who may edit it) and turned back into a fixture page by `npm run report-to-fixture`.
 * Every string that comes from the page is masked (see mask.ts); JSON numbers are
 * LiqGuard's own counts, never the page's.
 */

export const REPORT_FORMAT = 1;

export interface ReportNote {
  code: string;
  field?: string;
  message: string;
}

/** One form field as the reader read it: masked value and raw text, or the reason. */
export interface ReportField {
  ok: boolean;
  /** `selector` (an adapter anchor), `picker`, `semantic`, `page` or `default`. */
  source?: string;
  /** Which anchor list and which entry of it found the field, for `selector`. */
  anchor?: string;
  index?: number;
  /** Masked for numbers ("#####.#"); words (limit, cross, long, base) as read. */
  value?: string;
  raw?: string;
  reason?: string;
}

/** A part the account reader looked for: found (by which source) or why not, and the page's text it read, masked. */
export interface ReportRead {
  ok: boolean;
  source?: string;
  raw?: string;
  reason?: string;
}

/** One adapter anchor and how many shown elements it matched where the reader looks: the whole page for the form, mark and last price, near the form (up to four levels above it) for the rest; 0: missed. */
export interface ReportAnchor {
  css: string;
  found: number;
}

export interface PageReport {
  liqguardPageReport: typeof REPORT_FORMAT;
  /** LiqGuard's own facts, not the page's: the only strings that may hold digits. */
  meta: { extension: string; browser: string; date: string; viewport: string };
  page: {
    venue: string;
    /** The adapter serving this URL, or null (the generic reader). */
    adapter: string | null;
    origin: string;
    /** Decoded and masked; no query string, no fragment. */
    path: string;
    /** The instrument as read from the URL (a public name such as 1000PEPEUSDT): kept unmasked. */
    symbol: string | null;
    language: string | null;
    title: string;
  };
  read: {
    /** complete | empty | unreadable | confirm | no-form, as the content script decided. */
    kind: string;
    confidence: string | null;
    fields: Record<string, ReportField>;
    notes: ReportNote[];
    /** The figures the venue derives from the form and shows beside it (order value, cost, max, its liquidation estimate), masked. */
    figures?: ({ kind: string; side?: string; value: string; raw: string; unit?: string } & Pick<ReportField, 'source' | 'anchor' | 'index'>)[];
    /** Fields that read two ways on the page, masked. */
    readings?: { field: string; value: string; unit?: string; why: string }[];
    /** Form fields found only by semantic guesses, and whether the trader confirmed them. */
    guessed?: string[];
    confirmed?: boolean;
  };
  /** What the overlay showed: its state, notes and checks of the page's own figures, never a figure of LiqGuard's. */
  overlay: {
    kind: string;
    notes: ReportNote[];
    severity?: string[];
    /** The figure was withheld because the page's own figures contradict what was read. */
    withheld?: boolean;
    checks?: { code: string; fields: string[]; side?: string; result: string; message: string }[];
    /** Per side: whether LiqGuard's figure matches the venue's own estimate (the figures themselves are left out). */
    venueEstimate?: string[];
  } | null;
  /** What the account reader made of the positions list and account panel, on venues it reads: found or why not, texts masked, never a value. */
  account?: {
    positions: ReportRead & { rows?: ({ ok: true; sideFrom: string } | { ok: false; reason: string })[]; moreRows?: boolean; incomplete?: string };
    panel: Record<string, ReportRead>;
  };
  /** Adapter anchors by field (`positions`, `positions:scope`: the account reader's), then the generic reader's when it read the page. */
  anchors: Record<string, ReportAnchor[]>;
  /** The structural snapshot, one element per line, nested by one space per level. */
  snapshot: string[];
  /** True when the snapshot was cut at its size limit. */
  cut: boolean;
}
