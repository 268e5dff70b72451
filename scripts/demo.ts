/**
 * `npm run demo`: LiqGuard at work without a venue account. The built extension is loaded into
 * Chromium on the project's venue fixture pages, served under the venues' real hostnames (every
 * hostname resolves to a local server, so nothing leaves the machine) with the market data the
 * tests use (recorded venue answers).
 *
 * - With a display: a Chromium window opens on three venue pages with a sample order typed in;
 *   type in the order forms and watch the overlay; LiqGuard's toolbar button opens the popup. It
 *   runs until the window is closed (or Ctrl+C).
 * - Without one (a server, CI), or with `--headless`: the same three orders are typed headless,
 *   the overlay's figures are printed as a table, and screenshots are written to the folder named
 *   at the end (`demo-screenshots/`, or `--out <dir>`).
 * It builds dist/chrome first (`--no-build` uses the build that is there).
 *
 * The figures are read from what the background answered the overlay (the tab's record), which
 * is exactly what the overlay renders; the screenshots show it rendered.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { signedMove } from '../src/ui/distance';
import { percent, price } from '../src/ui/format';
import type { OverlayState } from '../src/shared/overlay-state';
import { missingBrowserMessage } from '../test/e2e/harness/browsers';
import { launchWithExtension, type ExtensionSession } from '../test/e2e/harness/chromium';
import { REPO_ROOT } from '../test/e2e/harness/paths';
import { extensionReader, type TabRecordView } from '../test/e2e/shared/background';
import { STUBBED_MARKET_HOSTS, stubMarketData } from '../test/e2e/shared/market-stubs';

interface DemoVenue {
  name: string;
  host: string;
  path: string;
  fixture: string;
  price: string;
  size: string;
  order: { price: string; size: string };
}

/** Three venues with different mechanics: Binance's bundled tiers, Bybit's live tiers, Hyperliquid's margin table. */
const VENUES: readonly DemoVenue[] = [
  { name: 'Binance USDⓈ-M', host: 'www.binance.com', path: '/en/futures/BTCUSDT', fixture: 'binance-usdm/limit-cross.html', price: '#limitPrice-1', size: '#unitAmount-1', order: { price: '64123.4', size: '0.3' } },
  { name: 'Bybit', host: 'www.bybit.com', path: '/trade/usdt/BTCUSDT', fixture: 'bybit/limit-cross.html', price: '#fx-price', size: '#fx-qty', order: { price: '64123.4', size: '0.3' } },
  { name: 'Hyperliquid', host: 'app.hyperliquid.xyz', path: '/trade/BTC', fixture: 'hyperliquid/limit-cross.html', price: '#fx-price', size: '#fx-size', order: { price: '64123.4', size: '0.3' } },
];

const args = process.argv.slice(2);
const outArg = args.indexOf('--out');
const OUT = path.resolve(REPO_ROOT, outArg >= 0 && args[outArg + 1] ? (args[outArg + 1] as string) : 'demo-screenshots');
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const headless = args.includes('--headless') || (!args.includes('--headed') && !hasDisplay);

function fail(line: string): never {
  console.error(line);
  process.exit(1);
}

/** Types like a person: clear the field, then one key at a time (slowly when someone is watching). */
async function typeOrder(page: Page, v: DemoVenue): Promise<void> {
  const delay = headless ? 0 : 120;
  for (const [selector, value] of [[v.price, v.order.price], [v.size, v.order.size]] as const) {
    await page.waitForSelector(selector, { timeout: 15_000 });
    await page.fill(selector, '');
    await page.type(selector, value, { delay });
  }
}

