/**
 * MEXC futures: linear and inverse, isolated and cross. LOW CONFIDENCE.
 *
 * Our research found no published MEXC liquidation formula. The exchange-policies data (source M02, medium
 * confidence) says MEXC triggers on its "fair price" with liquidation fees counted in the trigger, so the engine
 * treats MEXC as group A with the taker fee next to the maintenance rate (the Gate/OKX form):
 *   LP = (EP − s·M/Q) / (1 − s·(MMR + f)).
 * MEXC's risk-limit tables are not bundled: the user's maintenance rate (or a table from the market-data code)
 * is required. Every MEXC result says this in its assumptions.
 */
import { feeInTrigger } from './common';
import type { VenueSpec } from './types';

export const mexc: VenueSpec = {
  id: 'mexc',
  name: 'MEXC',
  contracts: ['linear', 'inverse'],
  marginModes: ['isolated', 'cross'],
  positionModes: ['oneway', 'hedge'],
  defaultTakerFee: {
    rate: '0.0002',
    source: 'MEXC futures taker 0.02 % as commonly published in 2024; not in our research; not checked live',
    asOf: '2024',
    confidence: 'low',
  },
  defaultFundingIntervalHours: '8',
  tierBasis: { linear: 'notional', inverse: 'coin-notional' },
  tierMeasure: { linear: 'liquidation-price', inverse: 'liquidation-price' },
  cumulativeAmounts: false,
  defaultContractSize: () => null,
  linearCurrency: 'USDT',
  formula: {
    method: 'closed-form',
    mmAt: () => 'price',
    triggerFeeRate: feeInTrigger,
    closeFeeAt: 'liquidation',
    assumptions: () => [
      {
        code: 'low-confidence-formula',
        message: 'MEXC publishes no liquidation formula we could find; this assumes the Gate/OKX form (maintenance margin at the liquidation price, taker fee in the trigger). Treat it as an estimate.',
      },
    ],
  },
  liquidationRemainder: {
    kept: true,
    note: "MEXC: a liquidated position loses its maintenance margin; positions are stepped down through risk tiers and closed at the bankruptcy price.",
    source: "MEXC, Liquidation in Futures, https://blog.mexc.fm/liquidation-in-futures-2 (undated); liquidation process announcement, https://www.mexc.co/hu-HU/announcements/tag/futures-19?page=605 (undated)",
  },
  doc: { url: 'https://www.mexc.com/support (no published formula found)', version: 'n/a' },
  confidence: 'low',
};
