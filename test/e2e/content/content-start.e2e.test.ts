import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ON_DEMAND_FILE } from '../../../src/content/on-demand-file';
import { launchWithExtension, type ExtensionSession } from '../harness/chromium';
import { FIXTURES } from '../harness/paths';
import { stubMarketData } from '../shared/market-stubs';
import { recordMessages, VENUE_PAGES, waitForAnswer } from './helpers';

/**
 * How each venue's content script starts in Chromium: a loader at document_start imports the venue's
 * module (src/content/start/module-file.ts), which starts the reader once the page's own deferred
 * scripts have run (src/content/lifecycle.ts afterDomContentLoaded).
 */

const binance = VENUE_PAGES.find((v) => v.id === 'binance-usdm');
// Bybit's form is read by its semantic anchors, which the page's own figures must bear out (corroboration):
// a form read before the page's script filled them in asks the trader to confirm it instead.
const bybit = VENUE_PAGES.find((v) => v.id === 'bybit');
if (!binance || !bybit) throw new Error('no binance-usdm or bybit venue page');

let session: ExtensionSession;
/** The fixture runtime's module script (it finishes the page's form) is held while this is set. */
let holdRuntime: Promise<void> | null = null;

beforeAll(async () => {
  session = await launchWithExtension({ hosts: [binance.host, bybit.host, 'api.bybit.com'] });
  session.server.routes.push(({ url }) => {
    if (!holdRuntime || url.pathname !== '/__fixtures__/_runtime/boot.js') return undefined;
    const after = holdRuntime;
    holdRuntime = null;
    return { headers: { 'content-type': 'text/javascript; charset=utf-8' }, body: readFileSync(path.join(FIXTURES, '_runtime/boot.js')), after };
  });
  stubMarketData(session.server);
});
afterAll(async () => {
  await session?.close();
});

describe('the content script’s start', () => {
  it('waits for the page’s own deferred scripts: on a page whose module script arrives late, the first message is the finished form, not “confirm the fields”', async () => {
    const seen = await recordMessages(session.context);
    // The page is parsed at once ("interactive"), but DOMContentLoaded waits for its module script, held 1 s,
    // while LiqGuard's module is long loaded: a reader started at "interactive" reads a form the page has not finished.
    holdRuntime = new Promise((resolve) => setTimeout(resolve, 1000));
    const page = await session.context.newPage();
    await page.goto(session.venueUrl(bybit.host, bybit.path, 'bybit/limit-cross.html'));
    expect(await waitForAnswer(page)).toBe('assessed');
    const messages = (await seen()).filter((m) => m.type === 'form/snapshot' || m.type === 'form/cleared');
    expect(messages[0]).toMatchObject({ type: 'form/snapshot', seq: 1 });
    expect(messages.filter((m) => m.type === 'form/cleared')).toEqual([]);
    await page.close();
  });

  it('the modules the content script loads cannot be probed by a page at the extension’s fixed address', async () => {
    const page = await session.context.newPage();
    await page.goto(session.venueUrl(binance.host, binance.path, 'binance-usdm/limit-cross.html'));
    // LiqGuard runs on this page: its own module came from the extension, under the session's dynamic ID.
    expect(await waitForAnswer(page)).toBe('assessed');
    const probes = await page.evaluate(async (urls) => {
      const probe = (url: string) =>
        fetch(url).then(
          (r) => `loaded ${r.status}`,
          () => 'refused',
        );
      return Promise.all(urls.map(probe));
    }, [`chrome-extension://${session.extensionId}/src/content/start/binance.module.js`, `chrome-extension://${session.extensionId}/${ON_DEMAND_FILE}`]);
    expect(probes).toEqual(['refused', 'refused']);
    // Nor does the page's resource timing name the extension's files (the module's dynamic address included).
    const named = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((name) => !name.startsWith('https:')));
    expect(named).toEqual([]);
    await page.close();
  });
});
