/**
 * Documented margin schedules for venues that publish no machine-readable tier table LiqGuard may fetch.
 * Each entry names its page and the page's version date (or, where the page shows none, the date our
 * research read the stored copy, said so in `notes`) and how sure we are. These are "venue-default"
 * tables: the assessment says so, and shows their age like any other table.
 *
 * What is deliberately NOT here:
 * - MEXC: its tiers come live from /api/v1/contract/detail (venues/mexc.ts); there is no documented default.
 * - Kraken multi-collateral (PF_*) contracts: the schedule is per "margin class" (A–G) and the stored pages
 *   do not say which class each contract is in.
 * - Phemex USDT-M: the help page gives only the first two BTCUSDT tiers (0.5 % to 2M, then 0.75 %), not a
 *   full table.
 */
import { D } from '../decimal';
import type { TierTable, VenueId } from '../engine/types';
import { canonical } from './numbers';
import { tiersFromCaps } from './tier-checks';

export interface VenueDefault {
  table: TierTable;
  confidence: 'high' | 'medium' | 'low';
  notes: string[];
}

interface Schedule {
  venue: VenueId;
  symbol: string;
  basis: TierTable['basis'];
  url: string;
  capturedAt: string;
  confidence: VenueDefault['confidence'];
  /** 'zero': the tier's rate applies to the whole position (risk-limit steps); 'continuous': marginal. */
  amounts: 'zero' | 'continuous';
  /** [cap|null, mmr, maxLeverage] per tier, ascending. */
  rows: [string | null, string, string][];
  notes: string[];
}

const RESEARCH_READ = '2026-11-22';

const KRAKEN_INVERSE_URL = 'https://support.kraken.com/hc/en-us/articles/15579128794772-Inverse-Futures-Margin-Schedule-Maximum-Leverage';
const KRAKEN_NOTES = [
  `The page shows no version date; ${RESEARCH_READ} is when LiqGuard's research read the stored copy.`,
  'Sizes are in contracts of 1 USD. Kraken does not say here whether a level\'s rate applies to the whole position or only to the part inside the level; LiqGuard applies it to the whole position, which can only make the maintenance margin larger (the liquidation price more cautious).',
  'Kraken liquidates at account level (cross); the per-position price is an estimate with other positions frozen.',
];

/** Deribit BTC linear perpetual: MM% = 1 % + 0.005 % per BTC of position, in 25 BTC steps (upper end). */
function deribitRows(): [string | null, string, string][] {
  const rows: [string | null, string, string][] = [];
  for (let cap = 25; cap <= 500; cap += 25) {
    const mm = new D('0.01').plus(new D('0.00005').mul(cap));
    const im = new D('0.02').plus(new D('0.00005').mul(cap));
    rows.push([cap === 500 ? null : String(cap), canonical(mm), canonical(new D(1).div(im).toDecimalPlaces(2, D.ROUND_DOWN))]);
  }
  return rows;
}

