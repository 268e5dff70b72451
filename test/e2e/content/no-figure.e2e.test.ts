import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnreadTab } from '../../../src/shared/overlay-state';
import { launchWithExtension, type ExtensionSession } from '../harness/chromium';
import { extensionReader, type ExtensionReader } from '../shared/background';
import { clickInOverlay, overlayCollapsed, overlayCount, overlayTexts, recordMessages, VENUE_PAGES, waitForAnswer, waitForState } from './helpers';

/**
 * A venue page whose form LiqGuard cannot read: the overlay shows no figure and says why, and the
 * popup's This tab and the toolbar badge say the same (never "not a supported venue order page", never
 * a blank badge); and the field picker supplies what the reader missed (side, order type, the size's
 * meaning), read from the page at every read. One browser for the file.
 */

const binance = VENUE_PAGES.find((v) => v.id === 'binance-usdm');
if (!binance) throw new Error('no binance-usdm venue page');

let session: ExtensionSession;
let reader: ExtensionReader;
let seen: Awaited<ReturnType<typeof recordMessages>>;

beforeAll(async () => {
  session = await launchWithExtension({ hosts: [binance.host] });
  reader = await extensionReader(session);
  seen = await recordMessages(session.context);
});
afterAll(async () => {
  await session?.close();
});

/** The background's no-figure record for the tab showing `path`. */
async function unreadFor(path: string): Promise<UnreadTab | undefined> {
  const all = await reader.session(null);
  return Object.entries(all)
    .filter(([k]) => k.startsWith('tab/'))
    .map(([, v]) => (v as { unread?: UnreadTab }).unread)
    .find((u) => !!u && u.url.includes(path));
}

async function badgeOf(tabId: number): Promise<{ text: string; title: string }> {
  return reader.page.evaluate(async (id) => {
    const action = (globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string>; getTitle(d: object): Promise<string> } } }).chrome.action;
    const [text, title] = await Promise.all([action.getBadgeText({ tabId: id }), action.getTitle({ tabId: id })]);
    return { text, title };
  }, tabId);
}

/** The popup as the trader opens it over `venue`: This tab reads the active tab. */
async function popupOver(venue: Page): Promise<Page> {
  const popup = await session.openPopup({ width: 400, height: 600 });
  await venue.bringToFront();
  await popup.reload();
  await popup.getByTestId('popup-ready').waitFor({ state: 'attached', timeout: 10_000 });
  return popup;
}

describe('a form LiqGuard cannot read', () => {
  it('the popup’s This tab and the badge show the overlay’s no-figure state, why and what to do', async () => {
    const page = await session.context.newPage();
    await page.goto(session.venueUrl(binance.host, binance.path, `binance-usdm/${binance.broken}`));
    await waitForState(page, ['unreadable'], 15_000);
    const reasons = await overlayTexts(page, '[data-liqguard="unreadable-reason"]');
    expect(reasons.join(' ')).toMatch(/^Leverage/);

    await expect.poll(() => unreadFor(binance.path), { timeout: 10_000 }).toBeTruthy();
    const unread = await unreadFor(binance.path);
    expect(unread?.state).toMatchObject({ kind: 'unreadable', reasons: [{ field: 'leverage' }] });
    expect(unread?.snapshot?.quantity).toMatchObject({ ok: true });
    const tabId = unread?.tabId as number;
    await expect.poll(async () => (await badgeOf(tabId)).text, { timeout: 10_000 }).toBe('?');
    expect((await badgeOf(tabId)).title).toMatch(/^LiqGuard: no figure — Leverage/);

    const popup = await popupOver(page);
    const view = popup.getByTestId('tab-no-figure');
    await view.waitFor({ timeout: 10_000 });
    expect(await popup.getByTestId('tab-no-figure-head').innerText()).toBe('Binance USDⓈ-M BTCUSDT: no figure on this page');
    expect(await popup.getByTestId('tab-unreadable').innerText()).toContain(reasons[0] as string);
    expect(await popup.getByTestId('tab-what-to-do').innerText()).toMatch(/Point at the fields.*the leverage/s);
    expect(await popup.getByTestId('fix-open-calculator').count()).toBe(1);
    expect(await view.innerText()).not.toMatch(/not a supported/i);
    await popup.close();
    await page.close();
  });
});

