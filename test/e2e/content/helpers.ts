import { expect } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { inOverlay } from '../harness/overlay-root';
import { fillField, inPage, type AnyPage } from '../harness/pages';

export { inOverlay } from '../harness/overlay-root';

/**
 * Helpers for content-script E2E tests. The overlay lives in a closed shadow root that page
 * scripts (and Playwright's locators) cannot enter; `inOverlay` reaches it through the devtools
 * protocol (../harness/overlay-root.ts). Every figure carries `data-liqguard="<field>"`
 * (text = what the trader sees) and `data-value` (the exact decimal string), so the
 * figures-vs-CLI tests can compare exactly. Clicks and keys go through Playwright's mouse and
 * keyboard, which the browser marks trusted, as the overlay requires.
 */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The viewport box of the first element inside the overlay matching `selector` (default: the panel), or null. */
export async function overlayBox(page: AnyPage, selector = '[data-liqguard="overlay"]'): Promise<Box | null> {
  return inOverlay(
    page,
    (root, sel) => {
      const r = root?.querySelector(sel)?.getBoundingClientRect();
      return r ? { x: r.x, y: r.y, width: r.width, height: r.height } : null;
    },
    selector,
  );
}

/** An attribute of the first element inside the overlay matching `selector`. */
export async function overlayAttribute(page: AnyPage, selector: string, name: string): Promise<string | null> {
  return inOverlay(page, (root, [sel, attr]) => root?.querySelector(sel)?.getAttribute(attr) ?? null, [selector, name] as const);
}

/** The trimmed text of every element inside the overlay matching `selector`. */
export async function overlayTexts(page: AnyPage, selector: string): Promise<string[]> {
  return inOverlay(page, (root, sel) => [...(root?.querySelectorAll(sel) ?? [])].map((e) => (e.textContent ?? '').trim()), selector);
}

/** How many elements inside the overlay match `selector`. */
export async function overlayCount(page: AnyPage, selector: string): Promise<number> {
  return inOverlay(page, (root, sel) => root?.querySelectorAll(sel).length ?? 0, selector);
}

/** Is the panel collapsed to its pill ("true"/"false"), or null without an overlay. */
export async function overlayCollapsed(page: AnyPage): Promise<string | null> {
  return overlayAttribute(page, '[data-liqguard="overlay"]', 'data-collapsed');
}

