import { percent as percentOf, price as priceOf } from '../ui/format';

/**
 * The popup's names for the one formatter (src/ui/format.ts), which the overlay, the options and the
 * diagnostics page use too: one set of rules for every number a person reads.
 */
export { amount, DASH, dateOf, exact, forInput, fractionPercent, money, plain, quantity, sentence, signedPrice } from '../ui/format';

/** A price to the tick when known, else 10 significant digits; `rounding` for an unrounded liquidation price (towards the mark). */
export function price(value: unknown, locale: string | undefined, tick?: string | null, rounding: 'ceil' | 'floor' | 'halfExpand' = 'halfExpand'): string {
  return priceOf(value, locale, tick, null, rounding);
}

/** A value already in percent ("5.8" → "5.8%"). */
export function percent(value: unknown, locale: string | undefined, decimals = 2): string {
  return percentOf(value, locale, { decimals });
}
