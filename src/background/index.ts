import browser from 'webextension-polyfill';
import Decimal from 'decimal.js';

// Walking skeleton: replaced by the typed message router.
browser.runtime.onMessage.addListener((message: unknown) => {
  const msg = message as { type?: string; price?: string };
  if (msg.type === 'skeleton/echo-price' && typeof msg.price === 'string') {
    try {
      const price = new Decimal(msg.price);
      if (!price.isFinite() || price.lte(0)) return Promise.resolve({ ok: false, reason: 'price must be above zero' });
      return Promise.resolve({ ok: true, price: price.toString() });
    } catch {
      return Promise.resolve({ ok: false, reason: 'price is not a number' });
    }
  }
  return undefined;
});
