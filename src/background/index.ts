/**
 * LiqGuard's service worker. Chrome stops it after 30 s idle and starts it again for the next
 * event, so:
 *   - every listener is registered here, synchronously, on the first turn of the module (an event
 *     that wakes the worker is delivered only to listeners that exist by then);
 *   - no state lives only in a global: per-tab answers and work in progress are in storage.session,
 *     settings in storage.sync, market data in storage.local. The copies kept in memory to answer
 *     faster (tab records, settings, market data) are refilled from storage by a restarted worker;
 *   - nothing here imports dynamically (crxjs #1235: a dynamic import() kills the worker under Vite 8).
 * No runtime.onMessageExternal / onConnectExternal listener exists and the manifest has no
 * externally_connectable: web pages and other extensions cannot reach a handler.
 */
import browser from 'webextension-polyfill';
import { createBackground } from './background';
import { browserApi } from './browser-api';
import { createBrowserMarketData } from './market/index';
import { servePort, type ServedPort } from './port';
import type { SenderLike } from './sender';
import { takeOverOnInstall } from './take-over';
import { afterUpgrade, upgradeStorage } from './upgrade';

// A new version answers at once, even while a tab of the previous one is open (take-over.ts).
takeOverOnInstall(globalThis, (error) => console.error('LiqGuard: the new version could not take over from the previous one', error));

// The first run of a new version marks cached market data to be fetched again (upgrade.ts); market
// lookups wait for it. On every later start this is one storage read.
const upgraded = upgradeStorage({ get: (keys) => browser.storage.local.get(keys), set: (items) => browser.storage.local.set(items) }, browser.runtime.getManifest().version).then(
  (report) => {
    if (report) console.info(`LiqGuard ${report.to}: first run after ${report.from ?? 'an earlier version or a fresh install'}; ${report.revalidated} cached market-data copies will be fetched again.`);
  },
  (error: unknown) => console.error('LiqGuard: the first-run step of this version failed', error),
);

const background = createBackground({
  api: browserApi(),
  market: afterUpgrade(createBrowserMarketData(), upgraded),
  now: () => Date.now(),
  log: {
    warn: (message) => console.warn(message),
    error: (message, error) => console.error(message, error),
  },
});

browser.runtime.onMessage.addListener((message: unknown, sender: SenderLike) => background.onMessage(message, sender));
// The content scripts' snapshots and answers travel on one long-lived port per page (port.ts).
browser.runtime.onConnect.addListener((port) => servePort(port as ServedPort, background.onMessage));
browser.tabs.onRemoved.addListener((tabId: number) => void background.onTabRemoved(tabId));
browser.tabs.onUpdated.addListener((tabId: number, change: { status?: string; url?: string }) => void background.onTabUpdated(tabId, change));
// storage.sync's own event, not storage.onChanged: that one would also deliver every
// storage.session write (the tab records, two per keystroke, old and new value) to this worker.
// Only a browser without the per-area event gets the general one (correct, just busier).
const syncArea = browser.storage.sync as Partial<Pick<typeof browser.storage.sync, 'onChanged'>>;
if (syncArea.onChanged) syncArea.onChanged.addListener((changes: Record<string, unknown>) => background.onStorageChanged(changes, 'sync'));
else browser.storage.onChanged.addListener((changes: Record<string, unknown>, area: string) => background.onStorageChanged(changes, area));

void background.onStartup();
