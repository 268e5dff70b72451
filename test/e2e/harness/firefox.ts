import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { FIREFOX_PATH } from './browsers';
import { DIST_FIREFOX } from './paths';
import { startFixtureServer, type FixtureServer } from './server';

export interface FirefoxSession {
  browser: Browser;
  server: FixtureServer;
  /** https URL of a fixture page served under a venue's real hostname (no port: as in Chromium). */
  venueUrl(host: string, pathname: string, fixture: string): string;
  /** moz-extension URL of one of the extension's pages (its UUID is fixed by the harness). */
  extensionUrl(page: string): string;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * A proxy that answers every CONNECT with a tunnel to the fixture server: Firefox has no
 * host-resolver rules, and `network.dns.localDomains` maps a name to this machine but not to the
 * server's port. Through the proxy, pages and the extension's background both reach every
 * hostname on port 443 as in the field, and every request still lands in `server.requests`.
 */
async function startTunnel(port: number): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const proxy = http.createServer((_req, res) => {
    // Plain http is never used by the extension or the fixtures: refuse rather than forward.
    res.writeHead(502).end('https only');
  });
  proxy.on('connect', (_req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const upstream = net.connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    port: (proxy.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        proxy.close(() => resolve());
      }),
  };
}

/** The add-on id the Firefox build declares (browser_specific_settings.gecko.id). */
function addonId(dist: string): string {
  const manifest = JSON.parse(readFileSync(path.join(dist, 'manifest.json'), 'utf8')) as { browser_specific_settings?: { gecko?: { id?: string } } };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`${dist}/manifest.json declares no gecko id`);
  return id;
}

/**
 * Firefox ESR over WebDriver BiDi, with dist/firefox installed as a temporary add-on. Every
 * https request goes through the tunnel to the fixture server, so `hosts` only names the
 * certificate's hostnames. The extension's moz-extension UUID is chosen here (Firefox picks a
 * random one per profile otherwise), so tests can open its pages.
 */
export async function launchFirefoxWithExtension(hosts: readonly string[], options: { dist?: string } = {}): Promise<FirefoxSession> {
  const dist = options.dist ?? DIST_FIREFOX;
  const uuid = randomUUID();
  const server = await startFixtureServer(hosts);
  const tunnel = await startTunnel(server.port);
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      acceptInsecureCerts: true,
      extraPrefsFirefox: {
        'network.proxy.type': 1,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': tunnel.port,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': tunnel.port,
        'network.proxy.no_proxies_on': '',
        'network.proxy.allow_hijacking_localhost': true,
        'network.dns.disablePrefetch': true,
        'extensions.webextensions.uuids': JSON.stringify({ [addonId(dist)]: uuid }),
      },
    });
  } catch (error) {
    await tunnel.close();
    await server.close();
    throw error;
  }
  await browser.installExtension(dist);
  return {
    browser,
    server,
    venueUrl: (host, pathname, fixture) => `https://${host}${pathname}?fixture=${encodeURIComponent(fixture)}`,
    extensionUrl: (page) => `moz-extension://${uuid}/${page}`,
    newPage: () => browser.newPage(),
    async close() {
      await browser.close().catch(() => undefined);
      await tunnel.close();
      await server.close();
    },
  };
}
