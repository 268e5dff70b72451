/**
 * The background's single entry for messages. For every message, in this order:
 *   1. the sender is checked (src/background/sender.ts): only this extension's content scripts on
 *      supported venue pages and its own pages get further;
 *   2. the message is validated against its schema (src/shared/message-schemas.ts);
 *   3. the type must be one that sender kind may send (MESSAGE_SENDERS);
 *   4. the handler from the table runs with the schema's output and the checked sender.
 * A refusal at 1–3 is answered with a typed ErrorReply, counted in storage.session and logged once
 * per (code, type, origin) for the worker's life, so a hostile page cannot flood the console.
 * A handler that throws is answered with an `internal` error; nothing ever crashes the worker.
 */
import { parseRequest } from '../shared/message-schemas';
import { MESSAGE_SENDERS, type AnyResponse, type ErrorCode, type ErrorReply, type MessageType, type RequestOf, type ResponseOf } from '../shared/messages';
import { classifySender, describeSender, type Self, type Sender, type SenderLike } from './sender';
import type { StatsRecorder } from './stats';

export interface HandlerContext<S extends Sender['kind'] = Sender['kind']> {
  sender: Extract<Sender, { kind: S }>;
}

export type Handler<T extends MessageType> = (request: RequestOf<T>, ctx: HandlerContext<(typeof MESSAGE_SENDERS)[T]>) => Promise<ResponseOf<T>>;

/** One entry per message type: registering a handler is one line. */
export type Handlers = { [T in MessageType]: Handler<T> };

export interface Logger {
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

export interface RouterOptions {
  self: Self;
  handlers: Handlers;
  stats: Pick<StatsRecorder, 'handled' | 'rejected'>;
  log: Logger;
  now(): number;
}

export function errorReply(code: ErrorCode, message: string, seq?: number): ErrorReply {
  return seq === undefined ? { ok: false, error: { code, message } } : { ok: false, error: { code, message }, seq };
}

export type Route = (message: unknown, sender: SenderLike | undefined) => Promise<AnyResponse>;

export function createRouter(options: RouterOptions): Route {
  const { self, handlers, stats, log } = options;
  const logged = new Set<string>();

  const refuse = (code: ErrorCode, type: string | null, message: string, sender: SenderLike | undefined, seq?: number): ErrorReply => {
    const from = describeSender(sender);
    const key = `${code}|${type ?? '-'}|${from}`;
    if (!logged.has(key) && logged.size < 500) {
      logged.add(key);
      log.warn(`LiqGuard refused a message (${code}) from ${from}: ${message}`);
    }
    void stats.rejected(code, type, from, options.now());
    return errorReply(code, message, seq);
  };

  return async function route(message, rawSender) {
    // 1. Sender first: a foreign sender's message is not even parsed.
    const check = classifySender(rawSender, self);
    if (!check.ok) {
      const type = typeof (message as { type?: unknown } | null)?.type === 'string' ? String((message as { type: string }).type).slice(0, 40) : null;
      return refuse('forbidden-sender', type, `Message refused: ${check.reason}.`, rawSender);
    }
    // 2. Schema.
    const parsed = parseRequest(message);
    if (!parsed.ok) return refuse(parsed.code, parsed.type, parsed.message, rawSender, parsed.seq);
    const request = parsed.request;
    const seq = 'seq' in request && typeof request.seq === 'number' ? request.seq : undefined;
    // 3. The right kind of sender for this type.
    const expected = MESSAGE_SENDERS[request.type];
    if (check.sender.kind !== expected) {
      const who = expected === 'content' ? 'LiqGuard’s content script on a supported venue page' : 'LiqGuard’s own pages';
      return refuse('forbidden-sender', request.type, `${request.type} may only come from ${who}.`, rawSender, seq);
    }
    // 4. Handler.
    void stats.handled(request.type);
    try {
      const handler = handlers[request.type] as (r: typeof request, c: HandlerContext) => Promise<AnyResponse>;
      return await handler(request, { sender: check.sender });
    } catch (error) {
      const key = `internal|${request.type}`;
      if (!logged.has(key)) {
        logged.add(key);
        log.error(`LiqGuard: the ${request.type} handler failed`, error);
      }
      return errorReply('internal', 'LiqGuard’s background hit an internal error; no figure is shown rather than a wrong one.', seq);
    }
  };
}
