/**
 * The first run of a new LiqGuard version (an update, a reinstall over old data, or a downgrade).
 * Detected on every worker start by comparing the version that last ran, kept in storage.local,
 * with this one, rather than from runtime.onInstalled, whose order against the first messages a
 * restarted worker receives is not guaranteed: the background holds its market-data lookups until
 * this has run (see index.ts).
 *
 * What it does, and why:
 * - What the trader set is left exactly as it is. Settings (storage.sync) are migrated when read and
 *   written only when the trader saves (src/shared/settings.ts); picked fields and the overlay's
 *   position (storage.local) keep their versioned shapes, which every version reads.
 * - Cached market data is revalidated: every stored tier table, contract spec and volatility estimate
 *   was parsed and checked by the previous version's code, so each is marked to be fetched again at
 *   its next use, whatever its age. Until then the copy is still served (re-validated by today's checks
 *   when read back, as every stored copy is), so a trader offline after an update loses nothing.
 *   Bundled tables cached per symbol name their file and version and are re-read by themselves.
 */

export interface LocalArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** The version that last ran, in storage.local. Versions before 0.2.0 did not write it. */
export const LAST_VERSION_KEY = 'liqguard/version';

/** Market-data copies that were fetched and parsed (market-data.ts), as opposed to the bundled ones. */
const FETCHED_MARKET_DATA = /^market\/v1\/(tiers|spec|vol)\//;

export interface UpgradeReport {
  /** The version that ran before, null when none recorded one (0.1.0 or a fresh install). */
  from: string | null;
  to: string;
  /** How many stored market-data copies were marked to be fetched again. */
  revalidated: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Runs the first-run work of `version` if it has not run yet; a no-op (one read) on every later start. */
export async function upgradeStorage(local: LocalArea, version: string): Promise<UpgradeReport | null> {
  const seen = (await local.get(LAST_VERSION_KEY))[LAST_VERSION_KEY];
  if (seen === version) return null;
  const all = await local.get(null);
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(all)) {
    if (FETCHED_MARKET_DATA.test(key) && isRecord(value)) changes[key] = { ...value, revalidate: true };
  }
  const revalidated = Object.keys(changes).length;
  changes[LAST_VERSION_KEY] = version;
  await local.set(changes);
  return { from: typeof seen === 'string' ? seen : null, to: version, revalidated };
}

/**
 * `service` with every method call held until `ready` has settled (either way): market-data lookups
 * wait for the first-run work above, so none reads a copy before it is marked. Every method of the
 * market-data service returns a promise, so holding one changes no signature.
 */
export function afterUpgrade<T extends object>(service: T, ready: Promise<unknown>): T {
  const settled = ready.then(
    () => undefined,
    () => undefined,
  );
  return new Proxy(service, {
    get(target, prop, receiver) {
      const member: unknown = Reflect.get(target, prop, receiver);
      if (typeof member !== 'function') return member;
      return (...args: unknown[]) => settled.then(() => (member as (...a: unknown[]) => unknown).apply(target, args));
    },
  });
}
