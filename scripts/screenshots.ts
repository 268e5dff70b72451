/**
 * `npm run screenshots`: renders what a trader sees from the fixture pages, with the built extension in
 * Debian's headless Chromium and the venues' market data stubbed from recorded answers (no request leaves
 * the machine), into docs/screenshots/:
 *
 *   overlay-<venue>.png          the overlay on three venues' order forms at 1280×720 (the page around it)
 *   overlay-details.png          the same card with Details open
 *   overlay-layout.png           a chart | order book | form page: where the panel goes
 *   overlay-no-figure.png        a fail-closed form and the actions that fix it
 *   popup-<tab>.png              the popup's four tabs at 400×600
 *   popup-stress-chart.png       the stress tab's loss chart
 *   options.png, diagnostics.png
 *
 * Builds the current tree into a temporary directory first (dist/chrome belongs to the E2E tests), or uses
 * LIQGUARD_SHOTS_DIST=/abs/dist/chrome. SHOTS_OUT changes the output folder.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { clickInOverlay, overlayState, typePosition, VENUE_HOSTS, VENUE_PAGES } from '../test/e2e/content/helpers';
import { missingBrowserMessage } from '../test/e2e/harness/browsers';
import { launchWithExtension, type ExtensionSession } from '../test/e2e/harness/chromium';
import { REPO_ROOT } from '../test/e2e/harness/paths';
import { STUBBED_MARKET_HOSTS, stubMarketData } from '../test/e2e/shared/market-stubs';

const OUT = path.resolve(process.env.SHOTS_OUT ?? path.join(REPO_ROOT, 'docs/screenshots'));
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function build(): { dist: string; cleanup: () => void } {
  const given = process.env.LIQGUARD_SHOTS_DIST;
  if (given) return { dist: path.resolve(given), cleanup: () => undefined };
  const dir = mkdtempSync(path.join(tmpdir(), 'liqguard-shots-'));
  const dist = path.join(dir, 'chrome');
  execFileSync(path.join(REPO_ROOT, 'node_modules/.bin/vite'), ['build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'error'], { cwd: REPO_ROOT, stdio: 'inherit' });
  return { dist, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const venue = (id: string) => {
  const v = VENUE_PAGES.find((p) => p.id === id);
  if (!v) throw new Error(`no fixture venue ${id}`);
  return v;
};

/** The background's answer is on screen (a plain loop: this runs under tsx, outside vitest). */
async function settle(page: Page, local = false): Promise<void> {
  for (const deadline = Date.now() + 15_000; ; await sleep(50)) {
    const s = await overlayState(page);
    if ((local ? s.origin === 'local' && s.kind === 'unreadable' : s.origin === 'background') && !s.busy) break;
    if (Date.now() > deadline) throw new Error(`no answer on ${page.url()}`);
  }
  // Fonts and the last frame.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await sleep(150);
}

async function overlayShots(session: ExtensionSession, page: Page): Promise<void> {
  const shots: { id: string; fixture: string; position?: Parameters<typeof typePosition>[2] }[] = [
    { id: 'binance-usdm', fixture: 'limit-cross.html', position: { leverage: '50', marginMode: 'isolated', qty: '1.5' } },
    { id: 'bybit', fixture: 'limit-cross.html' },
    { id: 'okx', fixture: 'dark.html' },
  ];
  for (const s of shots) {
    const v = venue(s.id);
    await page.goto(session.venueUrl(v.host, v.path, `${s.id}/${s.fixture}`));
    await settle(page);
    if (s.position) {
      await typePosition(page, v, s.position);
      await sleep(300);
      await settle(page);
    }
    await page.screenshot({ path: path.join(OUT, `overlay-${s.id}.png`) });
    if (s.id === 'binance-usdm') {
      await clickInOverlay(page, '[data-liqguard-action="details"]');
      await sleep(200);
      await page.screenshot({ path: path.join(OUT, 'overlay-details.png') });
      await clickInOverlay(page, '[data-liqguard-action="details"]');
    }
  }
  const bybit = venue('bybit');
  await page.goto(session.venueUrl(bybit.host, bybit.path, 'bybit/broken-no-margin.html'));
  await settle(page, true);
  await page.screenshot({ path: path.join(OUT, 'overlay-no-figure.png') });
  const binance = venue('binance-usdm');
  await page.goto(session.venueUrl(binance.host, binance.path, 'layout/chart-book-form.html'));
  await settle(page);
  await page.screenshot({ path: path.join(OUT, 'overlay-layout.png') });
}

