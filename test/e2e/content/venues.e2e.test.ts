import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionSession } from '../harness/chromium';
import { readOverlayFigures, typePosition, VENUE_HOSTS, VENUE_PAGES, waitForAnswer, waitForState } from './helpers';

let session: ExtensionSession;

beforeAll(async () => {
  session = await launchWithExtension({ hosts: VENUE_HOSTS });
});
afterAll(async () => {
  await session?.close();
});

// Every venue under its real hostname: the adapter reads the fixture form and sends a complete
// snapshot (whatever the background answers offline: figures, its own refusal, or nothing),
// goes idle on an empty size, and fails closed on the page, naming the field, when a control
// disappears.
describe.each(VENUE_PAGES.map((v) => [v.id, v] as const))('%s in Chromium', (_id, venue) => {
  it('reads the form, sends it, and fails closed when a field goes missing', async () => {
    const page = await session.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(session.venueUrl(venue.host, venue.path, `${venue.id}/limit-cross.html`));
    await waitForAnswer(page);
    let figures = await readOverlayFigures(page);
    expect(figures.symbol).toBe(venue.symbol);

    await typePosition(page, venue, { qty: '' });
    await waitForState(page, ['idle']);
    await typePosition(page, venue, { qty: '2', price: '64000', leverage: '5' });
    await waitForAnswer(page);

    await page.evaluate((selector) => document.querySelector(selector)?.remove(), venue.remove);
    await waitForState(page, ['unreadable']);
    figures = await readOverlayFigures(page);
    expect(figures.reasons.some((r) => r.startsWith(`${venue.removedField}:`)), figures.reasons.join(' | ')).toBe(true);
    expect(figures.sides).toEqual([]);

    await page.goto(session.venueUrl(venue.host, venue.path, `${venue.id}/${venue.broken}`));
    await waitForState(page, ['unreadable']);
    figures = await readOverlayFigures(page);
    expect(figures.reasons.some((r) => r.startsWith(`${venue.brokenField}:`)), figures.reasons.join(' | ')).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
