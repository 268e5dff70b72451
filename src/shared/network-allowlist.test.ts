import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALLOWED_HOST_PERMISSIONS, isAllowedMarketDataUrl } from './network-allowlist';

describe('isAllowedMarketDataUrl', () => {
  it.each([
    'https://fapi.binance.com/fapi/v1/premiumIndex?symbol=BTCUSDT',
    'https://www.okx.com/api/v5/public/position-tiers?instType=SWAP',
    'https://futures.kraken.com/derivatives/api/v3/tickers',
    'https://www.binance.com/bapi/futures/v1/friendly/future/common/brackets',
    'https://www.binance.com/bapi/futures/v1/friendly/delivery/common/brackets',
  ])('allows the public endpoint %s', (url) => {
    expect(isAllowedMarketDataUrl(url)).toBe(true);
  });

  it.each([
    ['an unlisted host', 'https://evil.example/api/v5/public'],
    ['a look-alike host', 'https://fapi.binance.com.evil.example/fapi/v1/ping'],
    ['plain http', 'http://api.bybit.com/v5/market/risk-limit'],
    ['a trading page on an API host', 'https://www.okx.com/trade-swap/btc-usdt-swap'],
    ['credentials in the URL', 'https://user:pw@api.bybit.com/v5/market/tickers'],
    ['a password without a user name', 'https://:pw@api.bybit.com/v5/market/tickers'],
    ['another path on a host allowed for one path only', 'https://www.binance.com/bapi/accounts/v1/private/account'],
    ['a trading page on www.binance.com', 'https://www.binance.com/en/futures/BTCUSDT'],
    ['an explicit port', 'https://api.bybit.com:8443/v5/market/tickers'],
    ['not a URL', 'fapi.binance.com/fapi/v1/ping'],
  ])('refuses %s', (_why, url) => {
    expect(isAllowedMarketDataUrl(url)).toBe(false);
  });
});

describe('the manifest and the allow-list', () => {
  it('ask for exactly the same hosts: nothing unreviewed, and nothing the fetcher needs left out', () => {
    const manifest = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../manifest.json'), 'utf8')) as { host_permissions?: string[] };
    expect([...(manifest.host_permissions ?? [])].sort()).toEqual([...ALLOWED_HOST_PERMISSIONS].sort());
  });
});
