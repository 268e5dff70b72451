import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ExtensionSession } from '../harness/chromium';
import { REPO_ROOT } from '../harness/paths';
import type { FixtureServer } from '../harness/server';
import type { TabState } from '../../../src/shared/overlay-state';
import type { FormSnapshot } from '../../../src/shared/form-snapshot';

/** What the background keeps per tab in storage.session (src/background/tab-store.ts). */
export interface TabRecordView {
  tabId: number;
  arrival: number;
  pending: { seq: number; snapshot: FormSnapshot } | null;
  result: TabState | null;
}

/**
 * Shared by the background's browser tests and the e2e benchmark (bench/e2e): reading the
 * background's storage.session from an extension page, stubbing venue market data on the fixture
 * server, running the CLI, and measuring how long a stopped service worker takes to answer.
 */

/** The overlay's liquidation-price figures (data-value, exact decimal strings), one per side. */
export async function overlayLiquidationValues(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.querySelector('liqguard-overlay')?.shadowRoot;
    return [...(root?.querySelectorAll('[data-liqguard-side] [data-liqguard="liquidation-price"]') ?? [])].map((e) => e.getAttribute('data-value') ?? '');
  });
}

/**
 * An extension page kept open to read the background's storage.session (extension pages may
 * read it; content scripts may not). Reading storage does not wake the service worker.
 */
export async function extensionReader(session: ExtensionSession) {
  const page = await session.context.newPage();
  await page.goto(session.extensionUrl('src/options/index.html'));
  return {
    page,
    async session(key: string | null = null): Promise<Record<string, unknown>> {
      return page.evaluate(async (k) => {
        const g = globalThis as unknown as { chrome: { storage: { session: { get(k: string | null): Promise<Record<string, unknown>> } } } };
        return g.chrome.storage.session.get(k);
      }, key);
    },
    async get<T>(key: string): Promise<T | undefined> {
      const all = await this.session(key);
      return all[key] as T | undefined;
    },
    /** The background's most recently updated tab record whose snapshot URL contains `fragment`. */
    async tabRecordFor(fragment: string): Promise<TabRecordView | undefined> {
      const all = await this.session(null);
      const records = Object.entries(all)
        .filter(([k]) => k.startsWith('tab/'))
        .map(([, v]) => v as TabRecordView)
        .filter((r) => (r.result?.snapshot.url ?? r.pending?.snapshot.url ?? '').includes(fragment));
      return records.sort((a, b) => (b.result?.updatedAt ?? 0) - (a.result?.updatedAt ?? 0))[0];
    },
  };
}

const MARKET_FIXTURES = path.join(REPO_ROOT, 'src/core/market/fixtures');

/**
 * Answers the venues' public market-data endpoints from the recorded fixtures in
 * src/core/market/fixtures: Binance USDⓈ-M BTCUSDT exchange info (tick 0.10), and the premium
 * index with its mark price set to `mark` (the fixture pages show 65,010.3). Every other API
 * request falls through to the fixture server's 404, as if the venue were down.
 */
export function stubBinanceMarketData(server: FixtureServer, mark = '65010.3'): void {
  const exchangeInfo = readFileSync(path.join(MARKET_FIXTURES, 'binance-exchange-info-BTCUSDT.json'));
  const premium = JSON.parse(readFileSync(path.join(MARKET_FIXTURES, 'binance-premium-index-BTCUSDT.json'), 'utf8')) as Record<string, unknown>;
  premium.markPrice = mark;
  premium.time = Date.now();
  server.routes.push(({ host, url }) => {
    if (host !== 'fapi.binance.com') return undefined;
    const json = { 'content-type': 'application/json' };
    if (url.pathname === '/fapi/v1/exchangeInfo') return { headers: json, body: exchangeInfo };
    if (url.pathname === '/fapi/v1/premiumIndex' && url.searchParams.get('symbol') === 'BTCUSDT') return { headers: json, body: JSON.stringify(premium) };
    return undefined;
  });
}

/** One answer of `npm run --silent calc -- '<json>'` (the project's CLI), parsed. */
export function cli(line: Record<string, unknown>): Record<string, unknown> {
  const out = execFileSync('npm', ['run', '--silent', 'calc', '--', JSON.stringify(line)], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const last = out.trim().split('\n').filter((l) => l.startsWith('{')).pop();
  if (!last) throw new Error(`calc printed no JSON: ${out}`);
  return JSON.parse(last) as Record<string, unknown>;
}

export interface WakeMeasurement {
  /** CDP Target.closeTarget until the worker's target is gone. */
  stopMs: number;
  /** In the page: the input event → the overlay's liquidation price changed (wake, module load, market data, engine, render). */
  inputToOverlayMs: number;
  /** As a test sees it: page.fill() starts → the changed figure is readable through Playwright. */
  fillToVisibleMs: number;
}

/**
 * Stops the service worker the way Chrome does when it idles out, then types `value` into
 * `selector` and times how long the overlay takes to show a new liquidation price. The page
 * must already show an assessment, and the new value must change the figure. With
 * `stop: false` it measures the same with the worker running (the warm baseline; stopMs is 0).
 */
export async function measureWakeUpLatency(session: ExtensionSession, page: Page, selector: string, value: string, options: { stop?: boolean; timeoutMs?: number } = {}): Promise<WakeMeasurement> {
  const { stop = true, timeoutMs = 10_000 } = options;
  const before = (await overlayLiquidationValues(page)).join('|');
  await page.evaluate((prev) => {
    const g = window as unknown as { __lgWake: { t0: number | null; t1: number | null } };
    g.__lgWake = { t0: null, t1: null };
    const values = () => [...(document.querySelector('liqguard-overlay')?.shadowRoot?.querySelectorAll('[data-liqguard-side] [data-liqguard="liquidation-price"]') ?? [])].map((e) => e.getAttribute('data-value') ?? '').join('|');
    document.addEventListener('input', () => void (g.__lgWake.t0 ??= performance.now()), { capture: true, once: true });
    const tick = () => {
      if (g.__lgWake.t0 !== null && values() !== prev) {
        g.__lgWake.t1 = performance.now();
        return;
      }
      setTimeout(tick, 1);
    };
    tick();
  }, before);
  const s0 = performance.now();
  if (stop) await session.stopServiceWorker();
  const stopMs = stop ? performance.now() - s0 : 0;
  const f0 = performance.now();
  await page.fill(selector, value);
  await expect.poll(async () => (await overlayLiquidationValues(page)).join('|'), { timeout: timeoutMs, interval: 5 }).not.toBe(before);
  const fillToVisibleMs = performance.now() - f0;
  const inPage = await page.evaluate(() => (window as unknown as { __lgWake: { t0: number | null; t1: number | null } }).__lgWake);
  if (inPage.t0 === null || inPage.t1 === null) throw new Error('the in-page timer saw no input or no change');
  return { stopMs, inputToOverlayMs: inPage.t1 - inPage.t0, fillToVisibleMs };
}

/** Median, min and max of a list of milliseconds, rounded to 0.1 ms. */
export function summarize(ms: number[]): { median: number; min: number; max: number; n: number } {
  const s = [...ms].sort((a, b) => a - b);
  const mid = s.length % 2 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
  const r = (x: number) => Math.round(x * 10) / 10;
  return { median: r(mid), min: r(s[0] ?? 0), max: r(s[s.length - 1] ?? 0), n: s.length };
}
