import { afterAll, beforeAll } from 'vitest';
import { VENUE_HOSTS } from '../content/helpers';
import { launchWithExtension, type ExtensionSession } from '../harness/chromium';
import { extensionReader, startCli, type CliSession, type StorageReader } from '../shared/background';
import { STUBBED_MARKET_HOSTS, stubMarketData } from '../shared/market-stubs';
import { describeVenueFigures, SPA_MARKS, STUB_MARK } from './venue-figures.suite';

/**
 * Issue 6 #14 in Chromium: the venue suite (venue-figures.suite.ts) with one browser for the file.
 * The same body runs in Firefox ESR in venue-figures.firefox.e2e.test.ts.
 */

let session: ExtensionSession;
let reader: StorageReader;
let calc: CliSession;
const fileStart = performance.now();
const report: string[] = [];

beforeAll(async () => {
  calc = startCli();
  session = await launchWithExtension({ hosts: [...VENUE_HOSTS, ...STUBBED_MARKET_HOSTS] });
  stubMarketData(session.server, { mark: STUB_MARK, marks: SPA_MARKS });
  reader = await extensionReader(session);
});
afterAll(async () => {
  await Promise.all([session?.close(), calc?.close()]);
  for (const line of report) console.log(line);
  console.log(`[venue figures] file runtime ${((performance.now() - fileStart) / 1000).toFixed(1)} s (one browser)`);
});

describeVenueFigures(
  'Chromium',
  () => ({
    reader,
    calc,
    venueUrl: (host, pathname, fixture) => session.venueUrl(host, pathname, fixture),
    async open(url) {
      const page = await session.context.newPage();
      await page.goto(url);
      return page;
    },
  }),
  report,
);
