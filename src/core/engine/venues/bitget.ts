/**
 * Bitget USDT-M/USDC-M (linear) and coin-M (inverse), isolated and cross, one-way and hedge.
 *
 * Doc: https://www.bitget.com/support/articles/12560603808759, version 2025-09-18:
 *   Isolated: LP = (M − Q·EP·s) / (Q·(MMR + f − s)),  CoinMainIndexPrice = 1 for USDT-M.
 *   Algebraically the same as the Gate/OKX form: equity = notional·(MMR + f) at the liquidation price.
 *   Cross: X = total assets + UPnL of other cross pairs − Σ MM of other pairs replaces M.
 * Caveats: a later revision adds an undefined "pre-calculated offset" to the numerator (not used); on 2025-09-29
 * Bitget announced margin = size × mark / lev and an "optimized" liquidation algorithm with no published formula.
 * Inverse: no Bitget inverse formula in our research; the engine applies the same rule to coin-margined PnL
 * (low confidence, stated). Tiers: in cross mode Bitget combines long and short sizes; the engine tiers this
 * position on its own size.
 */
import type { D } from '../../decimal';
import { feeInTrigger } from './common';
import type { VenueSpec } from './types';

export function docLiquidationPrice(v: { side: 1 | -1; M: D; Q: D; EP: D; MMR: D; f: D }): D {
  return v.M.minus(v.Q.mul(v.EP).mul(v.side)).div(v.Q.mul(v.MMR.plus(v.f).minus(v.side)));
}

export const bitget: VenueSpec = {
  id: 'bitget',
  name: 'Bitget',
  contracts: ['linear', 'inverse'],
  marginModes: ['isolated', 'cross'],
  positionModes: ['oneway', 'hedge'],
  defaultTakerFee: {
    rate: '0.0006',
    source: 'Bitget futures fee schedule, VIP 0 taker 0.06 % (https://www.bitget.com/fee); freqtrade uses 0.1 % when the market gives none; not checked live',
    asOf: '2025',
    confidence: 'low',
  },
  defaultFundingIntervalHours: '8',
  tierBasis: { linear: 'notional', inverse: 'coin-notional' },
  tierMeasure: { linear: 'liquidation-price', inverse: 'liquidation-price' },
  cumulativeAmounts: false,
  defaultContractSize: (contract) =>
    contract === 'linear' ? { value: '1', note: 'Bitget linear orders are sized in the base asset' } : null,
  linearCurrency: 'USDT',
  formula: {
    method: 'closed-form',
    mmAt: () => 'price',
    triggerFeeRate: feeInTrigger,
    closeFeeAt: 'bankruptcy',
    assumptions: (p) => {
      const out = [{ code: 'fee-in-trigger', message: 'Bitget counts the taker fee next to the maintenance rate, so liquidation comes slightly earlier.' }];
      out.push({
        code: 'bitget-2025-algorithm',
        message: 'Bitget changed its margin to mark-based and "optimized" liquidation in September 2025 without publishing the new formula; this uses the 2025-09-18 formula.',
      });
      if (p.contract === 'inverse') {
        out.push({ code: 'formula-derived', message: 'Bitget publishes no coin-M formula that we could read; the USDT-M rule is applied to coin-margined PnL (low confidence).' });
      }
      return out;
    },
  },
  liquidationRemainder: {
    kept: true,
    note: "Bitget takes a liquidated position over at the bankruptcy price (after tiered partial liquidation); what is left of the margin goes to the insurance fund.",
    source: "Bitget, Insurance Fund, https://www.bitget.com/support/articles/360059239211 (2025-10-21); risk tiers, https://www.bitget.com/support/articles/12560603838668 (2025-09-26)",
  },
  doc: { url: 'https://www.bitget.com/support/articles/12560603808759', version: '2025-09-18' },
  confidence: 'medium',
};
