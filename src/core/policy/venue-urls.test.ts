import { describe, expect, it } from 'vitest';
import { POLICY_DATA } from './policies.generated';
import { ADAPTER_VENUE_IDS, adapterVenueMatchPatterns, venueForUrl } from './venue-urls';

describe('venueForUrl', () => {
  it('maps every example URL in the data to its own venue', () => {
    for (const venue of POLICY_DATA.venues) {
      for (const example of venue.urlPatterns.examples) {
        expect(venueForUrl(example)?.venueId, example).toBe(venue.id);
      }
    }
  });

  it.each([
    ['https://www.binance.com/en/futures/BTCUSDT', 'binance', 'https://www.binance.com/*/futures/*'],
    ['https://www.binance.com/futures/BTCUSDT', 'binance', 'https://www.binance.com/futures/*'],
    ['https://www.binance.com/en/delivery/btcusd_perpetual', 'binance', 'https://www.binance.com/*/delivery/*'],
    ['https://www.bybit.com/trade/usdt/BTCUSDT', 'bybit', 'https://www.bybit.com/*trade/usdt/*'],
    ['https://www.bybit.com/en/trade/inverse/BTCUSD', 'bybit', 'https://www.bybit.com/*trade/inverse/*'],
    ['https://www.okx.com/trade-swap/btc-usdt-swap', 'okx', 'https://www.okx.com/*trade-swap/*'],
    ['https://www.okx.com/en-eu/trade-futures/btc-usd-250926', 'okx', 'https://www.okx.com/*trade-futures/*'],
    ['https://www.gate.io/futures/USDT/BTC_USDT', 'gate', 'https://www.gate.io/*futures/*'],
    ['https://futures.mexc.com/exchange/BTC_USDT?type=linear_swap', 'mexc', 'https://futures.mexc.com/exchange/*'],
    ['https://app.hyperliquid.xyz/trade', 'hyperliquid', 'https://app.hyperliquid.xyz/trade*'],
    ['https://www.bitmex.com/app/trade/XBTUSD', 'bitmex', 'https://www.bitmex.com/app/trade/*'],
    ['https://www.coinbase.com/advanced-trade/futures/BIT-27JUN25-CDE', 'coinbase_cfm', 'https://www.coinbase.com/advanced-trade/futures/*'],
    ['https://www.coinbase.com/advanced-trade/perpetuals/BTC-PERP-INTX', 'coinbase_intx', 'https://www.coinbase.com/advanced-trade/perpetuals/*'],
  ])('%s -> %s via %s', (url, venueId, pattern) => {
    expect(venueForUrl(url)).toMatchObject({ venueId, matchedPattern: pattern });
  });

  it('honours exclude_matches (Binance wallet pages are not trading pages)', () => {
    expect(venueForUrl('https://www.binance.com/en/my/wallet/futures/usdm')).toBeNull();
    expect(venueForUrl('https://www.binance.com/my/wallet/futures/usdm')).toBeNull();
  });

  it('applies the path filter (Crypto.com spot pairs are not perpetuals)', () => {
    expect(venueForUrl('https://crypto.com/exchange/trade/BTCUSD-PERP')?.venueId).toBe('cryptocom');
    expect(venueForUrl('https://crypto.com/exchange/trade/BTC_USDT')).toBeNull();
  });

  it('does not match other pages, other hosts or plain http', () => {
    for (const url of [
      'https://www.binance.com/en/markets',
      'https://www.binance.com/en/trade/BTC_USDT',
      'http://www.binance.com/en/futures/BTCUSDT',
      'https://binance.com.phish.io/en/futures/BTCUSDT',
      'https://www.bybit.com/en/trade/spot/BTC/USDT',
      'https://app.hyperliquid.xyz/portfolio',
      'https://www.bitmex.com/app/wallet',
    ]) {
      expect(venueForUrl(url), url).toBeNull();
    }
  });

  it('says what the URL cannot tell, and flags guessed patterns', () => {
    expect(venueForUrl('https://app.gmx.io/#/trade')?.note).toContain('fragment');
    expect(venueForUrl('https://pro.kraken.com/app/trade/btc-usd')?.note).toContain('spot and futures');
    expect(venueForUrl('https://margex.com/en/trade')).toMatchObject({ venueId: 'margex', verified: false, confidence: 'low' });
  });

  it('a broad pattern is not proof of an order form (Binance trading-rules pages match too)', () => {
    expect(venueForUrl('https://www.binance.com/en/futures/trading-rules/perpetual/portfolio-margin/notional-limit')?.venueId).toBe('binance');
  });

  it('returns null for garbage without throwing', () => {
    for (const url of ['', 'nonsense', 'https://', 'javascript:alert(1)', 42 as unknown as string]) expect(venueForUrl(url)).toBeNull();
  });

  it('no example URL is claimed by two venues', () => {
    for (const venue of POLICY_DATA.venues) {
      for (const example of venue.urlPatterns.examples) {
        const others = POLICY_DATA.venues.filter((other) => other.id !== venue.id && other.urlPatterns.matches.length > 0);
        for (const other of others) {
          expect(venueForUrl(example)?.venueId).not.toBe(other.id);
        }
      }
    }
  });
});

describe('adapterVenueMatchPatterns', () => {
  it('lists the eight adapter venues', () => {
    expect([...ADAPTER_VENUE_IDS]).toEqual(['binance', 'bybit', 'okx', 'bitget', 'gate', 'hyperliquid', 'mexc', 'bitmex']);
  });

  // Pinned on purpose: these arrays go into manifest.json's content_scripts. If the data
  // changes them, this fails and the manifest must be updated with the new list.
  it('is exactly the union of their patterns', () => {
    expect(adapterVenueMatchPatterns()).toEqual({
      matches: [
        'https://www.binance.com/*/futures/*',
        'https://www.binance.com/futures/*',
        'https://www.binance.com/*/delivery/*',
        'https://www.binance.com/delivery/*',
        'https://www.bybit.com/*trade/usdt/*',
        'https://www.bybit.com/*trade/usdc/*',
        'https://www.bybit.com/*trade/inverse/*',
        'https://www.okx.com/*trade-swap/*',
        'https://www.okx.com/*trade-futures/*',
        'https://www.bitget.com/*futures/*',
        'https://www.gate.com/*futures/*',
        'https://www.gate.io/*futures/*',
        'https://app.hyperliquid.xyz/trade*',
        'https://www.mexc.com/*futures/*',
        'https://futures.mexc.com/exchange/*',
        'https://www.bitmex.com/app/trade/*',
      ],
      excludeMatches: ['https://www.binance.com/*/my/wallet/futures/*', 'https://www.binance.com/my/wallet/futures/*'],
    });
  });

  it('equals the union computed straight from the data', () => {
    const venues = POLICY_DATA.venues.filter((v) => (ADAPTER_VENUE_IDS as readonly string[]).includes(v.id));
    const { matches, excludeMatches } = adapterVenueMatchPatterns();
    expect(new Set(matches)).toEqual(new Set(venues.flatMap((v) => v.urlPatterns.matches)));
    expect(new Set(excludeMatches)).toEqual(new Set(venues.flatMap((v) => v.urlPatterns.excludeMatches)));
  });
});
