import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORDED } from '../../../src/core/market/fixtures/index';
import { badgeFor } from '../../../src/core/assessment/badge';
import { overlayState, readOverlayFigures, typePosition, VENUE_PAGES } from '../content/helpers';
import { launchWithExtension, type ExtensionSession } from '../harness/chromium';
import { extensionReader, type ExtensionReader } from '../shared/background';
import { stubMarketData } from '../shared/market-stubs';

/**
 * A service worker that Chrome stops while it computes a snapshot closes the content script's
 * message channel. The content script sends the same snapshot again (it is still the newest),
 * which wakes a new worker, so the overlay shows figures instead of "calculator did not answer",
 * without the trader touching the form; a worker stopped again before it answers is met by the
 * next resend (growing pauses, a bounded number of sends).
 *
 * Made deterministic by holding market-data responses the computation waits for: Bybit's tier
 * table (Bybit has no bundled table, so the first assessment waits for it), and OKX's mark price
 * (its page shows none, and a freshly started worker has none in memory). A worker is stopped
 * only once its request is known to be in flight, and a held response is never delivered to it.
 */

const bybit = VENUE_PAGES.find((v) => v.id === 'bybit');
const okx = VENUE_PAGES.find((v) => v.id === 'okx');
if (!bybit || !okx) throw new Error('no bybit or okx venue page');

let session: ExtensionSession;
let reader: ExtensionReader;
let release: () => void = () => undefined;
let arrived: () => void = () => undefined;
const held = new Promise<void>((r) => (release = r));
const requested = new Promise<void>((r) => (arrived = r));
let holding = true;
/** OKX mark-price requests held (never answered) while true; the page shows no mark, so every fresh worker asks. */
let holdMarks = false;
const heldMarks: number[] = [];
let releaseMarks: () => void = () => undefined;
const marksHeld = new Promise<void>((r) => (releaseMarks = r));

beforeAll(async () => {
  session = await launchWithExtension({ hosts: [bybit.host, 'api.bybit.com', okx.host] });
  session.server.routes.push(({ host, url }) => {
    if (!holdMarks || host !== 'www.okx.com' || url.pathname !== '/api/v5/public/mark-price') return undefined;
    heldMarks.push(Date.now());
    return { body: '', after: marksHeld };
  });
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
  releaseMarks();
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
    const record = await reader.settledTabRecordFor(`${bybit.host}${bybit.path}`);
    expect(record?.result?.seq).toBe(1);
    expect(record?.pending).toBeNull();
    expect((await reader.get<{ starts: number }>('bg/worker'))?.starts).toBeGreaterThan(starts);
    expect(errors).toEqual([]);
    await page.close();
  });
});

/** The toolbar badge's text for a tab, read from an extension page. */
async function badgeText(tabId: number): Promise<string> {
  return reader.page.evaluate(async (id) => {
    const g = globalThis as unknown as { chrome: { action: { getBadgeText(d: { tabId: number }): Promise<string> } } };
    return g.chrome.action.getBadgeText({ tabId: id });
  }, tabId);
}

describe('two worker stops right after one edit', () => {
  it('the content script keeps resending with backoff until the edit is answered; overlay, popup record and badge all show the edit', async () => {
    const page = await session.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(session.venueUrl(okx.host, okx.path, 'okx/limit-cross.html'));
    await expect.poll(async () => overlayState(page), { timeout: 15_000 }).toEqual({ kind: 'assessed', origin: 'background', busy: false });
    const before = await reader.settledTabRecordFor(`${okx.host}${okx.path}`);
    if (!before?.result) throw new Error('no answer for the page’s own order');
    // The badge is set after the answer's task (and, while answers keep coming, once they pause).
    const previousBadge = badgeFor(before.result.state).text;
    await expect.poll(() => badgeText(before.tabId), { timeout: 5_000 }).toBe(previousBadge);
    const previousFigures = (await readOverlayFigures(page)).sides.map((s) => s.figures['liquidation-price']?.value);

    // A worker that is started afresh has no mark price in memory: the edit makes it ask OKX, and
    // that request is held, so each stop below lands while the edit is being computed.
    await session.stopServiceWorker();
    holdMarks = true;
    const starts = (await reader.get<{ starts: number }>('bg/worker'))?.starts ?? 0;
    await typePosition(page, okx, { qty: '30' });
    await expect.poll(() => heldMarks.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    await session.stopServiceWorker({ wait: false });
    // The content script resends; the next worker asks for the mark again and is stopped as well.
    const seen = heldMarks.length;
    await expect.poll(() => heldMarks.length, { timeout: 10_000 }).toBeGreaterThan(seen);
    await session.stopServiceWorker({ wait: false });
    holdMarks = false;

    await expect.poll(async () => overlayState(page), { timeout: 20_000 }).toEqual({ kind: 'assessed', origin: 'background', busy: false });
    const figures = await readOverlayFigures(page);
    expect(figures.message).toBeNull();
    const now = figures.sides.map((s) => s.figures['liquidation-price']?.value);
    expect(now).not.toEqual(previousFigures);
    const record = await reader.settledTabRecordFor(`${okx.host}${okx.path}`);
    expect(record?.result?.seq).toBe(before.result.seq + 1);
    expect(record?.result?.snapshot.quantity).toMatchObject({ ok: true, value: { value: '30' } });
    expect(record?.pending).toBeNull();
    if (!record?.result) throw new Error('no record');
    const badge = badgeFor(record.result.state).text;
    await expect.poll(() => badgeText(record.tabId), { timeout: 5_000 }).toBe(badge);
    expect(badge).not.toBe(previousBadge);
    expect((await reader.get<{ starts: number }>('bg/worker'))?.starts).toBeGreaterThanOrEqual(starts + 3);
    expect(errors).toEqual([]);
    await page.close();
  });
});
