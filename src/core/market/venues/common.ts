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

/** Runs a reader that throws FieldError; turns it into a failed ParseResult. */
export function guarded<T>(fn: () => { ok: true; value: T } | { ok: false; error: string }): { ok: true; value: T } | { ok: false; error: string } {
  try {
    return fn();
  } catch (e) {
    if (e instanceof FieldError) return { ok: false, error: e.message };
    throw e;
  }
}
