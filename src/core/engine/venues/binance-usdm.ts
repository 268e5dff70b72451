/**
 * Binance USDⓈ-M futures (linear): one-way and hedge mode, isolated and cross.
 *
 * Doc: "How to Calculate Liquidation Price of USDⓈ-M Contracts",
 *   https://www.binance.com/en/support/faq/b3c689c1f50a44cabb3a84e663b81d93
 *   Version: stored copy, undated. The formula is an image there; its variable list was read, and the same list
 *   (with the one-way/hedge rules) is on the Binance-run mirror https://apollox.zendesk.com/hc/en-us/articles/4404868544409
 *   (undated). Confirmed by the FAQ's worked example (ETH 1,153.26 / BTC 26,316.89) as carried in freqtrade's tests,
 *   snapshot c9ae5e1 (2024-10-24).
 *
 *   LP = (WB − TMM1 + UPNL1 + cumB + cumL + cumS − Side1BOTH·Position1BOTH·EP1BOTH − Position1LONG·EP1LONG
 *         + Position1SHORT·EP1SHORT)
 *      / (Position1BOTH·MMR_B + Position1LONG·MMR_L + Position1SHORT·MMR_S − Side1BOTH·Position1BOTH
 *         − Position1LONG + Position1SHORT)
 *
 * Isolated: WB is the position's isolated wallet balance and TMM1 = UPNL1 = 0. Cross: TMM1 and UPNL1 are the other
 * positions' maintenance margin and signed unrealized PnL at their marks (isolated positions excluded).
 *
 * Tier: brackets by position notional. The maintenance margin that triggers liquidation is the one at the moment of
 * liquidation, i.e. at notional Q·LP, so the engine uses the self-consistent bracket. With Binance's cum the
 * maintenance margin is continuous and equals max over brackets of (N·MMR − cum), so any other bracket would
 * understate it and put the liquidation price too far away.
 */
import type { D } from '../../decimal';
import { noFeeInTrigger } from './common';
import type { VenueSpec } from './types';


export interface BinanceUsdmDocInputs {
  WB: D;
  TMM1: D;
  UPNL1: D;
  cumB: D;
  cumL: D;
  cumS: D;
  side1BOTH: 1 | -1 | 0;
  position1BOTH: D;
  ep1BOTH: D;
  position1LONG: D;
  ep1LONG: D;
  position1SHORT: D;
  ep1SHORT: D;
  mmrB: D;
  mmrL: D;
  mmrS: D;
}

/** The FAQ formula written as published, for golden tests of the shared solver. */
export function docLiquidationPrice(v: BinanceUsdmDocInputs): D {
  const num = v.WB.minus(v.TMM1)
    .plus(v.UPNL1)
    .plus(v.cumB)
    .plus(v.cumL)
    .plus(v.cumS)
    .minus(v.position1BOTH.mul(v.ep1BOTH).mul(v.side1BOTH))
    .minus(v.position1LONG.mul(v.ep1LONG))
    .plus(v.position1SHORT.mul(v.ep1SHORT));
  const den = v.position1BOTH.mul(v.mmrB)
    .plus(v.position1LONG.mul(v.mmrL))
    .plus(v.position1SHORT.mul(v.mmrS))
    .minus(v.position1BOTH.mul(v.side1BOTH))
    .minus(v.position1LONG)
    .plus(v.position1SHORT);
  return num.div(den);
}

export const binanceUsdm: VenueSpec = {
  id: 'binance-usdm',
  name: 'Binance USDⓈ-M',
  contracts: ['linear'],
  marginModes: ['isolated', 'cross'],
  positionModes: ['oneway', 'hedge'],
  defaultTakerFee: {
    rate: '0.0005',
    source: 'Binance futures fee schedule, Regular tier taker 0.05 % (https://www.binance.com/en/fee/futureFee), as restated by third-party guides in 2025; not checked live',
    asOf: '2025',
    confidence: 'medium',
  },
  defaultFundingIntervalHours: '8',
  tierBasis: { linear: 'notional', inverse: 'coin-notional' },
  tierMeasure: { linear: 'liquidation-price', inverse: 'liquidation-price' },
  cumulativeAmounts: true,
  defaultContractSize: (contract) =>
    contract === 'linear' ? { value: '1', note: 'Binance USDⓈ-M orders are sized in the base asset: one contract is one unit of it' } : null,
  linearCurrency: 'USDT',
  formula: {
    method: 'closed-form',
    mmAt: () => 'price',
    triggerFeeRate: noFeeInTrigger,
    closeFeeAt: 'liquidation',
    assumptions: () => [],
  },
  liquidationRemainder: {
    kept: true,
    note: "Binance closes a liquidated position at the bankruptcy price when its insurance fund takes it over and charges what is left of the margin as the insurance clearance fee; smart liquidation may first reduce the position in steps.",
    source: "Binance, Liquidation Protocols, https://www.binance.com/en/support/faq/liquidation-protocols-360033525271 (undated) and its copy https://docs.traderwagon.com/faq/futures-trading-introduction/liquidation-protocol (undated)",
  },
  doc: { url: 'https://www.binance.com/en/support/faq/b3c689c1f50a44cabb3a84e663b81d93', version: 'undated stored copy; example as of freqtrade c9ae5e1 (2024-10-24)' },
  confidence: 'high',
};
