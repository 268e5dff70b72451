/**
 * Deribit futures and perpetuals: inverse (BTC-PERPETUAL, 10 USD; ETH 1 USD) and linear (BTC_USDC, SOL_USDC…).
 * Standard margin is account-level (cross) and liquidation is incremental; Deribit publishes no closed-form
 * liquidation price, only its margin functions, so the engine solves equity = maintenance margin numerically.
 *
 * Docs:
 * - "Linear Perpetual", https://support.deribit.com/hc/en-us/articles/25944738177565-Linear-Perpetual (undated):
 *     BTC: MM% = 1 % + size_BTC · 0.005 %,  IM% = 2 % + size_BTC · 0.005 %
 *     SOL: MM% = 2 % + size_SOL · 0.0005 %, IM% = 4 % + size_SOL · 0.0005 %
 *   Worked examples: 25 BTC → MM 1.125 % = 0.28125 BTC;  IM at 350 BTC = 3.75 % = 13.125 BTC.
 * - "11 January 2022" margin change, https://support.deribit.com/hc/en-us/articles/25944826427293-11-January-2022:
 *     BTC MM 1 % + size·0.005 % (unchanged factor), ETH MM 1 % + size_ETH · 0.0004 %.
 * Size is in coin: for inverse contracts it is the USD face value divided by the price, so the maintenance margin
 * is quadratic in 1/P, which is why there is no simple closed form.
 */
import { D } from '../../decimal';
import { HUNDRED, notionalAt } from '../model';
import type { Norm, ResolvedTiers } from '../model';
import { baseCoin, noFeeInTrigger, resolvedFunction } from './common';
import type { VenueSpec } from './types';

interface MarginFunction {
  mmBase: D;
  mmPerCoin: D;
  imBase: D;
  imPerCoin: D;
  source: string;
}

const LINEAR_PERP = 'https://support.deribit.com/hc/en-us/articles/25944738177565-Linear-Perpetual';
const JAN_2022 = 'https://support.deribit.com/hc/en-us/articles/25944826427293-11-January-2022';

const pct = (s: string): D => new D(s).div(HUNDRED);

export const DERIBIT_MARGIN: Record<string, MarginFunction> = {
  BTC: { mmBase: pct('1'), mmPerCoin: pct('0.005'), imBase: pct('2'), imPerCoin: pct('0.005'), source: LINEAR_PERP },
  ETH: { mmBase: pct('1'), mmPerCoin: pct('0.0004'), imBase: pct('2'), imPerCoin: pct('0.0004'), source: JAN_2022 },
  SOL: { mmBase: pct('2'), mmPerCoin: pct('0.0005'), imBase: pct('4'), imPerCoin: pct('0.0005'), source: LINEAR_PERP },
};

/** Maintenance margin rate for a position of `sizeCoin` coins. */
export function deribitMaintenanceRate(coin: string, sizeCoin: D): D | null {
  const f = DERIBIT_MARGIN[coin];
  return f ? f.mmBase.plus(f.mmPerCoin.mul(sizeCoin)) : null;
}

export function deribitInitialRate(coin: string, sizeCoin: D): D | null {
  const f = DERIBIT_MARGIN[coin];
  return f ? f.imBase.plus(f.imPerCoin.mul(sizeCoin)) : null;
}

function requirementAt(p: Norm, price: D, notionalAtPrice?: D): { mm: D; rate: D } {
  const notional = notionalAtPrice ?? notionalAt(p.contract, p.size, price);
  const only = p.tiers.tiers[0];
  const f = p.coin ? DERIBIT_MARGIN[p.coin] : undefined;
  if (p.tiers.source === 'override' || !only || only.index !== null || !f) {
    const rate = only?.mmr ?? new D(0);
    return { mm: notional.mul(rate).minus(only?.amount ?? 0), rate };
  }
  const sizeCoin = p.contract === 'linear' ? p.size : notional; // inverse notional is already in coin
  const rate = f.mmBase.plus(f.mmPerCoin.mul(sizeCoin));
  return { mm: notional.mul(rate), rate };
}

function defaultTiers(args: { symbol: string | null; contract: 'linear' | 'inverse' }): ResolvedTiers | null {
  const coin = baseCoin(args.symbol);
  const f = coin ? DERIBIT_MARGIN[coin] : undefined;
  if (!coin || !f) return null;
  const maxLev = new D(1).div(f.imBase).floor();
  return resolvedFunction(f.mmBase, maxLev, args.contract === 'linear' ? 'notional' : 'coin-notional', `Deribit ${coin} margin function: MM = ${f.mmBase.mul(HUNDRED).toString()} % + ${f.mmPerCoin.mul(HUNDRED).toString()} % per ${coin} of size`, null, f.source);
}

export const deribit: VenueSpec = {
  id: 'deribit',
  name: 'Deribit',
  contracts: ['linear', 'inverse'],
  marginModes: ['cross'],
  positionModes: ['oneway'],
  defaultTakerFee: {
    rate: '0.0005',
    source: 'Deribit contract specifications, futures taker 0.05 % (https://www.deribit.com/docs/contract-specifications/), old undated copy',
    asOf: 'undated',
    confidence: 'low',
  },
  defaultFundingIntervalHours: '8',
  tierBasis: { linear: 'notional', inverse: 'coin-notional' },
  tierMeasure: { linear: 'liquidation-price', inverse: 'liquidation-price' },
  cumulativeAmounts: false,
  defaultContractSize: (contract, symbol) => {
    if (contract !== 'inverse') return null;
    const coin = baseCoin(symbol);
    if (coin === 'BTC') return { value: '10', note: 'Deribit BTC inverse contracts are 10 USD each' };
    if (coin === 'ETH') return { value: '1', note: 'Deribit ETH inverse contracts are 1 USD each' };
    return null;
  },
  linearCurrency: 'USDC',
  defaultTiers,
  formula: {
    method: 'numeric',
    mmAt: () => 'price',
    triggerFeeRate: noFeeInTrigger,
    requirementAt,
    closeFeeAt: 'liquidation',
    assumptions: () => [
      { code: 'numeric-solve', message: 'Deribit publishes margin functions, not a liquidation formula: the price is solved numerically to below one tick.' },
      { code: 'incremental-liquidation', message: 'Deribit liquidates step by step once equity falls below maintenance margin; the price shown is where that starts.' },
    ],
  },
  liquidationRemainder: {
    kept: false,
    note: "Deribit liquidates incrementally at the market and the position keeps what is left, less a liquidation fee that goes to the insurance fund (its rate is not in our sources, so it is not included).",
    source: "Deribit, Insurance Fund, https://support.deribit.com/hc/en-us/articles/25944777576477-Insurance-Fund (undated)",
  },
  doc: { url: LINEAR_PERP, version: 'undated stored copy; ETH factor from the 2022-01-11 change notice' },
  confidence: 'medium',
};
