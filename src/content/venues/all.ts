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

/**
 * Every venue adapter. The content script never imports this list: each venue's hosts get their own
 * bundle carrying only that venue's adapters (src/content/start/), so a page parses and compiles no
 * other venue's code. The on-demand module (the page report) and the tests use the whole list.
 */
export const ADAPTERS: readonly VenueAdapter[] = [binanceUsdm, binanceCoinm, bybit, okx, bitget, gate, hyperliquid, mexc, bitmex];
