import { describe, expect, it } from 'vitest';
import { classifySender, describeSender, type SenderLike } from './sender';

const self = { id: 'abcdefghijklmnopabcdefghijklmnop', origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' };
const page = 'https://www.binance.com/en/futures/BTCUSDT?fixture=x';
const content = (over: Partial<SenderLike> = {}): SenderLike => ({ id: self.id, url: page, origin: 'https://www.binance.com', frameId: 0, documentId: 'DOC1', tab: { id: 42 }, ...over });

describe('classifySender', () => {
  it('accepts our content script in the top frame of a supported venue page', () => {
    expect(classifySender(content(), self)).toEqual({ ok: true, sender: { kind: 'content', tabId: 42, url: page, venueId: 'binance', documentId: 'DOC1' } });
  });

  it('accepts every adapter venue’s trading pages (also with an explicit port, as in Firefox tests)', () => {
    for (const url of ['https://www.bybit.com/trade/usdt/BTCUSDT', 'https://www.okx.com/trade-swap/btc-usdt-swap', 'https://app.hyperliquid.xyz/trade/BTC', 'https://www.bitmex.com/app/trade/XBTUSD', 'https://www.binance.com:8443/en/futures/BTCUSDT']) {
      const r = classifySender(content({ url, origin: new URL(url).origin }), self);
      expect(r.ok, url).toBe(true);
    }
  });

  it('accepts our own pages as extension senders, with or without a tab', () => {
    expect(classifySender({ id: self.id, url: `${self.origin}/src/popup/index.html`, origin: self.origin }, self)).toEqual({ ok: true, sender: { kind: 'extension', url: `${self.origin}/src/popup/index.html`, tabId: null } });
    const options = classifySender({ id: self.id, url: `${self.origin}/src/options/index.html`, tab: { id: 3 }, frameId: 0 }, self);
    expect(options.ok && options.sender.kind === 'extension' && options.sender.tabId).toBe(3);
  });

  const refused: [string, SenderLike | undefined, RegExp][] = [
    ['no sender', undefined, /no sender/],
    ['another extension', content({ id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz' }), /another extension/],
    ['a web page (no extension id)', { url: page, tab: { id: 1 }, frameId: 0 }, /another extension or a web page/],
    ['a child frame', content({ frameId: 3 }), /child frame/],
    ['no tab', content({ tab: undefined }), /not sent from a browser tab/],
    ['a negative tab id', content({ tab: { id: -1 } }), /not sent from a browser tab/],
    ['an unsupported site', content({ url: 'https://evil.example/futures/BTCUSDT', origin: 'https://evil.example' }), /not a supported venue/],
    ['a venue page that is not a trading page', content({ url: 'https://www.binance.com/en/my/wallet/futures/x', origin: 'https://www.binance.com' }), /not a supported venue/],
    ['a venue the research knows but LiqGuard has no adapter for', content({ url: 'https://www.deribit.com/futures/BTC-PERPETUAL', origin: 'https://www.deribit.com' }), /not a supported venue/],
    ['plain http', content({ url: 'http://www.binance.com/en/futures/BTCUSDT', origin: 'http://www.binance.com' }), /not https/],
    ['an origin that contradicts the URL', content({ origin: 'https://evil.example' }), /origin does not match/],
    ['no URL', content({ url: undefined }), /no URL/],
    ['a user-script world', content({ userScriptWorldId: 'w' }), /user-script/],
    ['a page of another extension', { id: self.id, url: 'chrome-extension://zzzz/src/popup/index.html' }, /no URL/],
    ['a URL that only starts like ours', { id: self.id, url: `${self.origin}zz/src/popup/index.html`, tab: { id: 1 }, frameId: 0 }, /no URL|not a supported venue/],
  ];
  it.each(refused)('refuses %s', (_what, sender, reason) => {
    const r = classifySender(sender, self);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('describes a sender by origin only, never the full URL', () => {
    const d = describeSender(content({ url: 'https://www.binance.com/en/futures/BTCUSDT?secret=1' }));
    expect(d).toContain('https://www.binance.com');
    expect(d).not.toContain('secret');
  });
});
