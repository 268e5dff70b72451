import { describe, expect, it } from 'vitest';
import { POLICY_DATA } from './policies.generated';
import { CONTRADICTION_SUMMARIES, VENUE_SUMMARIES } from './summaries';

const sentences = (s: string) => s.split(/(?<=[.!?])\s+(?=[A-Z"“])/).filter((x) => x.trim() !== '');

describe('hand-written summaries', () => {
  it('exist for exactly the venues in the data', () => {
    expect(Object.keys(VENUE_SUMMARIES).sort()).toEqual(POLICY_DATA.venues.map((v) => v.id).sort());
  });

  it('label every account mode and nothing else', () => {
    for (const venue of POLICY_DATA.venues) {
      const modes = Object.keys(VENUE_SUMMARIES[venue.id]?.modes ?? {}).sort();
      expect(modes, venue.id).toEqual(venue.nbp.byMode.map((m) => m.mode).sort());
    }
  });

  it('cover exactly the contradictions in the data', () => {
    expect(Object.keys(CONTRADICTION_SUMMARIES).sort()).toEqual(POLICY_DATA.contradictions.map((c) => c.id).sort());
  });

  it('keep reasons to one or two sentences', () => {
    for (const [id, s] of Object.entries(VENUE_SUMMARIES)) {
      expect(sentences(s.nbp).length, `${id}.nbp`).toBeLessThanOrEqual(2);
      for (const [mode, m] of Object.entries(s.modes ?? {})) {
        expect(sentences(m.reasons).length, `${id}.${mode}`).toBeLessThanOrEqual(2);
        expect(m.label.length, `${id}.${mode} label`).toBeLessThanOrEqual(60);
      }
    }
  });

  it('are in our own words: no summary repeats the venue’s quoted phrase', () => {
    for (const venue of POLICY_DATA.venues) {
      const phrase = venue.nbp.platformPhrase?.toLowerCase();
      if (!phrase) continue;
      const s = VENUE_SUMMARIES[venue.id];
      const text = [s?.nbp, s?.insuranceFund, s?.adl, s?.liquidation, ...Object.values(s?.modes ?? {}).map((m) => m.reasons)]
        .join(' ')
        .toLowerCase();
      expect(text.includes(phrase), venue.id).toBe(false);
    }
  });
});
