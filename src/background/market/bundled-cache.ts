/**
 * The per-symbol cache of the bundled tier snapshots. Chrome stops the service worker after 30 s idle, and
 * each restart used to load and validate a whole snapshot file (Binance USDⓈ-M: 113 KB, 349 symbols, about
 * 25 ms of a 150 ms wake-up) to answer for one symbol. A symbol's answer is kept in storage.local instead:
 * the file's header with that symbol's rows only (an excerpt in the same format), or the fact that the file
 * has no such symbol.
 *
 * Every entry names the packaged file it came from (`fileId`: the extension version and the file's
 * content-hashed URL), so an update that ships a new file never reads an old entry. On read, an excerpt is
 * validated by the very code that validates the whole file (parseSnapshot, then snapshotTable with its tier
 * checks), so a cached table is exactly the table the file gives, and a damaged entry is a miss.
 */
import type { VenueId } from '../../core/engine/types';
import { parseSnapshot, type SnapshotName, type TierSnapshot } from '../../core/market/snapshot-format';

const VERSION = 1;

export const bundledCacheKey = (venue: VenueId, symbol: string): string => `market/v1/bundled/${venue}/${symbol}`;

export type BundledCacheEntry =
  | { v: typeof VERSION; file: string; candidate: string; snapshot: TierSnapshot }
  | { v: typeof VERSION; file: string; absent: true };

/** The file's header and one symbol's rows: enough to rebuild, and re-validate, that symbol's table. */
export function bundledExcerpt(snapshot: TierSnapshot, candidate: string): TierSnapshot {
  const rows = snapshot.symbols[candidate];
  return { ...snapshot, symbols: rows ? { [candidate]: rows } : {} };
}

export function tableEntry(file: string, snapshot: TierSnapshot, candidate: string): BundledCacheEntry {
  return { v: VERSION, file, candidate, snapshot: bundledExcerpt(snapshot, candidate) };
}

export function absentEntry(file: string): BundledCacheEntry {
  return { v: VERSION, file, absent: true };
}

export type CachedBundled = { kind: 'excerpt'; candidate: string; snapshot: TierSnapshot } | { kind: 'absent' } | { kind: 'miss' };

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Reads back an entry for `name`'s file `file`. Anything but a well-formed entry of this very file, whose
 * excerpt passes the bundled-snapshot validation and holds exactly one of `candidates`, is a miss.
 */
export function readBundledCache(raw: unknown, file: string, name: SnapshotName, candidates: readonly string[]): CachedBundled {
  if (!isRecord(raw) || raw['v'] !== VERSION || raw['file'] !== file) return { kind: 'miss' };
  if (raw['absent'] === true) return Object.keys(raw).length === 3 ? { kind: 'absent' } : { kind: 'miss' };
  const candidate = raw['candidate'];
  if (typeof candidate !== 'string' || !candidates.includes(candidate)) return { kind: 'miss' };
  const parsed = parseSnapshot(raw['snapshot']);
  if (!parsed.ok || parsed.value.venue !== name) return { kind: 'miss' };
  const symbols = Object.keys(parsed.value.symbols);
  if (symbols.length !== 1 || symbols[0] !== candidate) return { kind: 'miss' };
  return { kind: 'excerpt', candidate, snapshot: parsed.value };
}
