/**
 * A new version's service worker takes over at once, even while a page of the previous version
 * is open.
 *
 * Why: Chrome keeps an extension's service-worker registration across browser restarts. When the
 * files of an unpacked extension were replaced (a trader updating a release by unzipping it over
 * the old folder) and the browser restores a LiqGuard tab it had open (options, diagnostics,
 * calculator), that tab is controlled by the previous version's worker, and by the service-worker
 * rules the new worker then waits ("installed", not active) until the tab closes. Until then every
 * runtime message goes to the previous version's worker: the new content scripts get no answer,
 * or an answer from the old code. skipWaiting() activates the new worker without waiting;
 * clients.claim() moves the open pages over to it, so they talk to the version they were built with.
 *
 * Firefox runs the background as an event page (no service worker, no install event): nothing to do.
 */

interface ExtendableEventLike {
  waitUntil(work: Promise<unknown>): void;
}

/** The part of ServiceWorkerGlobalScope this needs (the project's lib is DOM, not WebWorker). */
export interface WorkerScopeLike {
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEventLike) => void): void;
}

function isWorkerScope(scope: unknown): scope is WorkerScopeLike {
  const s = scope as Partial<WorkerScopeLike> | null;
  return typeof s?.skipWaiting === 'function' && typeof s.clients?.claim === 'function' && typeof s.addEventListener === 'function';
}

/** Registers the take-over on the worker's first turn (install fires after the script has evaluated). Returns false outside a service worker. */
export function takeOverOnInstall(scope: unknown, onError: (error: unknown) => void): boolean {
  if (!isWorkerScope(scope)) return false;
  scope.addEventListener('install', (event) => event.waitUntil(scope.skipWaiting().catch(onError)));
  scope.addEventListener('activate', (event) => event.waitUntil(scope.clients.claim().catch(onError)));
  return true;
}
