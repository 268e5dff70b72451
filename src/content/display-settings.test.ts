import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseSettings } from '../shared/settings';
import { readDisplaySettings } from './display-settings';

describe('content-script settings reader', () => {
  it('agrees with parseSettings on the fields the content script uses', () => {
    const anyValue = fc.oneof(fc.constant(undefined), fc.boolean(), fc.string(), fc.constantFrom('browser', 'de-DE', 'dark', 'light', 'auto', 'xx'));
    const stored = fc.oneof(
      fc.constant(null),
      fc.string(),
      fc.record(
        {
          version: fc.oneof(fc.constant(0), fc.constant(1), fc.constant(2), fc.constant(3), fc.constant('x')),
          numberFormat: anyValue,
          theme: anyValue,
          venues: fc.oneof(
            fc.constant('bad'),
            fc.dictionary(fc.constantFrom('binance', 'bybit', 'okx', 'mexc', 'nope'), fc.oneof(fc.constant(null), fc.record({ enabled: anyValue, overlay: anyValue }, { requiredKeys: [] }))),
          ),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(stored, (raw) => {
        const full = parseSettings(raw).settings;
        const mine = readDisplaySettings(raw);
        expect(mine.numberFormat).toBe(full.numberFormat);
        expect(mine.theme).toBe(full.theme);
        for (const [venue, s] of Object.entries(mine.venues)) {
          const f = full.venues[venue as keyof typeof full.venues];
          expect({ enabled: s.enabled, overlay: s.overlay }).toEqual({ enabled: f.enabled, overlay: f.overlay });
        }
      }),
      { numRuns: 500 },
    );
  });
});
