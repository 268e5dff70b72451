import { answerSources, DATA_COMPILED, allVenueRecords, contradictionRecord, SOURCES, venueRecord, venueSummary } from './data';
import { policyVenueIdFor } from './engine-venues';
import { factCaveats, isoDay, todayIso } from './freshness';
import { ADL_MECHANISM_LABELS, TRIGGER_PRICE_LABELS, verdictForStatus } from './labels';
import { CONTRADICTION_SUMMARIES } from './summaries';
import type { Caveat, FactRecord, FactView, VenuePolicyView, VenueRecord } from './types';
import { urlPatternNote } from './venue-urls';

/**
 * Per-venue details for the popup's venue list and detail pages. Every fact carries its
 * sources and the staleness/low-confidence caveats relative to `now` (default: today).
 */

function view<R extends FactRecord>(record: R, what: string, now: string): FactView<R> {
  const caveats: Caveat[] = factCaveats(record, what, now, SOURCES, DATA_COMPILED);
  return { ...record, sources: answerSources(record.sources, record.confidence), caveats };
}

function buildView(venue: VenueRecord, now: string): VenuePolicyView {
  const s = venueSummary(venue);
  const name = s.shortName;
  const { byMode, platformPhrase, platformPhraseSource: phraseSource, ...nbpRest } = venue.nbp;
  return {
    id: venue.id,
    name: venue.name,
    shortName: name,
    venueType: venue.venueType,
    overview: s.overview,
    confidence: venue.confidence,
    verdict: verdictForStatus(venue.nbp.status),
    nbp: {
      ...view(nbpRest, `Negative-balance policy at ${name}`, now),
      summary: s.nbp,
      platformPhrase:
        platformPhrase === null
          ? null
          : {
              text: platformPhrase,
              source: phraseSource === null ? null : (answerSources([phraseSource], venue.nbp.confidence)[0] ?? null),
            },
      accountModes: byMode.map((m) => {
        const label = s.modes?.[m.mode]?.label ?? m.mode.replace(/_/g, ' ');
        return {
          ...view(m, `${name} (${label})`, now),
          label,
          verdict: verdictForStatus(m.status),
          reasons: s.modes?.[m.mode]?.reasons ?? s.nbp,
        };
      }),
    },
    insuranceFund: { ...view(venue.insuranceFund, `Insurance fund at ${name}`, now), summary: s.insuranceFund },
    adl: {
      ...view(venue.adl, `Auto-deleveraging at ${name}`, now),
      summary: s.adl,
      mechanismLabel: ADL_MECHANISM_LABELS[venue.adl.mechanism],
    },
    liquidation: {
      ...view(venue.liquidation, `Liquidation rules at ${name}`, now),
      summary: s.liquidation,
      triggerPriceLabel:
        venue.liquidation.triggerPrice === null
          ? null
          : (TRIGGER_PRICE_LABELS[venue.liquidation.triggerPrice] ?? venue.liquidation.triggerPrice.replace(/_/g, ' ')),
    },
    marginModes: view(venue.marginModes, `Margin modes at ${name}`, now),
    maxLeverage: view(venue.maxLeverage, `Maximum leverage at ${name}`, now),
    contractTypes: venue.contractTypes,
    urlPatterns: { ...view(venue.urlPatterns, `Trading-page patterns for ${name}`, now), note: urlPatternNote(venue.urlPatterns.noteCode) },
    entities: venue.entities,
    contradictions: venue.contradictions.map((id) => ({
      id,
      summary: CONTRADICTION_SUMMARIES[id]?.summary ?? id,
      sources: answerSources(contradictionRecord(id)?.sides.flatMap((side) => side.sources) ?? [], 'low'),
    })),
    dataCompiled: DATA_COMPILED,
  };
}

function resolveNow(now: string | undefined): string {
  return (now === undefined ? null : isoDay(now)) ?? todayIso();
}

/** One venue's details by policy id or engine id; null when we hold no policy for it. */
export function getVenuePolicy(id: string, options: { now?: string } = {}): VenuePolicyView | null {
  const policyId = typeof id === 'string' ? policyVenueIdFor(id) : null;
  const venue = policyId === null ? undefined : venueRecord(policyId);
  return venue === undefined ? null : buildView(venue, resolveNow(options.now));
}

/** Every venue, in the research data's order. */
export function listVenuePolicies(options: { now?: string } = {}): VenuePolicyView[] {
  const now = resolveNow(options.now);
  return allVenueRecords().map((venue) => buildView(venue, now));
}
