import type { CalculatorVenue } from './types';

/**
 * The engine's venues as the calculator form offers them. Static so the popup draws its form without
 * loading the engine (decimal.js stays in the background); venue-list.test.ts pins it to the engine's
 * venueCapabilities(), so the two cannot drift.
 */
export const CALCULATOR_VENUES: readonly CalculatorVenue[] = [
  { id: 'binance-usdm', name: 'Binance USDⓈ-M', contracts: ['linear'], marginModes: ['isolated', 'cross'], positionModes: ['oneway', 'hedge'], symbolExample: 'BTCUSDT' },
  { id: 'binance-coinm', name: 'Binance COIN-M', contracts: ['inverse'], marginModes: ['isolated', 'cross'], positionModes: ['oneway', 'hedge'], symbolExample: 'BTCUSD_PERP' },
  { id: 'bybit', name: 'Bybit', contracts: ['linear', 'inverse'], marginModes: ['isolated', 'cross'], positionModes: ['oneway', 'hedge'], symbolExample: 'BTCUSDT' },
  { id: 'okx', name: 'OKX', contracts: ['linear', 'inverse'], marginModes: ['isolated', 'cross'], positionModes: ['oneway', 'hedge'], symbolExample: 'BTC-USDT-SWAP' },
  { id: 'bitget', name: 'Bitget', contracts: ['linear', 'inverse'], marginModes: ['isolated', 'cross'], positionModes: ['oneway', 'hedge'], symbolExample: 'BTCUSDT' },
  { id: 'gate', name: 'Gate', contracts: ['linear', 'inverse'], marginModes: ['isolated', 'cross'], positionModes: ['oneway', 'hedge'], symbolExample: 'BTC_USDT' },
  { id: 'hyperliquid', name: 'Hyperliquid', contracts: ['linear'], marginModes: ['isolated', 'cross'], positionModes: ['oneway'], symbolExample: 'BTC' },
  { id: 'phemex', name: 'Phemex', contracts: ['linear', 'inverse'], marginModes: ['isolated', 'cross'], positionModes: ['oneway', 'hedge'], symbolExample: 'BTCUSDT' },
  { id: 'bitmex', name: 'BitMEX', contracts: ['inverse', 'linear'], marginModes: ['isolated', 'cross'], positionModes: ['oneway'], symbolExample: 'XBTUSD' },
  { id: 'deribit', name: 'Deribit', contracts: ['linear', 'inverse'], marginModes: ['cross'], positionModes: ['oneway'], symbolExample: 'BTC-PERPETUAL' },
  { id: 'kraken-futures', name: 'Kraken Futures', contracts: ['linear', 'inverse'], marginModes: ['isolated', 'cross'], positionModes: ['oneway'], symbolExample: 'PF_XBTUSD' },
  { id: 'mexc', name: 'MEXC', contracts: ['linear', 'inverse'], marginModes: ['isolated', 'cross'], positionModes: ['oneway', 'hedge'], symbolExample: 'BTC_USDT' },
  { id: 'generic', name: 'Generic', contracts: ['linear', 'inverse'], marginModes: ['isolated', 'cross'], positionModes: ['oneway', 'hedge'], symbolExample: 'BTCUSDT' },
];

export function calculatorVenue(id: string): CalculatorVenue | undefined {
  return CALCULATOR_VENUES.find((v) => v.id === id);
}
