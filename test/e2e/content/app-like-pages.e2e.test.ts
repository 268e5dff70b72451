import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionSession } from '../harness/chromium';
import { recordMessages, VENUE_HOSTS, waitForAnswer } from './helpers';

/**
 * The fixture pages run the shared runtime (test/fixtures/_runtime) in the browser the way the
 * venues' apps behave: the form mounts late, hidden copies of it sit beside the shown one, and a
 * tab click re-renders it with new elements. The overlay must read the shown form, whenever it
 * appears, and nothing from the hidden copies.
 */

let session: ExtensionSession;
let seen: Awaited<ReturnType<typeof recordMessages>>;

beforeAll(async () => {
  session = await launchWithExtension({ hosts: VENUE_HOSTS });
  seen = await recordMessages(session.context);
});
afterAll(async () => {
  await session?.close();
});

const snapshots = async () => (await seen()).filter((m) => m.type === 'form/snapshot').map((m) => m.snapshot as Record<string, { value?: unknown } | undefined>);

describe('pages that behave like the venues’ apps', () => {
  it('reads a form that mounts 1.5 s late beside hidden duplicate panes, and again after a tab re-renders it', async () => {
    const page = await session.context.newPage();
    const url = `${session.venueUrl('www.binance.com', '/en/futures/BTCUSDT', 'binance-usdm/limit-cross.html')}&fx-late=1500&fx-panes=1`;
    const before = (await snapshots()).length;
    await page.goto(url);
    expect(await page.locator('#unitAmount-1').count()).toBe(0);
    await waitForAnswer(page, 15_000);
    // The shown pane and two hidden ones (market, stop) with other values.
    expect(await page.locator('input[id^="unitAmount-"]').count()).toBe(3);
    const first = (await snapshots()).slice(before);
    expect(first.length).toBeGreaterThan(0);
    expect(first.map((s) => (s.quantity?.value as { value?: string } | undefined)?.value)).toEqual(first.map(() => '0.25'));

    const old = await page.locator('#unitAmount-1').elementHandle();
    await page.click('[data-fx-tab="market"]:visible');
    await expect.poll(async () => (await snapshots()).at(-1)?.orderType?.value).toBe('market');
    // New elements, the typed size carried over: the overlay still reads it, not a hidden pane's.
    expect(await old?.evaluate((el) => el.isConnected)).toBe(false);
    expect(((await snapshots()).at(-1)?.quantity?.value as { value?: string } | undefined)?.value).toBe('0.25');
    await page.close();
  });
});
