import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionSession } from '../harness/chromium';
import { clickInOverlay, focusedInOverlay, focusInOverlay, overlayAttribute, overlayBox, overlayCollapsed, overlayCount, overlayTexts, readOverlayFigures, recordMessages, VENUE_HOSTS, waitForAnswer, waitForState } from './helpers';

let session: ExtensionSession;
let seen: Awaited<ReturnType<typeof recordMessages>>;

beforeAll(async () => {
  session = await launchWithExtension({ hosts: VENUE_HOSTS });
  seen = await recordMessages(session.context);
});
afterAll(async () => {
  await session?.close();
});

const BYBIT = () => session.venueUrl('www.bybit.com', '/trade/usdt/BTCUSDT', 'bybit/limit-cross.html');

describe('overlay', () => {
  it('sits beside the order form without covering its buttons', async () => {
    const page = await session.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(BYBIT());
    await waitForAnswer(page);
    const panel = await overlayBox(page);
    for (const button of ['.fx-buy', '.fx-sell']) {
      const b = await page.locator(button).boundingBox();
      expect(panel && b).toBeTruthy();
      if (!panel || !b) continue;
      const overlaps = panel.x < b.x + b.width && b.x < panel.x + panel.width && panel.y < b.y + b.height && b.y < panel.y + panel.height;
      expect(overlaps, `${button} is covered`).toBe(false);
    }
    await page.close();
  });

  it('collapses to a pill and expands again, by mouse and by keyboard, and remembers it', async () => {
    const page = await session.context.newPage();
    await page.goto(BYBIT());
    await waitForAnswer(page);
    await clickInOverlay(page, '[data-liqguard-action="toggle"]');
    await expect.poll(() => overlayCollapsed(page)).toBe('true');
    // Still readable when collapsed: state and symbol hooks stay.
    expect((await readOverlayFigures(page)).symbol).toBe('BTCUSDT');
    await page.reload();
    await waitForAnswer(page);
    await expect.poll(() => overlayCollapsed(page)).toBe('true');
    // Keyboard: the pill is a real button.
    await focusInOverlay(page, '.lg-pill');
    await page.keyboard.press('Enter');
    await expect.poll(() => overlayCollapsed(page)).toBe('false');
    await page.close();
  });

  it('is reachable with Tab and moves with the arrow keys, remembering the position per venue', async () => {
    const page = await session.context.newPage();
    await page.goto(BYBIT());
    await waitForAnswer(page);
    // Tab from the page's last control lands in the overlay (it is the document's last element).
    await page.focus('.fx-sell');
    await page.keyboard.press('Tab');
    expect(await focusedInOverlay(page)).toBe('move');
    const before = await overlayBox(page);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Shift+ArrowUp');
    const after = await overlayBox(page);
    expect(before && after).toBeTruthy();
    if (before && after) {
      expect(Math.round(after.x - before.x)).toBe(-12);
      expect(Math.round(after.y - before.y)).toBe(-48);
    }
    await page.reload();
    await waitForAnswer(page);
    const reloaded = await overlayBox(page);
    expect(reloaded && after && Math.round(reloaded.x) === Math.round(after.x) && Math.round(reloaded.y) === Math.round(after.y)).toBe(true);
    await page.close();
  });

  it('can be dragged with the mouse', async () => {
    const page = await session.context.newPage();
    await page.goto(session.venueUrl('www.okx.com', '/trade-swap/btc-usdt-swap', 'okx/limit-cross.html'));
    await waitForAnswer(page);
    const h = await overlayBox(page, '[data-liqguard-action="move"]');
    const before = await overlayBox(page);
    if (!h || !before) throw new Error('no overlay');
    await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
    await page.mouse.down();
    await page.mouse.move(h.x + 100, h.y + 150, { steps: 5 });
    await page.mouse.up();
    const after = await overlayBox(page);
    expect(after && Math.round(after.y - before.y)).toBeGreaterThan(100);
    await page.close();
  });

  it('follows the page theme', async () => {
    const page = await session.context.newPage();
    await page.goto(session.venueUrl('www.bybit.com', '/trade/usdt/BTCUSDT', 'bybit/dark.html'));
    await waitForAnswer(page);
    expect(await overlayAttribute(page, '[data-liqguard="overlay"]', 'class')).toMatch(/\blg-dark\b/);
    await page.goto(BYBIT());
    await waitForAnswer(page);
    expect(await overlayAttribute(page, '[data-liqguard="overlay"]', 'class')).toMatch(/\blg-light\b/);
    await page.close();
  });
});

describe('field picker and generic reader', () => {
  // A Binance URL no route knows, on a form whose inputs have no labels at all.
  const NO_LABELS = () => session.venueUrl('www.binance.com', '/en/futures/v2/BTCUSDT', 'generic/no-labels.html');

  it('reads a form nobody can find once the trader points at its fields, and remembers them', async () => {
    const page = await session.context.newPage();
    await page.goto(NO_LABELS());
    await waitForState(page, ['unreadable']);
    // No form found: the panel waits as a pill until the trader opens it.
    await expect.poll(() => overlayCollapsed(page)).toBe('true');
    expect((await overlayTexts(page, '.lg-pill')).join(' ')).toContain('No order form found');
    await clickInOverlay(page, '[data-liqguard-action="toggle"]');
    await clickInOverlay(page, '[data-liqguard-action="pick"]');
    await expect.poll(async () => overlayCount(page, '[data-liqguard="picker"]')).toBe(1);
    let pageClicks = 0;
    await page.exposeFunction('__countClick', () => pageClicks++);
    await page.evaluate(() => document.addEventListener('click', () => (window as unknown as { __countClick(): void }).__countClick()));
    await page.click('#fld-7');
    await page.click('#fld-8');
    await page.click('.fx-lev');
    await waitForAnswer(page);
    expect(pageClicks).toBe(0);
    const last = (await seen()).filter((m) => m.type === 'form/snapshot').at(-1)?.snapshot;
    expect(last?.confidence).toBe('picker');
    expect((last?.price as { value?: string })?.value).toBe('65000.5');
    await page.reload();
    await waitForAnswer(page);
    await page.close();
  });

  it('Esc cancels pointing without saving anything', async () => {
    const page = await session.context.newPage();
    await page.goto(session.venueUrl('www.bybit.com', '/trade/usdt/BTCUSDT', 'bybit/broken-no-margin.html'));
    await waitForState(page, ['unreadable']);
    await clickInOverlay(page, '[data-liqguard-action="pick"]');
    await expect.poll(async () => overlayCount(page, '[data-liqguard="picker"]')).toBe(1);
    await page.keyboard.press('Escape');
    await waitForState(page, ['unreadable']);
    expect(await overlayCount(page, '[data-liqguard="picker"]')).toBe(0);
    await page.close();
  });

  it('asks once before trusting an unsure generic read', async () => {
    const page = await session.context.newPage();
    const sentBefore = (await seen()).filter((m) => m.type === 'form/snapshot').length;
    await page.goto(session.venueUrl('www.binance.com', '/en/futures/v2/BTCUSDT', 'generic/two-forms.html'));
    await waitForState(page, ['confirm']);
    const found = await overlayTexts(page, '[data-liqguard="found"]');
    expect(found.join('\n')).toMatch(/Size: 0\.25 BTC/);
    expect((await seen()).filter((m) => m.type === 'form/snapshot').length).toBe(sentBefore);
    await clickInOverlay(page, '[data-liqguard-action="confirm"]');
    await waitForAnswer(page);
    await page.close();
  });
});
