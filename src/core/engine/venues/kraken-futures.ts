/**
 * Kraken Futures: inverse single-collateral (PI_XBTUSD…, 1 USD per contract) and linear multi-collateral
 * perpetuals, isolated (multi-collateral) and cross. No closed-form liquidation price is published; liquidation
 * starts when margin equity falls below maintenance margin, so the engine solves that numerically.
 *
 * Docs (undated stored copies):
 * - Liquidations: https://support.kraken.com/hc/en-us/articles/4844463246100-Margining-Liquidations-Multi-Collateral
 *     margin equity = Σ balance·(1 − haircut) + UPnL; liquidation when margin equity < MM.
 * - Inverse schedule: https://support.kraken.com/hc/en-us/articles/15579128794772-Inverse-Futures-Margin-Schedule-Maximum-Leverage
 *     levels in contracts (BTC: 0–500k, 500k–1M, 1M–3M, 3M–6M, 6M–12M, 12M–20M, 20M–50M, >50M) with
 *     MM 1 %, 2 %, 3 %, 5 %, 7.5 %, (10 %), 12.5 %, 15 %, 20 %. The schedule says "margin percentages are based on
 *     the value of the collateral currency at entry price", but Kraken's own worked example only works out with
 *     the maintenance margin valued at the liquidation price:
 * - Equity Protection Process, https://support.kraken.com/hc/en-us/articles/360022835671-Equity-Protection-Process
 *     (copy updated 2026-03-17): long 1,000 contracts at 8,000 (0.125 BTC), margin 0.01 BTC, maintenance 1 % →
 *     liquidated at 7,481, bankruptcy (IOC limit) 7,407. With MM = 1 % × 1,000/P the root is 7,481.48; with MM at
 *     entry value (0.00125 BTC) it would be 7,476.64. So the level's rate applies to the position's value at the
 *     price of the moment, as on Binance; the level itself (contracts) does not move with the price.
 * - Multi-collateral schedule (linear): https://support.kraken.com/hc/en-us/articles/360022632452 — margin classes
 *     A–G with USD levels; the per-level rates were cut off in our copy, so linear needs a rate or a table.
 * Assumed (the page's worked example was cut off): a position's whole size takes its level's rate, the more
 * conservative reading. Cross long and short of the same underlying net as max(long, short) on Kraken; the engine
 * takes the net position it is given.
 */
import { D } from '../../decimal';
import { HUNDRED, notionalAt } from '../model';
import type { Norm, ResolvedTiers } from '../model';
import { lookupTierIndex } from '../tiers';
import type { Tier } from '../types';
import { baseCoin, noFeeInTrigger, resolvedFromTiers } from './common';
import type { VenueSpec } from './types';

const INVERSE_SCHEDULE = 'https://support.kraken.com/hc/en-us/articles/15579128794772-Inverse-Futures-Margin-Schedule-Maximum-Leverage';
const SEEN = '2026-11-22';

/** Level parameters (leverage, MM %) for levels I … X. */
const LEVELS: [string, string][] = [
  ['50', '1'],
  ['25', '2'],
  ['17', '3'],
  ['10', '5'],
  ['6.7', '7.5'],
  ['5', '10'],
  ['4', '12.5'],
  ['3.33', '15'],
  ['2.5', '20'],
  ['2', '25'],
];

/** Contract boundaries per level (null where the level is not offered for that contract). */
const INVERSE_LEVELS: Record<string, (string | null)[]> = {
  // Upper bounds of levels I..X; '-' levels skipped. The last offered level is open-ended.
  BTC: ['500000', '1000000', '3000000', '6000000', '12000000', null, '20000000', '50000000', 'open', null],
  XBT: ['500000', '1000000', '3000000', '6000000', '12000000', null, '20000000', '50000000', 'open', null],
  ETH: ['250000', '500000', '2000000', '5000000', '8000000', null, '15000000', '30000000', 'open', null],
  LTC: ['250000', '500000', '2000000', '4000000', 'open', null, null, null, null, null],
  BCH: [null, '500000', '2000000', '3000000', null, '5000000', null, null, null, 'open'],
  XRP: [null, null, null, '1000000', null, 'open', null, null, null, null],
};

export function krakenInverseTiers(coin: string): Tier[] | null {
  const caps = INVERSE_LEVELS[coin];
  if (!caps) return null;
  const tiers: Tier[] = [];
  let floor = '0';
  for (let i = 0; i < caps.length; i++) {
    const cap = caps[i];
    const level = LEVELS[i];
    if (cap === null || cap === undefined || !level) continue;
    tiers.push({ floor, cap: cap === 'open' ? null : cap, maintenanceMarginRate: new D(level[1]).div(HUNDRED).toString(), maintenanceAmount: '0', maxLeverage: level[0] });
    if (cap === 'open') break;
    floor = cap;
  }
  return tiers;
}

