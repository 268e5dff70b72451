/**
 * Generic venue: the user supplies the maintenance rate (and amount, if the venue uses one). Liquidation when
 * equity = notional at the liquidation price × MMR − amount (group A, the exact solution), no fee in the trigger:
 *   linear:  LP = (K − s·Q·EP + amount) / (Q·MMR − s·Q)        K = isolated margin, or the cross equity
 *   inverse: LP = F·(MMR + s) / (K + s·F/EP + amount)           F = USD face value
 * The fee is counted in the loss only.
 */
import { noFeeInTrigger } from './common';
import type { VenueSpec } from './types';

export const generic: VenueSpec = {
  id: 'generic',
  name: 'Generic',
  contracts: ['linear', 'inverse'],
  marginModes: ['isolated', 'cross'],
  positionModes: ['oneway', 'hedge'],
  defaultTakerFee: { rate: '0', source: 'no venue: give takerFeeRate to include fees', asOf: 'n/a', confidence: 'low' },
  defaultFundingIntervalHours: '8',
  tierBasis: { linear: 'notional', inverse: 'coin-notional' },
  tierMeasure: { linear: 'liquidation-price', inverse: 'liquidation-price' },
  cumulativeAmounts: true,
  defaultContractSize: () => null,
  linearCurrency: 'quote',
  formula: {
    method: 'closed-form',
    mmAt: () => 'price',
    triggerFeeRate: noFeeInTrigger,
    closeFeeAt: 'liquidation',
    assumptions: () => [
      { code: 'user-maintenance-rate', message: 'Generic venue: your maintenance rate, applied to the position value at the liquidation price; fees are not in the trigger.' },
    ],
  },
  liquidationRemainder: {
    kept: true,
    note: "No venue given: the conservative reading that the venue keeps whatever margin is left at liquidation, as most centralized venues do.",
    source: "none (no venue)",
  },
  doc: { url: 'n/a (user-supplied maintenance rate)', version: 'n/a' },
  confidence: 'medium',
};
