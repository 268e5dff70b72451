/**
 * Prefill for the calculator form from market data: contract size, tick, taker fee, mark price, maximum
 * leverage and the tier table, each with where it came from. Pure: the background passes in what the
 * market-data service answered, and whatever it could not get becomes a note, never a guess.
 */
import type { ContractType, TierTable, VenueId } from '../engine/index';
import { VENUES } from '../engine/index';
import type { CalcDefaults } from './types';

/** The parts of the market-data answers this needs (structural, so core does not import the background). */
export interface MarketAnswers {
  tier: { table: TierTable | null; note: { message: string } } | null;
  spec: { spec: { contract: ContractType; contractSize: string; tickSize: string; maxLeverage: string | null; url: string; capturedAt: string } | null; note: { message: string } } | null;
  mark: { mark: { price: string; at: string; url: string } | null; note: { message: string } } | null;
}

const MAX_TIER_ROWS = 60;

function hostOf(url: string): string {
  const m = /^https:\/\/([^/]+)/.exec(url);
  return m ? (m[1] ?? url) : url;
}

export function buildDefaults(venue: VenueId, symbol: string, contractIn: ContractType | undefined, m: MarketAnswers): CalcDefaults {
  const spec = VENUES[venue];
  const notes: string[] = [];
  const live = m.spec?.spec ?? null;
  const contract: ContractType | null = live?.contract ?? contractIn ?? (spec.contracts.length === 1 ? (spec.contracts[0] ?? null) : null);
  if (!live && m.spec) notes.push(m.spec.note.message);

  let contractSize: CalcDefaults['contractSize'] = null;
  if (live) contractSize = { value: live.contractSize, source: `live contract spec from ${hostOf(live.url)}, ${live.capturedAt.slice(0, 10)}` };
  else if (contract) {
    const d = spec.defaultContractSize(contract, symbol || null);
    if (d) contractSize = { value: d.value, source: `${spec.name} default: ${d.note}` };
  }

  const fee = spec.defaultTakerFee;
  const takerFeeRate = { value: fee.rate, source: `${spec.name} default taker fee (${fee.source}, as of ${fee.asOf}); enter your own fee tier`, confidence: fee.confidence };

  let markPrice: CalcDefaults['markPrice'] = null;
  if (m.mark?.mark) markPrice = { value: m.mark.mark.price, at: m.mark.mark.at, source: `live mark price from ${hostOf(m.mark.mark.url)}` };
  else if (m.mark) notes.push(m.mark.note.message);

  const table = m.tier?.table ?? null;
  let maxLeverage: CalcDefaults['maxLeverage'] = null;
  if (live?.maxLeverage) maxLeverage = { value: live.maxLeverage, source: 'live contract spec' };
  else if (table?.tiers[0]) maxLeverage = { value: table.tiers[0].maxLeverage, source: `first tier of the ${table.source} tier table` };

  let tierTable: CalcDefaults['tierTable'] = null;
  if (table) {
    tierTable = {
      source: table.source,
      capturedAt: table.capturedAt === 'unknown' ? null : table.capturedAt,
      basis: table.basis,
      tiers: table.tiers.slice(0, MAX_TIER_ROWS),
      message: m.tier?.note.message ?? '',
      url: table.url ?? null,
    };
  } else if (m.tier) notes.push(m.tier.note.message);

  return {
    venue,
    symbol,
    contract,
    contractSize,
    tickSize: live ? { value: live.tickSize, source: `live contract spec from ${hostOf(live.url)}` } : null,
    takerFeeRate,
    markPrice,
    maxLeverage,
    tierTable,
    notes: notes.filter((n) => n.trim() !== ''),
  };
}
