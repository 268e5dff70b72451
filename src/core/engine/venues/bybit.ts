/**
 * Bybit: linear (USDT/USDC) and inverse, isolated and cross. Group B: maintenance margin is taken at ENTRY value,
 * as Bybit defines it. Do not turn this into the group-A form used by Binance/OKX; the difference is Bybit's own.
 *
 * Docs:
 * - UTA isolated, linear and inverse: "Liquidation Price Calculation under Isolated Mode (Unified Trading Account)",
 *   https://bybit.nl/nl-NL/help-center/article/Liquidation-Price-Calculation-under-Isolated-Mode-Unified-Trading-Account
 *   version 2024-09-10. A 2026-05-27 revision (kbybit.com, same path) adds an estimated close fee to IM and MM and
 *   values the inverse position at mark; not used here (no worked example to check it against).
 *     Linear long:  LP = EP − (IM − MM)/Q − ExtraMargin/Q      short: LP = EP + (IM − MM)/Q + ExtraMargin/Q
 *       IM = Q·EP/lev, MM = Q·EP·MMR − deduction
 *     Inverse long: LP = Q / [PV + (IM − MM)]                  short: LP = Q / [PV − (IM − MM)]
 *       PV = Q/EP, IM = PV/lev, MM = PV·MMR − deduction       (Q in USD here)
 *   Worked example: 60,000 USD long @ 50,000, 10×, MMR 0.5 % → 45,662.10.
 * - Legacy inverse cross: "How to calculate Liquidation Price (Inverse Contract)",
 *   https://help.bybit.com/hc/en-us/articles/360039261334 (undated):
 *     long: Q·(1/EP − 1/LP) = −(Balance − OrderMargin − Q/EP·MMR − Q·f/BP),  BP = (1+f)·Q/(Q/EP + Balance − OrderMargin)
 *   Worked example: balance 0.5 BTC, long 10,000 @ 8,000, MMR 0.5 %, f 0.075 % → BP 5,718.57, LP 5,739.08
 *   (the page rounds the long LP up to the 0.5 tick: 5,739.50).
 * - Bankruptcy price, USDT isolated: BP = EP·(1 ∓ 1/lev) (help-center text; 1 BTC long @ 10,000, 50× → 9,800).
 *   A liquidated position is closed at BP, and the closing fee is charged at BP.
 *
 * Linear cross: Bybit's UTA liquidates the whole account at account MM rate ≥ 100 % and publishes no per-position
 * formula. The engine applies the isolated formula with the cross equity (wallet + others' signed uPnL − others' MM,
 * others frozen at mark) in place of the margin, and says so.
 */
import type { D } from '../../decimal';
import { ONE, ZERO } from '../model';
import type { Norm } from '../model';
import { noFeeInTrigger } from './common';
import type { VenueSpec } from './types';

/** Linear isolated, as published (2024-09-10). */
export function docLinearLiquidationPrice(v: { side: 1 | -1; EP: D; Q: D; lev: D; MMR: D; deduction: D; extraMargin: D }): D {
  const IM = v.Q.mul(v.EP).div(v.lev);
  const MM = v.Q.mul(v.EP).mul(v.MMR).minus(v.deduction);
  const move = IM.minus(MM).div(v.Q).plus(v.extraMargin.div(v.Q));
  return v.side === 1 ? v.EP.minus(move) : v.EP.plus(move);
}

/** Inverse isolated, as published (2024-09-10). Q is the position in USD. */
export function docInverseLiquidationPrice(v: { side: 1 | -1; EP: D; Q: D; lev: D; MMR: D; deduction: D; extraMargin: D }): D {
  const PV = v.Q.div(v.EP);
  const IM = PV.div(v.lev).plus(v.extraMargin);
  const MM = PV.mul(v.MMR).minus(v.deduction);
  return v.side === 1 ? v.Q.div(PV.plus(IM.minus(MM))) : v.Q.div(PV.minus(IM.minus(MM)));
}

/** Legacy inverse cross, long: solve Q·(1/EP − 1/LP) = −(Balance − Q/EP·MMR − Q·f/BP) for LP. */
export function docInverseCrossLong(v: { balance: D; Q: D; EP: D; MMR: D; f: D }): { BP: D; LP: D } {
  const BP = ONE.plus(v.f).mul(v.Q).div(v.Q.div(v.EP).plus(v.balance));
  const rhs = v.balance.minus(v.Q.div(v.EP).mul(v.MMR)).minus(v.Q.mul(v.f).div(BP));
  // Q/LP = Q/EP + rhs
  const LP = v.Q.div(v.Q.div(v.EP).plus(rhs));
  return { BP, LP };
}

