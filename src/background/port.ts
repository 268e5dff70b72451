/**
 * The background's end of the content scripts' long-lived ports (src/content/port.ts): each post
 * is `{ id, message }`, routed exactly like a runtime.sendMessage message (the same sender checks,
 * schema and handler, with the port's sender, which the browser fills in and a page cannot forge),
 * and answered on the same port as `{ id, reply }`. A port of another name, or a post without a
 * numeric id, is not LiqGuard's protocol: the port is closed, nothing is routed.
 */
import { PORT_NAME, type PortPost, type PortReply } from '../shared/port-protocol';
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

export function servePort(port: ServedPort, route: Route): void {
  if (port.name !== PORT_NAME) return port.disconnect();
  let open = true;
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
      try {
        port.postMessage({ id, reply });
      } catch {
        open = false;
      }
    };
    // The router answers every message, refusals included; should it ever fail, the page is told "no answer".
    route(message, port.sender).then(answer, () => answer(undefined));
  });
}
