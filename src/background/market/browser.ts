/**
 * The market-data service wired to the real browser: storage.local (with a copy in memory), the global
 * fetch, the wall clock and the packaged snapshots (each symbol's bundled table also cached in
 * storage.local, per file). The router calls `createBrowserMarketData()` once at worker start-up;
 * creating it does no I/O (everything is lazy).
 */
import browser from 'webextension-polyfill';
import { BUNDLED_URLS, loadBundledFromPackage } from './bundled';
import { createMarketData, type MarketData } from './market-data';
import { memoStore } from './memo-store';
import type { KeyValueStore } from './store';

export function browserStore(): KeyValueStore {
  return {
    get: async (key) => (await browser.storage.local.get(key))[key],
    set: async (key, value) => {
      await browser.storage.local.set({ [key]: value });
    },
  };
}

export function createBrowserMarketData(): MarketData {
  return createMarketData({
    // Kept in memory as well (memo-store.ts): a warm worker's lookups then cost no storage round trip.
    storage: memoStore(browserStore()),
    fetch: (url, init) => fetch(url, init),
    now: () => Date.now(),
    loadBundled: (name) => loadBundledFromPackage(name),
    // The asset URL carries a hash of the file's content; the version covers builds without hashed names.
    bundledFileId: (name) => `${browser.runtime.getManifest().version} ${BUNDLED_URLS[name]}`,
  });
}
