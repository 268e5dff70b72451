import { RECORDED } from '../../../src/core/market/fixtures/index';
import type { FixtureServer, Reply } from '../harness/server';

/**
 * Public market data for the second symbol the account fixture pages hold (ETH on each venue), beside
 * stubMarketData's BTC answers. The recorded files describe BTC only, so ETH's answers are BTC's with the
 * symbol renamed: the same tiers and contract sizes, said here, not ETH's real ones. The fixture pages'
 * liquidation prices were computed with these tables, so a self-check on them must match.
 */

const JSON_HEADERS = { 'content-type': 'application/json' };
const json = (body: unknown): Reply => ({ headers: JSON_HEADERS, body: JSON.stringify(body) });

/** The mark each venue API reports for the account pages' ETH contracts (their rows show the same). */
export const ETH_MARK = '3456.78';

export function renamed<T>(x: T, from: RegExp, to: string): T {
  return JSON.parse(JSON.stringify(x).replace(from, to)) as T;
}

/** The answer for an ETH request, or undefined (the next route, then the fixture server's 404). */
export function ethMarket(host: string, url: URL): Reply | undefined {
  const p = url.pathname;
  const symbol = url.searchParams.get('symbol');
  switch (host) {
    case 'api.bybit.com':
      if (symbol !== 'ETHUSDT') return undefined;
      if (p === '/v5/market/risk-limit') return json(renamed(RECORDED.bybitRisk, /BTCUSDT/g, 'ETHUSDT'));
      if (p === '/v5/market/instruments-info') return json(renamed(RECORDED.bybitInstruments, /BTCUSDT/g, 'ETHUSDT'));
      return undefined;
    case 'www.okx.com':
      if (p === '/api/v5/public/position-tiers' && url.searchParams.get('instFamily') === 'ETH-USDT') return json(renamed(RECORDED.okxTiers, /BTC-USDT/g, 'ETH-USDT'));
      if (p === '/api/v5/public/instruments' && url.searchParams.get('instId') === 'ETH-USDT-SWAP') return json(renamed(RECORDED.okxInstruments, /BTC-USDT/g, 'ETH-USDT'));
      return undefined;
    case 'api.gateio.ws':
      if (p === '/api/v4/futures/usdt/risk_limit_tiers' && url.searchParams.get('contract') === 'ETH_USDT') return json(renamed(RECORDED.gateTiers, /BTC_USDT/g, 'ETH_USDT'));
      if (p === '/api/v4/futures/usdt/contracts/ETH_USDT') return json({ ...renamed(RECORDED.gateContract, /BTC_USDT/g, 'ETH_USDT'), mark_price: ETH_MARK });
      return undefined;
    case 'api.bitget.com':
      if (symbol !== 'ETHUSDT') return undefined;
      if (p === '/api/v2/mix/market/query-position-lever') return json(renamed(RECORDED.bitgetTiers, /BTCUSDT/g, 'ETHUSDT'));
      if (p === '/api/v2/mix/market/contracts') return json(renamed(RECORDED.bitgetContracts, /BTCUSDT/g, 'ETHUSDT'));
      return undefined;
    default:
      return undefined;
  }
}

export function stubEthMarket(server: FixtureServer): void {
  server.routes.unshift(({ host, url }) => ethMarket(host, url));
}

