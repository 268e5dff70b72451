/**
 * BitMEX inverse (XBTUSD-style, 1 USD per contract) and linear (USDT-margined, XBTUSDT/ETHUSDT-style), isolated
 * and cross. LOW CONFIDENCE.
 *
 * No official BitMEX document was retrieved. A support formula relayed on r/BitMEX (undated) and reused by
 * nottug/bitmex_utils:
 *   IM = 1/lev + 2·taker;   MM = 0.5 % + taker + fundingRate          (fractions of the entry value)
 *   Long:  LP = EP / (1 + IM − MM);   BP = EP / (1 + IM)
 *   Short: LP = EP / (1 − IM + MM);   BP = EP / (1 − IM)
 * That is group B (maintenance margin at entry value) with the taker fee and funding next to the maintenance
 * rate. The funding term is applied only when this position pays funding (positive rate for a long, negative
 * for a short); the relayed text does not say. Base maintenance 0.5 % is the first risk-limit step; larger risk
 * limits step it up, so pass the rate for bigger positions.
 *
 * Linear (USDT-margined): BitMEX's "Linear Perpetual Contracts" guide, https://www.bitmex.com/app/linearPerpetualsGuide
 * (undated, read 2026-12): margin and PnL in USDT, PnL = contracts × multiplier × (exit − entry); its example:
 * long 1,000,000 USDT of COINUSDT at 5,000 with 50x needs 20,000 USDT of margin. No BitMEX page with a linear
 * liquidation price was found; the same rule is applied in price instead of 1/price (group B, maintenance at
 * entry value, fee and funding next to it):
 *   Long:  LP = EP·(1 − IM + MM);   BP = EP·(1 − IM)        Short: LP = EP·(1 + IM − MM);   BP = EP·(1 + IM)
 */
import { D } from '../../decimal';
import { leverageOf, notionalAt, ONE, ZERO } from '../model';
import type { Norm } from '../model';
import { resolvedFunction } from './common';
import type { VenueSpec } from './types';

/** The linear form of the same rule (derived: BitMEX publishes no linear liquidation example we could find). */
export function docLinearLiquidationPrice(v: { side: 1 | -1; EP: D; lev: D; taker: D; fundingRate: D; baseMM: D }): { LP: D; BP: D } {
  const IM = ONE.div(v.lev).plus(v.taker.mul(2));
  const MM = v.baseMM.plus(v.taker).plus(v.fundingRate);
  return v.side === 1
    ? { LP: v.EP.mul(ONE.minus(IM).plus(MM)), BP: v.EP.mul(ONE.minus(IM)) }
    : { LP: v.EP.mul(ONE.plus(IM).minus(MM)), BP: v.EP.mul(ONE.plus(IM)) };
}

export function docLiquidationPrice(v: { side: 1 | -1; EP: D; lev: D; taker: D; fundingRate: D; baseMM: D }): { LP: D; BP: D } {
  const IM = ONE.div(v.lev).plus(v.taker.mul(2));
  const MM = v.baseMM.plus(v.taker).plus(v.fundingRate);
  return v.side === 1
    ? { LP: v.EP.div(ONE.plus(IM).minus(MM)), BP: v.EP.div(ONE.plus(IM)) }
    : { LP: v.EP.div(ONE.minus(IM).plus(MM)), BP: v.EP.div(ONE.minus(IM)) };
}

/** Funding counts against the position only when it pays. */
function fundingAgainst(p: Norm): D {
  if (!p.funding) return ZERO;
  const signed = p.s === 1 ? p.funding : p.funding.neg();
  return signed.gt(ZERO) ? signed : ZERO;
}

export const bitmex: VenueSpec = {
  id: 'bitmex',
  name: 'BitMEX',
  contracts: ['inverse', 'linear'],
  marginModes: ['isolated', 'cross'],
  positionModes: ['oneway'],
  defaultTakerFee: {
    rate: '0.00075',
    source: 'BitMEX XBTUSD taker 0.075 % as used in the relayed support formula (r/BitMEX, undated); BitMEX has changed fees since; not checked live',
    asOf: 'undated',
    confidence: 'low',
  },
  defaultFundingIntervalHours: '8',
  tierBasis: { linear: 'notional', inverse: 'coin-notional' },
  tierMeasure: { linear: 'entry', inverse: 'entry' },
  cumulativeAmounts: false,
  defaultContractSize: (contract) => (contract === 'inverse' ? { value: '1', note: 'BitMEX XBTUSD contracts are 1 USD each' } : null),
  linearCurrency: 'USDT',
  defaultTiers: (args) =>
    resolvedFunction(new D('0.005'), new D('100'), args.contract === 'linear' ? 'notional' : 'coin-notional', 'BitMEX base maintenance margin 0.5 % (first risk-limit step, relayed support formula; low confidence)', null),
  formula: {
    method: 'closed-form',
    mmAt: () => 'entry',
    triggerFeeRate: (p) => p.fee.plus(fundingAgainst(p)),
    defaultIsolatedMargin: (p) => notionalAt(p.contract, p.size, p.entry).mul(ONE.div(leverageOf(p)).plus(p.fee.mul(2))),
    // BitMEX's BP excludes the maintenance terms: EP/(1 ± IM), i.e. equity = 0 on the margin that includes the fee reserve.
    closeFeeAt: 'bankruptcy',
    assumptions: (p) => {
      const out = [
        { code: 'low-confidence-formula', message: 'BitMEX: formula from a relayed support answer, not an official page; treat the price as an estimate.' },
        { code: 'fee-and-funding-in-trigger', message: 'BitMEX adds the taker fee, and funding when you pay it, to the maintenance rate; margin includes two taker fees.' },
      ];
      if (p.contract === 'linear') {
        out.push({ code: 'formula-derived', message: 'BitMEX publishes no liquidation example for its USDT-margined contracts that we could find: the inverse rule is applied to the linear PnL.' });
      }
      return out;
    },
  },
  liquidationRemainder: {
    kept: true,
    note: "BitMEX: a liquidated trader loses the maintenance margin; a close better than the bankruptcy price adds the difference to the insurance fund. Higher risk-limit tiers are stepped down first.",
    source: "BitMEX, Liquidation, https://www.bitmex.com/app/liquidation (undated)",
  },
  doc: { url: 'https://www.reddit.com/r/BitMEX/ (relayed support formula; no official page retrieved)', version: 'undated' },
  confidence: 'low',
};
