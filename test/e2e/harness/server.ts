import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { makeCertificate } from './certificate';
import { FIXTURES } from './paths';

export interface RecordedRequest {
  method: string;
  host: string;
  path: string;
  /** Origin header, when the browser sent one (extension fetches carry chrome-extension://…). */
  origin: string | undefined;
  at: number;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body: string | Buffer;
  /** Hold the answer until this settles: keeps a request in flight for as long as a test needs. */
  after?: Promise<unknown>;
}

/** A route answers a request or returns undefined to let the next route try. */
export type Route = (request: { method: string; host: string; url: URL; body: string }) => Reply | undefined;

export interface FixtureServer {
  port: number;
  /** Every request the server saw, in order: the traffic test reads this. */
  requests: RecordedRequest[];
  /** Routes tried before the fixture route; tests push API stubs here. */
  routes: Route[];
  close(): Promise<void>;
}

/** Where fixture pages load shared files from: `<script type="module" src="/__fixtures__/_runtime/boot.js">`. */
export const RUNTIME_PATH = '/__fixtures__/';
const CONTENT_TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.json': 'application/json' };

/**
 * One HTTPS server stands in for every venue host. The browser maps the venues'
 * hostnames to it (Chromium --host-resolver-rules, Firefox network.dns.localDomains), so
 * content scripts see their real URLs. A page is chosen with `?fixture=<venue>/<file>`;
 * match patterns ignore the query, so the URL still matches the manifest.
 */
export async function startFixtureServer(hosts: readonly string[]): Promise<FixtureServer> {
  const { key, cert } = makeCertificate(hosts);
  const requests: RecordedRequest[] = [];
  const routes: Route[] = [];

  const handle = (req: IncomingMessage, res: ServerResponse, body: string): void => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const url = new URL(req.url ?? '/', `https://${host || 'localhost'}`);
    requests.push({ method: req.method ?? 'GET', host, path: url.pathname + url.search, origin: req.headers.origin, at: Date.now() });
    for (const route of routes) {
      const reply = route({ method: req.method ?? 'GET', host, url, body });
      if (reply) {
        const send = () => {
          // The client may have gone while the answer was held (a stopped service worker).
          if (res.destroyed) return;
          res.writeHead(reply.status ?? 200, { 'access-control-allow-origin': '*', ...reply.headers });
          res.end(reply.body);
        };
        if (reply.after) void reply.after.then(send, send);
        else send();
        return;
      }
    }
    // The fixture pages' shared runtime (test/fixtures/_runtime), served on every venue host.
    if (url.pathname.startsWith(RUNTIME_PATH)) {
      const file = path.resolve(FIXTURES, decodeURIComponent(url.pathname.slice(RUNTIME_PATH.length)));
      if (file.startsWith(FIXTURES + path.sep) && existsSync(file)) {
        res.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
        res.end(readFileSync(file));
        return;
      }
    }
    const fixture = url.searchParams.get('fixture');
    if (fixture) {
      const file = path.resolve(FIXTURES, fixture);
      if (file.startsWith(FIXTURES + path.sep) && existsSync(file)) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(readFileSync(file));
        return;
      }
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end(`no fixture for ${host}${url.pathname}${url.search}`);
  };

  const server = https.createServer({ key, cert }, (req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => handle(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    requests,
    routes,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
