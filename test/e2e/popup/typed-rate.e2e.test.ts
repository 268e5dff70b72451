import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickInOverlay, overlayAttribute, overlayTexts, readOverlayFigures, VENUE_HOSTS, waitForAnswer, waitForState } from '../content/helpers';
import { launchWithExtension, type ExtensionSession } from '../harness/chromium';
import { extensionReader, startCli, type CliSession, type ExtensionReader } from '../shared/background';
import { STUBBED_MARKET_HOSTS, stubMarketData } from '../shared/market-stubs';
import { plain } from '../../../src/ui/format';

/**
 * Fail-closed states that the trader fixes, in Chromium with the built extension: a venue whose tier table
 * cannot be had (Bybit's risk-limit endpoint down) gets its maintenance rate typed in the popup's This tab,
 * and the overlay's figure opens, labelled as the trader's; a form whose margin mode the page does not show
 * gets it from the overlay's Cross / Isolated buttons.
 */

let session: ExtensionSession;
let reader: ExtensionReader;
let calc: CliSession;

beforeAll(async () => {
  calc = startCli();
  session = await launchWithExtension({ hosts: [...VENUE_HOSTS, ...STUBBED_MARKET_HOSTS] });
  // Bybit's risk-limit endpoint answers 503 throughout, as if the venue were down; the rest answers as recorded.
  session.server.routes.push(({ host, url }) => (host === 'api.bybit.com' && url.pathname === '/v5/market/risk-limit' ? { status: 503, body: 'down' } : undefined));
  stubMarketData(session.server);
  reader = await extensionReader(session);
});
afterAll(async () => {
  await Promise.all([session?.close(), calc?.close()]);
});

const BYBIT = (fixture: string) => session.venueUrl('www.bybit.com', '/trade/usdt/BTCUSDT', `bybit/${fixture}`);

/** The popup over `venue`, as the trader opens it from the toolbar: This tab reads the active tab. */
async function popupOver(venue: Page): Promise<Page> {
  const popup = await session.openPopup({ width: 400, height: 600 });
  await venue.bringToFront();
  await popup.reload();
  await popup.getByTestId('popup-ready').waitFor({ state: 'attached' });
  return popup;
}

describe('a fail-closed figure the trader opens', () => {
  it('no tier table: a maintenance rate typed in the popup opens the overlay’s figure, labelled as the trader’s, equal to the CLI’s', async () => {
    const page = await session.context.newPage();
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(BYBIT('limit-cross.html'));
    expect(await waitForAnswer(page, 15_000)).toBe('unreadable');
    const closed = await readOverlayFigures(page);
    expect(closed.reasons.join(' | ')).toMatch(/^Maintenance margin: no usable maintenance-margin tier table for BTCUSDT/);
    expect(closed.reasons.join(' | ')).not.toMatch(/\.\)|\.\./);

    const popup = await popupOver(page);
    await popup.getByTestId('tab-fix').waitFor();
    await popup.locator('#fix-maintenanceMarginRate').fill('0.5');
    await popup.getByTestId('fix-use').click();
    await expect.poll(() => popup.getByTestId('fix-saved').innerText()).toMatch(/^Saved for BTCUSDT/);

    // The page's overlay: the form is sent again without a keystroke, and the figure opens.
    await expect.poll(async () => (await readOverlayFigures(page)).state, { timeout: 10_000 }).toBe('assessed');
    const [typed] = await overlayTexts(page, '[data-liqguard="warning"][data-code="typed-maintenance-rate"]');
    expect(typed).toMatch(/^Maintenance rate 0\.5\s?% typed by you \(\d{4}-\d\d-\d\d\), not the venue’s/);
    // Above the fold: the first warning under the rows, not folded into Details.
    expect(await overlayAttribute(page, '.lg-warnings li', 'data-code')).toBe('typed-maintenance-rate');

    // The figure is the engine's for the page's order with that rate.
    const record = await reader.settledTabRecordFor('www.bybit.com');
    const inputs = record?.result?.replay?.inputs ?? [];
    expect(inputs.length).toBeGreaterThan(0);
    expect(inputs.every((i) => i.maintenanceMarginRate === '0.005')).toBe(true);
    const answers = await calc.ask(inputs.map((i) => ({ ...i, context: record?.result?.replay?.context })));
    const shown = await overlayTexts(page, '[data-liqguard-side] [data-liqguard="liquidation-price"]');
    const overlayValues = (await readOverlayFigures(page)).sides.map((s) => s.figures['liquidation-price']?.value);
    expect(overlayValues).toEqual(answers.map((a) => plain((a.display as { liquidationPrice: string }).liquidationPrice)));
    expect(shown.every((t) => /\d/.test(t))).toBe(true);

    // The popup, still open, asks again and says it too, before the figures.
    await expect.poll(() => popup.getByTestId('tab-typed').innerText(), { timeout: 10_000 }).toMatch(/typed by you/);
    await popup.close();
    await page.close();
  });

  it('margin mode the page does not show: the overlay’s Cross button gives the figure', async () => {
    const page = await session.context.newPage();
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(session.venueUrl('www.okx.com', '/trade-swap/btc-usdt-swap', 'okx/broken-no-margin.html'));
    await waitForState(page, ['unreadable']);
    expect((await readOverlayFigures(page)).reasons.some((r) => r.startsWith('Margin mode:'))).toBe(true);
    await clickInOverlay(page, '[data-liqguard-action="margin-cross"]');
    await waitForAnswer(page, 15_000);
    const open = await readOverlayFigures(page);
    expect(open.state, open.reasons.join(' | ')).toBe('assessed');
    expect(open.sides.length).toBeGreaterThan(0);
    const record = await reader.settledTabRecordFor('www.okx.com');
    expect(record?.result?.replay?.inputs[0]?.marginMode).toBe('cross');
    await page.close();
  });
});
