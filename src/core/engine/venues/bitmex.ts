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
 * rate. BitMEX's own figures for live isolated positions (venues/bitmex.golden.test.ts) correct the fee terms: the
 * margin holds ONE taker fee on cost plus margin (posComm), and the maintenance holds the same posComm, so with the
 * margin from the leverage the fee cancels:
 *   IM = 1/lev + taker·(1 + 1/lev);   MM = 0.5 % + funding + taker·(1 + 1/lev)
 *   Long:  LP = EP / (1 + 1/lev − 0.5 % − funding);   BP = EP / (1 + 1/lev)
 *   Short: LP = EP / (1 − 1/lev + 0.5 % + funding);   BP = EP / (1 − 1/lev)
 * (the relayed form's 2·taker in IM put a short's liquidation up to 0.09 % later than BitMEX's). The funding term is applied only when this position pays funding (positive rate for a long, negative
 * for a short); the relayed text does not say. Base maintenance 0.5 % is the first risk-limit step; larger risk
 * limits step it up, so pass the rate for bigger positions.
 *
 * Linear (USDT-margined): BitMEX's "Linear Perpetual Contracts" guide, https://www.bitmex.com/app/linearPerpetualsGuide
 * (undated, read 2026-12): margin and PnL in USDT, PnL = contracts × multiplier × (exit − entry); its example:
 * long 1,000,000 USDT of COINUSDT at 5,000 with 50x needs 20,000 USDT of margin. No BitMEX page with a linear
 * liquidation price was found; the same rule is applied in price instead of 1/price (group B, maintenance at
 * entry value, fee and funding next to it):
 *   Long:  LP = EP·(1 − 1/lev + 0.5 % + funding);   BP = EP·(1 − 1/lev)   Short: LP = EP·(1 + 1/lev − 0.5 % − funding);   BP = EP·(1 + 1/lev)
 */
import { D } from '../../decimal';
import { leverageOf, notionalAt, ONE, ZERO } from '../model';
import type { Norm } from '../model';
import { resolvedFunction } from './common';
import type { VenueSpec } from './types';

/** BitMEX's isolated rule with the margin from the leverage: the reserve to close (taker) is in both IM and MM. */
function recordedRates(v: { lev: D; taker: D; fundingRate: D; baseMM: D }): { IM: D; MM: D; reserve: D } {
  const reserve = v.taker.mul(ONE.plus(ONE.div(v.lev)));
  return { IM: ONE.div(v.lev).plus(reserve), MM: v.baseMM.plus(v.fundingRate).plus(reserve), reserve };
}

/** The linear form of the same rule (derived: BitMEX publishes no linear liquidation example we could find). */
export function docLinearLiquidationPrice(v: { side: 1 | -1; EP: D; lev: D; taker: D; fundingRate: D; baseMM: D }): { LP: D; BP: D } {
  const { IM, MM, reserve } = recordedRates(v);
  const bpIM = IM.minus(reserve);
  return v.side === 1
    ? { LP: v.EP.mul(ONE.minus(IM).plus(MM)), BP: v.EP.mul(ONE.minus(bpIM)) }
    : { LP: v.EP.mul(ONE.plus(IM).minus(MM)), BP: v.EP.mul(ONE.plus(bpIM)) };
}

/** BitMEX's isolated inverse rule from its recorded positions (the margin from the leverage). */
export function docLiquidationPrice(v: { side: 1 | -1; EP: D; lev: D; taker: D; fundingRate: D; baseMM: D }): { LP: D; BP: D } {
  const { IM, MM, reserve } = recordedRates(v);
  const bpIM = IM.minus(reserve);
  return v.side === 1
    ? { LP: v.EP.div(ONE.plus(IM).minus(MM)), BP: v.EP.div(ONE.plus(bpIM)) }
    : { LP: v.EP.div(ONE.minus(IM).plus(MM)), BP: v.EP.div(ONE.minus(bpIM)) };
}

/**
 * BitMEX's own position figures (posInit, posComm, posMargin, posMaint, liquidationPrice, bankruptPrice of live
 * XBTUSD positions, venues/bitmex.golden.test.ts) show the isolated rule: the margin is posInit + posCross + posComm,
 * where posComm = taker × (posCost + posInit + posCross) is one fee reserved to close; the maintenance is
 * maintMarginReq × posCost (+ funding paid) + posComm; bankruptcy is where the margin left equals posComm. Given
 * the margin M (posComm included), posComm = taker × (cost + M) ÷ (1 + taker).
 */
function closeReserve(p: Norm, margin: D): D {
  const cost = notionalAt(p.contract, p.size, p.entry);
  return p.fee.mul(cost.plus(margin)).div(ONE.plus(p.fee));
}

/** Isolated: the bankruptcy price where the margin left is the reserve to close (null when there is none). */
function isolatedBankruptcy(p: Norm, K: D): D | null {
  const left = K.minus(closeReserve(p, K));
  if (p.contract === 'linear') {
    const price = p.s === 1 ? p.entry.minus(left.div(p.size)) : p.entry.plus(left.div(p.size));
    return price.gt(ZERO) ? price : null;
  }
  const den = p.s === 1 ? p.size.div(p.entry).plus(left) : p.size.div(p.entry).minus(left);
  return den.gt(ZERO) ? p.size.div(den) : null;
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
    // Isolated: the reserve to close (posComm) is in the maintenance, as a rate of the entry value; cross keeps the
    // relayed rule (one taker fee), which no recorded cross position has checked.
    triggerFeeRate: (p) =>
      (p.marginMode === 'isolated' && p.margin ? closeReserve(p, p.margin).div(notionalAt(p.contract, p.size, p.entry)) : p.fee).plus(fundingAgainst(p)),
    // posInit + posComm: cost × (1/lev + taker × (1 + 1/lev)).
    defaultIsolatedMargin: (p) => {
      const im = ONE.div(leverageOf(p));
      return notionalAt(p.contract, p.size, p.entry).mul(im.plus(p.fee.mul(ONE.plus(im))));
    },
    bankruptcyPrice: (p, K) => (p.marginMode === 'isolated' ? isolatedBankruptcy(p, K) : undefined),
    closeFeeAt: 'bankruptcy',
    assumptions: (p) => {
      const out = [
        { code: 'low-confidence-formula', message: 'BitMEX: formula from a relayed support answer, not an official page; treat the price as an estimate.' },
        { code: 'fee-and-funding-in-trigger', message: "BitMEX reserves one taker fee to close, on the position's cost plus its margin, in both the margin and the maintenance; funding counts when you pay it." },
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
