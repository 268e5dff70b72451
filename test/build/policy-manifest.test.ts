import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADAPTER_VENUE_IDS, adapterVenueMatchPatterns, venueForUrl } from '../../src/core/policy';
import { firstMatchingPattern } from '../../src/core/policy/match-pattern';
import { POLICY_DATA } from '../../src/core/policy/policies.generated';

// Issue 5, point 5: the pages the content script is injected on and the venues we hold
// policies for must agree, both ways. The manifest's content_scripts are expected to list
// exactly the url_patterns of the venues with order-form adapters.
const repoRoot = path.resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'manifest.json'), 'utf8')) as {
  content_scripts?: Array<{ matches?: string[]; exclude_matches?: string[] }>;
};
const scripts = manifest.content_scripts ?? [];
const manifestMatches = scripts.flatMap((c) => c.matches ?? []);
const manifestExcludes = scripts.flatMap((c) => c.exclude_matches ?? []);

describe('manifest content_scripts <-> venue policies', () => {
  it('every manifest match pattern belongs to a venue with a policy entry', () => {
    const policyPatterns = new Set(POLICY_DATA.venues.flatMap((v) => v.urlPatterns.matches));
    expect(manifestMatches.filter((p) => !policyPatterns.has(p))).toEqual([]);
  });

  it('every manifest exclude pattern comes from a venue policy', () => {
    const policyExcludes = new Set(POLICY_DATA.venues.flatMap((v) => v.urlPatterns.excludeMatches));
    expect(manifestExcludes.filter((p) => !policyExcludes.has(p))).toEqual([]);
  });

  it('matches are exactly the adapter venues’ policy patterns', () => {
    expect(new Set(manifestMatches)).toEqual(new Set(adapterVenueMatchPatterns().matches));
  });

  it('exclude_matches are exactly the adapter venues’ policy excludes', () => {
    expect(new Set(manifestExcludes)).toEqual(new Set(adapterVenueMatchPatterns().excludeMatches));
  });

  it('each adapter venue’s example pages get the content script, and venueForUrl names that venue', () => {
    for (const id of ADAPTER_VENUE_IDS) {
      const venue = POLICY_DATA.venues.find((v) => v.id === id);
      expect(venue, id).toBeDefined();
      for (const example of venue?.urlPatterns.examples ?? []) {
        const injected = scripts.some((c) => firstMatchingPattern(example, c.matches ?? [], c.exclude_matches ?? []) !== null);
        expect(injected, `${example} is not matched by manifest.json`).toBe(true);
        expect(venueForUrl(example)?.venueId).toBe(id);
      }
    }
  });
});