/** Bybit's fee-inclusive bankruptcy price for inverse cross: equity − close fee at BP = 0. */
function inverseCrossBankruptcy(p: Norm, K: D): D | null {
  const pv = p.size.div(p.entry);
  if (p.s === 1) return ONE.plus(p.fee).mul(p.size).div(pv.plus(K));
  const den = pv.minus(K);
  return den.gt(ZERO) ? ONE.minus(p.fee).mul(p.size).div(den) : null;
}

const isInverseCross = (p: Norm): boolean => p.contract === 'inverse' && p.marginMode === 'cross' && p.coLegs.length === 0;

export const bybit: VenueSpec = {
  id: 'bybit',
  name: 'Bybit',
  contracts: ['linear', 'inverse'],
  marginModes: ['isolated', 'cross'],
  positionModes: ['oneway', 'hedge'],
  defaultTakerFee: {
    rate: '0.00055',
    source: 'Bybit derivatives fee schedule, non-VIP taker 0.055 % (https://www.bybit.com/en/help-center/article/Trading-Fee-Structure), as restated by third parties in 2024; not checked live',
    asOf: '2024',
    confidence: 'medium',
  },
  defaultFundingIntervalHours: '8',
  tierBasis: { linear: 'notional', inverse: 'coin-notional' },
  tierMeasure: { linear: 'entry', inverse: 'entry' },
  cumulativeAmounts: true,
  defaultContractSize: (contract) =>
    contract === 'inverse'
      ? { value: '1', note: 'Bybit inverse contracts are 1 USD each' }
      : { value: '1', note: 'Bybit linear orders are sized in the base asset' },
  linearCurrency: 'USDT',
  formula: {
    method: 'closed-form',
    mmAt: () => 'entry',
    triggerFeeRate: noFeeInTrigger,
    extraRequirement: (p, K) => {
      if (!isInverseCross(p)) return ZERO;
      const bp = inverseCrossBankruptcy(p, K);
      return bp ? p.size.mul(p.fee).div(bp) : ZERO;
    },
    // Only inverse cross has a fee-inclusive bankruptcy price in Bybit's docs; elsewhere equity = 0 (the generic
    // path), which for an isolated position at IM is the published EP·(1 ∓ 1/lev).
    bankruptcyPrice: (p, K) => (isInverseCross(p) ? inverseCrossBankruptcy(p, K) : undefined),
    closeFeeAt: 'bankruptcy',
    assumptions: (p) => {
      const out = [
        {
          code: 'mm-at-entry-value',
          message: 'Bybit takes maintenance margin at entry value (its published formula), not at the liquidation price.',
        },
      ];
      if (isInverseCross(p)) {
        out.push({
          code: 'close-fee-at-bankruptcy-in-trigger',
          message: 'Bybit inverse cross keeps the fee to close at the bankruptcy price inside the liquidation trigger (legacy inverse doc); open-order margin is taken as 0.',
        });
      } else {
        out.push({
          code: 'close-fee-not-in-trigger',
          message: "Bybit's 2024-09 isolated formula leaves the closing fee out of the trigger; the fee (charged at the bankruptcy price) is counted in the loss instead.",
        });
      }
      if (p.marginMode === 'cross' && p.contract === 'linear') {
        out.push({
          code: 'bybit-cross-per-position',
          message: "Bybit's unified account liquidates cross positions at account level; this price applies the isolated formula to your cross equity with other positions frozen at mark.",
        });
      }
      return out;
    },
  },
  liquidationRemainder: {
    kept: true,
    note: "Bybit closes a liquidated position at its bankruptcy price; what is left between the liquidation and the bankruptcy price goes to the insurance fund. Larger positions are first stepped down through the risk-limit tiers.",
    source: "Bybit, Insurance Fund, https://www.bybit.com/en/help-center/article/Insurance-Fund (2024-05-04); Liquidation Process, https://bybitglobal.com/en/help-center/article?id=000001876 (2024-09-10)",
  },
  doc: {
    url: 'https://bybit.nl/nl-NL/help-center/article/Liquidation-Price-Calculation-under-Isolated-Mode-Unified-Trading-Account',
    version: '2024-09-10 (inverse cross: legacy help.bybit.com 360039261334, undated)',
  },
  confidence: 'high',
};

