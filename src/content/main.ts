import browser from 'webextension-polyfill';

// Walking skeleton: reads Binance's limit-price input and shows the background's answer
// in an overlay inside an open shadow root.
const host = document.createElement('liqguard-overlay');
const root = host.attachShadow({ mode: 'open' });
const out = document.createElement('span');
out.setAttribute('data-liqguard', 'skeleton-price');
out.textContent = '—';
root.append(out);
document.documentElement.append(host);

let seq = 0;
document.addEventListener(
  'input',
  (event) => {
    const target = event.target;
    if (!(target instanceof HTMLInputElement) || !target.id.startsWith('limitPrice-')) return;
    const mine = ++seq;
    void browser.runtime
      .sendMessage({ type: 'skeleton/echo-price', price: target.value })
      .then((reply: unknown) => {
        if (mine !== seq) return;
        const r = reply as { ok: boolean; price?: string; reason?: string };
        out.textContent = r.ok ? `Price ${r.price ?? ''}` : `Unreadable: ${r.reason ?? ''}`;
      });
  },
  true,
);