/**
 * The popup as the trader opens it over `venue` (a venue page with an answer): "This tab" reads the
 * active tab, so the venue page is brought to the front before the popup loads; the calculator is
 * opened as the overlay's "Open in the calculator" opens it, prefilled with that page's order.
 */
async function popupShots(session: ExtensionSession, venue: Page): Promise<void> {
  const popup = await session.openPopup({ width: 400, height: 600 });
  const tabId = await popup.evaluate(async (url) => {
    const api = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } }).chrome;
    return (await api.tabs.query({})).find((t) => t.url === url)?.id ?? null;
  }, venue.url());
  await venue.bringToFront();
  await popup.reload();
  await popup.getByTestId('popup-ready').waitFor({ timeout: 10_000 }).catch(() => undefined);
  await sleep(600);
  await popup.screenshot({ path: path.join(OUT, 'popup-this-tab.png') });
  if (tabId !== null) await popup.goto(session.extensionUrl(`src/popup/index.html#calculator=tab-${tabId}`));
  else await popup.getByRole('tab', { name: 'Calculator' }).click();
  await sleep(1000);
  // Without the page's order (no tab found), a sample size, so the figures show.
  const qty = popup.getByLabel('Quantity', { exact: true });
  if ((await qty.count()) > 0 && (await qty.first().inputValue()) === '') await qty.first().fill('0.25');
  await sleep(800);
  for (const tab of ['Calculator', 'Stress', 'Venues']) {
    const t = popup.getByRole('tab', { name: tab });
    if ((await t.count()) === 0) continue;
    await t.click();
    await sleep(400);
    await popup.screenshot({ path: path.join(OUT, `popup-${tab.toLowerCase().replace(/\s+/g, '-')}.png`) });
    if (tab === 'Stress' && (await popup.getByTestId('loss-chart').count()) > 0) {
      await popup.getByTestId('loss-chart').scrollIntoViewIfNeeded();
      await sleep(200);
      await popup.screenshot({ path: path.join(OUT, 'popup-stress-chart.png') });
    }
  }
  await popup.close();
  const options = await session.context.newPage();
  await options.setViewportSize({ width: 900, height: 900 });
  await options.goto(session.extensionUrl('src/options/index.html'));
  await sleep(500);
  await options.screenshot({ path: path.join(OUT, 'options.png'), fullPage: true });
  await options.goto(session.extensionUrl('src/diagnostics/index.html'));
  await sleep(800);
  await options.screenshot({ path: path.join(OUT, 'diagnostics.png'), fullPage: true });
  await options.close();
}

async function main(): Promise<void> {
  const missing = missingBrowserMessage('chromium');
  if (missing) {
    console.error(missing);
    process.exit(1);
  }
  mkdirSync(OUT, { recursive: true });
  const { dist, cleanup } = build();
  const session = await launchWithExtension({ dist, hosts: [...VENUE_HOSTS, ...STUBBED_MARKET_HOSTS] });
  try {
    stubMarketData(session.server);
    // tsx wraps named inner functions in `__name`; the pages and the harness's world have no such helper.
    await session.context.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
    const page = await session.context.newPage();
    await page.setViewportSize({ width: 1280, height: 720 });
    await overlayShots(session, page);
    await popupShots(session, page);
    console.log(`screenshots written to ${path.relative(REPO_ROOT, OUT) || OUT}`);
  } finally {
    await session.close();
    cleanup();
  }
}

await main();
