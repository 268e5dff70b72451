import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_LIMIT } from '../../../src/background/open-limit';
import { launchWithExtension, type ExtensionSession } from '../harness/chromium';
import { STUBBED_MARKET_HOSTS, stubMarketData } from '../shared/market-stubs';
import { clickInOverlay, inOverlay, openOverlayDetails, overlayAttribute, overlayBox, overlayCollapsed, readOverlayFigures, recordMessages, VENUE_HOSTS, waitForAnswer, waitForState } from './helpers';

/**
 * A hostile script on a venue's own page (an injected ad, a compromised dependency, a phishing
 * clone on a look-alike path) attacks the overlay the ways an attack review found on the open
 * shadow root: reading and rewriting the figures, hiding the panel with page styles, collapsing it
 * and pushing it off-screen with synthetic clicks and keys, confirming a guessed form, and opening
 * extension tabs in a loop. Each attack runs in the page's own main world (page.evaluate and
 * addInitScript are exactly a page script's powers). The overlay's defences: a closed shadow root,
 * styles the page cannot override, handlers that act only on trusted input, and a per-tab limit
 * on opening pages.
 */

let session: ExtensionSession;
let seen: Awaited<ReturnType<typeof recordMessages>>;

beforeAll(async () => {
  session = await launchWithExtension({ hosts: [...VENUE_HOSTS, ...STUBBED_MARKET_HOSTS] });
  stubMarketData(session.server);
  seen = await recordMessages(session.context);
});
afterAll(async () => {
  await session?.close();
});

const BINANCE = () => session.venueUrl('www.binance.com', '/en/futures/BTCUSDT', 'binance-usdm/limit-cross.html');

async function assessedPage(init?: () => void): Promise<Page> {
  const page = await session.context.newPage();
  await page.setViewportSize({ width: 1280, height: 720 });
  if (init) await page.addInitScript(init);
  await page.goto(BINANCE());
  await expect.poll(async () => (await waitForAnswer(page)) === 'assessed' && (await readOverlayFigures(page)).sides.length > 0, { timeout: 15_000 }).toBe(true);
  return page;
}

/** The extension's storage.local, read from one of its own pages. */
async function extensionLocal(): Promise<Record<string, unknown>> {
  const page = await session.context.newPage();
  await page.goto(session.extensionUrl('src/options/index.html'));
  const all = await page.evaluate(() => (globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<Record<string, unknown>> } } } }).chrome.storage.local.get(null));
  await page.close();
  return all;
}

const liquidationTexts = async (page: Page) => (await readOverlayFigures(page)).sides.map((s) => s.figures['liquidation-price']?.text ?? '');

describe('the page cannot read or rewrite the figures', () => {
  it('finds no shadow root, even with attachShadow hooked before LiqGuard loads, and its rewrite changes nothing', async () => {
    const page = await assessedPage(() => {
      // The page's first script: keep every shadow root anyone attaches.
      const w = window as unknown as { __roots: ShadowRoot[] };
      w.__roots = [];
      const attach = Element.prototype.attachShadow;
      Element.prototype.attachShadow = function (init: ShadowRootInit) {
        const root = attach.call(this, init);
        w.__roots.push(root);
        return root;
      };
    });
    const before = await readOverlayFigures(page);
    const attack = await page.evaluate(() => {
      const host = document.querySelector('liqguard-overlay');
      const root = host?.shadowRoot ?? (window as unknown as { __roots: ShadowRoot[] }).__roots[0] ?? null;
      // The review's rewrite: both liquidation prices to 1.0 and the distance to 98.5 %.
      for (const el of root?.querySelectorAll('[data-liqguard="liquidation-price"]') ?? []) el.textContent = '1.0';
      for (const el of root?.querySelectorAll('[data-liqguard="distance-percent"]') ?? []) el.textContent = '98.5 %';
      return { host: host !== null, root: root !== null, lightText: host?.textContent ?? '', lightChildren: host?.children.length ?? -1 };
    });
    expect(attack).toEqual({ host: true, root: false, lightText: '', lightChildren: 0 });
    const after = await readOverlayFigures(page);
    expect(after.sides).toEqual(before.sides);
    expect(await liquidationTexts(page)).not.toContain('1.0');
    // The next keystroke shows the engine's figure, not a spoof.
    await page.fill('#unitAmount-1', '0.5');
    await expect.poll(async () => (await readOverlayFigures(page)).sides.map((s) => s.figures['liquidation-price']?.value)).not.toEqual(before.sides.map((s) => s.figures['liquidation-price']?.value));
    expect(await liquidationTexts(page)).not.toContain('1.0');
    await page.close();
  });

  it('a custom element the page defines first under LiqGuard’s tag name gets no root and changes nothing', async () => {
    const page = await assessedPage(() => {
      const w = window as unknown as { __hijack: { constructed: number; root: ShadowRoot | null; error: string | null } };
      w.__hijack = { constructed: 0, root: null, error: null };
      customElements.define(
        'liqguard-overlay',
        class extends HTMLElement {
          constructor() {
            super();
            w.__hijack.constructed++;
            try {
              w.__hijack.root = this.attachShadow({ mode: 'open' });
            } catch (e) {
              w.__hijack.error = String(e);
            }
          }
        },
      );
    });
    const hijack = await page.evaluate(() => {
      const h = (window as unknown as { __hijack: { constructed: number; root: ShadowRoot | null; error: string | null } }).__hijack;
      for (const el of h.root?.querySelectorAll('[data-liqguard="liquidation-price"]') ?? []) el.textContent = '1.0';
      return { gotRoot: h.root !== null && h.root === document.querySelector('liqguard-overlay')?.shadowRoot && (h.root?.childElementCount ?? 0) > 0 };
    });
    expect(hijack.gotRoot).toBe(false);
    expect(await inOverlay(page, (root) => root?.mode ?? null)).toBe('closed');
    expect(await liquidationTexts(page)).not.toContain('1.0');
    await page.close();
  });
});

