import { POLICY_DATA } from './policies.generated';
import { VENUE_SUMMARIES, type VenueSummary } from './summaries';
import type { AnswerSource, Confidence, ContradictionRecord, RegulationRecord, VenueRecord } from './types';

/** Lookups over the generated data. Internal to the policy module. */

export const DATA_COMPILED = POLICY_DATA.compiled;
export const SOURCES = POLICY_DATA.sources;

const VENUES = new Map(POLICY_DATA.venues.map((venue) => [venue.id, venue]));
const CONTRADICTIONS = new Map(POLICY_DATA.contradictions.map((c) => [c.id, c]));
const REGULATION = new Map(POLICY_DATA.regulation.map((r) => [r.id, r]));

export function allVenueRecords(): readonly VenueRecord[] {
  return POLICY_DATA.venues;
}

export function venueRecord(id: string): VenueRecord | undefined {
  return VENUES.get(id);
}

export function contradictionRecord(id: string): ContradictionRecord | undefined {
  return CONTRADICTIONS.get(id);
}

export function regulationRecord(id: string): RegulationRecord | undefined {
  return REGULATION.get(id);
}

const FALLBACK_SUMMARY = (venue: VenueRecord): VenueSummary => ({
  shortName: venue.name,
  overview: venue.name,
  nbp: 'No summary has been written for this venue yet.',
  insuranceFund: '',
  adl: '',
  liquidation: '',
});

/** Summaries are hand-written; a test proves every venue has one, this only keeps types total. */
export function venueSummary(venue: VenueRecord): VenueSummary {
  return VENUE_SUMMARIES[venue.id] ?? FALLBACK_SUMMARY(venue);
}

const CONFIDENCE_RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

export function minConfidence(...values: Confidence[]): Confidence {
  return values.reduce<Confidence>((a, b) => (CONFIDENCE_RANK[b] < CONFIDENCE_RANK[a] ? b : a), 'high');
}

/** Source ids -> display records, tagged with the confidence of the fact they back. */
export function answerSources(ids: readonly string[], confidence: Confidence): AnswerSource[] {
  const out: AnswerSource[] = [];
  const seen = new Set<string>();
  for (const id of ids) {
    const s = SOURCES[id];
    if (s === undefined || seen.has(id)) continue;
    seen.add(id);
    out.push({
      id,
      url: s.url,
      ...(/^https?:\/\//i.test(s.url) ? { href: s.url } : {}),
      publisher: s.publisher,
      kind: s.kind,
      date: s.date,
      dateKind: s.dateKind,
      confidence,
    });
  }
  return out;
}

export function mergeSources(...lists: AnswerSource[][]): AnswerSource[] {
  const seen = new Set<string>();
  const out: AnswerSource[] = [];
  for (const s of lists.flat()) {
    if (seen.has(s.id)) continue;
    seen.add(s.id);
    out.push(s);
  }
  return out;
}