/** The background's answer to the order just typed (the overlay shows the same state). */
async function answerFor(reader: Awaited<ReturnType<typeof extensionReader>>, v: DemoVenue): Promise<TabRecordView> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const rec = await reader.tabRecordFor(`${v.host}${v.path}`);
    const q = rec?.result?.snapshot.quantity;
    const typed = q?.ok === true && (q.value as { value?: string }).value === v.order.size;
    if (rec?.result && typed && !rec.pending) return rec;
    if (Date.now() > deadline) throw new Error(`no answer from LiqGuard for the ${v.name} order within 20 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const LOCALE = 'en-US';

function rows(v: DemoVenue, state: OverlayState): string[][] {
  if (state.kind !== 'assessed') {
    const why = state.kind === 'unreadable' ? state.reasons.map((r) => r.message).join(' ') : 'message' in state ? state.message : state.kind;
    return [[v.name, '—', 'no figure', '—', state.kind, why]];
  }
  const headline = state.policy ? state.policy.headline : 'no policy answer';
  const answer = headline.length > 100 ? `${headline.slice(0, 99)}…` : headline;
  return state.sides.map((s) => [
    v.name,
    s.side,
    s.liquidationPrice === null ? 'none' : price(s.liquidationPrice, LOCALE, s.raw?.tick),
    s.distancePercent === null ? '—' : `${percent(signedMove(s.side, s.distancePercent), LOCALE, { signed: true })}${s.distanceFrom === 'fill' ? ' from your price' : ''}`,
    s.severity,
    answer,
  ]);
}

function printTable(header: string[], body: string[][]): void {
  const width = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(width[i] ?? 0))).join('  ');
  console.log(line(header));
  console.log(width.map((w, i) => '─'.repeat(i === width.length - 1 ? Math.min(w, 60) : w)).join('  '));
  for (const r of body) console.log(line(r));
}

/** Builds dist/chrome from the source as it is, quietly; its output is shown only when it fails. */
function build(): void {
  process.stdout.write('Building the extension (dist/chrome)… ');
  const started = Date.now();
  const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (r.status !== 0) fail(`\nThe build failed:\n${r.stdout}${r.stderr}`);
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}

async function main(): Promise<void> {
  const missing = missingBrowserMessage('chromium');
  if (missing) fail(missing);
  if (!args.includes('--no-build')) build();
  let session: ExtensionSession;
  try {
    session = await launchWithExtension({ hosts: [...VENUES.map((v) => v.host), ...STUBBED_MARKET_HOSTS], headless });
  } catch (error) {
    const why = String((error as Error)?.message ?? error);
    if (/openssl/i.test(why)) fail('openssl not found (the demo’s local server needs a throwaway certificate): install it with `sudo apt-get install openssl`.');
    fail(`Could not start Chromium with LiqGuard: ${why.split('\n')[0]}`);
  }
  const stop = async () => {
    await session.close();
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(0)));
  stubMarketData(session.server);
  const reader = await extensionReader(session);

  console.log(`LiqGuard demo: Chromium ${headless ? 'headless' : 'with a window'}, venue pages served locally under their real hostnames, recorded market data.\n`);
  const body: string[][] = [];
  const shots: string[] = [];
  if (headless) mkdirSync(OUT, { recursive: true });
  for (const v of VENUES) {
    const page = await session.context.newPage();
    if (headless) await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(session.venueUrl(v.host, v.path, v.fixture));
    await typeOrder(page, v);
    const rec = await answerFor(reader, v);
    body.push(...rows(v, rec.result?.state ?? { kind: 'error', message: 'no answer' }));
    if (headless) {
      const file = path.join(OUT, `${v.fixture.split('/')[0]}.png`);
      // The overlay renders the answer in the frame after it arrives.
      await page.waitForTimeout(300);
      await page.screenshot({ path: file });
      shots.push(file);
      await page.close();
    }
  }
  const typed = VENUES.map((v) => `${v.name}: limit ${v.order.price}, size ${v.order.size} BTC`).join('; ');
  console.log(`Orders typed (the pages' own leverage and margin mode): ${typed}.\n`);
  printTable(['venue', 'side', 'liquidation price', 'distance', 'severity', 'can it cost more than the margin?'], body);

  if (headless) {
    console.log(`\nScreenshots of the overlay on each page: ${path.relative(process.cwd(), OUT) || OUT}/ (${shots.map((s) => path.basename(s)).join(', ')})`);
    await stop();
    return;
  }
  console.log('\nThe window stays open: type in the order forms and watch the overlay; LiqGuard’s toolbar button (the puzzle piece, then LiqGuard) opens the popup. Close the window or press Ctrl+C to end.');
  await new Promise<void>((resolve) => session.context.once('close', () => resolve()));
  await stop();
}

main().catch((error: unknown) => fail(`npm run demo failed: ${String((error as Error)?.message ?? error)}`));
