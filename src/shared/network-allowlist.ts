/**
 * The reviewed list of everything LiqGuard may ask the browser for. The built-manifest
 * test fails when a permission or host appears that is not here, and the background's
 * fetcher refuses any URL whose host is not here. Adding to it is a product decision:
 * say why in the README's permissions section.
 */

/** API permissions. `storage` keeps settings, caches and the latest assessment per tab. */
export const ALLOWED_PERMISSIONS: readonly string[] = ['storage'];

/** Public market-data API hosts (no keys, no account data), each with the path prefix we call. */
export const MARKET_DATA_ORIGINS: readonly { host: string; pathPrefix: string }[] = [
  { host: 'fapi.binance.com', pathPrefix: '/' },
  // Only the public bracket tables behind Binance's "Leverage & Margin" page (USDⓈ-M, then COIN-M), nothing
  // else on www.binance.com.
  { host: 'www.binance.com', pathPrefix: '/bapi/futures/v1/friendly/future/common/brackets' },
  { host: 'www.binance.com', pathPrefix: '/bapi/futures/v1/friendly/delivery/common/brackets' },
  { host: 'dapi.binance.com', pathPrefix: '/' },
  { host: 'api.bybit.com', pathPrefix: '/' },
  { host: 'www.okx.com', pathPrefix: '/api/' },
  { host: 'api.gateio.ws', pathPrefix: '/' },
  { host: 'api.bitget.com', pathPrefix: '/' },
  { host: 'api.hyperliquid.xyz', pathPrefix: '/' },
  { host: 'contract.mexc.com', pathPrefix: '/' },
  { host: 'www.bitmex.com', pathPrefix: '/api/' },
  { host: 'www.deribit.com', pathPrefix: '/api/' },
  { host: 'futures.kraken.com', pathPrefix: '/derivatives/api/' },
  // Kraken Futures serves its candles from a separate charts service on the same host.
  { host: 'futures.kraken.com', pathPrefix: '/api/charts/v1/' },
];

/** host_permissions entries the manifest may carry: exactly the market-data origins. */
export const ALLOWED_HOST_PERMISSIONS: readonly string[] = MARKET_DATA_ORIGINS.map(
  ({ host, pathPrefix }) => `https://${host}${pathPrefix}*`,
);

/** True when a URL is one LiqGuard is allowed to fetch. */
export function isAllowedMarketDataUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.port === '' &&
    // Credentials in the URL (https://user:pw@host, or https://:pw@host with only a password) are refused.
    parsed.username === '' &&
    parsed.password === '' &&
    MARKET_DATA_ORIGINS.some(({ host, pathPrefix }) => parsed.hostname === host && parsed.pathname.startsWith(pathPrefix))
  );
}
