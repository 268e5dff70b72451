import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstMatchingPattern, parseMatchPattern, parseUrl } from './match-pattern';

const matches = (url: string, pattern: string, exclude: string[] = []) => firstMatchingPattern(url, [pattern], exclude) !== null;

describe('parseMatchPattern', () => {
  it.each([
    'https://www.binance.com/*/futures/*',
    '*://*.example.com/*',
    'http://localhost:8080/app/*',
    'https://example.com:*/x',
    'file:///home/*',
    '<all_urls>',
  ])('accepts %s', (p) => {
    expect(parseMatchPattern(p).ok).toBe(true);
  });

  it.each([
    ['https://www.binance.com', 'path'],
    ['www.binance.com/*', 'scheme'],
    ['chrome://settings/*', 'scheme'],
    ['https://*binance.com/*', 'host'],
    ['https://www.*.com/*', 'host'],
    ['https:///*', 'host is empty'],
    ['https://example.com:80x/*', 'port'],
  ])('rejects %s with a reason naming the %s', (p, word) => {
    const r = parseMatchPattern(p);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(word);
  });
});

describe('parseUrl', () => {
  it('lower-cases scheme and host, drops userinfo and fragment, keeps path case and query', () => {
    expect(parseUrl('HTTPS://user:pw@WWW.Binance.COM:443/en/Futures/BTCUSDT?type=x#frag')).toEqual({
      scheme: 'https',
      host: 'www.binance.com',
      port: '443',
      path: '/en/Futures/BTCUSDT',
      query: 'type=x',
    });
  });
  it('gives "/" for an empty path and the default port', () => {
    expect(parseUrl('https://app.gmx.io#/trade')).toMatchObject({ path: '/', port: '443', query: null });
  });
  it.each(['', 'not a url', '/relative/path', 'data:text/plain,hi', 'javascript:alert(1)', 'https://'])('rejects %j', (u) => {
    expect(parseUrl(u)).toBeNull();
  });
});

