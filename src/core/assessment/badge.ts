/**
 * The toolbar badge for a tab, from the state its overlay shows. Pure: the background's badge
 * shell only hands the result to action.setBadgeText/BackgroundColor/Title.
 *
 * Text is the distance to liquidation of the riskiest side, rounded down to one decimal below
 * 10 % and to whole percents above ("4.2%", "12%", ">99%"); "LIQ" when the mark is at or past
 * liquidation; "?" when LiqGuard has no figure for a form it read, could not read or waits for the
 * trader to confirm; empty when there is nothing
 * to say; "—" in neutral grey when no side can be liquidated by price alone. The colour follows the warning
 * level; the title says the same in words.
 */
import { D } from '../decimal';
import type { OverlayState, Severity, SideFigures } from '../../shared/overlay-state';
import { dec } from './display';

export interface Badge {
  text: string;
  /** CSS hex colour for the badge background (white text stays readable on each). */
  color: string;
  title: string;
}

/** `none` (no liquidation price, or nothing to say) is the neutral grey: never a warning colour. */
export const BADGE_COLORS: Record<Severity, string> = {
  ok: '#188038',
  caution: '#a05a00',
  danger: '#d93025',
  critical: '#8b0000',
  none: '#5f6368',
};

const ORDER: Severity[] = ['none', 'ok', 'caution', 'danger', 'critical'];

export const DEFAULT_TITLE = 'LiqGuard';

/** "4.2%" style text for a distance in percent; rounded down so the badge never shows more room than there is. */
export function badgePercent(percent: string | null): string | null {
  const d = dec(percent);
  if (!d) return null;
  if (!d.gt(0)) return 'LIQ';
  if (d.gte(100)) return '>99%';
  const shown = d.lt(10) ? d.toDecimalPlaces(1, D.ROUND_DOWN) : d.toDecimalPlaces(0, D.ROUND_DOWN);
  return `${shown.toFixed()}%`;
}

function sideWords(s: SideFigures): string {
  if (s.liquidationPrice === null) return s.severity === 'critical' ? `would be liquidated at once (${s.severity})` : 'cannot be liquidated by price alone';
  if (s.liquidatedOnFill) return `liquidated on fill (${s.severity})`;
  const d = dec(s.distancePercent);
  if (d && !d.gt(0)) return `mark is at or past liquidation (${s.severity})`;
  const pct = d ? (d.lt(10) ? d.toDecimalPlaces(1, D.ROUND_DOWN) : d.toDecimalPlaces(0, D.ROUND_DOWN)).toFixed() : '?';
  return `liquidation ${pct} % away (${s.severity})`;
}

/** The riskiest side; on a tie the first (the active side comes first). */
export function riskiestSide(sides: readonly SideFigures[]): SideFigures | null {
  let worst: SideFigures | null = null;
  for (const s of sides) if (worst === null || ORDER.indexOf(s.severity) > ORDER.indexOf(worst.severity)) worst = s;
  return worst;
}

export function badgeFor(state: OverlayState | null): Badge {
  if (state === null) return { text: '', color: BADGE_COLORS.none, title: DEFAULT_TITLE };
  switch (state.kind) {
    case 'idle':
      return { text: '', color: BADGE_COLORS.none, title: DEFAULT_TITLE };
    case 'confirm':
      return { text: '?', color: BADGE_COLORS.none, title: 'LiqGuard: no figure — confirm the fields it found on the page (or point at them) to see one' };
    case 'unreadable': {
      const first = state.reasons[0]?.message ?? 'some order fields could not be read';
      return { text: '?', color: BADGE_COLORS.none, title: `LiqGuard: no figure — ${first}` };
    }
    case 'error':
      return { text: '!', color: BADGE_COLORS.none, title: `LiqGuard: ${state.message}` };
    case 'assessed': {
      const worst = riskiestSide(state.sides);
      if (!worst) return { text: '', color: BADGE_COLORS.none, title: DEFAULT_TITLE };
      const text = worst.liquidationPrice === null ? (worst.severity === 'critical' ? 'LIQ' : '—') : (badgePercent(worst.distancePercent) ?? '?');
      const others = state.sides.filter((s) => s !== worst).map((s) => ` ${s.side === 'long' ? 'Long' : 'Short'}: ${sideWords(s)}.`);
      return {
        text,
        color: BADGE_COLORS[worst.severity],
        title: `LiqGuard: ${sideWords(worst)} — ${state.symbol} ${worst.side}.${others.join('')}`,
      };
    }
  }
}
