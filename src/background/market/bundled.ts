/**
 * Where the bundled snapshots live in the built extension. `?url&no-inline` makes Vite emit each JSON file
 * as its own asset (never inlined into the worker, never into a content script); the worker fetches the
 * packaged file (a local read, not network traffic) only when a table is first needed, because a dynamic
 * import crashes the service worker under Vite 8 (crxjs #1235).
 */
import coinmUrl from '../data/binance-coinm.json?url&no-inline';
import usdmUrl from '../data/binance-usdm.json?url&no-inline';
import hyperliquidUrl from '../data/hyperliquid.json?url&no-inline';
import type { SnapshotName } from '../../core/market/snapshot-format';

export const BUNDLED_URLS: Record<SnapshotName, string> = {
  'binance-usdm': usdmUrl,
  'binance-coinm': coinmUrl,
  hyperliquid: hyperliquidUrl,
};

/** Loads a packaged snapshot. Only extension-packaged paths are accepted. */
export async function loadBundledFromPackage(name: SnapshotName, fetchFn: typeof fetch = fetch): Promise<unknown> {
  const url = BUNDLED_URLS[name];
  if (!url || /^[a-z]+:\/\//i.test(url) && !url.startsWith('chrome-extension://') && !url.startsWith('moz-extension://')) {
    throw new Error(`Bundled ${name} has no packaged URL.`);
  }
  const res = await fetchFn(url);
  if (!res.ok) throw new Error(`Bundled ${name}: HTTP ${res.status}.`);
  return (await res.json()) as unknown;
}
