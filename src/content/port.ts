/**
 * The content script's line to the background: one long-lived runtime.connect port per page
 * instead of a runtime.sendMessage per message. A sendMessage opens a new channel every time
 * (open, post, reply, close, each crossing the browser process); on a port a keystroke's snapshot
 * is one post each way. Each post carries an id and its reply the same id, so an answer always
 * resolves the request it answers, whatever order the background finishes them in.
 *
 * The port closes when the background stops (Chrome stops an idle service worker; Firefox its
 * event page) or the browser drops it: every request still waiting on it then fails, as a
 * sendMessage to a stopped worker does, and the caller (background-client.ts) sends it again if
 * it is still the newest; the next send opens a new port, which wakes the background.
 *
 * A form's answer may come as the changes to the last one kept on this port (`patch`, see
 * src/shared/port-protocol.ts): it is rebuilt here, in the order the port delivers, before anyone sees it.
 */

import { patched, type PortPost, type PortReply } from '../shared/port-protocol';

/** The part of runtime.Port used here (Chrome and Firefox alike). */
export interface PortLike {
  postMessage(message: unknown): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export const PORT_CLOSED = 'The port to the background closed.';

type Waiting = [resolve: (reply: unknown) => void, reject: (error: Error) => void];

/** `connect` opens a new port (it throws once the extension context is gone); the result sends one message and resolves to its reply. */
export function portSender(connect: () => PortLike): (message: unknown) => Promise<unknown> {
  let post: ((id: number, message: unknown, w: Waiting) => void) | null = null;
  let last = 0;
  const open = () => {
    const p = connect();
    // The requests waiting on this port: a reply resolves its own; a closed port fails them all (and is not used again).
    const waiting = new Map<number, Waiting>();
    // The last answer the background marked to keep on this port (a new port starts without one).
    let kept: unknown;
    const lost = () => {
      if (post === send) post = null;
      for (const w of waiting.values()) w[1](new Error(PORT_CLOSED));
      waiting.clear();
    };
    const send = (id: number, message: unknown, w: Waiting) => {
      waiting.set(id, w);
      try {
        p.postMessage({ id, message } satisfies PortPost);
      } catch {
        // Closed without its onDisconnect yet.
        lost();
      }
    };
    p.onMessage.addListener((m) => {
      const { id, patch, keep } = (m ?? {}) as PortReply;
      let { reply } = (m ?? {}) as PortReply;
      // Applied whether or not anyone still waits for it: the next patch builds on it.
      if (patch) reply = kept = patched(kept, patch);
      else if (keep) kept = reply;
      const w = waiting.get(id);
      if (!w) return;
      waiting.delete(id);
      w[0](reply);
    });
    p.onDisconnect.addListener(lost);
    return send;
  };
  // Opening fails only with the extension context gone: the promise rejects with that error and the caller stops.
  return (message) => new Promise((resolve, reject) => (post ??= open())(++last, message, [resolve, reject]));
}
