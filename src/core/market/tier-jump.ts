/**
 * A live tier table can pass every check in tier-checks.ts and still be wrong as a whole: every rate ten times
 * too low, with the deductions recomputed to match, is self-consistent (a scale slip in the venue's answer or
 * an answer that is not the venue's). Such a table nearly doubles the room shown at 100×, so a new table's
 * first-tier maintenance rate is compared with the newest table we already trust (the last good live copy,
 * else the bundled or documented one) and a jump beyond these factors is held back and said:
 *
 * - down by half or more: the dangerous direction (more room than there is). Venues move a first-tier rate
 *   in steps such as 0.4 % ↔ 0.5 % or 1 % ↔ 1.5 %; between the bundled October 2024 Binance table and the
 *   August 2026 capture, BTCUSDT's first tier stayed at 0.4 % and ETHUSDT's rose to 0.75 % (×1.9). A halving
 *   is in no table we hold, and at 100× it already gives half as much room again.
 * - up by more than 4×: a rise only makes the figures more cautious, so the bound is looser; ×10 (the
 *   scale slip) is still far outside it.
 *
 * Only the first tier is compared: tier boundaries are reshaped by venues often, the first tier's rate is
 * what most orders use, and a scaled table moves it with every other rate.
 */
import { D } from '../decimal';
import type { TierTable } from '../engine/types';
import { canonical, readDecimal } from './numbers';

/** A new first-tier rate below the reference divided by this is held back. */
export const HOLD_BELOW_FACTOR = 2;
/** A new first-tier rate above the reference times this is held back. */
export const HOLD_ABOVE_FACTOR = 4;

export interface TierReference {
  table: TierTable;
  /** Names the reference in the message, e.g. "the last good live copy (fetched 2026-11-22)". */
  what: string;
}

const firstRate = (t: TierTable): D | null => readDecimal(t.tiers[0]?.maintenanceMarginRate, { min: '0', minExclusive: true, max: '1', maxExclusive: true });
const percent = (d: D): string => `${canonical(d.mul(100))} %`;

/** Why `candidate` must be held back instead of used, or null when it stays within the bounds above. */
export function tierJump(candidate: TierTable, reference: TierReference | null): string | null {
  if (!reference) return null;
  const next = firstRate(candidate);
  const known = firstRate(reference.table);
  if (!next || !known) return null;
  const ratio = next.div(known);
  const low = ratio.lt(new D(1).div(HOLD_BELOW_FACTOR));
  const high = ratio.gt(HOLD_ABOVE_FACTOR);
  if (!low && !high) return null;
  const factor = low ? known.div(next) : ratio;
  return (
    `Held back a new table: its first-tier maintenance rate ${percent(next)} is ${factor.toSignificantDigits(3).toString()}× ${low ? 'below' : 'above'} ` +
    `${percent(known)} in ${reference.what}, a jump no venue change explains (the limits are ÷${HOLD_BELOW_FACTOR} and ×${HOLD_ABOVE_FACTOR}).`
  );
}
