import { answerSources, minConfidence, regulationRecord, venueSummary } from './data';
import type { Caveat, EntityRecord, RegionId, RegulatoryNote, VenueRecord } from './types';

/**
 * Regulatory context that binds for the trader's region (issue 5, point 3), from the data's
 * regulation[] plus the venue's entities, exits and restricted lists. The texts are ours;
 * the dates and entities come from the data. A note says what binds and for whom; it never
 * upgrades a venue's own answer (an EU rule protects clients of EU-authorised firms, not
 * anyone who happens to live in the EU).
 */

const EEA = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT',
  'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO',
]);

function regionHas(region: RegionId, code: string): boolean {
  switch (region) {
    case 'EU':
      return EEA.has(code);
    case 'UK':
      return code === 'UK' || code === 'GB';
    case 'US':
    case 'AU':
      return code === region;
    case 'other':
      return false;
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** '2021-01-06' -> '6 Jan 2021'; '2021-07' -> 'Jul 2021'; '2021' -> '2021'. */
export function formatResearchDate(date: string): string {
  const [y, m, d] = date.split('-');
  const month = m === undefined ? undefined : MONTHS[parseInt(m, 10) - 1];
  if (month === undefined) return y ?? date;
  return d === undefined ? `${month} ${y}` : `${parseInt(d, 10)} ${month} ${y}`;
}

/** The venue's EU MiFID II entity, if the data names one. */
export function euMifidEntity(venue: VenueRecord): EntityRecord | undefined {
  return venue.entities.find((e) => e.regulator !== null && /MiFID/i.test(e.regulator));
}

function euMicaEntity(venue: VenueRecord): EntityRecord | undefined {
  return venue.entities.find((e) => e.regulator !== null && /MiCA/i.test(e.regulator));
}

function isUsRegulated(venue: VenueRecord): boolean {
  return venue.venueType.startsWith('us_');
}

function note(
  id: string,
  region: RegionId,
  title: string,
  text: string,
  regulationIds: string[],
  extraSources: string[] = [],
): RegulatoryNote {
  const regs = regulationIds.map(regulationRecord).filter((r) => r !== undefined);
  const confidence = minConfidence(...regs.map((r) => r.confidence));
  return {
    id,
    region,
    title,
    text,
    sources: answerSources([...regs.flatMap((r) => r.sources), ...extraSources], confidence),
    confidence,
  };
}

function availabilityNotes(venue: VenueRecord, region: RegionId, name: string): RegulatoryNote[] {
  const out: RegulatoryNote[] = [];
  const exits = venue.jurisdictionExits.filter((x) => regionHas(region, x.jurisdiction));
  if (exits.length > 0) {
    const parts = exits.map((x) => (x.asOf === null ? x.jurisdiction : `${x.jurisdiction} (${formatResearchDate(x.asOf)})`));
    const wholesale = venue.entities.filter(
      (e) => e.derivativesClients === 'wholesale_only' && region === 'AU' && e.regulator?.includes('ASIC'),
    );
    const tail = wholesale.map((e) => ` Its Australian derivatives entity (${e.entity}) serves wholesale clients only.`).join('');
    out.push({
      id: `${region.toLowerCase()}-venue-withdrew`,
      region,
      title: `${name} withdrew derivatives in ${exits.map((x) => x.jurisdiction).join(', ')}`,
      text: `${name} withdrew derivatives for users in ${parts.join(', ')}, rather than offer a protected version.${tail}`,
      sources: answerSources([...exits.flatMap((x) => x.sources), ...wholesale.flatMap((e) => e.sources)], 'medium'),
      confidence: 'medium',
    });
  }
  const restricted = venue.restrictedJurisdictions;
  const listed = restricted?.list.filter((code) => regionHas(region, code)) ?? [];
  if (restricted && listed.length > 0) {
    out.push({
      id: `${region.toLowerCase()}-venue-restricted`,
      region,
      title: `${name} lists this region as restricted`,
      text: `${name} listed ${listed.join(', ')} among its restricted jurisdictions${restricted.asOf ? ` (as of ${formatResearchDate(restricted.asOf)})` : ''}.`,
      sources: answerSources(restricted.sources, 'medium'),
      confidence: 'medium',
    });
  }
  return out;
}

export interface RegulatoryContext {
  notes: RegulatoryNote[];
  caveats: Caveat[];
}

/** Notes for a known region. `venue` is null for a venue we hold no data on. */
export function regulatoryContext(venue: VenueRecord | null, region: RegionId, venueLabel: string): RegulatoryContext {
  const name = venue === null ? venueLabel : venueSummary(venue).shortName;
  const notes: RegulatoryNote[] = [];
  const caveats: Caveat[] = [];
  const esma = regulationRecord('esma_cfd_2018');
  const perps = regulationRecord('esma_perps_statement_2026');
  const cap = esma?.cryptoLeverageCap ?? null;
  const perpsDate = perps?.published ? formatResearchDate(perps.published) : 'February 2026';

  if (region === 'EU') {
    const mifid = venue === null ? undefined : euMifidEntity(venue);
    if (mifid !== undefined) {
      notes.push(
        note(
          'eu-esma-retail-mifid',
          region,
          'EU retail: ESMA’s CFD protections may apply',
          `For EU clients, ${name} works through ${mifid.entity}, a MiFID II firm regulated by ${mifid.regulator}. ESMA’s 2018 CFD rules, kept since as national measures, give retail clients negative balance protection per account${cap === null ? '' : ` and cap crypto leverage at ${cap}:1`}; on ${perpsDate} ESMA said perpetuals that meet the CFD definition are likely covered. That is not confirmed for exchange-traded 5-year "perpetual-style" futures${mifid.product ? ` (${mifid.product})` : ''}, and professional or opted-up clients are not covered.`,
          ['esma_cfd_2018', 'esma_perps_statement_2026'],
          mifid.sources,
        ),
      );
    } else {
      notes.push(
        note(
          'eu-esma-retail-offshore',
          region,
          'EU retail: ESMA’s protections bind EU-authorised firms',
          `ESMA’s CFD rules (negative balance protection per account${cap === null ? '' : `, ${cap}:1 on crypto`} for retail clients) and its ${perpsDate} view that perpetuals are likely CFDs bind MiFID-authorised firms. ${
            venue === null
              ? 'We hold no data on this venue, so we cannot tell whether it is one.'
              : `${name} has no MiFID entity in our data, so trading it from the EU does not bring those protections automatically.`
          }`,
          ['esma_cfd_2018', 'esma_perps_statement_2026'],
        ),
      );
    }
    const mica = venue === null ? undefined : euMicaEntity(venue);
    if (mica !== undefined) {
      const spotOnly = mica.derivativesClients?.startsWith('none') ? ' It offers no perpetuals there.' : '';
      notes.push(
        note(
          'eu-mica-no-derivatives',
          region,
          'EU: a MiCA licence does not cover derivatives',
          `${mica.entity} is licensed under MiCA by ${mica.regulator}, and MiCA excludes derivatives; those fall under MiFID II.${spotOnly}`,
          ['mica'],
          mica.sources,
        ),
      );
    }
  } else if (region === 'UK') {
    const ban = regulationRecord('fca_crypto_derivatives_ban');
    const since = ban?.appliesFrom ? formatResearchDate(ban.appliesFrom) : 'January 2021';
    notes.push(
      note(
        'uk-retail-ban',
        region,
        'UK: crypto derivatives are not permitted for retail',
        `Since ${since}, firms acting in or from the UK may not sell crypto derivatives (CFDs, options, futures) to retail consumers. For a UK retail trader the rule is "not permitted", not "protected": a venue that lets you trade anyway is outside FCA protection, and the FCA’s CFD rules with negative balance protection never covered futures.`,
        ['fca_crypto_derivatives_ban', 'fca_ps19_18'],
      ),
    );
  } else if (region === 'US') {
    const us = venue !== null && isUsRegulated(venue);
    notes.push(
      note(
        us ? 'us-cftc' : 'us-cftc-offshore',
        region,
        'US: no negative balance protection under CFTC rules',
        us
          ? 'At CFTC-regulated brokers and exchanges your funds are segregated, but you are liable for any deficit in your account.'
          : `US rules give no negative balance protection: at CFTC-regulated venues you are liable for any deficit. ${
              venue === null ? 'We hold no data on this venue.' : `${name} is not a CFTC-regulated venue in our data, so US rules do not protect you there either.`
            }`,
        ['us_cftc'],
      ),
    );
  }

  if (venue !== null) notes.push(...availabilityNotes(venue, region, name));

  if (notes.length === 0) {
    caveats.push({
      code: 'no-regulatory-data',
      severity: 'info',
      message:
        region === 'other'
          ? 'We hold regulatory notes only for the EU, UK, US and Australia.'
          : `We hold no regulatory source for this region that binds ${name}.`,
    });
  }
  return { notes, caveats };
}
