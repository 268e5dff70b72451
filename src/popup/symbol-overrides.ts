import browser from 'webextension-polyfill';
import { plain } from '../ui/format';

/**
 * What the trader typed for a symbol when LiqGuard had no market data for it (a maintenance margin
 * rate, in percent as typed; a contract size): remembered per venue and symbol in storage.local, so
 * the calculator opens prefilled with it next time. Only plain decimal strings within sane bounds are
 * kept or read back; anything else in storage is ignored, never shown.
 */

export const SYMBOL_OVERRIDES_KEY = 'calc:symbolOverrides';
/** Oldest entries go first beyond this. */
const MAX_ENTRIES = 50;

export interface SymbolOverride {
  /** Percent, as the calculator's field takes it ("0.5" for 0.5 %). */
  maintenanceMarginRate?: string;
  contractSize?: string;
}

type Stored = Record<string, SymbolOverride & { savedAt: number }>;

const keyOf = (venue: string, symbol: string) => `${venue}:${symbol.trim().toUpperCase()}`;

/** A rate in percent above 0 and below 100; a contract size above 0. Else null. */
function valid(field: keyof SymbolOverride, value: unknown): string | null {
  const v = plain(value);
  if (v === null || v.startsWith('-') || v === '0') return null;
  if (field === 'maintenanceMarginRate' && !/^\d{1,2}(\.\d+)?$/.test(v)) return null;
  return v.length <= 40 ? v : null;
}

function clean(raw: unknown): SymbolOverride | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const out: SymbolOverride = {};
  const mmr = valid('maintenanceMarginRate', r.maintenanceMarginRate);
  const size = valid('contractSize', r.contractSize);
  if (mmr) out.maintenanceMarginRate = mmr;
  if (size) out.contractSize = size;
  return mmr || size ? out : null;
}

async function readAll(): Promise<Stored> {
  try {
    const got = (await browser.storage.local.get(SYMBOL_OVERRIDES_KEY))[SYMBOL_OVERRIDES_KEY];
    return typeof got === 'object' && got !== null && !Array.isArray(got) ? (got as Stored) : {};
  } catch {
    return {};
  }
}

export async function readOverride(venue: string, symbol: string): Promise<SymbolOverride | null> {
  if (!venue || !symbol.trim()) return null;
  return clean((await readAll())[keyOf(venue, symbol)]);
}

/** Remembers the valid values (an empty object forgets the symbol). Rejects when storage refuses. */
export async function rememberOverride(venue: string, symbol: string, values: SymbolOverride, now = Date.now()): Promise<void> {
  if (!venue || !symbol.trim()) return;
  const all = await readAll();
  const kept = clean(values);
  const key = keyOf(venue, symbol);
  if (kept) all[key] = { ...kept, savedAt: now };
  else delete all[key];
  const newest = Object.entries(all)
    .sort(([, a], [, b]) => (Number(b?.savedAt) || 0) - (Number(a?.savedAt) || 0))
    .slice(0, MAX_ENTRIES);
  await browser.storage.local.set({ [SYMBOL_OVERRIDES_KEY]: Object.fromEntries(newest) });
}
