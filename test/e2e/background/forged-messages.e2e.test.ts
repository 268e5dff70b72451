import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binanceMarket } from '../../../src/core/assessment/snapshot-fixtures';
import { launchWithExtension, type ExtensionSession } from '../harness/chromium';
import { DIST_CHROME } from '../harness/paths';
import { extensionReader } from './helpers';

/**
 * Nobody but LiqGuard's own content scripts and pages reaches a handler. Two attackers try:
 *  - a script in a venue page's own world calls chrome.runtime.sendMessage/connect with
 *    LiqGuard's id (web pages have no chrome.runtime unless an extension lists them in
 *    externally_connectable, which LiqGuard does not);
 *  - another installed extension's content script, on the same page, sends LiqGuard forged
 *    messages by id (LiqGuard has no onMessageExternal listener).
 * Proof: the background's handled-message counters in storage.session do not move, and each
 * attempt fails at the sender's end.
 */

const FORGED: unknown[] = [
  { type: 'form/snapshot', seq: 1, snapshot: binanceMarket() },
  { type: 'form/cleared', seq: 2, reason: 'empty' },
  { type: 'tab/state', tabId: 1 },
  { type: 'market/refresh' },
  { type: 'ui/open-venue', venueId: 'binance' },
  { type: 'calc/assess', input: { venue: 'binance-usdm', side: 'long' } },
  JSON.parse('{"type":"tab/state","tabId":1,"__proto__":{"polluted":true}}'),
  { type: 'form/snapshot', seq: 3, snapshot: { ...binanceMarket(), url: 'x'.repeat(100_000) } },
];

/** A second extension: a content script on Binance pages that messages LiqGuard by id. */
function attackerExtension(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'liqguard-attacker-'));
  writeFileSync(
    path.join(dir, 'manifest.json'),
    JSON.stringify({ manifest_version: 3, name: 'Attacker', version: '1.0', content_scripts: [{ matches: ['https://www.binance.com/*'], js: ['attack.js'], run_at: 'document_idle' }] }),
  );
  writeFileSync(
    path.join(dir, 'attack.js'),
    `const go = new Promise((resolve) => addEventListener('message', (e) => { if (e.data === 'forge:go') resolve(); }));
(async () => {
  const target = new URLSearchParams(location.search).get('target');
  if (!target) return;
  await go;
  const results = [];
  for (const payload of ${JSON.stringify(FORGED)}) {
    try {
      const reply = await chrome.runtime.sendMessage(target, payload);
      results.push({ reached: true, reply: reply === undefined ? null : reply });
    } catch (e) {
      results.push({ reached: false, error: String((e && e.message) || e) });
    }
  }
  const port = chrome.runtime.connect(target);
  const connect = await new Promise((resolve) => {
    port.onDisconnect.addListener(() => resolve('disconnected: ' + ((chrome.runtime.lastError && chrome.runtime.lastError.message) || '')));
    try { port.postMessage(${JSON.stringify(FORGED[0])}); } catch (e) { resolve('postMessage failed: ' + e); }
    setTimeout(() => resolve('still connected'), 2000);
  });
  document.documentElement.setAttribute('data-attacker', JSON.stringify({ results, connect }));
})();`,
  );
  return dir;
}

/** A page whose own script tries to reach LiqGuard. */
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Forge</title></head><body><p>forge</p>
<script>
  const go = new Promise((resolve) => addEventListener('message', (e) => { if (e.data === 'forge:go') resolve(); }));
  (async () => {
    const target = new URLSearchParams(location.search).get('target');
    await go;
    const out = { hasChromeRuntime: typeof chrome !== 'undefined' && !!chrome.runtime, attempts: [] };
    for (const payload of ${JSON.stringify(FORGED.slice(0, 4))}) {
      try {
        const reply = await chrome.runtime.sendMessage(target, payload);
        out.attempts.push({ reached: true, reply: reply === undefined ? null : reply });
      } catch (e) {
        out.attempts.push({ reached: false, error: String((e && e.message) || e) });
      }
    }
    try { chrome.runtime.connect(target); out.connect = 'opened'; } catch (e) { out.connect = 'failed: ' + e.message; }
    document.documentElement.setAttribute('data-page-attack', JSON.stringify(out));
  })();