/** A trusted mouse click in the middle of the overlay's element matching `selector` (e.g. `[data-liqguard-action="toggle"]`). */
export async function clickInOverlay(page: AnyPage, selector: string): Promise<void> {
  // The panel may scroll: bring the element into its view first, as a trader would.
  await inOverlay(page, (root, sel) => root?.querySelector(sel)?.scrollIntoView({ block: 'nearest' }), selector);
  const box = await overlayBox(page, selector);
  if (!box || box.width === 0) throw new Error(`nothing to click in the overlay at ${selector}`);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/** Moves keyboard focus to the overlay's element matching `selector`; keys then go there through `page.keyboard` (trusted). */
export async function focusInOverlay(page: AnyPage, selector: string): Promise<void> {
  const ok = await inOverlay(
    page,
    (root, sel) => {
      const el = root?.querySelector<HTMLElement>(sel);
      el?.focus();
      return !!el && root?.activeElement === el;
    },
    selector,
  );
  if (!ok) throw new Error(`could not focus ${selector} in the overlay`);
}

/** The `data-liqguard-action` of the overlay's focused element, or null when focus is elsewhere. */
export async function focusedInOverlay(page: AnyPage): Promise<string | null> {
  return inOverlay(page, (root) => (document.activeElement?.localName === 'liqguard-overlay' ? (root?.activeElement?.getAttribute('data-liqguard-action') ?? null) : null));
}

export interface VenuePage {
  /** Adapter id = fixture folder. */
  id: string;
  host: string;
  path: string;
  symbol: string;
  /** Fixture inputs: only the fixtures' own structure, not the venues'. */
  price: string;
  quantity: string;
  leverage: string;
  /** A control to remove for the fail-closed check, and the field it must then name. */
  remove: string;
  removedField: string;
  /** The broken fixture and the field it must name. */
  broken: string;
  brokenField: string;
}

export const VENUE_PAGES: readonly VenuePage[] = [
  { id: 'binance-usdm', host: 'www.binance.com', path: '/en/futures/BTCUSDT', symbol: 'BTCUSDT', price: '#limitPrice-1', quantity: '#unitAmount-1', leverage: '.fx-leverage', remove: '.fx-leverage', removedField: 'Leverage', broken: 'broken-no-leverage.html', brokenField: 'Leverage' },
  { id: 'binance-coinm', host: 'www.binance.com', path: '/en/delivery/BTCUSD_PERP', symbol: 'BTCUSD_PERP', price: '#limitPrice-1', quantity: '#unitAmount-1', leverage: '.fx-leverage', remove: '.fx-margin', removedField: 'Margin mode', broken: 'broken-unit.html', brokenField: 'Size' },
  { id: 'bybit', host: 'www.bybit.com', path: '/trade/usdt/BTCUSDT', symbol: 'BTCUSDT', price: '#fx-price', quantity: '#fx-qty', leverage: '.fx-leverage', remove: '.fx-margin', removedField: 'Margin mode', broken: 'broken-no-margin.html', brokenField: 'Margin mode' },
  { id: 'okx', host: 'www.okx.com', path: '/trade-swap/btc-usdt-swap', symbol: 'BTC-USDT-SWAP', price: '.price-input input', quantity: '.fx-size input', leverage: '.fx-leverage', remove: '.fx-leverage', removedField: 'Leverage', broken: 'broken-no-margin.html', brokenField: 'Margin mode' },
  { id: 'bitget', host: 'www.bitget.com', path: '/futures/usdt/BTCUSDT', symbol: 'BTCUSDT', price: 'input[aria-label="Price"]', quantity: 'input[aria-label="Size"]', leverage: '.fx-leverage', remove: '.fx-leverage', removedField: 'Leverage', broken: 'broken-no-price.html', brokenField: 'Price' },
  { id: 'gate', host: 'www.gate.com', path: '/futures/USDT/BTC_USDT', symbol: 'BTC_USDT', price: 'input[placeholder="Price"]', quantity: 'input[placeholder="Size"]', leverage: '.fx-leverage', remove: '.fx-margin', removedField: 'Margin mode', broken: 'broken-no-leverage.html', brokenField: 'Leverage' },
  { id: 'hyperliquid', host: 'app.hyperliquid.xyz', path: '/trade/BTC', symbol: 'BTC', price: '#fx-price', quantity: '#fx-size', leverage: '.fx-leverage', remove: '.fx-unit', removedField: 'Size', broken: 'broken-no-unit.html', brokenField: 'Size' },
  { id: 'mexc', host: 'www.mexc.com', path: '/futures/BTC_USDT', symbol: 'BTC_USDT', price: 'input[name="price"]', quantity: '[aria-labelledby="fx-qty-label"]', leverage: '.fx-leverage', remove: '.fx-leverage', removedField: 'Leverage', broken: 'broken-two-leverages.html', brokenField: 'Leverage' },
  { id: 'bitmex', host: 'www.bitmex.com', path: '/app/trade/XBTUSD', symbol: 'XBTUSD', price: '#fx-price', quantity: '#fx-qty', leverage: '.fx-leverage', remove: '.fx-margin', removedField: 'Margin mode', broken: 'broken-ambiguous-price.html', brokenField: 'Price' },
];

export const VENUE_HOSTS = [...new Set(VENUE_PAGES.map((v) => v.host))];

/** The overlay's state kind and where it came from: `local` (decided on the page) or `background` (an answer to a sent snapshot). */
export async function overlayState(page: AnyPage): Promise<{ kind: string | null; origin: string | null; busy: boolean }> {
  return inOverlay(page, (root) => {
    const text = (f: string) => root?.querySelector(`[data-liqguard="${f}"]`)?.textContent ?? null;
    return { kind: text('state'), origin: text('origin'), busy: root?.querySelector('[data-liqguard="overlay"]')?.getAttribute('aria-busy') === 'true' };
  });
}

/** Waits until the overlay shows one of these states, decided on the page (fail-closed reasons, idle, confirm). */
export async function waitForState(page: AnyPage, states: readonly string[], timeout = 10_000): Promise<string> {
  let last = '';
  await expect
    .poll(
      async () => {
        const s = await overlayState(page);
        last = `${s.kind}/${s.origin}`;
        return s.origin === 'local' && s.kind !== null && states.includes(s.kind);
      },
      { timeout, message: `overlay state: expected one of ${states.join('/')} decided locally` },
    )
    .toBe(true);
  return last.split('/')[0] ?? '';
}

/**
 * Waits until the overlay shows the background's answer to a complete snapshot: figures, or
 * the background's own refusal (e.g. no tier table offline), or "did not answer". Any of them
 * proves the content script read the form completely and sent it.
 */
export async function waitForAnswer(page: AnyPage, timeout = 10_000): Promise<string> {
  let kind = '';
  await expect
    .poll(
      async () => {
        const s = await overlayState(page);
        kind = s.kind ?? '';
        return s.origin === 'background' && !s.busy;
      },
      { timeout, message: 'overlay: expected the background’s answer' },
    )
    .toBe(true);
  return kind;
}

/**
 * Fills the fixture's order form the way a trader would: typing into price and size, and
 * setting the leverage and margin-mode controls as the venue's dialogs would (the fixtures
 * have no dialogs): the leverage control's text, and the margin control's text, or its
 * checked radio where the control is a radio group (Gate).
 */
export async function typePosition(page: AnyPage, venue: VenuePage, position: { price?: string; qty?: string; leverage?: string; marginMode?: 'cross' | 'isolated' }): Promise<void> {
  if (position.price !== undefined) await fillField(page, venue.price, position.price);
  if (position.qty !== undefined) await fillField(page, venue.quantity, position.qty);
  if (position.leverage !== undefined) {
    await inPage(
      page,
      ([selector, lev]) => {
        const el = document.querySelector(selector);
        if (el) el.textContent = `${lev}x`;
      },
      [venue.leverage, position.leverage] as const,
    );
  }
  if (position.marginMode !== undefined) {
    await inPage(page, (mode) => {
      const control = document.querySelector('.fx-margin');
      if (!control) throw new Error('the fixture has no .fx-margin control');
      const word = mode === 'cross' ? 'Cross' : 'Isolated';
      const radios = [...control.querySelectorAll('[role="radio"]')];
      if (radios.length === 0) control.textContent = word;
      for (const r of radios) r.setAttribute('aria-checked', String(r.textContent?.trim() === word));
    }, position.marginMode);
  }
}

export interface Figure {
  text: string;
  value: string | null;
}

export interface OverlayFigures {
  state: string | null;
  symbol: string | null;
  sides: { side: string; figures: Record<string, Figure> }[];
  reasons: string[];
  message: string | null;
  verdict: Figure | null;
}

/**
 * Opens the card's Details (what a liquidation costs, the margin at risk, the negative-balance
 * answer, the assumptions) with a trusted click, when the card shows figures and they are closed.
 * They stay open for the page's later reads. True when they are open.
 */
export async function openOverlayDetails(page: AnyPage): Promise<boolean> {
  const expanded = await overlayAttribute(page, '[data-liqguard-action="details"]', 'aria-expanded');
  if (expanded === null) return false;
  if (expanded === 'true') return true;
  await clickInOverlay(page, '[data-liqguard-action="details"]');
  // A plain wait rather than expect.poll: the Firefox suite's beforeAll opens Details too, outside any test.
  for (const deadline = Date.now() + 5_000; ; ) {
    if ((await overlayAttribute(page, '[data-liqguard-action="details"]', 'aria-expanded')) === 'true') return true;
    if (Date.now() > deadline) throw new Error('the card\'s Details did not open within 5 s of a trusted click');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Everything the overlay shows, by hook: per side when two sides are shown. A side's figures are
 * its row's (severity, liquidation price, distance) and, with Details open, its money figures
 * (`loss-if-liquidated`, `loss-at-liquidation`, `margin-at-risk`, `touch-probability`): pass
 * `details: true` to open them first.
 */
export async function readOverlayFigures(page: AnyPage, options: { details?: boolean } = {}): Promise<OverlayFigures> {
  if (options.details) await openOverlayDetails(page);
  return inOverlay(page, (root) => {
    const text = (el: Element | null | undefined) => el?.textContent?.trim() ?? null;
    const figure = (el: Element): { text: string; value: string | null } => ({ text: (el.textContent ?? '').trim(), value: el.getAttribute('data-value') });
    const sides = [...(root?.querySelectorAll('[data-liqguard-side]') ?? [])].map((s) => {
      const side = s.getAttribute('data-liqguard-side') ?? '';
      const figures: Record<string, { text: string; value: string | null }> = {};
      const details = root?.querySelector(`[data-liqguard-side-details="${side}"]`);
      for (const f of [...s.querySelectorAll('[data-liqguard]'), ...(details?.querySelectorAll('[data-liqguard]') ?? [])]) figures[f.getAttribute('data-liqguard') ?? ''] = figure(f);
      return { side, figures };
    });
    const verdict = root?.querySelector('[data-liqguard="nbp-verdict"]');
    return {
      state: text(root?.querySelector('[data-liqguard="state"]')),
      symbol: text(root?.querySelector('[data-liqguard="symbol"]')),
      sides,
      reasons: [...(root?.querySelectorAll('[data-liqguard="unreadable-reason"]') ?? [])].map((r) => (r.textContent ?? '').trim()),
      message: text(root?.querySelector('[data-liqguard="message"]')),
      verdict: verdict ? figure(verdict) : null,
    };
  });
}

/**
 * Records every message content scripts send to the background, from inside the service
 * worker (extra listeners that never answer, so they change nothing): one-off messages and the
 * posts on the pages' long-lived ports (`{ id, message }`, src/shared/port-protocol.ts) opened after
 * this call. Returns a reader.
 */
export async function recordMessages(context: BrowserContext): Promise<() => Promise<{ type: string; seq?: number; reason?: string; snapshot?: Record<string, unknown> }[]>> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await worker.evaluate(() => {
    type Port = { onMessage: { addListener(f: (m: unknown) => void): void } };
    const g = globalThis as unknown as {
      __liqguardSeen?: unknown[];
      chrome: { runtime: { onMessage: { addListener(f: (m: unknown) => undefined): void }; onConnect: { addListener(f: (port: Port) => void): void } } };
    };
    if (g.__liqguardSeen) return;
    g.__liqguardSeen = [];
    g.chrome.runtime.onMessage.addListener((m) => {
      g.__liqguardSeen?.push(m);
      return undefined;
    });
    g.chrome.runtime.onConnect.addListener((port) =>
      port.onMessage.addListener((post) => {
        if (typeof post === 'object' && post !== null && 'message' in post) g.__liqguardSeen?.push((post as { message: unknown }).message);
      }),
    );
  });
  return () => worker.evaluate(() => ((globalThis as unknown as { __liqguardSeen: unknown[] }).__liqguardSeen ?? []) as never);
}
