/**
 * Schema pieces shared by the venue parsers. Schemas check shape only (types, required fields, sizes);
 * numeric ranges are checked when the values are read, so every error names the field it is about.
 */
import * as v from 'valibot';
import type { D } from '../../decimal';
import { readDecimal, type Bounds } from '../numbers';

/** A number as venues send it: a decimal string or a JSON number. */
export const Num = v.union([v.pipe(v.string(), v.maxLength(60)), v.number()]);

/** Lists are bounded so a hostile response cannot make the worker chew through millions of rows. */
export function list<T extends v.GenericSchema>(item: T, max = 5000) {
  return v.pipe(v.array(item), v.maxLength(max));
}

export function issueText(issues: readonly v.BaseIssue<unknown>[]): string {
  const first = issues[0];
  if (!first) return 'unexpected shape';
  const path = first.path?.map((p) => String(p.key)).join('.') ?? '';
  return path ? `${path}: ${first.message}` : first.message;
}

/** Safe-parses with a schema; the error names the first field that did not fit. */
export function shape<T extends v.GenericSchema>(schema: T, json: unknown, what: string): { ok: true; value: v.InferOutput<T> } | { ok: false; error: string } {
  const r = v.safeParse(schema, json);
  return r.success ? { ok: true, value: r.output } : { ok: false, error: `${what} has an unexpected shape (${issueText(r.issues)}).` };
}

/** Reads one numeric field or throws a FieldError carrying the field's name. */
export class FieldError extends Error {}

export function need(value: unknown, field: string, bounds: Bounds): D {
  const d = readDecimal(value, bounds);
  if (d === null) throw new FieldError(`${field} is ${JSON.stringify(value)}, not a number in the accepted range.`);
  return d;
}

/** Latest time a Date can hold (ms): a larger stamp is not a time, and `toISOString` would throw on it. */
const MAX_DATE_MS = 8.64e15;

/**
 * When the venue says its figure was true: its own millisecond stamp (a JSON number or a decimal string) when
 * that is a plausible time, otherwise when we fetched it. The mark check then judges the age from the venue's
 * clock, not ours.
 */
export function venueStamp(ms: unknown, fetchedAt: string): string {
  const n = typeof ms === 'number' ? ms : typeof ms === 'string' && /^\d{1,16}$/.test(ms) ? Number(ms) : NaN;
  return Number.isSafeInteger(n) && n > 0 && n <= MAX_DATE_MS ? new Date(n).toISOString() : fetchedAt;
}

/** Runs a reader that throws FieldError; turns it into a failed ParseResult. */
export function guarded<T>(fn: () => { ok: true; value: T } | { ok: false; error: string }): { ok: true; value: T } | { ok: false; error: string } {
  try {
    return fn();
  } catch (e) {
    if (e instanceof FieldError) return { ok: false, error: e.message };
    throw e;
  }
}

/**
 * A list whose rows are checked one by one, only when asked about: a venue's answer for 500 symbols must not
 * be refused because a row for some other symbol has an odd or null field. The rows a question is about
 * are validated with their own schema by `rowsWhere`.
 */
export function rawList(max = 5000) {
  return list(v.unknown(), max);
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Every row whose `key` equals `value`, each validated with `schema`. A row that matches but does not fit
 * fails the answer (it is the data the question is about); rows that do not match are never looked at.
 */
export function rowsWhere<T extends v.GenericSchema>(
  rows: readonly unknown[],
  key: string,
  value: string,
  schema: T,
  what: string,
): { ok: true; value: v.InferOutput<T>[] } | { ok: false; error: string } {
  const out: v.InferOutput<T>[] = [];
  for (const row of rows) {
    if (!isObject(row) || row[key] !== value) continue;
    const r = shape(schema, row, what);
    if (!r.ok) return r;
    out.push(r.value);
  }
  return { ok: true, value: out };
}

/** The first row whose `key` equals `value`, validated; null when no row has that value. */
export function rowWhere<T extends v.GenericSchema>(
  rows: readonly unknown[],
  key: string,
  value: string,
  schema: T,
  what: string,
): { ok: true; value: v.InferOutput<T> | null } | { ok: false; error: string } {
  const i = rows.findIndex((row) => isObject(row) && row[key] === value);
  if (i < 0) return { ok: true, value: null };
  return shape(schema, rows[i], what);
}

/**
 * Candles read one by one: a malformed candle is dropped and the rest kept. The volatility estimate only
 * pairs candles exactly one interval apart and needs a minimum count, so a dropped candle is a gap it
 * skips, never a wrong return.
 */
export function eachRow<T>(rows: readonly unknown[], read: (row: unknown) => T): T[] {
  const out: T[] = [];
  for (const row of rows) {
    try {
      out.push(read(row));
    } catch (e) {
      if (!(e instanceof FieldError)) throw e;
    }
  }
  return out;
}

/** The element `i` of an array row, or a FieldError naming it. */
export function cell(row: unknown, i: number, field: string, bounds: Bounds): D {
  if (!Array.isArray(row)) throw new FieldError(`${field}: the row is not a list.`);
  return need(row[i], field, bounds);
}

/** The field `key` of an object row, or a FieldError naming it. */
export function field(row: unknown, key: string, bounds: Bounds): D {
  if (!isObject(row)) throw new FieldError(`${key}: the row is not an object.`);
  return need(row[key], key, bounds);
}

/** Every row validated with `schema`; the first that does not fit fails the answer. */
export function eachValid<T extends v.GenericSchema>(rows: readonly unknown[], schema: T, what: string): { ok: true; value: v.InferOutput<T>[] } | { ok: false; error: string } {
  const out: v.InferOutput<T>[] = [];
  for (const row of rows) {
    const r = shape(schema, row, what);
    if (!r.ok) return r;
    out.push(r.value);
  }
  return { ok: true, value: out };
}
