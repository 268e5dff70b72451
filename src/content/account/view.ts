import type { AccountView } from '../../shared/account-snapshot';
import { isDecimalString } from '../../core/parse/decimal-string';

/**
 * The background's account view as the overlay accepts it, or null. Its shape and every figure are
 * checked (a figure is a decimal string or null), so a malformed answer shows no account rather than a
 * wrong one; texts are only ever rendered as text. Kept small: it ships in the content script.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Each key absent, null or a string (texts), or a decimal string (figures). */
const texts = (o: Obj, keys: string[]) => keys.every((k) => o[k] == null || typeof o[k] === 'string');
const figures = (o: unknown, keys?: string[]) => isObj(o) && (keys ?? Object.keys(o)).every((k) => o[k] == null || isDecimalString(o[k]));

export function parseAccountView(v: unknown): AccountView | null {
  if (!isObj(v) || typeof v.summary !== 'string' || !Array.isArray(v.positions) || !Array.isArray(v.warnings)) return null;
  const w = v.wallet;
  const r = v.marginRatio;
  const ok =
    v.positions.every((c) => figures(c, ['ours', 'venueLiquidationPrice', 'gapPercent']) && texts(c as Obj, ['symbol', 'side', 'marginMode', 'verdict', 'reason', 'likelyCause']) && ((c as Obj).afterOrder === undefined || figures((c as Obj).afterOrder))) &&
    v.warnings.every((n) => isObj(n) && texts(n, ['code', 'message', 'field'])) &&
    (w == null || (figures(w, ['value']) && texts(w as Obj, ['asset', 'from']))) &&
    (r == null || (figures(r, ['now', 'venue']) && figures((r as Obj).afterOrder)));
  return ok ? (v as unknown as AccountView) : null;
}
