/**
 * Binance COIN-M futures (inverse): one-way and hedge mode, isolated and cross.
 *
 * Doc: "How to Calculate Liquidation Price of COIN-M Contracts",
 *   https://www.binance.com/en/support/faq/ceccfcfb4e3a45e3b48b0b1bb1a8ae46
 *   Version: stored copy, undated. The formula image could not be read; its variable list adds the contract size
 *   (CM). The one-way form below is DERIVED from first principles to match that variable list (equity in coin =
 *   maintenance margin in coin), not copied from the image:
 *
 *   LP = (Q·MMR_B + Side·Q)·CS / (WB − TMM1 + UPNL1 + cum_B + Side·Q·CS/EP)
 *
 *   The FAQ states the bracket rule plainly: if the position's coin notional at the liquidation price (Q·CS/LP)
 *   falls in a different bracket, substitute that bracket's MMR and cum and recompute. The engine does exactly that
 *   (walk to the self-consistent bracket, liquidation.ts). FAQ example: a 300 BTC position → MMR 12.5 %, and cum at
 *   level 5 = 50 BTC × (5 % − 2.5 %) + 0.56 = 1.81 BTC (a newer version shows different brackets).
 */
import type { D } from '../../decimal';
import { noFeeInTrigger } from './common';
import type { VenueSpec } from './types';

export interface BinanceCoinmDocInputs {
  WB: D;
  TMM1: D;
  UPNL1: D;
  cum: D;
  side: 1 | -1;
  /** Contracts. */
  Q: D;
  /** Contract size in USD. */
  CS: D;
  EP: D;
  MMR: D;
}

/** The derived one-way closed form, for golden tests. */
export function docLiquidationPrice(v: BinanceCoinmDocInputs): D {
  const num = v.Q.mul(v.MMR).plus(v.Q.mul(v.side)).mul(v.CS);
  const den = v.WB.minus(v.TMM1).plus(v.UPNL1).plus(v.cum).plus(v.Q.mul(v.CS).div(v.EP).mul(v.side));
  return num.div(den);
}

export const binanceCoinm: VenueSpec = {
  id: 'binance-coinm',
  name: 'Binance COIN-M',
  contracts: ['inverse'],
  marginModes: ['isolated', 'cross'],
  positionModes: ['oneway', 'hedge'],
  defaultTakerFee: {
    rate: '0.0005',
    source: 'Binance COIN-M fee schedule, Regular tier taker 0.05 % (https://www.binance.com/en/fee/deliveryFee); not checked live',
    asOf: '2025',
    confidence: 'low',
  },
  defaultFundingIntervalHours: '8',
  tierBasis: { linear: 'notional', inverse: 'coin-notional' },
  tierMeasure: { linear: 'liquidation-price', inverse: 'liquidation-price' },
  cumulativeAmounts: true,
  defaultContractSize: (contract, symbol) => {
    if (contract !== 'inverse') return null;
    const s = (symbol ?? '').toUpperCase();
    if (s.startsWith('BTCUSD')) return { value: '100', note: 'Binance COIN-M BTCUSD contracts are 100 USD each' };
    if (s) return { value: '10', note: `Binance COIN-M contracts other than BTCUSD are 10 USD each (${s})` };
    return null;
  },
  linearCurrency: 'USDT',
  formula: {
    method: 'closed-form',
    mmAt: () => 'price',
    triggerFeeRate: noFeeInTrigger,
    closeFeeAt: 'liquidation',
    assumptions: () => [
      {
        code: 'formula-derived',
        message:
          'Binance publishes the COIN-M formula as an image we could not read; this one is derived from its variable list (equity in coin = maintenance margin in coin) and checked against the FAQ bracket example.',
      },
    ],
  },
  liquidationRemainder: {
    kept: true,
    note: "Binance closes a liquidated position at the bankruptcy price when its insurance fund takes it over and charges what is left of the margin as the insurance clearance fee; smart liquidation may first reduce the position in steps.",
    source: "Binance, Liquidation Protocols, https://www.binance.com/en/support/faq/liquidation-protocols-360033525271 (undated) and its copy https://docs.traderwagon.com/faq/futures-trading-introduction/liquidation-protocol (undated)",
  },
  doc: { url: 'https://www.binance.com/en/support/faq/ceccfcfb4e3a45e3b48b0b1bb1a8ae46', version: 'undated stored copy (formula derived)' },
  confidence: 'medium',
};
