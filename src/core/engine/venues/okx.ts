/**
 * OKX perpetual/futures: linear (USDT/USDC) and inverse (coin-margined), isolated and cross.
 *
 * Docs: OKX help center, isolated margin-trading page https://www.okx.com/help-center/6997123251341 and OKX support
 *   article 360053909592 (both undated stored copies; the swap formulas are third-party restatements of the OKX page).
 *   Liquidation when margin ratio = (isolated margin + UPL) / (MM + liquidation/taker fee) ≤ 100 %, i.e. when
 *   equity ≤ notional·(MMR + f). That puts the taker fee next to the maintenance rate.
 *     Linear:        LP = (EP − s·M/(N·ctVal)) / (1 − s·(MMR + f))          N = contracts, ctVal in base per contract
 *     Inverse long:  LP = (1 + MMR + f) / (1/EP + M/(ctVal·N))              ctVal in USD per contract
 *     Inverse short: LP = (1 − MMR − f) / (1/EP − M/(ctVal·N))
 *   (Some restatements of the inverse form omit f; the margin-ratio rule includes it, so the engine does.)
 *   NOT the spot-margin formula ((liability+interest)·(1+MMR)·(1+f)/assets) on the same help page: that is a
 *   different product (old freqtrade mixed them up).
 * Tiers: OKX position tiers count CONTRACTS (minSz/maxSz), not notional; ccxt copies them into min/maxNotional
 * unchanged. The tier is therefore independent of price.
 */
import type { D } from '../../decimal';
import { ONE } from '../model';
import { baseCoin, feeInTrigger } from './common';
import type { VenueSpec } from './types';

export function docLinearLiquidationPrice(v: { side: 1 | -1; EP: D; M: D; N: D; ctVal: D; MMR: D; f: D }): D {
  const num = v.EP.minus(v.M.div(v.N.mul(v.ctVal)).mul(v.side));
  const den = ONE.minus(v.MMR.plus(v.f).mul(v.side));
  return num.div(den);
}

export function docInverseLiquidationPrice(v: { side: 1 | -1; EP: D; M: D; N: D; ctVal: D; MMR: D; f: D }): D {
  const r = v.MMR.plus(v.f);
  const m = v.M.div(v.ctVal.mul(v.N));
  return v.side === 1 ? ONE.plus(r).div(ONE.div(v.EP).plus(m)) : ONE.minus(r).div(ONE.div(v.EP).minus(m));
}

export const okx: VenueSpec = {
  id: 'okx',
  name: 'OKX',
  contracts: ['linear', 'inverse'],
  marginModes: ['isolated', 'cross'],
  positionModes: ['oneway', 'hedge'],
  defaultTakerFee: {
    rate: '0.0005',
    source: 'OKX fee schedule, regular user Lv1 perpetual taker 0.05 % (https://www.okx.com/fees); not checked live',
    asOf: '2025',
    confidence: 'low',
  },
  defaultFundingIntervalHours: '8',
  tierBasis: { linear: 'contracts', inverse: 'contracts' },
  tierMeasure: { linear: 'entry', inverse: 'entry' },
  cumulativeAmounts: false,
  defaultContractSize: (contract, symbol) => {
    if (contract !== 'inverse') return null; // ctVal differs per linear symbol: the user must give it
    const coin = baseCoin(symbol);
    if (coin === 'BTC') return { value: '100', note: 'OKX BTC-USD coin-margined contracts are 100 USD each' };
    if (coin) return { value: '10', note: `OKX coin-margined contracts other than BTC are 10 USD each (${coin})` };
    return null;
  },
  linearCurrency: 'USDT',
  formula: {
    method: 'closed-form',
    mmAt: () => 'price',
    triggerFeeRate: feeInTrigger,
    closeFeeAt: 'liquidation',
    assumptions: () => [
      { code: 'fee-in-trigger', message: 'OKX counts the taker fee next to the maintenance rate (margin ratio = equity ÷ (MM + fee)), so liquidation comes slightly earlier.' },
    ],
  },
  liquidationRemainder: {
    kept: true,
    note: "OKX takes a liquidated position over at the bankruptcy price (after tiered partial liquidation); the remaining margin goes to the insurance fund.",
    source: "OKX, Forced Partial or Full Liquidation, https://www.okx.com/help-center/360020411711 (legacy copy, undated)",
  },
  doc: { url: 'https://www.okx.com/help-center/6997123251341', version: 'undated stored copy (swap formulas from restatements)' },
  confidence: 'medium',
};
