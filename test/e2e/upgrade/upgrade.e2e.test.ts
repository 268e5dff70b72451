import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSettings } from '../../../src/shared/settings';
import { typePosition, VENUE_PAGES, waitForAnswer, type VenuePage } from '../content/helpers';
import { launchWithExtension, type ExtensionSession } from '../harness/chromium';
import { DIST_CHROME, REPO_ROOT } from '../harness/paths';
import { extensionReader, type ExtensionReader } from '../shared/background';
import { STUBBED_MARKET_HOSTS, stubMarketData } from '../shared/market-stubs';

/**
 * An update from 0.1.0 to this build, in one browser profile, the way a trader who loads the
 * unpacked release updates: the extension folder's contents are replaced and the browser starts
 * again. Chromium derives an unpacked extension's id from its folder, so both versions share the
 * id and therefore their storage.
 *
 * Version 0.1.0's storage is the capture in storage-0.1.0.json (README.md beside it). A stand-in
 * named 0.1.0 (a manifest, a worker and its options page) writes it, so the profile holds exactly
 * what 0.1.0 left and nothing this build wrote. Its options tab stays open when the browser quits,
 * and the browser restores it on the next start, as a trader's browser restores their tabs. Then
 * this build starts in its place, and the test checks that it answers at once (not the previous
 * version's worker, which the restored tab would otherwise keep in charge: take-over.ts), that
 * everything the trader set is there and used, and that the cached market data is fetched again.
 */

const STORED = JSON.parse(readFileSync(path.join(import.meta.dirname, 'storage-0.1.0.json'), 'utf8')) as { version: string; sync: Record<string, unknown>; local: Record<string, unknown> };
const VERSION = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const venue = (id: string): VenuePage => {
  const v = VENUE_PAGES.find((p) => p.id === id);
  if (!v) throw new Error(`no venue page ${id}`);
  return v;
};
const BYBIT = venue('bybit');
const BINANCE = venue('binance-usdm');

const work = mkdtempSync(path.join(tmpdir(), 'liqguard-upgrade-'));
const extension = path.join(work, 'extension');
const profile = path.join(work, 'profile');
let session: ExtensionSession | undefined;
let reader: ExtensionReader;

/** The capture moved in time so its newest copy was fetched two hours ago (younger than the day a copy is kept). */
function shiftedToRecent(local: Record<string, unknown>): Record<string, unknown> {
  const times: number[] = [];
  JSON.stringify(local, (k, v: unknown) => (k === 'fetchedAt' && typeof v === 'number' && times.push(v), v));
  const delta = Date.now() - 2 * 3_600_000 - Math.max(...times);
  return JSON.parse(JSON.stringify(local), (k, v: unknown) => {
    if (typeof v === 'number' && /^(fetchedAt|lastAttemptAt|lastSuccessAt|savedAt)$/.test(k)) return v + delta;
    if (typeof v === 'string' && /^(at|capturedAt)$/.test(k) && /^\d{4}-\d\d-\d\dT/.test(v)) return new Date(Date.parse(v) + delta).toISOString();
    return v;
  }) as Record<string, unknown>;
}

/** The options page's path, the same in 0.1.0 and this build: the tab the browser restores after the update. */
const OPTIONS_PAGE = 'src/options/index.html';

/** A stand-in for 0.1.0 in the extension folder: its manifest's name and version, a worker with no listener, an options page to write storage from. */
function installStandIn(): void {
  rmSync(extension, { recursive: true, force: true });
  mkdirSync(path.join(extension, path.dirname(OPTIONS_PAGE)), { recursive: true });
  writeFileSync(path.join(extension, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: 'LiqGuard', version: STORED.version, permissions: ['storage'], background: { service_worker: 'worker.js' } }));
  writeFileSync(path.join(extension, 'worker.js'), '');
  writeFileSync(path.join(extension, OPTIONS_PAGE), '<!doctype html><title>0.1.0 options</title>');
}

