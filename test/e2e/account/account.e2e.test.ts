import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TabState } from '../../../src/shared/overlay-state';
import { VENUE_HOSTS, waitForAnswer } from '../content/helpers';
import { launchWithExtension, type ExtensionSession } from '../harness/chromium';
import { extensionReader, startCli, type CliSession, type ExtensionReader } from '../shared/background';
import { STUBBED_MARKET_HOSTS, stubMarketData } from '../shared/market-stubs';

let session: ExtensionSession;
let reader: ExtensionReader;
let calc: CliSession;

beforeAll(async () => {
  calc = startCli();
  session = await launchWithExtension({ hosts: [...VENUE_HOSTS, ...STUBBED_MARKET_HOSTS] });
  stubMarketData(session.server, {});
  reader = await extensionReader(session);
});
afterAll(async () => {
  await Promise.all([session?.close(), calc?.close()]);
});

async function accountOf(p: Page) {
  return p.evaluate(() => {
    const root = document.querySelector('liqguard-overlay')?.shadowRoot;
    return {
      summary: root?.querySelector('[data-liqguard="account-summary"]')?.textContent ?? null,
      positions: [...(root?.querySelectorAll('[data-liqguard-position]') ?? [])].map((li) => ({
        name: li.getAttribute('data-liqguard-position'),
        venue: li.querySelector('[data-liqguard="venue-liquidation-price"]')?.getAttribute('data-value') ?? null,
        check: li.querySelector('[data-liqguard="self-check"]')?.textContent ?? null,
        text: li.textContent,
      })),
      alerts: [...(root?.querySelectorAll('[data-liqguard="self-check-warnings"] p') ?? [])].map((p) => p.textContent),
    };
  });
}

describe('account', () => {
  it('binance positions', async () => {
    const p = await session.context.newPage();
    await p.goto(session.venueUrl('www.binance.com', '/en/futures/BTCUSDT', 'account/binance-usdm/positions.html'));
    await waitForAnswer(p);
    await expect.poll(async () => (await accountOf(p)).positions.length, { timeout: 10_000 }).toBe(4);
    console.log(JSON.stringify(await accountOf(p), null, 1));
    const rec = await reader.tabRecordFor('www.binance.com/en/futures/BTCUSDT');
    console.log(JSON.stringify(rec?.result?.replay?.inputs, null, 1));
    console.log(JSON.stringify((rec?.result?.state as Extract<TabState['state'], { kind: 'assessed' }>).assumptions?.map((a) => a.message), null, 1));
    await p.screenshot({ path: '/tmp/acct/binance.png', fullPage: true });
  });
});
