/**
 * MEXC futures: linear and inverse, isolated and cross.
 *
 * Doc: MEXC, "Liquidation in Futures", https://blog.mexc.fm/liquidation-in-futures-2 (undated; read 2026-12):
 *   Liquidation condition: Position Margin + unrealized P&L < Maintenance Margin
 *   Long:  LP = (Maintenance Margin − Position Margin + Average opening price × size) / size
 *   Short: LP = (Average opening price × size − Maintenance Margin + Position Margin) / size
 *   Worked example (commission excluded): buy 0.1 BTC of BTCUSDT at 50,000, 25x; maintenance margin
 *   50,000 × 0.1 × 0.4 % = 20; position margin 50,000 × 0.1 / 25 = 200; LP = (20 − 200 + 5,000) / 0.1 = 48,200.
 *   (The page prints "50000×0.01" in the last line; only × 0.1 gives its own 48,200.)
 * The maintenance margin is taken at the ENTRY value (group B, as Bybit's formula), not at the liquidation price.
 * MEXC's liquidation process announcement (https://www.mexc.co/hu-HU/announcements/tag/futures-19?page=605,
 * undated) adds the liquidation fees to the trigger: "Position Margin + Unrealized P&L ≤ Maintenance Margin +
 * Liquidation Fees", so the taker fee sits next to the maintenance rate, on the same entry value.
 * Cross: the cross equity (without isolated margin and order margin) replaces the position margin.
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
  tierMeasure: { linear: 'entry', inverse: 'entry' },
  cumulativeAmounts: false,
  defaultContractSize: () => null,
  linearCurrency: 'USDT',
  formula: {
    method: 'closed-form',
    mmAt: () => 'entry',
    triggerFeeRate: feeInTrigger,
    closeFeeAt: 'bankruptcy',
    assumptions: () => [
      {
        code: 'mm-at-entry-value',
        message: 'MEXC takes the maintenance margin at the entry value (its published formula and worked example), not at the liquidation price.',
      },
      {
        code: 'fee-in-trigger',
        message: 'MEXC counts the liquidation fee in the trigger (its liquidation rules): the taker fee is added to the maintenance rate, so liquidation comes slightly earlier than in its commission-free example.',
      },
    ],
  },
  liquidationRemainder: {
    kept: true,
    note: 'MEXC: a liquidated position loses its maintenance margin; positions are stepped down through risk tiers and closed at the bankruptcy price.',
    source: 'MEXC, Liquidation in Futures, https://blog.mexc.fm/liquidation-in-futures-2 (undated); liquidation process announcement, https://www.mexc.co/hu-HU/announcements/tag/futures-19?page=605 (undated)',
  },
  doc: { url: 'https://blog.mexc.fm/liquidation-in-futures-2', version: 'undated, read 2026-12 (worked example: 0.1 BTC at 50,000, 25x → 48,200)' },
  confidence: 'medium',
};
