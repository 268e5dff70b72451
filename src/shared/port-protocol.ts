/**
 * The content scripts' long-lived port to the background (src/content/port.ts, src/background/port.ts):
 * the page posts `{ id, message }` with a message of src/shared/messages.ts, the background answers
 * `{ id, reply }` on the same port.
 */
export const PORT_NAME = 'liqguard';

export interface PortPost {
  id: number;
  message: unknown;
}

export interface PortReply {
  id: number;
  reply: unknown;
}