describe('the page cannot hide or move the panel with its styles', () => {
  it('page CSS and inline !important styles on the host leave the panel visible and on screen', async () => {
    const page = await assessedPage();
    await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'liqguard-overlay { display: none !important; } html > * { opacity: 0 !important; } * { visibility: hidden !important; }';
      document.head.append(style);
      document.querySelector('liqguard-overlay')?.setAttribute('style', 'display:block !important; position:fixed !important; transform:translate(-9999px,-9999px) !important; opacity:0 !important; visibility:hidden !important; clip-path: inset(50%) !important; font-size: 1px !important; color: transparent !important');
    });
    const frame = await inOverlay(page, (root) => {
      const el = root?.querySelector<HTMLElement>('[data-liqguard="overlay"]');
      if (!el) return null;
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      return { visible: el.checkVisibility({ opacityProperty: true, visibilityProperty: true }), x: r.x, y: r.y, w: r.width, h: r.height, fontSize: cs.fontSize, color: cs.color };
    });
    expect(frame).not.toBeNull();
    expect(frame?.visible).toBe(true);
    expect(frame && frame.x >= 0 && frame.y >= 0 && frame.x + frame.w <= 1280 && frame.y + frame.h <= 720).toBe(true);
    expect(frame?.fontSize).not.toBe('1px');
    expect(frame?.color).not.toBe('rgba(0, 0, 0, 0)');
    await page.close();
  });
});

