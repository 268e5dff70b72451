/**
 * The content scripts' long-lived port to the background (src/content/port.ts, src/background/port.ts):
 * the page posts `{ id, message }` with a message of src/shared/messages.ts, the background answers
 * `{ id, reply }` on the same port.
 *
 * A keystroke's answer (the reply to a form/snapshot) is mostly what the answer before it said: the
 * venue's policy, the assumptions, the account, the other side. So on a port the background sends such
 * an answer whole once, marked `keep`, and after that only `patch`: the values that changed since the
 * last answer kept on this port, each at its path. The page rebuilds the whole answer from the one it
 * kept (`patched`), so what it shows is exactly what a whole answer would have shown, and what did not
 * change is the very same object as before. Both ends keep the last answer per port, and a port delivers
 * its posts in order, so the two copies never differ; a new port (after the worker stopped) starts again
 * with a whole answer. Every other reply is whole and leaves the kept answer as it was.
 */
export const PORT_NAME = 'liqguard';

export interface PortPost {
  id: number;
  message: unknown;
}

/**
 * How one value changed: `[value]`, replaced by that value; or, for an object or array, an object naming
 * only its keys (array indices) that changed, each with how it changed. Nested, so a path is spelled once.
 */
export type PortPatch = [value: unknown] | { [key: string]: PortPatch };

export interface PortReply {
  id: number;
  /** The whole reply (absent when `patch` carries it). */
  reply?: unknown;
  /** This whole reply is the one the next `patch` on this port applies to. */
  keep?: 1;
  /** The reply as the changes to the last kept one, which it then replaces. */
  patch?: PortPatch;
}

/** `base` changed as `patch` says, copying only the objects and arrays on a change's path: everything else stays shared. */
export function patched(base: unknown, patch: PortPatch): unknown {
  if (Array.isArray(patch)) return patch[0];
  const copy = (Array.isArray(base) ? [...base] : { ...(base as object) }) as Record<string, unknown>;
  for (const k in patch) copy[k] = patched(copy[k], patch[k] as PortPatch);
  return copy;
}
