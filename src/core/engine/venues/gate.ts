/**
 * Gate futures: linear (USDT, "dual-currency") and inverse (BTC_USD), isolated and cross.
 *
 * Doc: "Liquidation price & bankruptcy price", https://www.gate.io/help/futures/futures/27724/liquidation-price-bankruptcy-price
 *   (undated stored copy, the page freqtrade cites), and a Gate support reply (https://www.gatenode.pro/post/status/3870211).
 *     Linear:  LP = (EP − s·M/multiplier/size) / (1 − s·(MMR + f))      size in contracts, multiplier in base/contract
 *     Inverse: LP = size·EP·(1 + s·(MMR + f)) / (size + s·M·EP)         size in USD (contracts × 1 USD)
 *   The inverse form agrees with a first-principles derivation (equity in coin = (MMR + f)·value in coin).
 * Tiers: risk limits by position value, each tier with its own rate and no deduction, so maintenance margin can
 * jump at a boundary; the engine scans every tier and keeps the most conservative crossing.
 */
import type { D } from '../../decimal';
import { ONE } from '../model';
import { baseCoin, feeInTrigger } from './common';
import type { VenueSpec } from './types';

export function docLinearLiquidationPrice(v: { side: 1 | -1; EP: D; M: D; multiplier: D; size: D; MMR: D; f: D }): D {
  return v.EP.minus(v.M.div(v.multiplier).div(v.size).mul(v.side)).div(ONE.minus(v.MMR.plus(v.f).mul(v.side)));
}

export function docInverseLiquidationPrice(v: { side: 1 | -1; EP: D; M: D; size: D; MMR: D; f: D }): D {
  return v.size
    .mul(v.EP)
    .mul(ONE.plus(v.MMR.plus(v.f).mul(v.side)))
    .div(v.size.plus(v.M.mul(v.EP).mul(v.side)));
}

export const gate: VenueSpec = {
  id: 'gate',
  name: 'Gate',
  contracts: ['linear', 'inverse'],
  marginModes: ['isolated', 'cross'],
  positionModes: ['oneway', 'hedge'],
  defaultTakerFee: {
    rate: '0.00075',
    source: 'Gate support reply quoting a 0.075 % taker fee (https://www.gatenode.pro/post/status/3870211); freqtrade\'s fixture uses 0.06 %; not checked live',
    asOf: 'undated',
    confidence: 'low',
  },
  defaultFundingIntervalHours: '8',
  tierBasis: { linear: 'notional', inverse: 'coin-notional' },
  tierMeasure: { linear: 'liquidation-price', inverse: 'liquidation-price' },
  cumulativeAmounts: false,
  defaultContractSize: (contract, symbol) => {
    if (contract === 'inverse' && baseCoin(symbol) === 'BTC') return { value: '1', note: 'Gate BTC_USD inverse contracts are 1 USD each' };
    return null; // linear multipliers differ per symbol
  },
  linearCurrency: 'USDT',
  formula: {
    method: 'closed-form',
    mmAt: () => 'price',
    triggerFeeRate: feeInTrigger,
    closeFeeAt: 'liquidation',
    assumptions: () => [{ code: 'fee-in-trigger', message: 'Gate counts the taker fee next to the maintenance rate, so liquidation comes slightly earlier.' }],
  },
  liquidationRemainder: {
    kept: true,
    note: "Gate liquidates in tiers and its insurance fund takes any unfilled part over at the bankruptcy price, so the margin left at liquidation is not returned.",
    source: "Gate, Liquidation and insurance fund, https://www.gate.io/help/futures/futures-logic/22081 (undated)",
  },
  doc: { url: 'https://www.gate.io/help/futures/futures/27724/liquidation-price-bankruptcy-price', version: 'undated stored copy' },
  confidence: 'medium',
};
