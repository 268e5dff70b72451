/**
 * Counters the background keeps in storage.session: how many messages each handler ran, how
 * many were rejected and why, and how often the worker started. They exist to prove, from an
 * extension page, that a forged message never reached a handler and that a worker really
 * restarted. Local only: nothing is ever sent anywhere (no telemetry).
 */
import type { ErrorCode, MessageType } from '../shared/messages';
import type { SessionArea } from './browser-api';
import { pauseScheduler } from './pause';
import { WRITE_MAX_WAIT_MS, WRITE_SPACING_MS } from './tab-store';

export const STATS_KEY = 'bg/stats';
export const WORKER_KEY = 'bg/worker';
const RECENT = 10;

export interface Stats {
  /** Messages a handler ran for, by type. */
  handled: Partial<Record<MessageType, number>>;
  /** Messages refused before any handler, by error code. */
  rejected: Partial<Record<ErrorCode, number>>;
  /** The latest refusals, newest first (no message content: type, code, sender origin). */
  recent: { at: number; code: ErrorCode; type: string | null; from: string }[];
}

export interface WorkerInfo {
  starts: number;
  lastStartAt: number;
}

function asStats(raw: unknown): Stats {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<Stats>;
  return {
    handled: typeof r.handled === 'object' && r.handled !== null ? { ...r.handled } : {},
    rejected: typeof r.rejected === 'object' && r.rejected !== null ? { ...r.rejected } : {},
    recent: Array.isArray(r.recent) ? r.recent.slice(0, RECENT) : [],
  };
}

export interface StatsRecorder {
  handled(type: MessageType): Promise<void>;
  rejected(code: ErrorCode, type: string | null, from: string, at: number): Promise<void>;
  workerStarted(at: number): Promise<WorkerInfo>;
  read(): Promise<Stats>;
}

export function createStats(session: SessionArea): StatsRecorder {
  // Only this recorder writes the key: it is read once per worker, counted in memory, and written after
  // the task that counted (every message is counted, and a keystroke's answer goes out before the write;
  // several counts in one task share a write). While the trader types (a message every few tens of
  // milliseconds) the counts wait for a pause, as the tab's record does (tab-store.ts): written once none
  // came for WRITE_SPACING_MS, and at the latest WRITE_MAX_WAIT_MS after the first that waited. A failed
  // read or write leaves the next count to read again.
  let copy: Promise<Stats> | null = null;
  let flush: Promise<void> | null = null;
  const writes = pauseScheduler({ spacingMs: WRITE_SPACING_MS, maxWaitMs: WRITE_MAX_WAIT_MS });
  const load = (): Promise<Stats> => {
    const read = session.get(STATS_KEY).then((r) => asStats(r[STATS_KEY]));
    copy = read;
    read.catch(() => {
      if (copy === read) copy = null;
    });
    return read;
  };
  const change = async (fn: (s: Stats) => void): Promise<void> => {
    try {
      const s = await (copy ?? load());
      fn(s);
      if (flush) writes.request(() => undefined);
      flush ??= new Promise<void>((resolve) => writes.request(resolve)).then(() => {
        flush = null;
        writes.ran();
        return session.set({ [STATS_KEY]: structuredClone(s) });
      });
      await flush.catch(() => {
        copy = null;
      });
    } catch {
      // Counters are diagnostics: a storage failure never reaches a message's answer.
    }
  };
  return {
    handled: (type) =>
      change((s) => {
        s.handled[type] = (s.handled[type] ?? 0) + 1;
      }),
    rejected: (code, type, from, at) =>
      change((s) => {
        s.rejected[code] = (s.rejected[code] ?? 0) + 1;
        s.recent = [{ at, code, type, from }, ...s.recent].slice(0, RECENT);
      }),
    async workerStarted(at) {
      const raw = (await session.get(WORKER_KEY))[WORKER_KEY] as Partial<WorkerInfo> | undefined;
      const info: WorkerInfo = { starts: (typeof raw?.starts === 'number' ? raw.starts : 0) + 1, lastStartAt: at };
      await session.set({ [WORKER_KEY]: info });
      return info;
    },
    read: async () => structuredClone(await (copy ?? load())),
  };
}
