import { binanceCoinm } from './binance-coinm';
import { binanceUsdm } from './binance-usdm';
import { bitget } from './bitget';
import { bitmex } from './bitmex';
import { bybit } from './bybit';
import { gate } from './gate';
import { hyperliquid } from './hyperliquid';
import { mexc } from './mexc';
import { okx } from './okx';
import type { VenueAdapter } from './types';

export const ADAPTERS: readonly VenueAdapter[] = [binanceUsdm, binanceCoinm, bybit, okx, bitget, gate, hyperliquid, mexc, bitmex];

/** The adapter whose order page this URL is, or null (the generic reader then takes over). */
export function adapterFor(url: URL): VenueAdapter | null {
  return ADAPTERS.find((a) => a.isOrderPage(url)) ?? null;
}

/** The venue a host belongs to, even off its order pages: the generic reader still reports it. */
export function venueOfHost(hostname: string): VenueAdapter | null {
  return ADAPTERS.find((a) => a.matches.some((m) => new URL(m.replace(/\*/g, 'x')).hostname === hostname)) ?? null;
}
