import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnreadTab } from '../../../src/shared/overlay-state';
import { launchWithExtension, type ExtensionSession } from '../harness/chromium';
import { extensionReader, type ExtensionReader } from '../shared/background';
import { overlayTexts, VENUE_PAGES, waitForState } from './helpers';

/**
 * A venue page whose form LiqGuard cannot read: the overlay shows no figure and says why, and the
 * popup's This tab and the toolbar badge say the same (never "not a supported venue order page", never
 * a blank badge). One browser for the file.
 */

const binance = VENUE_PAGES.find((v) => v.id === 'binance-usdm');
if (!binance) throw new Error('no binance-usdm venue page');

let session: ExtensionSession;
let reader: ExtensionReader;

beforeAll(async () => {
  session = await launchWithExtension({ hosts: [binance.host] });
  reader = await extensionReader(session);
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