describe('matching, Chromium semantics', () => {
  it('scheme * means http or https only', () => {
    expect(matches('http://a.com/x', '*://a.com/*')).toBe(true);
    expect(matches('https://a.com/x', '*://a.com/*')).toBe(true);
    expect(matches('ws://a.com/x', '*://a.com/*')).toBe(false);
    expect(matches('ftp://a.com/x', '*://a.com/*')).toBe(false);
    expect(matches('http://www.binance.com/en/futures/BTCUSDT', 'https://www.binance.com/*/futures/*')).toBe(false);
  });

  it('*.host matches the host and its subdomains, not look-alikes', () => {
    expect(matches('https://example.com/', '*://*.example.com/*')).toBe(true);
    expect(matches('https://a.b.example.com/', '*://*.example.com/*')).toBe(true);
    expect(matches('https://badexample.com/', '*://*.example.com/*')).toBe(false);
    expect(matches('https://example.com.evil.io/', '*://*.example.com/*')).toBe(false);
    expect(matches('https://www.binance.com.evil.io/en/futures/X', 'https://www.binance.com/*/futures/*')).toBe(false);
  });

  it('an exact host does not match subdomains', () => {
    expect(matches('https://m.binance.com/en/futures/X', 'https://www.binance.com/*/futures/*')).toBe(false);
  });

  it('* in the path spans slashes and may be empty', () => {
    expect(matches('https://www.bybit.com/trade/usdt/BTCUSDT', 'https://www.bybit.com/*trade/usdt/*')).toBe(true);
    expect(matches('https://www.bybit.com/en/trade/usdt/BTCUSDT', 'https://www.bybit.com/*trade/usdt/*')).toBe(true);
    expect(matches('https://www.bybit.com/en-GB/x/trade/usdt/', 'https://www.bybit.com/*trade/usdt/*')).toBe(true);
    expect(matches('https://www.bybit.com/en/trade/spot/BTC/USDT', 'https://www.bybit.com/*trade/usdt/*')).toBe(false);
    expect(matches('https://app.hyperliquid.xyz/trade', 'https://app.hyperliquid.xyz/trade*')).toBe(true);
    expect(matches('https://app.hyperliquid.xyz/trade/BTC', 'https://app.hyperliquid.xyz/trade*')).toBe(true);
    expect(matches('https://app.hyperliquid.xyz/portfolio', 'https://app.hyperliquid.xyz/trade*')).toBe(false);
  });

  it('the path is matched with its query string, never the fragment', () => {
    expect(matches('https://a.com/x', 'https://a.com/x')).toBe(true);
    expect(matches('https://a.com/x?y=1', 'https://a.com/x')).toBe(false);
    expect(matches('https://a.com/x?y=1', 'https://a.com/x*')).toBe(true);
    expect(matches('https://a.com/x?y=1', 'https://a.com/*y=1')).toBe(true);
    expect(matches('https://a.com/x#trade', 'https://a.com/x')).toBe(true);
    expect(matches('https://a.com/#/trade', 'https://a.com/*trade*')).toBe(false);
  });

  it('regex characters in a pattern are literal', () => {
    expect(matches('https://a.com/a.b', 'https://a.com/a.b')).toBe(true);
    expect(matches('https://a.com/aXb', 'https://a.com/a.b')).toBe(false);
    expect(matches('https://a.com/a?b', 'https://a.com/a?b')).toBe(true);
    expect(matches('https://a.com/ab', 'https://a.com/a?b')).toBe(false);
  });

  it('ports: none or * means any; a number must equal the effective port', () => {
    expect(matches('https://a.com:8443/', 'https://a.com/*')).toBe(true);
    expect(matches('https://a.com:8443/', 'https://a.com:*/*')).toBe(true);
    expect(matches('https://a.com:8443/', 'https://a.com:8443/*')).toBe(true);
    expect(matches('https://a.com/', 'https://a.com:443/*')).toBe(true);
    expect(matches('https://a.com/', 'https://a.com:8443/*')).toBe(false);
  });

  it('exclude_matches win over matches', () => {
    const inc = ['https://www.binance.com/*/futures/*'];
    const exc = ['https://www.binance.com/*/my/wallet/futures/*'];
    expect(firstMatchingPattern('https://www.binance.com/en/futures/BTCUSDT', inc, exc)).toBe(inc[0]);
    expect(firstMatchingPattern('https://www.binance.com/en/my/wallet/futures/usdm', inc, exc)).toBeNull();
  });

  it('<all_urls> matches any permitted scheme', () => {
    expect(matches('https://x.y/z', '<all_urls>')).toBe(true);
    expect(matches('file:///etc/hosts', '<all_urls>')).toBe(true);
    expect(matches('wss://x.y/socket', '<all_urls>')).toBe(true);
  });

  it('an invalid pattern never matches', () => {
    expect(matches('https://a.com/x', 'https://a.com')).toBe(false);
  });
});

describe('matching properties', () => {
  const segment = fc.stringMatching(/^[a-zA-Z0-9._~-]{1,8}$/);
  const path = fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => `/${parts.join('/')}`);

  it('a URL used as its own pattern matches it, and so does any * substituted into its path', () => {
    fc.assert(
      fc.property(path, fc.nat(), fc.nat(), (p, a, b) => {
        const url = `https://www.example.com${p}`;
        expect(matches(url, url)).toBe(true);
        const [i, j] = [a % (p.length + 1), b % (p.length + 1)].sort((x, y) => x - y) as [number, number];
        const globbed = `https://www.example.com${p.slice(0, Math.max(1, i))}*${p.slice(Math.max(1, j))}`;
        expect(matches(url, globbed)).toBe(true);
      }),
    );
  });

  it('a different literal path never matches', () => {
    fc.assert(
      fc.property(path, path, (p, q) => {
        fc.pre(p !== q);
        expect(matches(`https://a.com${p}`, `https://a.com${q}`)).toBe(false);
      }),
    );
  });
});
