/**
 * Display rounding for the overlay and the popup. The engine keeps full precision; here each
 * figure is rounded once, on the side that makes the warning come early rather than late:
 *
 *   prices        liquidation and bankruptcy prices come from the engine's `display` (rounded to the
 *                 venue tick towards the mark; 10 significant digits, same direction, without a tick)
 *   distances     the price distance is measured to the displayed liquidation price and rounded
 *                 down to the tick's decimals; the percent is rounded half-even to 2 decimals, as
 *                 the engine's severity reasons print it, so the figure and the sentence agree
 *   losses        loss at liquidation, margin at risk, margin added: rounded up (away from zero)
 *   other money   notional, initial and maintenance margin: half-even
 *   money places  2 decimals for USD-like settlement (USDT, USDC, USD, BUSD, FDUSD), 8 for coins
 *   probability   a fraction of one, rounded up to 4 decimals (0.01 %)
 *
 * Every output is a plain normalised decimal string ("58838.2", never "58838.20", "-0" or "1e-7"),
 * the form content scripts accept (src/core/parse/decimal-string.ts).
 */
import { D } from '../decimal';

const USD_LIKE = new Set(['USDT', 'USDC', 'USD', 'BUSD', 'FDUSD']);

export type Rounding = typeof D.ROUND_UP | typeof D.ROUND_DOWN | typeof D.ROUND_CEIL | typeof D.ROUND_FLOOR | typeof D.ROUND_HALF_EVEN;

/** A Decimal as a plain normalised decimal string: no exponent, no trailing fractional zeros, no "-0". */
export function plain(d: D): string {
  let s = d.toFixed();
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

/** Parses a decimal string the engine produced; null for anything else. */
export function dec(value: string | null | undefined): D | null {
  if (typeof value !== 'string' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value)) return null;
  const d = new D(value);
  return d.isFinite() ? d : null;
}

export function roundTo(value: D, places: number, rounding: Rounding): string {
  return plain(value.toDecimalPlaces(Math.max(0, places), rounding));
}

/** Decimal places of money in this settlement currency. */
export function moneyPlaces(currency: string): number {
  return USD_LIKE.has(currency.toUpperCase()) ? 2 : 8;
}

export function money(value: string | null | undefined, currency: string, rounding: Rounding = D.ROUND_HALF_EVEN): string | null {
  const d = dec(value);
  return d ? roundTo(d, moneyPlaces(currency), rounding) : null;
}

/** A loss or an amount at stake: never shown smaller than it is. */
export function lossMoney(value: string | null | undefined, currency: string): string | null {
  return money(value, currency, D.ROUND_UP);
}

/** A price the engine already rounded for display (it may carry the tick's trailing zeros). */
export function displayPrice(value: string | null | undefined): string | null {
  const d = dec(value);
  return d ? plain(d) : null;
}

/** Decimal places a tick implies: 0.1 → 1, 0.50 → 1, 5 → 0. */
export function tickPlaces(tick: string | null | undefined): number | null {
  const d = dec(tick);
  return d && d.gt(0) ? d.decimalPlaces() : null;
}

/** Distance from the mark to the (displayed) liquidation price, rounded towards less room. */
export function distancePrice(mark: string, displayedLiquidation: string, direction: 'down' | 'up', tick: string | null): string | null {
  const m = dec(mark);
  const l = dec(displayedLiquidation);
  if (!m || !l) return null;
  const move = direction === 'down' ? m.minus(l) : l.minus(m);
  const places = tickPlaces(tick);
  if (places !== null) return roundTo(move, places, D.ROUND_FLOOR);
  return plain(move.toSignificantDigits(10, D.ROUND_FLOOR));
}

export function distancePercent(value: string | null | undefined): string | null {
  const d = dec(value);
  return d ? roundTo(d, 2, D.ROUND_HALF_EVEN) : null;
}

export function probability(value: string | null | undefined): string | null {
  const d = dec(value);
  return d ? roundTo(d, 4, D.ROUND_CEIL) : null;
}

/** One sentence saying how the figures were rounded, for the assumptions list. */
export function roundingNote(tick: string | null, currency: string): string {
  const prices = tick
    ? `Prices are rounded to the venue's tick of ${plain(new D(tick))}, towards the mark (so the warning comes a tick early)`
    : 'The venue tick is not known, so prices are rounded to 10 significant digits, towards the mark';
  return `${prices}; the distance in price is rounded down; losses and margin at risk are rounded up, to ${moneyPlaces(currency)} decimals in ${currency}.`;
}
