/**
 * The background's end of the content scripts' long-lived ports (src/content/port.ts): each post
 * is `{ id, message }`, routed exactly like a runtime.sendMessage message (the same sender checks,
 * schema and handler, with the port's sender, which the browser fills in and a page cannot forge),
 * and answered on the same port as `{ id, reply }`. A port of another name, or a post without a
 * numeric id, is not LiqGuard's protocol: the port is closed, nothing is routed.
 *
 * A form/snapshot's answer goes whole the first time on a port (`keep`), then as the changes since
 * the last one (`patch`, src/shared/port-protocol.ts): a keystroke's answer is 9–12 KiB whole and
 * mostly the same as the one before, and every byte of it is serialised here, copied through the
 * browser process and deserialised in the page, on the keystroke's path. Refusals (a stale snapshot,
 * an invalid one) and every other message's reply go whole and leave the kept answer alone.
 */
import { PORT_NAME, type PortPatch, type PortPost, type PortReply } from '../shared/port-protocol';
import type { Route } from './router';
import type { SenderLike } from './sender';

export interface ServedPort {
  name: string;
  sender?: SenderLike;
  postMessage(message: PortReply): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
/** A key as the port's serialisation sees it: an own property, not undefined (JSON drops those). */
const has = (o: Record<string, unknown>, k: string) => Object.hasOwn(o, k) && o[k] !== undefined;
const whole = (v: unknown): PortPatch => [v];

/**
 * How `next` differs from `prev` (see `patched()`), for JSON-like values; undefined when they are equal.
 * An array of another length, an object that lost a key, or one with a `__proto__` key (which a copy
 * cannot take as an own key) is replaced whole; other objects and arrays are compared key by key.
 */
export function changesBetween(prev: unknown, next: unknown): PortPatch | undefined {
  if (prev === next) return undefined;
  if (!isObject(prev) || !isObject(next) || Array.isArray(prev) !== Array.isArray(next)) return whole(next);
  if (Array.isArray(prev) && Array.isArray(next) && prev.length !== next.length) return whole(next);
  const keys = Object.keys(next).filter((k) => has(next, k));
  if (keys.includes('__proto__') || Object.keys(prev).some((k) => has(prev, k) && !has(next, k))) return whole(next);
  const out: Record<string, PortPatch> = {};
  let changed = false;
  for (const k of keys) {
    const c = has(prev, k) ? changesBetween(prev[k], next[k]) : whole(next[k]);
    if (c === undefined) continue;
    out[k] = c;
    changed = true;
  }
  return changed ? out : undefined;
}

/** A form/snapshot's answer with figures (not a refusal): the one kind of reply sent as changes. */
const keepable = (message: unknown, reply: unknown) => isObject(message) && message.type === 'form/snapshot' && isObject(reply) && reply.ok === true;

export function servePort(port: ServedPort, route: Route): void {
  if (port.name !== PORT_NAME) return port.disconnect();
  let open = true;
  /** The last form answer posted on this port, which the page keeps too: the next one goes as changes to it. */
  let kept: unknown;
  port.onDisconnect.addListener(() => {
    open = false;
  });
  port.onMessage.addListener((post) => {
    const { id, message } = (typeof post === 'object' && post !== null ? post : {}) as Partial<PortPost>;
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
      open = false;
      return port.disconnect();
    }
    const answer = (reply: unknown) => {
      // The page went away (or reloaded) meanwhile: there is no one to answer.
      if (!open) return;
      let out: PortReply = { id, reply };
      if (keepable(message, reply)) {
        // Answers are never changed once given (the tab store's records neither), so the kept one is this very object.
        out = kept === undefined ? { id, reply, keep: 1 } : { id, patch: changesBetween(kept, reply) ?? {} };
        kept = reply;
      }
      try {
        port.postMessage(out);
      } catch {
        open = false;
      }
    };
    // The router answers every message, refusals included; should it ever fail, the page is told "no answer".
    route(message, port.sender).then(answer, () => answer(undefined));
  });
}
