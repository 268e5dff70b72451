import * as v from 'valibot';
import { isDecimalString } from '../core/parse/decimal-string';
import type { AccountSnapshot } from './account-snapshot';
import type { AdapterVenue, FormSnapshot } from './form-snapshot';
import { MESSAGE_TYPES, type AnyRequest, type ErrorCode, type MessageType } from './messages';

/**
 * Run-time schemas for every message in src/shared/messages.ts. The background parses each
 * incoming message with `parseRequest` before any handler sees it; handlers get the schema's
 * output, a fresh object holding only the declared keys.
 *
 * Two layers, cheapest first:
 *   1. `inspectPayload` walks the raw value once with hard limits (depth, node count, string
 *      length, total text) and rejects prototype-pollution keys anywhere, so a 1 MB string or a
 *      deeply nested object is refused without being copied or parsed.
 *   2. A strict valibot schema per type: unknown keys, wrong types and out-of-range values are
 *      refused with the path of the first problem. Error messages never echo the value.
 */

// ─── Limits ─────────────────────────────────────────────────────────────────────────────────

export const PAYLOAD_LIMITS = {
  /** Nesting depth of objects/arrays (a snapshot is 4 deep; calc inputs 4). */
  depth: 8,
  /** Objects, arrays and primitives counted together (calc/assess may carry 500 other positions). */
  nodes: 20_000,
  /** Any single string. Fields have tighter limits in their schemas. */
  stringLength: 4_096,
  /** All strings and keys together. */
  totalChars: 256_000,
  /** Keys of one object. */
  keys: 64,
} as const;

/** Keys that can reach Object.prototype when an object is merged or copied carelessly. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export type PayloadProblem = { ok: true } | { ok: false; message: string };

/** One bounded pass over an untrusted value: plain JSON data only, within PAYLOAD_LIMITS, no forbidden keys. */
export function inspectPayload(value: unknown, limits: typeof PAYLOAD_LIMITS = PAYLOAD_LIMITS): PayloadProblem {
  let nodes = 0;
  let chars = 0;
  const fail = (message: string): PayloadProblem => ({ ok: false, message });
  const walk = (x: unknown, depth: number, path: string): PayloadProblem => {
    if (++nodes > limits.nodes) return fail(`message has more than ${limits.nodes} values`);
    if (x === null || typeof x === 'boolean') return { ok: true };
    if (typeof x === 'number') return Number.isFinite(x) ? { ok: true } : fail(`${path || 'message'} is not a finite number`);
    if (typeof x === 'string') {
      if (x.length > limits.stringLength) return fail(`${path || 'message'} is longer than ${limits.stringLength} characters`);
      chars += x.length;
      return chars > limits.totalChars ? fail(`message carries more than ${limits.totalChars} characters of text`) : { ok: true };
    }
    if (typeof x !== 'object') return fail(`${path || 'message'} is a ${typeof x}, not JSON data`);
    if (depth >= limits.depth) return fail(`message is nested deeper than ${limits.depth} levels`);
    if (Array.isArray(x)) {
      if (x.length > limits.nodes) return fail(`${path || 'message'} has too many items`);
      for (let i = 0; i < x.length; i++) {
        const r = walk(x[i], depth + 1, `${path}[${i}]`);
        if (!r.ok) return r;
      }
      return { ok: true };
    }
    const proto = Object.getPrototypeOf(x) as unknown;
    if (proto !== Object.prototype && proto !== null) return fail(`${path || 'message'} is not a plain object`);
    // Own keys, enumerable or not, including a literal "__proto__" key made by JSON.parse.
    const keys = Reflect.ownKeys(x);
    if (keys.length > limits.keys) return fail(`${path || 'message'} has more than ${limits.keys} keys`);
    for (const key of keys) {
      if (typeof key !== 'string') return fail(`${path || 'message'} has a symbol key`);
      if (FORBIDDEN_KEYS.has(key)) return fail(`${path || 'message'} has the forbidden key "${key}"`);
      if (key.length > 64) return fail(`${path || 'message'} has a key longer than 64 characters`);
      chars += key.length;
      const r = walk((x as Record<string, unknown>)[key], depth + 1, path ? `${path}.${key}` : key);
      if (!r.ok) return r;
    }
    return { ok: true };
  };
  return walk(value, 0, '');
}

