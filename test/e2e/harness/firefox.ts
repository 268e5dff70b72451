import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { FIREFOX_PATH } from './browsers';
import { DIST_FIREFOX } from './paths';
import { startFixtureServer, type FixtureServer } from './server';

export interface FirefoxSession {
  browser: Browser;
  server: FixtureServer;
  /** Firefox has no host-resolver rules: hosts resolve locally and the URL names the port. */
  venueUrl(host: string, pathname: string, fixture: string): string;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** Firefox ESR over WebDriver BiDi, with dist/firefox installed as a temporary add-on. */
export async function launchFirefoxWithExtension(hosts: readonly string[]): Promise<FirefoxSession> {
  const server = await startFixtureServer(hosts);
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      acceptInsecureCerts: true,
      extraPrefsFirefox: { 'network.dns.localDomains': hosts.join(',') },
    });
  } catch (error) {
    await server.close();
    throw error;
  }
  await browser.installExtension(DIST_FIREFOX);
  return {
    browser,
    server,
    venueUrl: (host, pathname, fixture) => `https://${host}:${server.port}${pathname}?fixture=${encodeURIComponent(fixture)}`,
    newPage: () => browser.newPage(),
    async close() {
      await browser.close().catch(() => undefined);
      await server.close();
    },
  };
}
