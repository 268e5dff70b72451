import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatePolicyModule, OUTPUT_PATH, readPolicySource } from '../../../scripts/policy-data';

describe('policies.generated.ts', () => {
  it('equals a fresh generation from data/exchange-policies.json (run npm run data:policies if not)', () => {
    // readPolicySource throws one line naming the expected path when the data file is missing.
    const fresh = generatePolicyModule(readPolicySource());
    expect(readFileSync(OUTPUT_PATH, 'utf8')).toBe(fresh);
  });
});
