import { D } from '../../decimal';
import { ZERO } from '../model';
import type { Norm, ParsedTier, ResolvedTiers } from '../model';
import type { Tier, TierBasis, TierSource } from '../types';

/** Upper-case symbol with separators removed, for comparing "BTC-USDT-SWAP" with "btc_usdt_swap". */
export function symbolKey(symbol: string | null | undefined): string {
  return (symbol ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '');
}

const QUOTES = ['USDT', 'USDC', 'BUSD', 'FDUSD', 'USD', 'PERP', 'SWAP'];

/** The base coin of a symbol: "BTCUSDT" → BTC, "ETH-USD-SWAP" → ETH, "XBTUSD" → XBT, "BTC" → BTC. */
export function baseCoin(symbol: string | null | undefined): string | null {
  if (!symbol) return null;
  const s = symbol.toUpperCase().trim();
  const first = s.split(/[-_/:\s]/)[0] ?? '';
  let base = first;
  for (let changed = true; changed; ) {
    changed = false;
    for (const q of QUOTES) {
      if (base.length > q.length && base.endsWith(q)) {
        base = base.slice(0, -q.length);
        changed = true;
      }
    }
  }
  // Delivery suffixes (BTCUSD_240927) were split off above; multiplier prefixes (1000PEPE, kPEPE) are kept.
  return base || null;
}

/** Quote/settlement currency of a linear symbol when it says so. */
export function linearQuote(symbol: string | null, fallback: string): string {
  const s = (symbol ?? '').toUpperCase();
  for (const q of ['USDT', 'USDC', 'BUSD', 'FDUSD']) if (s.includes(q)) return q;
  if (/USD(?!T|C)/.test(s)) return 'USD';
  return fallback;
}

export const feeInTrigger = (p: Norm): D => p.fee;
export const noFeeInTrigger = (): D => ZERO;

export function resolvedFromTiers(
  tiers: Tier[],
  basis: TierBasis,
  source: TierSource,
  capturedAt: string | null,
  symbol: string | null,
  note: string,
  url?: string,
): ResolvedTiers {
  const parsed: ParsedTier[] = tiers.map((t, index) => ({
    index,
    floor: new D(t.floor),
    cap: t.cap === null ? null : new D(t.cap),
    mmr: new D(t.maintenanceMarginRate),
    amount: new D(t.maintenanceAmount),
    maxLev: new D(t.maxLeverage),
  }));
  let continuous = true;
  for (let i = 1; i < parsed.length; i++) {
    const a = parsed[i - 1];
    const b = parsed[i];
    if (!a || !b || !b.floor.mul(a.mmr).minus(a.amount).eq(b.floor.mul(b.mmr).minus(b.amount))) continuous = false;
  }
  const r: ResolvedTiers = { tiers: parsed, basis, continuous, capInclusive: true, source, capturedAt, symbol, note };
  if (url !== undefined) r.url = url;
  return r;
}

/** A one-tier "table" from a venue function or rule (index null: not a row of a published table). */
export function resolvedFunction(mmr: D, maxLev: D | null, basis: TierBasis, note: string, capturedAt: string | null, url?: string): ResolvedTiers {
  const r: ResolvedTiers = {
    tiers: [{ index: null, floor: ZERO, cap: null, mmr, amount: ZERO, maxLev }],
    basis,
    continuous: true,
    capInclusive: true,
    source: 'venue-default',
    capturedAt,
    symbol: null,
    note,
  };
  if (url !== undefined) r.url = url;
  return r;
}
