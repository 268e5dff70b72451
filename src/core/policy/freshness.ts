import type { Caveat, Confidence, SourceRecord } from './types';

/**
 * Staleness and confidence caveats for a fact (issue 5, point 4): a fact whose newest dated
 * source is more than 12 months older than `now`, or whose confidence is low, carries a
 * visible warning. Undated sources get an informational note instead: most exchange help
 * pages carry no date, and they are only as current as the research copy.
 *
 * Dates are compared as ISO strings. An approximate date ('2024', '2025-07') counts from the
 * start of its period, so it is flagged as soon as it *may* be more than 12 months old.
 */

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})/;

export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD' for a valid ISO date or timestamp, else null. */
export function isoDay(s: string): string | null {
  const m = ISO_DAY.exec(s);
  if (!m) return null;
  const month = parseInt(m[2] ?? '', 10);
  const day = parseInt(m[3] ?? '', 10);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** Start of the period a research date names: '2024' -> '2024-01-01', '2025-07' -> '2025-07-01'. */
function periodStart(date: string): string {
  if (/^\d{4}$/.test(date)) return `${date}-01-01`;
  if (/^\d{4}-\d{2}$/.test(date)) return `${date}-01`;
  return date;
}

/** True when `date` (a research date) plus 12 months is before `now` (YYYY-MM-DD). */
export function olderThanTwelveMonths(date: string, now: string): boolean {
  const start = periodStart(date);
  const year = parseInt(start.slice(0, 4), 10);
  return `${year + 1}${start.slice(4)}` < now;
}

export interface FactLike {
  sources: readonly string[];
  confidence: Confidence;
}

/** Newest dated source among `ids` (by period start), or null if none is dated. */
export function newestDatedSource(
  ids: readonly string[],
  sources: Readonly<Record<string, SourceRecord>>,
): { id: string; source: SourceRecord & { date: string } } | null {
  let best: { id: string; source: SourceRecord & { date: string } } | null = null;
  for (const id of ids) {
    const s = sources[id];
    if (s === undefined || s.date === null) continue;
    if (best === null || periodStart(s.date) > periodStart(best.source.date)) best = { id, source: { ...s, date: s.date } };
  }
  return best;
}

/**
 * Caveats for one fact. `what` names the fact for the message ("Negative-balance policy",
 * "Max leverage"); `compiled` is the research compile date for the undated note.
 */
export function factCaveats(
  fact: FactLike,
  what: string,
  now: string,
  sources: Readonly<Record<string, SourceRecord>>,
  compiled: string,
): Caveat[] {
  const out: Caveat[] = [];
  if (fact.confidence === 'low') {
    out.push({
      code: 'low-confidence',
      severity: 'warning',
      message: `${what}: low confidence (third-party, old, contradicted or missing sources). Check the venue's own page.`,
      sourceIds: [...fact.sources],
    });
  }
  if (fact.sources.length === 0) {
    out.push({ code: 'no-source', severity: 'warning', message: `${what}: no source was found for this.` });
    return out;
  }
  const newest = newestDatedSource(fact.sources, sources);
  const undated = fact.sources.filter((id) => sources[id]?.date == null);
  if (newest === null) {
    out.push({
      code: 'undated-source',
      severity: 'info',
      message: `${what}: none of its sources carry a date, so it is only as current as the research copy (compiled ${compiled}).`,
      sourceIds: [...fact.sources],
    });
  } else if (olderThanTwelveMonths(newest.source.date, now)) {
    const approx = newest.source.dateKind === 'approx' ? ', approximate' : '';
    const rest = undated.length > 0 ? ` Its other source${undated.length > 1 ? 's are' : ' is'} undated.` : '';
    out.push({
      code: 'stale-source',
      severity: 'warning',
      message: `${what}: the newest dated source (${newest.source.publisher}, ${newest.source.date}${approx}) is more than 12 months old; the policy may have changed.${rest}`,
      sourceIds: [newest.id],
    });
  }
  return out;
}
