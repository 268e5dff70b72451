import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORDED } from '../../../src/core/market/fixtures/index';
import { overlayState, readOverlayFigures, VENUE_PAGES } from '../content/helpers';
import { launchWithExtension, type ExtensionSession } from '../harness/chromium';
import { extensionReader, type ExtensionReader } from '../shared/background';
import { stubMarketData } from '../shared/market-stubs';

/**
 * A service worker that Chrome stops while it computes a snapshot closes the content script's
 * message channel. The content script sends the same snapshot once more (it is still the newest),
 * which wakes a new worker, so the overlay shows figures instead of "calculator did not answer",
 * without the trader touching the form.
 *
 * Made deterministic by holding Bybit's tier-table response (Bybit has no bundled table, so the
 * first assessment waits for it): the worker is stopped only once the request is known to be in
 * flight and the snapshot is stored as pending, and the held response is never delivered to it.
 */

const bybit = VENUE_PAGES.find((v) => v.id === 'bybit');
if (!bybit) throw new Error('no bybit venue page');

let session: ExtensionSession;
let reader: ExtensionReader;
let release: () => void = () => undefined;
let arrived: () => void = () => undefined;
const held = new Promise<void>((r) => (release = r));
const requested = new Promise<void>((r) => (arrived = r));
let holding = true;

beforeAll(async () => {
  session = await launchWithExtension({ hosts: [bybit.host, 'api.bybit.com'] });
  // Tried before the stubs: the first tier-table request waits until the test lets it go.
  session.server.routes.push(({ host, url }) => {
    if (!holding || host !== 'api.bybit.com' || url.pathname !== '/v5/market/risk-limit') return undefined;
    holding = false;
    arrived();
    return { headers: { 'content-type': 'application/json' }, body: JSON.stringify(RECORDED.bybitRisk), after: held };
  });
  stubMarketData(session.server);
  reader = await extensionReader(session);
});
afterAll(async () => {
  release();
  await session?.close();
});

describe('a service worker stopped mid-computation', () => {
  it('the content script resends the snapshot and the overlay shows figures, not "did not answer"', async () => {
    const page = await session.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The page's own order (0.25 BTC) is read and sent on load: its assessment waits for the held tiers.
    await page.goto(session.venueUrl(bybit.host, bybit.path, 'bybit/limit-cross.html'));
    await requested;
    await expect.poll(async () => (await reader.tabRecordFor(`${bybit.host}${bybit.path}`))?.pending?.seq ?? null, { timeout: 10_000 }).toBe(1);
    expect((await overlayState(page)).busy).toBe(true);
    const starts = (await reader.get<{ starts: number }>('bg/worker'))?.starts ?? 0;

    // Not waiting for the worker to be gone: the content script's resend wakes a new one at once.
    await session.stopServiceWorker({ wait: false });
    release();

    // No keystroke: the resent snapshot (same seq) is answered by the restarted worker.
    await expect.poll(async () => overlayState(page), { timeout: 15_000 }).toEqual({ kind: 'assessed', origin: 'background', busy: false });
    const figures = await readOverlayFigures(page);
    expect(figures.message).toBeNull();
    expect(figures.sides.map((s) => s.side).sort()).toEqual(['long', 'short']);
    for (const s of figures.sides) expect(s.figures['liquidation-price']?.value).toMatch(/^\d+(\.\d+)?$/);
    const record = await reader.tabRecordFor(`${bybit.host}${bybit.path}`);
    expect(record?.result?.seq).toBe(1);
    expect(record?.pending).toBeNull();
    expect((await reader.get<{ starts: number }>('bg/worker'))?.starts).toBeGreaterThan(starts);
    expect(errors).toEqual([]);
    await page.close();
  });
});
