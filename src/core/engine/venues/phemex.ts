/**
 * Phemex: USDT-M (linear) and coin-margined (inverse), isolated and cross.
 *
 * Docs (undated stored copies):
 * - USDT-M: https://phemex.com/help-center/liq-price-for-USDTM
 *     Long:  LP = (OpenValue − assignedPosBalance − mmAmount) / (1 − f − MMR) / size
 *     Short: LP = (OpenValue + assignedPosBalance + mmAmount) / (1 + f + MMR) / size
 *     assignedPosBalance = OpenValue/lev + closeFee, the close fee taken at the bankruptcy value
 *     (bankruptcy price = EP·(1 ∓ 1/lev), https://phemex.com/help-center/Order-Cost-USDT-Contract).
 *   Worked example: 500 @ 0.4, 5×, MMR 1 %, f 0.06 % → LP 0.3232…
 * - Inverse: https://phemex.com/help-center/liquidation-price
 *     Long:  liquidation value = OpenValue − OpenValue·MMR + OpenValue/lev;  LP = contracts·contractSize / value
 *     Short: liquidation value = OpenValue + OpenValue·MMR − OpenValue/lev
 *   i.e. maintenance margin at entry value and no fee in the trigger (group B).
 */
import type { D } from '../../decimal';
import { leverageOf, ONE, ZERO } from '../model';
import type { Norm } from '../model';
import type { VenueSpec } from './types';

export function docLinearLiquidationPrice(v: { side: 1 | -1; size: D; EP: D; lev: D; MMR: D; f: D; mmAmount: D }): D {
  const openValue = v.size.mul(v.EP);
  const bp = v.EP.mul(ONE.minus(ONE.div(v.lev).mul(v.side)));
  const closeFee = v.size.mul(bp).mul(v.f);
  const assigned = openValue.div(v.lev).plus(closeFee);
  return v.side === 1
    ? openValue.minus(assigned).minus(v.mmAmount).div(ONE.minus(v.f).minus(v.MMR)).div(v.size)
    : openValue.plus(assigned).plus(v.mmAmount).div(ONE.plus(v.f).plus(v.MMR)).div(v.size);
}

/** Phemex's default isolated margin for linear: IM plus the close fee at the bankruptcy price. */
function assignedPositionBalance(p: Norm): D {
  const openValue = p.size.mul(p.entry);
  const lev = leverageOf(p);
  if (p.contract !== 'linear') return p.size.div(p.entry).div(lev);
  const bp = p.entry.mul(ONE.minus(ONE.div(lev).mul(p.s)));
  return openValue.div(lev).plus(p.size.mul(bp).mul(p.fee));
}

export const phemex: VenueSpec = {
  id: 'phemex',
  name: 'Phemex',
  contracts: ['linear', 'inverse'],
  marginModes: ['isolated', 'cross'],
  positionModes: ['oneway', 'hedge'],
  defaultTakerFee: {
    rate: '0.0006',
    source: 'Phemex USDT-M liquidation page worked example uses a 0.06 % taker fee (https://phemex.com/help-center/liq-price-for-USDTM), undated',
    asOf: 'undated',
    confidence: 'low',
  },
  defaultFundingIntervalHours: '8',
  tierBasis: { linear: 'notional', inverse: 'coin-notional' },
  tierMeasure: { linear: 'liquidation-price', inverse: 'entry' },
  cumulativeAmounts: false,
  defaultContractSize: (contract, symbol) => {
    if (contract === 'linear') return { value: '1', note: 'Phemex USDT-M quantities are in the base asset' };
    return (symbol ?? '').toUpperCase().startsWith('BTCUSD') ? { value: '1', note: 'Phemex BTCUSD inverse contracts are 1 USD each' } : null;
  },
  linearCurrency: 'USDT',
  formula: {
    method: 'closed-form',
    mmAt: (contract) => (contract === 'linear' ? 'price' : 'entry'),
    triggerFeeRate: (p) => (p.contract === 'linear' ? p.fee : ZERO),
    defaultIsolatedMargin: assignedPositionBalance,
    closeFeeAt: 'bankruptcy',
    assumptions: (p) =>
      p.contract === 'linear'
        ? [
            { code: 'fee-in-trigger', message: 'Phemex USDT-M counts the taker fee next to the maintenance rate.' },
            { code: 'close-fee-in-margin', message: 'Phemex sets aside the fee to close at the bankruptcy price as part of the position margin.' },
          ]
        : [{ code: 'mm-at-entry-value', message: 'Phemex coin-margined liquidation takes maintenance margin at the opening value and no fee (its published inverse formula).' }],
  },
  liquidationRemainder: {
    kept: true,
    note: "Phemex takes a liquidated position over at the bankruptcy price, so the margin left at liquidation is not returned. Not confirmed in a Phemex page we could read: the conservative reading.",
    source: "Phemex, liquidation price for USDT-M (no remainder rule stated), https://phemex.com/help-center/liq-price-for-USDTM (undated)",
  },
  doc: { url: 'https://phemex.com/help-center/liq-price-for-USDTM', version: 'undated stored copy (inverse: /help-center/liquidation-price, undated)' },
  confidence: 'medium',
};
