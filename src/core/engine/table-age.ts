/**
 * How old a table is, and what that means for the trader. Venues change brackets often (Binance several
 * times a year per symbol), so a table's age is part of every figure built on it.
 */
import { D } from '../decimal';

/** Older than this: show a visible caveat next to the figure. */
export const CAVEAT_AFTER_DAYS = 30;
/** Older than this: show a warning; the brackets have very likely changed. */
export const WARNING_AFTER_DAYS = 180;
/** Live tables are refreshed at most this often per symbol. */
export const REFRESH_AFTER_MS = 24 * 60 * 60 * 1000;

export type AgeLevel = 'fresh' | 'caveat' | 'warning' | 'unknown';

export interface TableAge {
  /** Whole days since capture (floored), as a decimal string; null when either date is unreadable. */
  ageDays: string | null;
  level: AgeLevel;
  message: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/** Milliseconds since epoch of an ISO date or date-time; null when it is not one. Date-only means 00:00 UTC. */
export function parseIsoTime(iso: string): number | null {
  if (typeof iso !== 'string' || !ISO_DATE.test(iso)) return null;
  const ms = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return Number.isFinite(ms) ? ms : null;
}

export function tableAge(capturedAt: string | null | undefined, nowMs: number): TableAge {
  const captured = capturedAt ? parseIsoTime(capturedAt) : null;
  if (captured === null || !Number.isFinite(nowMs)) {
    return { ageDays: null, level: 'unknown', message: 'The tier table has no readable capture date; treat its numbers as unverified.' };
  }
  // Day counting is integer arithmetic on milliseconds; no money is involved.
  const days = new D(Math.max(0, nowMs - captured)).div(86_400_000).floor();
  const date = new Date(captured).toISOString().slice(0, 10);
  if (days.gt(WARNING_AFTER_DAYS)) {
    return { ageDays: days.toFixed(), level: 'warning', message: `The tier table is from ${date} (${days.toFixed()} days old); the venue has very likely changed its brackets since.` };
  }
  if (days.gt(CAVEAT_AFTER_DAYS)) {
    return { ageDays: days.toFixed(), level: 'caveat', message: `The tier table is from ${date} (${days.toFixed()} days old); brackets may have changed.` };
  }
  return { ageDays: days.toFixed(), level: 'fresh', message: `The tier table is from ${date}.` };
}
