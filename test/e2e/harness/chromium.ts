import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM_PATH } from './browsers';
import { DIST_CHROME } from './paths';
import { startFixtureServer, type FixtureServer } from './server';

export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
  server: FixtureServer;
  /** https URL of a fixture page served under a venue's real hostname. */
  venueUrl(host: string, pathname: string, fixture: string): string;
  extensionUrl(page: string): string;
  openPopup(options?: { width?: number; height?: number }): Promise<Page>;
  /**
   * Stops the service worker the way Chrome does when it idles out, and waits until it is gone
   * (`wait: false`: returns once it was told to stop, for a test whose page wakes it at once).
   */
  stopServiceWorker(options?: { wait?: boolean }): Promise<void>;
  close(): Promise<void>;
}

/**
 * Launches Debian's Chromium with the built extension. Every hostname resolves to the
 * local fixture server, so a stray request anywhere shows up in `server.requests`
 * instead of leaving the machine.
 */
export interface LaunchOptions {
  dist?: string;
  hosts?: readonly string[];
  headless?: boolean;
  /** A browser profile the caller keeps (an upgrade test launches twice on it); by default a throwaway one. */
  userDataDir?: string;
  /** Extra command-line switches for this launch. */
  args?: readonly string[];
}

export async function launchWithExtension(options: LaunchOptions = {}): Promise<ExtensionSession> {
  const dist = options.dist ?? DIST_CHROME;
  const server = await startFixtureServer(options.hosts ?? []);
  const ownProfile = options.userDataDir === undefined;
  const userDataDir = options.userDataDir ?? mkdtempSync(path.join(tmpdir(), 'liqguard-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: options.headless ?? true,
      // A visible window (`npm run demo` on a desktop) takes the window's size, not a fixed viewport.
      ...(options.headless === false ? { viewport: null } : {}),
      ignoreHTTPSErrors: true,
      args: [
        `--disable-extensions-except=${dist}`,
        `--load-extension=${dist}`,
        `--host-resolver-rules=MAP * 127.0.0.1:${server.port}, EXCLUDE localhost`,
        // ignoreHTTPSErrors covers pages only: the extension's service worker fetches the venues'
        // market-data hosts (mapped to the fixture server) and needs the browser-wide switch.
        '--ignore-certificate-errors',
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        ...(options.args ?? []),
      ],
    });
  } catch (error) {
    await server.close();
    if (ownProfile) rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  let cdp: CDPSession | undefined;

  const serviceWorkerTargets = async (session: CDPSession) =>
    ((await session.send('Target.getTargets')) as { targetInfos: { type: string; url: string; targetId: string }[] }).targetInfos.filter(
      (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`),
    );

  return {
    context,
    extensionId,
    server,
    venueUrl: (host, pathname, fixture) => `https://${host}${pathname}?fixture=${encodeURIComponent(fixture)}`,
    extensionUrl: (page) => `chrome-extension://${extensionId}/${page}`,
    async openPopup({ width = 380, height = 600 } = {}) {
      const page = await context.newPage();
      await page.setViewportSize({ width, height });
      await page.goto(`chrome-extension://${extensionId}/src/popup/index.html`);
      return page;
    },
    async stopServiceWorker({ wait = true } = {}) {
      const browser = context.browser();
      if (!cdp) {
        if (!browser) throw new Error('persistent context has no browser handle for CDP');
        cdp = await browser.newBrowserCDPSession();
      }
      const session = cdp;
      const targets = await serviceWorkerTargets(session);
      for (const t of targets) await session.send('Target.closeTarget', { targetId: t.targetId });
      // A restarted worker keeps its target id: when a message wakes it at once, the target never
      // disappears, and the caller checks the restart another way (the worker's start counter).
      if (!wait) return;
      const deadline = Date.now() + 5_000;
      while ((await serviceWorkerTargets(session)).length > 0) {
        if (Date.now() > deadline) throw new Error('service worker did not stop within 5 s');
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async close() {
      await context.close().catch(() => undefined);
      await server.close();
      if (ownProfile) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
