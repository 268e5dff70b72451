/**
 * The net position after an order meets an existing position on the same symbol (one-way mode):
 * - same side: add; the entry becomes the size-weighted average (harmonic for inverse contracts, because an
 *   inverse position's value is face/price);
 * - opposite side, smaller: reduce; the remaining size keeps its entry, the closed part realizes PnL;
 * - opposite side, larger: flip; the new side opens at the order price;
 * - opposite side, equal: nothing is left.
 */
import { D } from '../decimal';
import { decimalFrom } from './decimal-text';
import { pnlOf, ZERO } from './model';
import type { ContractType, EngineResult, FieldError, Side } from './types';

export interface NetLeg {
  side: Side;
  /** Base units (linear) or USD face value (inverse), as a decimal string. */
  quantity: string;
  entryPrice: string;
}

export type AfterOrder =
  | { kind: 'open' | 'add' | 'reduce' | 'flip'; position: NetLeg; closedQuantity: string; realizedPnl: string }
  | { kind: 'closed'; position: null; reason: string; closedQuantity: string; realizedPnl: string };

export interface NetLegD {
  s: 1 | -1;
  size: D;
  entry: D;
}

export type AfterOrderD =
  | { kind: 'open' | 'add' | 'reduce' | 'flip'; leg: NetLegD; closed: D; realized: D }
  | { kind: 'closed'; leg: null; closed: D; realized: D };

export function positionAfterOrderD(existing: NetLegD | null, order: NetLegD, contract: ContractType): AfterOrderD {
  if (!existing || existing.size.isZero()) return { kind: 'open', leg: order, closed: ZERO, realized: ZERO };
  if (existing.s === order.s) {
    const size = existing.size.plus(order.size);
    const entry =
      contract === 'linear'
        ? existing.size.mul(existing.entry).plus(order.size.mul(order.entry)).div(size)
        : size.div(existing.size.div(existing.entry).plus(order.size.div(order.entry)));
    return { kind: 'add', leg: { s: existing.s, size, entry }, closed: ZERO, realized: ZERO };
  }
  const closed = D.min(existing.size, order.size);
  const realized = pnlOf(contract, existing.s, closed, existing.entry, order.entry);
  const cmp = order.size.cmp(existing.size);
  if (cmp < 0) return { kind: 'reduce', leg: { s: existing.s, size: existing.size.minus(order.size), entry: existing.entry }, closed, realized };
  if (cmp === 0) return { kind: 'closed', leg: null, closed, realized };
  return { kind: 'flip', leg: { s: order.s, size: order.size.minus(existing.size), entry: order.entry }, closed, realized };
}


function parsePositive(text: unknown, field: string, errors: FieldError[]): D | null {
  const v = typeof text === 'string' ? decimalFrom(text) : null;
  if (!v) {
    errors.push({ field, code: 'not-a-number', message: `${field} must be a decimal number written as text, e.g. "1.5".` });
    return null;
  }
  if (!v.gt(ZERO)) {
    errors.push({ field, code: 'not-positive', message: `${field} must be above zero; it is ${v.toString()}.` });
    return null;
  }
  return v;
}

/**
 * Public, string-in/string-out form. Quantities must already be in the same unit (base for linear, USD face for
 * inverse). Malformed arguments come back as field errors, never as an exception.
 */
export function positionAfterOrder(existing: NetLeg | null, order: NetLeg, contract: ContractType = 'linear'): EngineResult<AfterOrder> {
  const errors: FieldError[] = [];
  const toD = (l: NetLeg | null | undefined, what: string): NetLegD | null => {
    if (!l || typeof l !== 'object') {
      errors.push({ field: what, code: 'required', message: `${what} is missing.` });
      return null;
    }
    if (l.side !== 'long' && l.side !== 'short') errors.push({ field: `${what}.side`, code: 'unknown-value', message: `${what}.side must be "long" or "short".` });
    const size = parsePositive(l.quantity, `${what}.quantity`, errors);
    const entry = parsePositive(l.entryPrice, `${what}.entryPrice`, errors);
    return size && entry ? { s: l.side === 'short' ? -1 : 1, size, entry } : null;
  };
  const ex = existing === null ? null : toD(existing, 'existing');
  const ord = toD(order, 'order');
  if (errors.length > 0 || !ord) return { ok: false, errors };
  const r = positionAfterOrderD(ex, ord, contract);
  const base = { closedQuantity: r.closed.toString(), realizedPnl: r.realized.toString() };
  const value: AfterOrder =
    r.kind === 'closed'
      ? { kind: 'closed', position: null, reason: 'The order closes the whole position: nothing is left open.', ...base }
      : { kind: r.kind, position: { side: r.leg.s === 1 ? 'long' : 'short', quantity: r.leg.size.toString(), entryPrice: r.leg.entry.toString() }, ...base };
  const assumptions = [
    {
      code: 'same-unit-quantities',
      message: contract === 'linear' ? 'Quantities in base units; an added position takes the size-weighted entry.' : 'Quantities in USD face value; an added position takes the harmonic (value-weighted) entry.',
    },
  ];
  return { ok: true, value, assumptions, warnings: [] };
}