/** The script of the service worker that controls an extension page (its last path segment), or 'none'. */
function controllerOf(page: Page): Promise<string> {
  return page.evaluate(() => navigator.serviceWorker.controller?.scriptURL.split('/').pop() ?? 'none');
}

let restored: Page | undefined;

beforeAll(async () => {
  installStandIn();
  const old = await launchWithExtension({ dist: extension, userDataDir: profile });
  const seed = await old.context.newPage();
  await seed.goto(old.extensionUrl(OPTIONS_PAGE));
  await seed.evaluate(
    async ({ sync, local }) => {
      const c = (globalThis as unknown as { chrome: { storage: Record<'sync' | 'local', { set(i: Record<string, unknown>): Promise<void> }> } }).chrome;
      await c.storage.sync.set(sync);
      await c.storage.local.set(local);
    },
    { sync: STORED.sync, local: shiftedToRecent(STORED.local) },
  );
  // The options tab stays open: the browser quits with it, as a trader's does.
  await old.close();

  // The update: this build's files replace the folder's, and the browser starts again on the same
  // profile, restoring the tab it had open.
  rmSync(extension, { recursive: true, force: true });
  cpSync(DIST_CHROME, extension, { recursive: true });
  session = await launchWithExtension({ dist: extension, userDataDir: profile, args: ['--restore-last-session'], hosts: [BYBIT.host, BINANCE.host, ...STUBBED_MARKET_HOSTS] });
  stubMarketData(session.server);
  const optionsUrl = session.extensionUrl(OPTIONS_PAGE);
  restored = session.context.pages().find((p) => p.url() === optionsUrl);
  reader = await extensionReader(session);
}, 120_000);
afterAll(async () => {
  await session?.close();
  rmSync(work, { recursive: true, force: true });
});

async function local(): Promise<Record<string, unknown>> {
  return reader.page.evaluate(async () => (globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<Record<string, unknown>> } } } }).chrome.storage.local.get(null));
}

/** The venue's fixture page with a sample order typed into it, as a trader would after the update. */
async function venuePage(v: VenuePage): Promise<Page> {
  if (!session) throw new Error('no session');
  const p = await session.context.newPage();
  await p.goto(session.venueUrl(v.host, v.path, `${v.id}/limit-cross.html`));
  // The page's own order is answered first, as in the venue tests; then the trader types one.
  await waitForAnswer(p, 20_000);
  await typePosition(p, v, { price: '64000', qty: '0.1', leverage: '5' });
  await expect.poll(async () => (await reader.tabRecordFor(v.path))?.result?.replay?.inputs[0]?.quantity, { timeout: 20_000 }).toBe('0.1');
  return p;
}