// ─── Building blocks ────────────────────────────────────────────────────────────────────────

/** A strict object that is not an array (valibot's object schemas take arrays as objects). */
const plainObject = v.custom<Record<string, unknown>>((x) => typeof x === 'object' && x !== null && !Array.isArray(x), 'an object');
const obj = <E extends v.ObjectEntries>(entries: E) => v.pipe(plainObject, v.strictObject(entries));

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
/** A normalised decimal string as content scripts send it ("1234.5", "-0.25"): no exponent, no grouping. */
const decimal = v.pipe(v.string(), v.maxLength(80), v.check((s: string) => isDecimalString(s), 'a normalised decimal string'));
/** A JS number or decimal text, as the calculator form sends it; the engine validates the value. */
const numberLike = v.union([v.pipe(v.number(), v.finite()), text(80)]);
const seq = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const tabId = v.pipe(v.number(), v.safeInteger(), v.minValue(0));

const ADAPTER_VENUES = ['binance', 'bybit', 'okx', 'bitget', 'gate', 'hyperliquid', 'mexc', 'bitmex', 'generic'] as const satisfies readonly AdapterVenue[];
const ENGINE_VENUES = ['binance-usdm', 'binance-coinm', 'bybit', 'okx', 'bitget', 'gate', 'hyperliquid', 'phemex', 'bitmex', 'deribit', 'kraken-futures', 'mexc', 'generic'] as const;

function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** Where a read came from: `selector:<name and css>` (≤ 160 chars from the adapter), picker, semantic, page or default. */
const readSource = v.pipe(
  v.string(),
  v.maxLength(200),
  v.check((s) => /^(?:selector:.{1,190}|picker|semantic|page|default|trader)$/.test(s) && !hasControlCharacter(s), 'a read source'),
) as v.GenericSchema<string, `selector:${string}` | 'picker' | 'semantic' | 'page' | 'default'>;

/** Read<T>: either the value with where it came from, or why it could not be read. */
function read<T extends v.GenericSchema>(value: T) {
  return v.variant('ok', [
    v.strictObject({ ok: v.literal(true), value, raw: v.optional(text(500)), source: readSource }),
    v.strictObject({ ok: v.literal(false), reason: text(1000), raw: v.optional(text(500)) }),
  ]);
}

const side = v.picklist(['long', 'short']);
const quantityUnit = v.picklist(['base', 'quote', 'contracts', 'percent', 'cost']);
const symbol = v.pipe(v.string(), v.minLength(1), v.maxLength(64), v.regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/, 'a symbol'));