describe('the field picker supplies what the reader misses', () => {
  it('a picked side, order type and size unit are read from the page at every read, and the unit is the trader’s assumption', async () => {
    const page = await session.context.newPage();
    await page.goto(session.venueUrl(binance.host, binance.path, 'binance-usdm/picker-unknown-controls.html'));
    // Icon side buttons and abbreviated tabs: no order form LiqGuard knows.
    await waitForState(page, ['unreadable'], 15_000);
    expect((await overlayTexts(page, '.lg-pill')).join(' ')).toContain('No order form found');
    await expect.poll(() => overlayCollapsed(page)).toBe('true');
    await clickInOverlay(page, '[data-liqguard-action="toggle"]');
    let pageClicks = 0;
    await page.exposeFunction('__countClick', () => pageClicks++);
    // Clicks the page itself sees (the overlay's own buttons are not the page's).
    await page.evaluate(() => document.addEventListener('click', (e) => (e.target as Element).localName !== 'liqguard-overlay' && (window as unknown as { __countClick(): void }).__countClick()));

    await clickInOverlay(page, '[data-liqguard-action="pick"]');
    await expect.poll(() => overlayCount(page, '[data-liqguard="picker"]')).toBe(1);
    // No form: price, size and leverage come first.
    await expect.poll(async () => (await overlayTexts(page, '[data-liqguard="picker"] .lg-strong')).join(' ')).toContain('Click the price field (1 of 3)');
    await page.click('#limitPrice-1');
    await page.click('#unitAmount-1');
    await page.click('.fx-leverage');
    await clickInOverlay(page, '[data-liqguard-action="pick-sides"]');
    await page.click('.fx-buy');
    await page.click('.fx-sell');
    await clickInOverlay(page, '[data-liqguard-action="pick-orderType"]');
    await page.click('.fx-ot >> text=LMT');
    await page.click('.fx-ot >> text=MKT');
    // The size's meaning is offered once the form's market is read (after the fields above).
    await expect.poll(() => overlayCount(page, '[data-liqguard-action="unit-cost"]'), { timeout: 10_000 }).toBe(1);
    await clickInOverlay(page, '[data-liqguard-action="unit-cost"]');
    expect(await overlayTexts(page, '[data-liqguard-action="unit-cost"][aria-pressed="true"]')).toEqual(['cost (margin)']);
    await clickInOverlay(page, '[data-liqguard-action="pick-done"]');
    // Pointing never reached the page: the Market tab was not switched on.
    expect(pageClicks).toBe(0);
    expect(await page.locator('.fx-ot--active').innerText()).toBe('LMT');
    await waitForAnswer(page, 15_000);
    const last = async () => (await seen()).filter((m) => m.type === 'form/snapshot').at(-1)?.snapshot as Record<string, unknown> | undefined;
    const first = await last();
    expect(first?.sides).toEqual({ ok: true, value: ['long', 'short'], source: 'picker' });
    expect(first?.orderType).toEqual({ ok: true, value: 'limit', source: 'picker' });
    expect(first?.quantity).toMatchObject({ ok: true, value: { value: '500', unit: 'cost' } });
    expect(first?.setByTrader).toMatchObject([{ field: 'quantityUnit', value: 'cost' }]);
    // The assessment names the unit as the trader's.
    await expect.poll(async () => JSON.stringify((await reader.tabRecordFor(binance.path))?.result?.state ?? null), { timeout: 10_000 }).toMatch(/read as the cost \(margin\): you set this for BTCUSDT/);

    // The trader switches the page to Market: the next read says market, not the remembered limit.
    await page.click('.fx-ot >> text=MKT');
    await expect.poll(async () => ((await last())?.orderType as { value?: string } | undefined)?.value, { timeout: 10_000 }).toBe('market');
    await page.close();
  });
});
