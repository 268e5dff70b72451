import browser from 'webextension-polyfill';
import { cleanOverride, overrideIn, overrideKey, SYMBOL_OVERRIDES_KEY, type SymbolOverride } from '../shared/symbol-overrides';

/**
 * The popup's side of what the trader typed for a symbol without market data (src/shared/symbol-overrides.ts
 * says what a stored record means): read it back to prefill the calculator, and remember it, which the
 * overlay on the venue's page then uses too.
 */

export { SYMBOL_OVERRIDES_KEY, type SymbolOverride };

/** Oldest entries go first beyond this. */
const MAX_ENTRIES = 50;

type Stored = Record<string, SymbolOverride & { savedAt: number }>;

async function readAll(): Promise<Stored> {
  try {
    const got = (await browser.storage.local.get(SYMBOL_OVERRIDES_KEY))[SYMBOL_OVERRIDES_KEY];
    return typeof got === 'object' && got !== null && !Array.isArray(got) ? (got as Stored) : {};
  } catch {
    return {};
  }
}

export async function readOverride(venue: string, symbol: string): Promise<SymbolOverride | null> {
  const kept = overrideIn(await readAll(), venue, symbol);
  if (!kept) return null;
  const { savedAt: _savedAt, ...values } = kept;
  return values;
}

/** Remembers the valid values (an empty object forgets the symbol). Rejects when storage refuses. */
export async function rememberOverride(venue: string, symbol: string, values: SymbolOverride, now = Date.now()): Promise<void> {
  if (!venue || !symbol.trim()) return;
  const all = await readAll();
  const kept = cleanOverride(values);
  const key = overrideKey(venue, symbol);
  if (kept) all[key] = { ...(kept.maintenanceMarginRate ? { maintenanceMarginRate: kept.maintenanceMarginRate } : {}), ...(kept.contractSize ? { contractSize: kept.contractSize } : {}), savedAt: now };
  else delete all[key];
  const newest = Object.entries(all)
    .sort(([, a], [, b]) => (Number(b?.savedAt) || 0) - (Number(a?.savedAt) || 0))
    .slice(0, MAX_ENTRIES);
  await browser.storage.local.set({ [SYMBOL_OVERRIDES_KEY]: Object.fromEntries(newest) });
}
