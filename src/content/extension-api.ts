import type { ContentMessage } from './background-client';
import type { ExtensionApi } from './controller';
import { ON_DEMAND_FILE } from './on-demand-file';
import { PORT_NAME } from '../shared/port-protocol';
import { portSender, type PortLike } from './port';

/**
 * The few extension APIs the content script uses, taken from the native promise-based
 * namespace: `browser` in Firefox, `chrome` in Chromium (MV3 returns promises when no
 * callback is passed). The content script skips webextension-polyfill (~3 KB gzipped) to
 * stay inside its size budget; the popup, options page and background keep using it.
 */
interface StorageArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}
type ChangeListener = (changes: Record<string, { newValue?: unknown }>, area: string) => void;
type MessageListener = (message: unknown, sender: { id?: string; tab?: unknown; url?: string }, sendResponse: (reply: unknown) => void) => boolean | undefined;
interface NativeApi {
  runtime?: {
    id?: string;
    connect(info: { name: string }): PortLike;
    lastError?: unknown;
    getManifest?(): { version?: string };
    getURL(path: string): string;
    onMessage?: { addListener(l: MessageListener): void; removeListener(l: MessageListener): void };
  };
  storage: { local: StorageArea; sync: StorageArea; onChanged: { addListener(l: ChangeListener): void; removeListener(l: ChangeListener): void } };
}

export function nativeApi(): NativeApi | null {
  const g = globalThis as { browser?: NativeApi; chrome?: NativeApi };
  return g.browser?.runtime ? g.browser : g.chrome?.runtime ? g.chrome : null;
}

export function extensionApi(native: NativeApi): ExtensionApi {
  const send = portSender(() => {
    const runtime = native.runtime;
    if (!runtime) throw new Error('Extension context invalidated.');
    const port = runtime.connect({ name: PORT_NAME });
    // Read, so Chrome does not log "Unchecked runtime.lastError" when a stopped worker closes the port.
    port.onDisconnect.addListener(() => void runtime.lastError);
    return port;
  });
  return {
    runtimeId() {
      try {
        return native.runtime?.id;
      } catch {
        return undefined;
      }
    },
    sendMessage: (message: ContentMessage) => send(message),
    local: {
      get: (keys) => native.storage.local.get(keys),
      set: (items) => native.storage.local.set(items),
      remove: (keys) => native.storage.local.remove(keys),
    },
    syncGet: (key) => native.storage.sync.get(key),
    version() {
      try {
        return native.runtime?.getManifest?.().version ?? 'unknown';
      } catch {
        return 'unknown';
      }
    },
    onExtensionMessage(handler, signal) {
      const onMessage = native.runtime?.onMessage;
      if (!onMessage) return;
      // Only this extension's own pages reach a content script's listener; the id check says so again,
      // and a sender in a tab must be one of its pages (Firefox names the tab of an extension page too).
      const listener: MessageListener = (message, sender, sendResponse) => {
        const runtime = native.runtime;
        if (!runtime || sender.id !== runtime.id || (sender.tab && !sender.url?.startsWith(runtime.getURL('')))) return undefined;
        const reply = handler(message);
        if (reply instanceof Promise) {
          // Answered later: returning true keeps the channel open in both browsers.
          void reply.then(sendResponse, () => undefined);
          return true;
        }
        if (reply !== undefined) sendResponse(reply);
        return undefined;
      };
      onMessage.addListener(listener);
      signal.addEventListener('abort', () => {
        try {
          onMessage.removeListener(listener);
        } catch {
          // The extension context may already be gone.
        }
      });
    },
    onDemand() {
      const runtime = native.runtime;
      if (!runtime) return Promise.reject(new Error('Extension context invalidated.'));
      // A module URL the bundler must leave alone: it is the built file, read at run time.
      return import(/* @vite-ignore */ runtime.getURL(ON_DEMAND_FILE)) as ReturnType<ExtensionApi['onDemand']>;
    },
    onStorageChanged(listener, signal) {
      native.storage.onChanged.addListener(listener);
      signal.addEventListener('abort', () => {
        try {
          native.storage.onChanged.removeListener(listener);
        } catch {
          // The extension context may already be gone.
        }
      });
    },
  };
}
