/**
 * Venue registry: venue id → what it supports, its default taker fee (with source and date), tier basis and
 * formula. Ids are stable across the product.
 */
import type { VenueId } from '../types';
import { binanceCoinm } from './binance-coinm';
import { binanceUsdm } from './binance-usdm';
import { bitget } from './bitget';
import { bitmex } from './bitmex';
import { bybit } from './bybit';
import { deribit } from './deribit';
import { gate } from './gate';
import { generic } from './generic';
import { hyperliquid } from './hyperliquid';
import { krakenFutures } from './kraken-futures';
import { mexc } from './mexc';
import { okx } from './okx';
import { phemex } from './phemex';
import type { VenueSpec } from './types';

export type { VenueSpec, VenueFormula, Confidence } from './types';

export const VENUES: Readonly<Record<VenueId, VenueSpec>> = {
  'binance-usdm': binanceUsdm,
  'binance-coinm': binanceCoinm,
  bybit,
  okx,
  bitget,
  gate,
  hyperliquid,
  phemex,
  bitmex,
  deribit,
  'kraken-futures': krakenFutures,
  mexc,
  generic,
};

export const VENUE_IDS = Object.keys(VENUES) as VenueId[];

export function venueSpec(id: VenueId): VenueSpec {
  return VENUES[id];
}

/** A plain summary of what each venue supports, for the popup and the README. */
export function venueCapabilities(): {
  id: VenueId;
  name: string;
  contracts: string[];
  marginModes: string[];
  positionModes: string[];
  method: string;
  confidence: string;
  defaultTakerFee: string;
}[] {
  return VENUE_IDS.map((id) => {
    const v = VENUES[id];
    return {
      id,
      name: v.name,
      contracts: [...v.contracts],
      marginModes: [...v.marginModes],
      positionModes: [...v.positionModes],
      method: v.formula.method,
      confidence: v.confidence,
      defaultTakerFee: v.defaultTakerFee.rate,
    };
  });
}