const SCHEDULES: Schedule[] = [
  {
    venue: 'phemex',
    symbol: 'BTCUSD',
    basis: 'contracts',
    url: 'https://phemex.com/announcements/adjustments-to-contract-risk-limits-and-ticker-sizes',
    capturedAt: '2022-11-03',
    confidence: 'medium',
    amounts: 'zero',
    rows: [
      ['1000000', '0.005', '100'],
      ['2000000', '0.01', '66.66'],
      ['3000000', '0.015', '50'],
      ['4000000', '0.02', '40'],
      ['5000000', '0.025', '33.33'],
      ['6000000', '0.03', '28.57'],
      ['7000000', '0.035', '25'],
      ['8000000', '0.04', '22.22'],
      ['9000000', '0.045', '20'],
      ['10000000', '0.05', '18.18'],
    ],
    notes: [
      'Phemex inverse BTCUSD risk limits effective 2022-11-03; positions in contracts of 1 USD. A risk-limit step applies its rate to the whole position.',
      'Phemex also lists the same table on https://phemex.com/help-center/risk-limit (undated).',
    ],
  },
  {
    venue: 'bitmex',
    symbol: 'XBTUSD',
    basis: 'coin-notional',
    url: 'https://www.bitmex.com/app/riskLimitsExamples',
    capturedAt: '2021-08-31',
    confidence: 'low',
    amounts: 'zero',
    rows: [
      ['200', '0.005', '100'],
      ['350', '0.01', '66.66'],
      ['500', '0.015', '50'],
      ['650', '0.02', '40'],
      ['800', '0.025', '33.33'],
      ['950', '0.03', '28.57'],
      ['1100', '0.035', '25'],
      ['1250', '0.04', '22.22'],
      ['1400', '0.045', '20'],
      [null, '0.05', '18.18'],
    ],
    notes: [
      'Base risk limit 200 XBT at 0.50 % maintenance / 1.00 % initial, each 150 XBT step adds 0.50 % to both (risk-limit examples page; 150 XBT step since 2021-08-31 per BitMEX\'s announcement).',
      'Steps past 1400 XBT are not listed on the page; the last row is open-ended at the tenth step\'s rate.',
      'BitMEX\'s own formula also adds the taker fee and the funding rate to maintenance; that is the engine\'s part.',
    ],
  },
  {
    venue: 'deribit',
    symbol: 'BTC_USDC-PERPETUAL',
    basis: 'coin-notional',
    url: 'https://support.deribit.com/hc/en-us/articles/25944738177565-Linear-Perpetual',
    capturedAt: RESEARCH_READ,
    confidence: 'low',
    amounts: 'zero',
    rows: deribitRows(),
    notes: [
      `The page shows no version date; ${RESEARCH_READ} is when LiqGuard's research read the stored copy.`,
      'Deribit\'s maintenance rate grows continuously with size: MM % = 1 % + 0.005 % × size in BTC (the page\'s 25 BTC example, 1.125 %, agrees). A tier table cannot hold that line, so each 25 BTC step uses the rate at its upper end: maintenance is overstated by at most 0.125 percentage points.',
      'The same page\'s 350 BTC example (4.5 %) does not fit that formula (it would need 0.01 % per BTC); treat Deribit figures as estimates.',
      'Deribit liquidates the account incrementally; there is no published per-position liquidation price.',
    ],
  },
  {
    venue: 'kraken-futures',
    symbol: 'PI_XBTUSD',
    basis: 'contracts',
    url: KRAKEN_INVERSE_URL,
    capturedAt: RESEARCH_READ,
    confidence: 'medium',
    amounts: 'zero',
    rows: [
      ['500000', '0.01', '50'],
      ['1000000', '0.02', '25'],
      ['3000000', '0.03', '17'],
      ['6000000', '0.05', '10'],
      ['12000000', '0.075', '6.7'],
      ['20000000', '0.125', '4'],
      ['50000000', '0.15', '3.33'],
      ['75000000', '0.2', '2.5'],
    ],
    notes: ['Bitcoin-Dollar inverse perpetual; the maximum position is 75,000,000 contracts.', ...KRAKEN_NOTES],
  },
  {
    venue: 'kraken-futures',
    symbol: 'PI_ETHUSD',
    basis: 'contracts',
    url: KRAKEN_INVERSE_URL,
    capturedAt: RESEARCH_READ,
    confidence: 'medium',
    amounts: 'zero',
    rows: [
      ['250000', '0.01', '50'],
      ['500000', '0.02', '25'],
      ['2000000', '0.03', '17'],
      ['5000000', '0.05', '10'],
      ['8000000', '0.075', '6.7'],
      ['15000000', '0.125', '4'],
      ['30000000', '0.15', '3.33'],
      ['45000000', '0.2', '2.5'],
    ],
    notes: ['Ether-Dollar inverse perpetual; the maximum position is 45,000,000 contracts.', ...KRAKEN_NOTES],
  },
];

/**
 * Why a venue has no default table, for the assessment's note and the diagnostics page. The reason
 * only: the market-data service adds what to do ("enter the maintenance rate by hand…") once.
 */
export const NO_DEFAULT_REASON: Partial<Record<VenueId, string>> = {
  mexc: 'MEXC publishes no risk-limit table LiqGuard could fall back on; its tiers come only from its contract-detail endpoint.',
  generic: 'The venue is not recognised, so no tier table applies.',
};

function build(s: Schedule): VenueDefault {
  const built = tiersFromCaps(
    s.rows.map(([cap, mmr, lev]) => ({ cap: cap === null ? null : new D(cap), mmr: new D(mmr), maxLeverage: new D(lev) })),
    s.amounts,
  );
  if ('error' in built) throw new Error(`venue default ${s.venue} ${s.symbol}: ${built.error}`);
  return {
    table: { venue: s.venue, symbol: s.symbol, basis: s.basis, tiers: built.tiers, source: 'venue-default', capturedAt: s.capturedAt, url: s.url },
    confidence: s.confidence,
    notes: s.notes,
  };
}

/** The documented default for a venue's symbol, or null when none is documented. */
export function venueDefault(venue: VenueId, symbol: string): VenueDefault | null {
  const s = SCHEDULES.find((x) => x.venue === venue && x.symbol === symbol);
  return s ? build(s) : null;
}

/** Every documented default, for tests and the diagnostics page. */
export function allVenueDefaults(): VenueDefault[] {
  return SCHEDULES.map(build);
}
