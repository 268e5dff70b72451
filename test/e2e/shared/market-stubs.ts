import { RECORDED, copy, hlMetaAndCtxs } from '../../../src/core/market/fixtures/index';
import type { FixtureServer, Reply } from '../harness/server';

/**
 * The venues' public market-data endpoints, answered by the fixture server (every hostname
 * resolves to it) from the recorded responses in src/core/market/fixtures. Only the endpoints
 * and symbols listed here answer; anything else (candles, other symbols) falls through to the
 * fixture server's 404, as if the venue were down: the extension then does what it does offline.
 *
 * The recorded files describe BTC contracts with a mark near 97,000; the fixture pages show
 * prices near 65,000, so the mark is set to `mark` (the pages' own 65,010.3 by default). Pages
 * that show a mark use their own; the API's mark matters only where the page shows none (OKX).
 *
 * Symbols the recorded files do not cover are adapted from them, and said so below.
 */

export interface MarketStubOptions {
  /** Mark price the mark endpoints report for the recorded BTC contracts (default 65,010.3). */
  mark?: string;
  /** Mark prices of other symbols, by the venue's symbol (ETHUSDT, ETH…). */
  marks?: Record<string, string>;
}

const JSON_HEADERS = { 'content-type': 'application/json' };
const json = (body: unknown): Reply => ({ headers: JSON_HEADERS, body: JSON.stringify(body) });

/**
 * Binance USDⓈ-M exchange info: the recorded BTCUSDT entry (tick 0.10), plus ETHUSDT adapted from it
 * for the single-page-app symbol switch (ETHUSDT trades on a 0.01 tick on Binance USDⓈ-M).
 */
function binanceUsdmExchangeInfo(): unknown {
  const info = copy(RECORDED.binanceExchangeInfo);
  const btc = info.symbols[0];
  if (!btc) throw new Error('the recorded Binance exchangeInfo lists no symbol');
  const eth = copy(btc);
  eth.symbol = 'ETHUSDT';
  eth.pair = 'ETHUSDT';
  eth.baseAsset = 'ETH';
  const price = eth.filters.find((f) => f.filterType === 'PRICE_FILTER');
  if (price) price.tickSize = '0.01';
  return { ...info, symbols: [btc, eth] };
}

/**
 * Binance COIN-M (dapi) has no recorded response: the USDⓈ-M one is adapted to BTCUSD_PERP with
 * the fields dapi adds (contractSize: 100 USD per BTCUSD contract, as Binance's COIN-M contract
 * specifications state; the engine's documented default is the same).
 */
function binanceCoinmExchangeInfo(): unknown {
  const info = copy(RECORDED.binanceExchangeInfo);
  const btc = info.symbols[0];
  if (!btc) throw new Error('the recorded Binance exchangeInfo lists no symbol');
  return { ...info, futuresType: 'COIN_M', symbols: [{ ...btc, symbol: 'BTCUSD_PERP', pair: 'BTCUSD', quoteAsset: 'USD', marginAsset: 'BTC', contractSize: 100 }] };
}

function binancePremium(symbol: string, mark: string): unknown {
  return { ...copy(RECORDED.binancePremium), symbol, markPrice: mark, time: Date.now() };
}