</script></body></html>`;

let session: ExtensionSession;
let attacker: string;

beforeAll(async () => {
  attacker = attackerExtension();
  // Both extensions load; the attacker has no service worker, so the harness finds LiqGuard's.
  session = await launchWithExtension({ dist: `${DIST_CHROME},${attacker}`, hosts: ['www.binance.com'] });
  session.server.routes.push(({ host, url }) => (host === 'www.binance.com' && url.pathname === '/en/futures/FORGE' ? { headers: { 'content-type': 'text/html' }, body: PAGE } : undefined));
});
afterAll(async () => {
  await session?.close();
  rmSync(attacker, { recursive: true, force: true });
});

describe('forged messages', () => {
  it('never reach a handler, from a page script or from another extension', async () => {
    const reader = await extensionReader(session);
    // Wake the worker once with a legitimate message so its counters exist.
    await reader.page.evaluate(() => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'market/diagnostics' }));
    type Stats = { handled: Record<string, number>; rejected: Record<string, number> };
    const page = await session.context.newPage();
    await page.goto(`https://www.binance.com/en/futures/FORGE?target=${session.extensionId}`);
    // LiqGuard's own content script runs on this page too and tells the background, once, that it finds no order
    // form there: a legitimate message. The counters are taken after it, and only then do the attacks start.
    await expect.poll(async () => (await reader.get<Stats>('bg/stats'))?.handled['form/cleared'] ?? 0, { timeout: 10_000 }).toBe(1);
    const before = await reader.get<Stats>('bg/stats');
    expect(before?.handled['market/diagnostics']).toBe(1);
    // The other extension's script starts at document_idle: say "go" until both have answered (each goes once).
    const go = () => page.evaluate(() => postMessage('forge:go', '*'));
    await expect.poll(async () => (await go(), page.evaluate(() => document.documentElement.getAttribute('data-page-attack'))), { timeout: 10_000 }).not.toBeNull();
    await expect.poll(async () => (await go(), page.evaluate(() => document.documentElement.getAttribute('data-attacker'))), { timeout: 10_000 }).not.toBeNull();

    const pageAttack = JSON.parse((await page.evaluate(() => document.documentElement.getAttribute('data-page-attack'))) as string) as { hasChromeRuntime: boolean; attempts: { reached: boolean; error?: string }[]; connect: string };
    expect(pageAttack.hasChromeRuntime).toBe(false);
    expect(pageAttack.attempts.every((a) => !a.reached)).toBe(true);
    expect(pageAttack.connect).toMatch(/^failed/);

    const ext = JSON.parse((await page.evaluate(() => document.documentElement.getAttribute('data-attacker'))) as string) as { results: { reached: boolean; error?: string }[]; connect: string };
    expect(ext.results).toHaveLength(FORGED.length);
    for (const r of ext.results) {
      expect(r.reached).toBe(false);
      expect(r.error).toMatch(/Receiving end does not exist|Could not establish connection/);
    }
    expect(ext.connect).toMatch(/^disconnected/);

    // The background's counters did not move: nothing was handled, nothing even reached the router.
    const after = await reader.get<Stats>('bg/stats');
    expect(after?.handled).toEqual(before?.handled);
    expect(after?.rejected).toEqual(before?.rejected);
    console.log(`[forged messages] page script: chrome.runtime ${pageAttack.hasChromeRuntime ? 'present' : 'absent'}, ${pageAttack.attempts.length} attempts failed; other extension: ${ext.results.length} sendMessage attempts failed ("${ext.results[0]?.error}"), connect ${ext.connect}; handled counters unchanged ${JSON.stringify(after?.handled)}`);
    await page.close();
  });
});