describe('the page cannot drive the overlay', () => {
  /** The review's attacks, as found: through the open root (a closed root now stops them at the door). */
  const pageAttacks = (page: Page) =>
    page.evaluate(() => {
      const root = document.querySelector('liqguard-overlay')?.shadowRoot;
      if (!root) return 'no root';
      (root.querySelector('[data-liqguard-action="toggle"]') as HTMLElement | null)?.click();
      const handle = root.querySelector('[data-liqguard-action="move"]');
      for (let i = 0; i < 200; i++) handle?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
      return 'attacked';
    });

  /**
   * The same synthetic events from a script that does hold the root (the harness's own world):
   * the handlers themselves must refuse anything the trader did not do.
   */
  const syntheticFromInside = (page: Page) =>
    inOverlay(page, (root) => {
      if (!root) throw new Error('no overlay');
      const act = (sel: string) => root.querySelector<HTMLElement>(sel);
      act('[data-liqguard-action="toggle"]')?.click();
      const handle = act('[data-liqguard-action="move"]');
      for (let i = 0; i < 200; i++) handle?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true, composed: true }));
      handle?.dispatchEvent(new PointerEvent('pointerdown', { button: 0, pointerId: 7, clientX: 100, clientY: 100, bubbles: true }));
      handle?.dispatchEvent(new PointerEvent('pointermove', { pointerId: 7, clientX: -3000, clientY: -3000, bubbles: true }));
      handle?.dispatchEvent(new PointerEvent('pointerup', { pointerId: 7, clientX: -3000, clientY: -3000, bubbles: true }));
      const venue = [...root.querySelectorAll<HTMLElement>('button')].find((b) => /venue/i.test(b.textContent ?? ''));
      for (let i = 0; i < 20; i++) venue?.click();
      return venue !== undefined;
    });

  it('synthetic clicks, keys and drags neither collapse, move, nor open anything, and nothing is saved', async () => {
    const page = await assessedPage();
    const pagesBefore = session.context.pages().length;
    const box = await overlayBox(page);
    expect(await pageAttacks(page)).toBe('no root');
    // A synthetic click does not open the card's Details either.
    await inOverlay(page, (root) => root?.querySelector<HTMLElement>('[data-liqguard-action="details"]')?.click());
    await new Promise((r) => setTimeout(r, 200));
    expect(await overlayAttribute(page, '[data-liqguard-action="details"]', 'aria-expanded')).toBe('false');
    // The venue link sits in Details, behind a fold: the trader opens Details; opening the fold acts for nobody.
    expect(await openOverlayDetails(page)).toBe(true);
    const opened = await overlayBox(page);
    await inOverlay(page, (root) => root?.querySelectorAll('details').forEach((d) => (d.open = true)));
    expect(await syntheticFromInside(page)).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(await overlayCollapsed(page)).toBe('false');
    // Where the card stood (Details grow it downwards from there): not moved.
    expect(await overlayBox(page)).toEqual(opened);
    expect({ x: opened?.x, y: opened?.y }).toEqual({ x: box?.x, y: box?.y });
    expect(session.context.pages().length).toBe(pagesBefore);
    expect(Object.keys(await extensionLocal()).filter((k) => k.startsWith('overlay:ui:'))).toEqual([]);
    // The trader's own click still works.
    await clickInOverlay(page, '[data-liqguard-action="toggle"]');
    await expect.poll(() => overlayCollapsed(page)).toBe('true');
    await clickInOverlay(page, '[data-liqguard-action="toggle"]');
    await expect.poll(() => overlayCollapsed(page)).toBe('false');
    await page.close();
  });

  it('twenty real clicks on the venue link in a row open no more tabs than the per-tab limit allows', async () => {
    const page = await assessedPage();
    expect(await openOverlayDetails(page)).toBe(true);
    await inOverlay(page, (root) => root?.querySelectorAll('details').forEach((d) => (d.open = true)));
    const selector = await inOverlay(page, (root) => {
      const venue = [...(root?.querySelectorAll<HTMLElement>('button') ?? [])].find((b) => /venue/i.test(b.textContent ?? ''));
      venue?.setAttribute('data-test-venue-link', '');
      return venue ? '[data-test-venue-link]' : null;
    });
    expect(selector).not.toBeNull();
    const opened: Page[] = [];
    const onPage = (p: Page) => opened.push(p);
    session.context.on('page', onPage);
    for (let i = 0; i < 20; i++) await clickInOverlay(page, selector as string);
    await expect.poll(() => opened.length).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 500));
    session.context.off('page', onPage);
    // Clicks at least 2 s apart may each open one, up to the burst per minute; the review saw 20.
    expect(opened.length).toBeLessThanOrEqual(OPEN_LIMIT.burst);
    for (const p of session.context.pages()) if (p.url().startsWith('chrome-extension://')) await p.close();
    await page.close();
  });

  it('a synthetic click cannot confirm a guessed form', async () => {
    const page = await session.context.newPage();
    const sentBefore = (await seen()).filter((m) => m.type === 'form/snapshot').length;
    await page.goto(session.venueUrl('www.binance.com', '/en/futures/v2/BTCUSDT', 'generic/two-forms.html'));
    await waitForState(page, ['confirm']);
    // The attack as found: the page clicks LiqGuard's own "Yes, use them".
    const reached = await page.evaluate(() => {
      const confirm = document.querySelector('liqguard-overlay')?.shadowRoot?.querySelector<HTMLElement>('[data-liqguard-action="confirm"]');
      confirm?.click();
      return confirm !== null && confirm !== undefined;
    });
    expect(reached).toBe(false);
    // And from a script holding the root: the handler refuses a click the trader did not make.
    await inOverlay(page, (root) => root?.querySelector<HTMLElement>('[data-liqguard-action="confirm"]')?.click());
    await new Promise((r) => setTimeout(r, 300));
    expect((await readOverlayFigures(page)).state).toBe('confirm');
    expect((await seen()).filter((m) => m.type === 'form/snapshot').length).toBe(sentBefore);
    expect(Object.keys(await extensionLocal()).filter((k) => k.startsWith('picker:'))).toEqual([]);
    await page.close();
  });
});