/** Serves every venue this file knows; see the module comment. */
export function stubMarketData(server: FixtureServer, options: MarketStubOptions = {}): void {
  const mark = options.mark ?? '65010.3';
  const markOf = (symbol: string): string => options.marks?.[symbol] ?? mark;
  const now = String(Date.now());
  server.routes.push(({ host, url, method, body }) => {
    const p = url.pathname;
    const symbol = url.searchParams.get('symbol');
    switch (host) {
      case 'fapi.binance.com':
        if (p === '/fapi/v1/exchangeInfo') return json(binanceUsdmExchangeInfo());
        if (p === '/fapi/v1/premiumIndex' && (symbol === 'BTCUSDT' || symbol === 'ETHUSDT')) return json(binancePremium(symbol, markOf(symbol)));
        return undefined;
      case 'dapi.binance.com':
        if (p === '/dapi/v1/exchangeInfo') return json(binanceCoinmExchangeInfo());
        // dapi answers the premium index as a list.
        if (p === '/dapi/v1/premiumIndex' && symbol === 'BTCUSD_PERP') return json([binancePremium('BTCUSD_PERP', mark)]);
        return undefined;
      case 'api.bybit.com': {
        if (symbol !== 'BTCUSDT') return undefined;
        if (p === '/v5/market/risk-limit') return json(RECORDED.bybitRisk);
        if (p === '/v5/market/instruments-info') return json(RECORDED.bybitInstruments);
        if (p === '/v5/market/tickers') {
          const t = copy(RECORDED.bybitTickers);
          for (const row of t.result.list) row.markPrice = mark;
          return json(t);
        }
        return undefined;
      }
      case 'www.okx.com': {
        if (p === '/api/v5/public/position-tiers' && url.searchParams.get('instFamily') === 'BTC-USDT') return json(RECORDED.okxTiers);
        const inst = url.searchParams.get('instId');
        if (inst !== 'BTC-USDT-SWAP') return undefined;
        if (p === '/api/v5/public/instruments') return json(RECORDED.okxInstruments);
        if (p === '/api/v5/public/mark-price') {
          const m = copy(RECORDED.okxMark);
          for (const row of m.data) {
            row.markPx = mark;
            row.ts = now;
          }
          return json(m);
        }
        return undefined;
      }
      case 'api.gateio.ws': {
        if (p === '/api/v4/futures/usdt/risk_limit_tiers' && url.searchParams.get('contract') === 'BTC_USDT') return json(RECORDED.gateTiers);
        if (p === '/api/v4/futures/usdt/contracts/BTC_USDT') return json({ ...copy(RECORDED.gateContract), mark_price: mark });
        return undefined;
      }
      case 'api.bitget.com': {
        if (symbol !== 'BTCUSDT') return undefined;
        if (p === '/api/v2/mix/market/query-position-lever') return json(RECORDED.bitgetTiers);
        if (p === '/api/v2/mix/market/contracts') return json(RECORDED.bitgetContracts);
        if (p === '/api/v2/mix/market/symbol-price') {
          const m = copy(RECORDED.bitgetPrice);
          for (const row of m.data) {
            row.markPrice = mark;
            row.ts = now;
          }
          return json(m);
        }
        return undefined;
      }
      case 'contract.mexc.com': {
        // MEXC's contract detail as recorded (risk levels by contracts, 0.0001 BTC a contract) and its fair price.
        if (p === '/api/v1/contract/detail' && symbol === 'BTC_USDT') return json(RECORDED.mexcDetail);
        if (p === '/api/v1/contract/fair_price/BTC_USDT') return json({ success: true, code: 0, data: { symbol: 'BTC_USDT', fairPrice: Number(mark), timestamp: Date.now() } });
        return undefined;
      }
      case 'www.bitmex.com': {
        if (p !== '/api/v1/instrument' || symbol !== 'XBTUSD') return undefined;
        const list = copy(RECORDED.bitmexInstrument);
        for (const row of list) {
          row.markPrice = Number(mark);
          row.timestamp = new Date().toISOString();
        }
        return json(list);
      }
      case 'api.hyperliquid.xyz': {
        if (p !== '/info' || method !== 'POST') return undefined;
        let type: unknown;
        try {
          type = (JSON.parse(body) as { type?: unknown }).type;
        } catch {
          return undefined;
        }
        if (type === 'meta') return json(RECORDED.hlMeta);
        if (type === 'metaAndAssetCtxs') {
          const [meta, ctxs] = hlMetaAndCtxs(mark) as [{ universe: { name: string }[] }, { markPx: string }[]];
          meta.universe.forEach((a, i) => {
            const ctx = ctxs[i];
            if (ctx && options.marks?.[a.name] !== undefined) ctx.markPx = options.marks[a.name] as string;
          });
          return json([meta, ctxs]);
        }
        return undefined;
      }
      default:
        return undefined;
    }
  });
}

/** The market-data hosts stubMarketData answers (they need the fixture server's certificate). */
export const STUBBED_MARKET_HOSTS = ['fapi.binance.com', 'dapi.binance.com', 'api.bybit.com', 'www.okx.com', 'api.gateio.ws', 'api.bitget.com', 'api.hyperliquid.xyz', 'contract.mexc.com'] as const;

/**
 * Only Binance USDⓈ-M BTCUSDT: the recorded exchange info (tick 0.10) and the premium index with
 * its mark set to `mark` (the fixture pages show 65,010.3). Every other API request falls through
 * to the fixture server's 404, as if the venue were down.
 */
export function stubBinanceMarketData(server: FixtureServer, mark = '65010.3'): void {
  const exchangeInfo = JSON.stringify(RECORDED.binanceExchangeInfo);
  server.routes.push(({ host, url }) => {
    if (host !== 'fapi.binance.com') return undefined;
    if (url.pathname === '/fapi/v1/exchangeInfo') return { headers: JSON_HEADERS, body: exchangeInfo };
    if (url.pathname === '/fapi/v1/premiumIndex' && url.searchParams.get('symbol') === 'BTCUSDT') return json(binancePremium('BTCUSDT', mark));
    return undefined;
  });
}
