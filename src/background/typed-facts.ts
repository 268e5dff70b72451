/**
 * What the trader typed in the popup for a venue and symbol without market data (src/shared/symbol-overrides.ts),
 * as the assessment takes it: the values and the day they were typed. Read from storage.local on demand: the
 * assessor asks only when the venue's own table or contract size is missing.
 */
import type { TypedFacts } from '../core/assessment/types';
import { overrideIn, SYMBOL_OVERRIDES_KEY } from '../shared/symbol-overrides';

const dayOf = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString().slice(0, 10));

export function typedFacts(localGet: (key: string) => Promise<unknown>) {
  return async (venue: string, symbol: string): Promise<TypedFacts | undefined> => {
    const kept = overrideIn(await localGet(SYMBOL_OVERRIDES_KEY), venue, symbol);
    if (!kept) return undefined;
    const on = dayOf(kept.savedAt);
    const out: TypedFacts = {};
    if (kept.maintenanceMarginRate) out.maintenanceMarginRate = { percent: kept.maintenanceMarginRate, typedOn: on };
    if (kept.contractSize) out.contractSize = { value: kept.contractSize, typedOn: on };
    return out;
  };
}