export const formSnapshotSchema = obj({
  venue: v.picklist(ADAPTER_VENUES),
  product: v.optional(v.pipe(v.string(), v.maxLength(20), v.regex(/^[a-z0-9-]+$/, 'a product id'))),
  url: v.pipe(v.string(), v.maxLength(2048), v.regex(/^https:\/\//, 'an https URL')),
  pageLanguage: v.optional(text(35)),
  symbol: read(symbol),
  contract: read(v.picklist(['linear', 'inverse'])),
  sides: read(
    v.pipe(
      v.array(side),
      v.minLength(1),
      v.maxLength(2),
      v.check((s) => new Set(s).size === s.length, 'sides without repeats'),
    ),
  ),
  activeSide: v.optional(side),
  orderType: read(v.picklist(['limit', 'market', 'conditional'])),
  price: read(decimal),
  priceKind: v.optional(v.picklist(['limit', 'mark', 'last'])),
  markPrice: v.optional(read(decimal)),
  quantity: read(obj({ value: decimal, unit: quantityUnit, label: v.optional(text(24)) })),
  leverage: read(decimal),
  leverageBySide: v.optional(obj({ long: v.optional(decimal), short: v.optional(decimal) })),
  marginMode: read(v.picklist(['isolated', 'cross'])),
  positionMode: v.optional(read(v.picklist(['oneway', 'hedge']))),
  intent: v.optional(read(v.picklist(['open', 'close']))),
  // A bridged token keeps its suffix ("USDC.E"): it is another asset than USDC, and the assessment says so.
  availableBalance: v.optional(read(obj({ value: decimal, asset: v.pipe(v.string(), v.minLength(1), v.maxLength(20), v.regex(/^[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)?$/, 'an asset code')) }))),
  pageSymbol: v.optional(read(text(64))),
  lastPrice: v.optional(read(decimal)),
  readings: v.optional(v.pipe(v.array(obj({ field: v.picklist(['price', 'quantity']), value: decimal, unit: v.optional(quantityUnit), why: text(300) })), v.maxLength(4))),
  pageFigures: v.optional(
    v.pipe(
      v.array(
        obj({
          kind: v.picklist(['orderValue', 'cost', 'maxOpen', 'liquidation']),
          side: v.optional(side),
          value: decimal,
          unit: v.optional(text(16)),
          // Negative for an abbreviated figure: "16.25K" is rounded to tens (-1).
          places: v.pipe(v.number(), v.safeInteger(), v.minValue(-9), v.maxValue(18)),
          raw: text(120),
          source: readSource,
        }),
      ),
      v.maxLength(12),
    ),
  ),
  guessed: v.optional(v.pipe(v.array(v.picklist(['sides', 'orderType', 'price', 'quantity', 'leverage', 'marginMode'])), v.maxLength(6))),
  confirmed: v.optional(v.boolean()),
  setByTrader: v.optional(
    v.pipe(v.array(obj({ field: v.literal('quantityUnit'), value: v.picklist(['base', 'contracts', 'quote', 'cost']), savedAt: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(8.64e15)) })), v.maxLength(4)),
  ),
  confidence: v.picklist(['adapter', 'picker', 'generic-high', 'generic-low']),
  readAt: v.pipe(v.number(), v.finite(), v.minValue(0)),
});

const assetCode = v.pipe(v.string(), v.minLength(1), v.maxLength(20), v.regex(/^[A-Za-z0-9]+$/, 'an asset code'));
const money = obj({ value: decimal, asset: assetCode });

// What a content script read from the positions list and the account panel (src/shared/account-snapshot.ts).
const positionRow = obj({
  symbol,
  side,
  sideFrom: v.picklist(['word', 'sign', 'liquidation-price']),
  size: obj({ value: decimal, unit: v.picklist(['base', 'quote', 'contracts']), label: text(16) }),
  entryPrice: decimal,
  markPrice: v.nullable(decimal),
  marginMode: v.nullable(v.picklist(['cross', 'isolated'])),
  leverage: v.nullable(decimal),
  margin: v.nullable(decimal),
  unrealizedPnl: v.nullable(decimal),
  liquidationPrice: v.nullable(decimal),
});
const rowRead = v.variant('ok', [
  v.strictObject({ ok: v.literal(true), row: positionRow }),
  v.strictObject({ ok: v.literal(false), reason: text(300), symbol: v.optional(symbol) }),
]);
export const accountSnapshotSchema = obj({
  venue: v.picklist(ADAPTER_VENUES),
  product: v.optional(v.pipe(v.string(), v.maxLength(20), v.regex(/^[a-z0-9-]+$/, 'a product id'))),
  url: v.pipe(v.string(), v.maxLength(2048), v.regex(/^https:\/\//, 'an https URL')),
  positions: read(obj({ rows: v.pipe(v.array(rowRead), v.maxLength(200)), count: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(100_000))), incomplete: v.optional(text(300)) })),
  wallet: v.optional(read(money)),
  marginBalance: v.optional(read(money)),
  unrealizedPnl: v.optional(read(money)),
  marginRatio: v.optional(read(decimal)),
  readAt: v.pipe(v.number(), v.finite(), v.minValue(0)),
});

// The calculator's position: the engine checks every value; the schema bounds the shape.
const positionFields = {
  venue: text(32),
  symbol: text(64),
  contract: text(16),
  contractSize: numberLike,
  marginMode: text(16),
  positionMode: text(16),
  side: text(16),
  entryPrice: numberLike,
  markPrice: numberLike,
  quantity: numberLike,
  quantityUnit: text(16),
  leverage: numberLike,
  isolatedMargin: numberLike,
  walletBalance: numberLike,
  maintenanceMarginRate: numberLike,
  maintenanceAmount: numberLike,
  maxLeverage: numberLike,
  takerFeeRate: numberLike,
  fundingRate: numberLike,
  fundingIntervalHours: numberLike,
  tickSize: numberLike,
};
const opt = <T extends Record<string, v.GenericSchema>>(entries: T) =>
  Object.fromEntries(Object.entries(entries).map(([k, s]) => [k, v.optional(s)])) as { [K in keyof T]: v.OptionalSchema<T[K], undefined> };

const otherPosition = obj(
  opt({ symbol: text(64), side: text(16), quantity: numberLike, quantityUnit: text(16), contractSize: numberLike, entryPrice: numberLike, markPrice: numberLike, maintenanceMarginRate: numberLike, maintenanceAmount: numberLike, maxLeverage: numberLike }),
);
const existingPosition = obj(opt({ side: text(16), quantity: numberLike, quantityUnit: text(16), entryPrice: numberLike, isolatedMargin: numberLike }));
export const positionInputSchema = obj({
  ...opt(positionFields),
  otherPositions: v.optional(v.pipe(v.array(otherPosition), v.maxLength(500))),
  existingPosition: v.optional(existingPosition),
});

const calcExtras = obj(opt({ priceFor: text(80), maxLoss: text(80), minDistancePercent: text(80), targetRoePercent: text(80), gapPercent: text(80), fundingHours: text(80) }));

// What the overlay shows for a form it could not read (form/cleared): its reasons, in the reader's words.
const note = obj({ code: text(40), message: text(600), field: v.optional(text(40)) });
const notes = v.pipe(v.array(note), v.maxLength(24));
const unreadState = v.union([obj({ kind: v.literal('unreadable'), reasons: notes }), obj({ kind: v.literal('confirm'), found: notes })]);

// ─── One schema per message type ────────────────────────────────────────────────────────────

export const requestSchemas = {
  'form/snapshot': obj({ type: v.literal('form/snapshot'), seq, snapshot: formSnapshotSchema }),
  'form/cleared': obj({
    type: v.literal('form/cleared'),
    seq,
    reason: v.picklist(['empty', 'unreadable', 'no-form', 'navigated', 'stopped']),
    state: v.optional(unreadState),
    // Only context for the popup: a partial read the schema refuses (no side left, say) is dropped, not the message.
    snapshot: v.optional(
      v.pipe(
        v.unknown(),
        v.transform((x) => {
          const r = v.safeParse(formSnapshotSchema, x);
          return r.success ? r.output : undefined;
        }),
      ),
    ),
  }),
  'ui/open-venue': obj({ type: v.literal('ui/open-venue'), venueId: v.pipe(v.string(), v.minLength(1), v.maxLength(40), v.regex(/^[a-z0-9_-]+$/, 'a venue id')) }),
  'ui/open-calculator': obj({ type: v.literal('ui/open-calculator') }),
  'tab/state': obj({ type: v.literal('tab/state'), tabId }),
  'calc/assess': obj({
    type: v.literal('calc/assess'),
    input: positionInputSchema,
    accountMode: v.optional(v.nullable(text(64))),
    region: v.optional(v.nullable(text(16))),
    extras: v.optional(calcExtras),
  }),
  'calc/defaults': obj({ type: v.literal('calc/defaults'), venue: v.picklist(ENGINE_VENUES), symbol, contract: v.optional(v.picklist(['linear', 'inverse'])) }),
  'market/diagnostics': obj({ type: v.literal('market/diagnostics') }),
  'market/refresh': obj({ type: v.literal('market/refresh'), venue: v.optional(v.picklist(ENGINE_VENUES)) }),
  // 20,000 characters: the pasted-table reader's own limit (src/core/market/pasted-table.ts).
  'market/paste-table': obj({ type: v.literal('market/paste-table'), venue: v.picklist(['binance-usdm', 'binance-coinm']), symbol, text: text(20_000) }),
  'market/forget-table': obj({ type: v.literal('market/forget-table'), venue: v.picklist(['binance-usdm', 'binance-coinm']), symbol }),
  'market/pasted-tables': obj({ type: v.literal('market/pasted-tables') }),
  'account/snapshot': obj({ type: v.literal('account/snapshot'), seq, account: accountSnapshotSchema }),
  'account/checks': obj({ type: v.literal('account/checks') }),
} satisfies { [T in MessageType]: v.GenericSchema };

// Compile-time proof that each schema's output is assignable to the request type it guards.
type SchemaOut<T extends MessageType> = v.InferOutput<(typeof requestSchemas)[T]>;
type Assignable<A, B> = [A] extends [B] ? true : false;
const schemasMatchTypes: { [T in MessageType]: Assignable<SchemaOut<T>, Extract<AnyRequest, { type: T }>> } = {
  'form/snapshot': true,
  'form/cleared': true,
  'ui/open-venue': true,
  'ui/open-calculator': true,
  'tab/state': true,
  'calc/assess': true,
  'calc/defaults': true,
  'market/diagnostics': true,
  'market/refresh': true,
  'market/paste-table': true,
  'market/forget-table': true,
  'market/pasted-tables': true,
  'account/snapshot': true,
  'account/checks': true,
};
void schemasMatchTypes;
const snapshotMatches: Assignable<v.InferOutput<typeof formSnapshotSchema>, FormSnapshot> = true;
void snapshotMatches;
const accountMatches: Assignable<v.InferOutput<typeof accountSnapshotSchema>, AccountSnapshot> = true;
void accountMatches;

// ─── Entry point ────────────────────────────────────────────────────────────────────────────

export type ParsedRequest =
  | { ok: true; request: AnyRequest }
  | { ok: false; code: Extract<ErrorCode, 'invalid-message' | 'unknown-type'>; message: string; type: MessageType | null; seq?: number };

const isType = (t: unknown): t is MessageType => typeof t === 'string' && (MESSAGE_TYPES as string[]).includes(t);

/** Validates an untrusted message. Never throws; never echoes the offending value. */
export function parseRequest(raw: unknown): ParsedRequest {
  try {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      return { ok: false, code: 'invalid-message', message: 'A message must be an object with a "type".', type: null };
    }
    const inspected = inspectPayload(raw);
    const rawType = (raw as { type?: unknown }).type;
    const type = isType(rawType) ? rawType : null;
    const rawSeq = (raw as { seq?: unknown }).seq;
    const echo = typeof rawSeq === 'number' && Number.isSafeInteger(rawSeq) && rawSeq >= 0 ? { seq: rawSeq } : {};
    if (!inspected.ok) return { ok: false, code: 'invalid-message', message: `Invalid message: ${inspected.message}.`, type, ...echo };
    if (type === null) {
      const shown = typeof rawType === 'string' ? `"${rawType.slice(0, 40).replace(/[^\w/.-]/g, '?')}"` : typeof rawType;
      return { ok: false, code: 'unknown-type', message: `Unknown message type ${shown}.`, type: null, ...echo };
    }
    const result = v.safeParse(requestSchemas[type], raw, { abortEarly: true });
    if (result.success) return { ok: true, request: result.output as AnyRequest };
    const issue = result.issues[0];
    const path = issue ? (v.getDotPath(issue) ?? '') : '';
    const expected = issue?.expected ? `expected ${issue.expected.slice(0, 120)}` : 'invalid';
    return { ok: false, code: 'invalid-message', message: `Invalid ${type} message: ${path || 'message'}: ${expected}.`, type, ...echo };
  } catch {
    // A getter or proxy that throws: the message is not plain data.
    return { ok: false, code: 'invalid-message', message: 'Invalid message: it could not be read as plain data.', type: null };
  }
}
