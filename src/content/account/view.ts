import type { AccountView, PositionCheck } from '../../shared/account-snapshot';
import type { Note } from '../../shared/overlay-state';
import { isDecimalString } from '../../core/parse/decimal-string';

/**
 * The background's account view as the overlay accepts it: checked field by field, so a malformed
 * answer shows no account figures rather than wrong ones. Null when it is not well formed.
 */

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max = 2000): v is string => typeof v === 'string' && v.length <= max;
const isNum = (v: unknown): v is string => isDecimalString(v);
const numOrNull = (v: unknown) => v === null || isNum(v);

function notes(v: unknown): v is Note[] {
  return Array.isArray(v) && v.length <= 100 && v.every((n) => isObj(n) && isText(n.code, 100) && isText(n.message) && (n.field === undefined || isText(n.field, 100)));
}

/** `{ long?: price, short?: price }` with prices or null. */
const perSide = (v: unknown) => isObj(v) && Object.entries(v).every(([k, x]) => (k === 'long' || k === 'short') && numOrNull(x));

function check(v: unknown): v is PositionCheck {
  return (
    isObj(v) &&
    isText(v.symbol, 64) &&
    (v.side === 'long' || v.side === 'short') &&
    (v.marginMode === 'cross' || v.marginMode === 'isolated') &&
    numOrNull(v.venueLiquidationPrice) &&
    numOrNull(v.ours) &&
    (v.verdict === null || v.verdict === 'match' || v.verdict === 'mismatch') &&
    (v.gapPercent === undefined || isNum(v.gapPercent)) &&
    (v.likelyCause === undefined || isText(v.likelyCause)) &&
    (v.reason === undefined || isText(v.reason)) &&
    (v.afterOrder === undefined || perSide(v.afterOrder))
  );
}

export function parseAccountView(v: unknown): AccountView | null {
  if (!isObj(v) || !isText(v.venue, 40) || (v.status !== 'read' && v.status !== 'not-read') || !isText(v.summary)) return null;
  const w = v.wallet;
  if (w !== null && !(isObj(w) && isNum(w.value) && isText(w.asset, 20) && isText(w.from))) return null;
  if (!Array.isArray(v.positions) || v.positions.length > 200 || !v.positions.every(check)) return null;
  const r = v.marginRatio;
  if (r !== null && !(isObj(r) && numOrNull(r.now) && numOrNull(r.venue) && perSide(r.afterOrder))) return null;
  if (!notes(v.warnings)) return null;
  return v as unknown as AccountView;
}
