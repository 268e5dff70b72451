import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionSession } from '../harness/chromium';
import { loadIntoOverlayWorld } from '../harness/overlay-root';
import { runAxe } from '../popup/page-checks';
import { STUBBED_MARKET_HOSTS, stubMarketData } from '../shared/market-stubs';
import { clickInOverlay, inOverlay, overlayBox, VENUE_HOSTS, VENUE_PAGES, waitForAnswer, waitForState, type Box } from './helpers';

/**
 * What the trader sees at 1280×720: a compact card (at most 260 px tall on every venue's fixture), placed
 * clear of the order book, the chart's price axis and the order form with its buttons on a page laid out
 * like the venues' (chart | order book | form), and no serious accessibility fault inside its closed
 * shadow root or on the diagnostics page. One browser for the file.
 */

let session: ExtensionSession;

beforeAll(async () => {
  session = await launchWithExtension({ hosts: [...VENUE_HOSTS, ...STUBBED_MARKET_HOSTS] });
  stubMarketData(session.server);
});
afterAll(async () => {
  await session?.close();
});

const MAX_HEIGHT = 260;

async function venuePage(): Promise<Page> {
  const page = await session.context.newPage();
  await page.setViewportSize({ width: 1280, height: 720 });
  return page;
}

function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

async function pageBox(page: Page, selector: string): Promise<Box> {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`no ${selector} on the page`);
  return box;
}

describe('a compact card', () => {
  it(`is at most ${MAX_HEIGHT} px tall on every venue's fixture at 1280×720`, async () => {
    const page = await venuePage();
    const heights: Record<string, number> = {};
    for (const v of VENUE_PAGES) {
      await page.goto(session.venueUrl(v.host, v.path, `${v.id}/limit-cross.html`));
      const kind = await waitForAnswer(page, 15_000);
      const box = await overlayBox(page);
      expect(box, `${v.id}: no overlay (${kind})`).not.toBeNull();
      heights[`${v.id} (${kind})`] = Math.round(box?.height ?? Infinity);
    }
    console.log(`[overlay heights at 1280×720] ${Object.entries(heights).map(([k, h]) => `${k} ${h} px`).join(', ')}`);
    for (const [venue, h] of Object.entries(heights)) expect(h, venue).toBeLessThanOrEqual(MAX_HEIGHT);
    await page.close();
  });
});

describe('placement on a chart | order book | form page', () => {
  it('covers neither the order book, the price axis, nor the form and its order buttons', async () => {
    const page = await venuePage();
    await page.goto(session.venueUrl('www.binance.com', '/en/futures/BTCUSDT', 'layout/chart-book-form.html'));
    await waitForAnswer(page, 15_000);
    const panel = await overlayBox(page);
    expect(panel).not.toBeNull();
    if (!panel) return;
    expect(panel.height).toBeLessThanOrEqual(MAX_HEIGHT);
    for (const [what, selector] of [
      ['order book', '#futuresOrderbook'],
      ['chart price axis', '#tv_chart_container .fx-axis'],
      ['order form', '.fx-order-panel'],
      ['Buy/Long button', '.fx-buy'],
      ['Sell/Short button', '.fx-sell'],
    ] as const) {
      expect(intersects(panel, await pageBox(page, selector)), `the overlay covers the ${what}`).toBe(false);
    }
    expect(panel.x >= 0 && panel.y >= 0 && panel.x + panel.width <= 1280 && panel.y + panel.height <= 720).toBe(true);
    await page.close();
  });
});

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  nodes: string[];
}

/**
 * axe-core inside the overlay's closed shadow root: axe runs in the harness's own world, where the host
 * is given a `shadowRoot` property (an expando on that world's wrapper: the page and the content script
 * never see it), so axe walks the closed tree as it would an open one.
 */
async function axeOnOverlay(page: Page): Promise<{ violations: Violation[]; passes: number }> {
  await loadIntoOverlayWorld(page, AXE_SOURCE);
  return inOverlay(page, async (root) => {
    const host = document.querySelector('liqguard-overlay');
    if (!root || !host) throw new Error('no overlay');
    Object.defineProperty(host, 'shadowRoot', { configurable: true, get: () => root });
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: object) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[]; passes: unknown[] }> } }).axe;
    const r = await axe.run({ include: [{ fromShadowDom: ['liqguard-overlay', '.lg-frame'] }] }, { resultTypes: ['violations', 'passes'] });
    return { violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) })), passes: r.passes.length };
  });
}

const serious = (vs: Violation[]) => vs.filter((v) => v.impact === 'serious' || v.impact === 'critical');

describe('accessibility (axe-core)', () => {
  it('the overlay has no serious or critical violation and no skipped heading level: card, details, dark page, collapsed pill, no-figure state', async () => {
    const page = await venuePage();
    const report: string[] = [];
    const check = async (label: string) => {
      const r = await axeOnOverlay(page);
      // A run that applied no rule would prove nothing.
      expect(r.passes, `${label}: axe applied no rule inside the shadow root`).toBeGreaterThan(5);
      report.push(`${label}: ${r.passes} rules passed, ${r.violations.length} violations (${r.violations.map((v) => `${v.id}/${v.impact}`).join(', ') || 'none'})`);
      expect(serious(r.violations), label).toEqual([]);
      // Details' headings follow the page's own (h2 sections, h3 sides): no skipped level.
      expect(r.violations.filter((v) => v.id === 'heading-order'), label).toEqual([]);
    };
    await page.goto(session.venueUrl('www.binance.com', '/en/futures/BTCUSDT', 'binance-usdm/limit-cross.html'));
    await waitForAnswer(page, 15_000);
    await check('binance card');
    await clickInOverlay(page, '[data-liqguard-action="details"]');
    await check('binance details');
    await clickInOverlay(page, '[data-liqguard-action="toggle"]');
    await check('collapsed pill');
    await clickInOverlay(page, '[data-liqguard-action="toggle"]');
    await page.goto(session.venueUrl('www.okx.com', '/trade-swap/btc-usdt-swap', 'okx/dark.html'));
    await waitForAnswer(page, 15_000);
    await check('okx dark');
    await page.goto(session.venueUrl('www.bybit.com', '/trade/usdt/BTCUSDT', 'bybit/broken-no-margin.html'));
    await waitForState(page, ['unreadable']);
    await check('bybit no figure');
    console.log(`[axe overlay] ${report.join('; ')}`);
    await page.close();
  });

  it('the diagnostics page has no serious or critical violation, light and dark', async () => {
    const page = await session.context.newPage();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(session.extensionUrl('src/diagnostics/index.html'));
      await page.getByTestId('diag-table').waitFor({ timeout: 10_000 });
      const violations = await runAxe(page);
      expect(serious(violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes }))), scheme).toEqual([]);
    }
    await page.close();
  });
});
