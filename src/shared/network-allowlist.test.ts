import { describe, expect, it } from 'vitest';
import { isAllowedMarketDataUrl } from './network-allowlist';

describe('isAllowedMarketDataUrl', () => {
  it.each([
    'https://fapi.binance.com/fapi/v1/premiumIndex?symbol=BTCUSDT',
    'https://www.okx.com/api/v5/public/position-tiers?instType=SWAP',
    'https://futures.kraken.com/derivatives/api/v3/tickers',
  ])('allows the public endpoint %s', (url) => {
    expect(isAllowedMarketDataUrl(url)).toBe(true);
  });

  it.each([
    ['an unlisted host', 'https://evil.example/api/v5/public'],
    ['a look-alike host', 'https://fapi.binance.com.evil.example/fapi/v1/ping'],
    ['plain http', 'http://api.bybit.com/v5/market/risk-limit'],
    ['a trading page on an API host', 'https://www.okx.com/trade-swap/btc-usdt-swap'],
    ['credentials in the URL', 'https://user:pw@api.bybit.com/v5/market/tickers'],
    ['an explicit port', 'https://api.bybit.com:8443/v5/market/tickers'],
    ['not a URL', 'fapi.binance.com/fapi/v1/ping'],
  ])('refuses %s', (_why, url) => {
    expect(isAllowedMarketDataUrl(url)).toBe(false);
  });
});
