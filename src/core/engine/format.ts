/**
 * Display rounding, done only at the edge. A liquidation price is rounded towards the mark: a long's up, a
 * short's down. That is the conservative side (the warning comes a tick early, never late), and it is what
 * Bybit's own UI does (its inverse-cross example shows 5,739.08 as 5,739.50 with a 0.5 tick).
 */
import { D } from '../decimal';
import { decimalFrom } from './decimal-text';
import { ZERO } from './model';
import type { Side } from './types';


function toD(v: D | string | number | null | undefined): D | null {
  if (v === null || v === undefined) return null;
  if (v instanceof D) return v.isFinite() ? v : null;
  return decimalFrom(v);
}

/** Decimal places a tick implies: 0.5 → 1, 0.01 → 2, 5 → 0, 1e-7 → 7. */
export function tickDecimals(tick: D): number {
  return Math.max(0, tick.decimalPlaces());
}

/**
 * Round a liquidation price to the tick, towards the mark: long → up, short → down.
 * Without a usable tick, rounds to 10 significant digits in the same direction. Bad input gives null.
 */
export function formatPrice(value: D | string | number | null | undefined, tick: D | string | number | null | undefined, side: Side): string | null {
  const v = toD(value);
  if (!v) return null;
  const t = toD(tick);
  if (!t || !t.gt(ZERO)) {
    return v.toSignificantDigits(10, side === 'long' ? D.ROUND_CEIL : D.ROUND_FLOOR).toString();
  }
  const steps = v.div(t);
  const rounded = (side === 'long' ? steps.ceil() : steps.floor()).mul(t);
  return rounded.toFixed(tickDecimals(t));
}

/** Round a bankruptcy price the same way as the liquidation price (towards the mark). */
export const formatBankruptcyPrice = formatPrice;

/** A money amount for display: fixed decimals, rounded half-even (not for decisions, only for reading). */
export function formatAmount(value: D | string | number | null | undefined, decimals = 2): string | null {
  const v = toD(value);
  return v ? v.toFixed(Math.max(0, Math.min(20, Math.trunc(decimals)))) : null;
}