describe('an update from 0.1.0 to this build', () => {
  it('runs as this version on the same extension id', async () => {
    const version = await reader.page.evaluate(() => (globalThis as unknown as { chrome: { runtime: { getManifest(): { version: string } } } }).chrome.runtime.getManifest().version);
    expect(version).toBe(VERSION);
    expect(VERSION).not.toBe(STORED.version);
  });

  // Without the take-over, the restored tab keeps 0.1.0's worker active and this build's waiting:
  // every message then goes to the old worker and none is answered.
  it('answers at once from this version’s worker, although the browser restored a tab of the previous one', async () => {
    const worker = (JSON.parse(readFileSync(path.join(DIST_CHROME, 'manifest.json'), 'utf8')) as { background: { service_worker: string } }).background.service_worker;
    if (!restored) throw new Error('the browser did not restore the options tab of the previous version');
    expect(await controllerOf(restored)).toBe(worker);
    expect(await controllerOf(reader.page)).toBe(worker);
    const answer = await restored.evaluate(() =>
      Promise.race([
        (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'tab/state', tabId: 1 }),
        new Promise((resolve) => setTimeout(() => resolve('no answer within 5 s'), 5_000)),
      ]),
    );
    expect(answer).toEqual({ ok: true, tab: null });
  });

  it('keeps every setting as the trader saved it: not rewritten, read without a notice, shown in the options', async () => {
    const sync = await reader.page.evaluate(async () => (globalThis as unknown as { chrome: { storage: { sync: { get(k: null): Promise<Record<string, unknown>> } } } }).chrome.storage.sync.get(null));
    expect(sync).toEqual(STORED.sync);
    expect(parseSettings(sync.settings).notices).toEqual([]);
    const options = reader.page;
    await options.reload();
    await options.waitForSelector('[data-testid="options-ready"]');
    expect(await options.locator('[data-testid="options-notices"], [data-testid="options-unkept"]').count()).toBe(0);
    const value = (id: string) => options.locator(`[id="${id}"]`).inputValue();
    expect([await value('distance.caution'), await value('distance.danger'), await value('distance.critical')]).toEqual(['20', '8', '3']);
    expect([await value('leverage.caution'), await value('leverage.danger')]).toEqual(['12', '']);
    // The wallet shows in the trader's number format (de-DE), as they typed it.
    expect(await value('wallet.bybit')).toBe('2500,5');
    expect([await value('region'), await value('numberFormat'), await value('theme')]).toEqual(['EU', 'de-DE', 'dark']);
    expect(await options.locator('[aria-label="Overlay on OKX"]').isChecked()).toBe(false);
    expect(await options.locator('[aria-label="LiqGuard on MEXC"]').isChecked()).toBe(false);
    expect(await options.locator('[aria-label="Account mode at Binance"]').inputValue()).toBe('usdm_coinm_classic_wallet');
    // The fields picked on Binance's page are listed for that site.
    expect(await options.locator('[data-testid="pickers"]').innerText()).toContain('www.binance.com');
  });

  it('marks every fetched market-data copy to be fetched again on its first start', async () => {
    const before = await local();
    expect(before['liqguard/version']).toBe(VERSION);
    const fetched = Object.keys(STORED.local).filter((k) => /^market\/v1\/(tiers|spec|vol)\//.test(k));
    expect(fetched.length).toBeGreaterThan(0);
    for (const k of fetched) expect(before[k], k).toMatchObject({ revalidate: true });
  });

  it('fetches a young marked copy again at its next use', async () => {
    const before = await local();
    const storedTable = before['market/v1/tiers/bybit/BTCUSDT'] as { fetchedAt: number };
    expect(Date.now() - storedTable.fetchedAt).toBeLessThan(24 * 3_600_000);

    const requests = () => session?.server.requests.filter((r) => r.host === 'api.bybit.com' && r.path.startsWith('/v5/market/risk-limit')).length ?? 0;
    const page = await venuePage(BYBIT);
    expect(await waitForAnswer(page, 20_000)).toBe('assessed');
    await expect.poll(requests, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    await expect.poll(async () => (await local())['market/v1/tiers/bybit/BTCUSDT'], { timeout: 10_000 }).not.toHaveProperty('revalidate');
    const after = (await local())['market/v1/tiers/bybit/BTCUSDT'] as { fetchedAt: number };
    expect(after.fetchedAt).toBeGreaterThan(storedTable.fetchedAt);
    await page.close();
  });

  it('re-reads the bundled table it cached per symbol from this version’s own file', async () => {
    const key = 'market/v1/bundled/binance-usdm/BTCUSDT';
    expect((STORED.local[key] as { file: string }).file.startsWith(`${STORED.version} `)).toBe(true);
    const page = await venuePage(BINANCE);
    expect(await waitForAnswer(page, 20_000)).toBe('assessed');
    await expect.poll(async () => ((await local())[key] as { file?: string } | undefined)?.file ?? '', { timeout: 10_000 }).toMatch(new RegExp(`^${VERSION.replace(/\./g, '\\.')} `));
    await page.close();
  });
});
