import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BADGE_COLORS } from '../../../src/core/assessment/badge';
import type { Severity } from '../../../src/shared/overlay-state';
import { readOverlayFigures, typePosition, VENUE_PAGES, waitForAnswer } from '../content/helpers';
import { launchWithExtension, type ExtensionSession } from '../harness/chromium';
import { extensionReader, type ExtensionReader } from '../shared/background';
import { STUBBED_MARKET_HOSTS, stubMarketData } from '../shared/market-stubs';

/**
 * Issue 7: a threshold changed on the options page, through its form, changes the severity the
 * overlay shows on an open venue page and the toolbar badge of that tab, without the trader
 * touching the order form; restoring the defaults changes both back. The badge is read from an
 * extension page with chrome.action.get* for the tab's id (the extension has no `tabs`
 * permission, so the id comes from the background's per-tab record in storage.session).
 */

const binance = VENUE_PAGES.find((v) => v.id === 'binance-usdm');
if (!binance) throw new Error('no binance-usdm venue page');

let session: ExtensionSession;
let reader: ExtensionReader;
const fileStart = performance.now();

beforeAll(async () => {
  session = await launchWithExtension({ hosts: [binance.host, ...STUBBED_MARKET_HOSTS] });
  stubMarketData(session.server);
  reader = await extensionReader(session);
});
afterAll(async () => {
  await session?.close();
  console.log(`[thresholds] file runtime ${((performance.now() - fileStart) / 1000).toFixed(1)} s (one browser)`);
});

interface BadgeView {
  text: string;
  color: number[];
  title: string;
}

/** The tab's toolbar badge, as the browser holds it. */
async function badgeOf(tabId: number): Promise<BadgeView> {
  return reader.page.evaluate(async (id) => {
    const action = (globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string>; getBadgeBackgroundColor(d: object): Promise<number[]>; getTitle(d: object): Promise<string> } } }).chrome.action;
    const [text, color, title] = await Promise.all([action.getBadgeText({ tabId: id }), action.getBadgeBackgroundColor({ tabId: id }), action.getTitle({ tabId: id })]);
    return { text, color, title };
  }, tabId);
}

const rgba = (hex: string): number[] => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).concat(255);

/** The badge text for a distance in percent, as documented in src/core/assessment/badge.ts: rounded down, one decimal below 10 %. */
function badgeText(percent: string): string {
  const [int = '0', frac = ''] = percent.split('.');
  return Number.parseInt(int, 10) < 10 ? `${int}.${(frac + '0').slice(0, 1)}%` : `${int}%`;
}

async function severities(page: Page): Promise<Record<string, string | null>> {
  const figures = await readOverlayFigures(page);
  return Object.fromEntries(figures.sides.map((s) => [s.side, s.figures.severity?.value ?? null]));
}

/** Overlay and badge agree on `level` for both sides. */
async function expectLevel(page: Page, tabId: number, level: Severity): Promise<void> {
  await expect.poll(() => severities(page), { timeout: 15_000 }).toEqual({ long: level, short: level });
  await expect.poll(async () => (await badgeOf(tabId)).color, { timeout: 10_000 }).toEqual(rgba(BADGE_COLORS[level]));
  const badge = await badgeOf(tabId);
  const figures = await readOverlayFigures(page);
  // Both sides are at the same level: the badge speaks for the first one its title names.
  const m = /^LiqGuard: liquidation ([\d.]+) % away \((\w+)\) — BTCUSDT (long|short)\. (Long|Short): liquidation ([\d.]+) % away \((\w+)\)\.$/.exec(badge.title);
  expect(m, badge.title).not.toBeNull();
  expect([m?.[2], m?.[6]]).toEqual([level, level]);
  const named = figures.sides.find((s) => s.side === m?.[3]);
  const distance = named?.figures['distance-percent']?.value ?? '';
  expect(badge.text).toBe(badgeText(distance));
}

describe('thresholds in the options change the overlay and the badge', () => {
  it('raising the distance thresholds turns an ok order critical, and restoring them turns it back', async () => {
    const page = await session.context.newPage();
    await page.goto(session.venueUrl(binance.host, binance.path, 'binance-usdm/limit-cross.html'));
    await waitForAnswer(page);
    // 5x isolated: about 20 % from liquidation each way, under every default threshold.
    await typePosition(page, binance, { price: '64123.4', qty: '0.2', leverage: '5', marginMode: 'isolated' });
    await expect.poll(async () => (await reader.tabRecordFor(binance.path))?.result?.replay?.inputs[0]?.leverage, { timeout: 10_000 }).toBe('5');
    const tabId = (await reader.tabRecordFor(binance.path))?.tabId;
    if (tabId === undefined) throw new Error('no tab record');
    await expectLevel(page, tabId, 'ok');
    const sentBefore = (await reader.settledTabRecordFor(binance.path))?.arrival ?? 0;

    const options = await session.context.newPage();
    await options.goto(session.extensionUrl('src/options/index.html'));
    await options.getByTestId('options-ready').waitFor({ state: 'attached' });
    // Widest first, so every intermediate state is in order and saved.
    await options.fill('[id="distance.caution"]', '95');
    await options.fill('[id="distance.danger"]', '90');
    await options.fill('[id="distance.critical"]', '85');
    await expect.poll(() => options.getByTestId('options-status').innerText()).toBe('Saved.');

    // No keystroke on the venue page: the content script sent the same form again.
    await expectLevel(page, tabId, 'critical');
    const record = await reader.settledTabRecordFor(binance.path);
    expect(record?.arrival).toBeGreaterThan(sentBefore);
    expect(record?.result?.replay?.context.thresholds).toMatchObject({ distancePercent: { caution: '95', danger: '90', critical: '85' } });
    const state = record?.result?.state;
    for (const side of state?.kind === 'assessed' ? state.sides : []) expect(side.severityReasons.join(' ')).toContain('85 %');

    // And back.
    await options.getByRole('button', { name: 'Restore default thresholds' }).click();
    await expect.poll(() => options.getByTestId('options-status').innerText()).toBe('Saved.');
    await expectLevel(page, tabId, 'ok');
    await options.close();
    await page.close();
  });
});