function defaultTiers(args: { symbol: string | null; contract: 'linear' | 'inverse' }): ResolvedTiers | null {
  if (args.contract !== 'inverse') return null;
  let coin = baseCoin(args.symbol?.replace(/^P[IF]_/i, '') ?? null);
  if (coin === 'XBT') coin = 'BTC';
  const tiers = coin ? krakenInverseTiers(coin) : null;
  if (!coin || !tiers) return null;
  // Levels count contracts of 1 USD: the contract count equals the USD face value.
  return resolvedFromTiers(tiers, 'contracts', 'venue-default', SEEN, coin, `Kraken inverse margin levels for ${coin} (support page, undated; read ${SEEN})`, INVERSE_SCHEDULE);
}

/**
 * Maintenance margin at price P: the level's rate × the position's value at P (Kraken's worked example; see the
 * header). Inverse levels count contracts, so the level does not move with the price; only the value does.
 */
function requirementAt(p: Norm, price: D, notionalAtPrice?: D): { mm: D; rate: D } {
  const t = p.tiers;
  if (p.contract === 'inverse') {
    const basis = t.basis === 'contracts' ? (p.contracts ?? p.size) : t.basis === 'coin-notional' ? p.size.div(p.entry) : p.size;
    const tier = t.tiers[lookupTierIndex(t.tiers, basis, t.capInclusive)] ?? t.tiers[0];
    const rate = tier?.mmr ?? new D(0);
    const value = notionalAtPrice ?? p.size.div(price);
    return { mm: value.mul(rate).minus(tier?.amount ?? 0), rate };
  }
  const notional = notionalAtPrice ?? notionalAt('linear', p.size, price);
  const basis = t.basis === 'notional' ? notional : t.basis === 'coin-notional' ? p.size : (p.contracts ?? p.size);
  const tier = t.tiers[lookupTierIndex(t.tiers, basis, t.capInclusive)] ?? t.tiers[0];
  const rate = tier?.mmr ?? new D(0);
  return { mm: notional.mul(rate).minus(tier?.amount ?? 0), rate };
}

export const krakenFutures: VenueSpec = {
  id: 'kraken-futures',
  name: 'Kraken Futures',
  contracts: ['linear', 'inverse'],
  marginModes: ['isolated', 'cross'],
  positionModes: ['oneway'],
  defaultTakerFee: {
    rate: '0.0005',
    source: 'Kraken Futures base-tier taker 0.05 % (https://support.kraken.com/hc/en-us/articles/360048917612), not in our research; not checked live',
    asOf: 'undated',
    confidence: 'low',
  },
  defaultFundingIntervalHours: '1',
  tierBasis: { linear: 'notional', inverse: 'contracts' },
  tierMeasure: { linear: 'liquidation-price', inverse: 'entry' },
  cumulativeAmounts: false,
  defaultContractSize: (contract) =>
    contract === 'inverse' ? { value: '1', note: 'Kraken inverse futures are 1 USD per contract' } : { value: '1', note: 'Kraken multi-collateral sizes are in the base asset' },
  linearCurrency: 'USD',
  defaultTiers,
  formula: {
    method: 'numeric',
    mmAt: () => 'price',
    triggerFeeRate: noFeeInTrigger,
    requirementAt,
    closeFeeAt: 'liquidation',
    assumptions: (p) => {
      const out = [
        { code: 'numeric-solve', message: 'Kraken Futures publishes margin schedules, not a liquidation formula: the price is solved numerically to below one tick.' },
        { code: 'whole-position-level-rate', message: "Kraken's margin level is applied to the whole position (the page's worked example was cut off; this is the more conservative reading)." },
      ];
      if (p.contract === 'inverse') {
        out.push({ code: 'mm-at-price-value', message: "Maintenance margin is the level's rate on the position's value at the liquidation price, which reproduces Kraken's own worked example (its schedule page says entry price; the example does not work out that way)." });
      }
      out.push({ code: 'no-collateral-haircut', message: 'Collateral haircuts of non-USD balances are not modelled: give the wallet at its haircut value.' });
      return out;
    },
  },
  liquidationRemainder: {
    kept: false,
    note: "Kraken Futures sends an immediate-or-cancel order priced so the account cannot go negative; if it fills better than the bankruptcy price the trader keeps whatever margin remains. Partial liquidation with fees since 2026-03-26 (fee not included).",
    source: "Kraken, Equity Protection Process, https://support.kraken.com/hc/en-us/articles/360022835671-Equity-Protection-Process (updated 2026-03-17)",
  },
  doc: { url: 'https://support.kraken.com/hc/en-us/articles/360022835671-Equity-Protection-Process', version: 'worked example in the copy updated 2026-03-17; schedules undated, read 2026-11-22' },
  confidence: 'low',
};
