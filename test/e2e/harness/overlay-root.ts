import type { CDPSession, Page } from 'playwright-core';
import type { ElementHandle as PuppeteerElementHandle, Page as PuppeteerPage } from 'puppeteer-core';
import { isFirefoxPage, type AnyPage } from './pages';

/**
 * The overlay ships in a closed shadow root: a page script gets `null` from `host.shadowRoot`
 * and cannot read or rewrite the figures. Tests reach it the one way a page cannot, through
 * the browser's remote protocol, which sees closed roots, so the build under test is the
 * shipped build.
 *
 * - Chromium (CDP): `DOM.describeNode({pierce: true})` lists the host's shadow roots, open or
 *   closed; `DOM.resolveNode` makes the closed root an object inside an isolated world this
 *   harness creates for itself (`Page.createIsolatedWorld`), and `Runtime.callFunctionOn` runs
 *   the test's function there. That world has its own prototypes, so a hostile page that
 *   rewrites `Element.prototype.querySelector` cannot fool the test either. The world lives as
 *   long as the document, so state a function leaves on `globalThis` (a mutation observer, a
 *   timer's samples) is there for the next call.
 * - Firefox (WebDriver BiDi): a node's serialization carries its shadow root, closed included
 *   (`openOrClosedShadowRoot`), as a shared reference that can be passed back as an argument.
 *
 * The function is serialized with `String(fn)`: it must not close over anything; pass data
 * through `arg` (JSON values only).
 */

export type RootFunction<A, R> = (root: ShadowRoot | null, arg: A) => R | Promise<R>;

interface ChromiumAccess {
  cdp: CDPSession;
  world: number | null;
  /** Calls run one at a time: `DOM.getDocument` renumbers the nodes another call may be using. */
  queue: Promise<unknown>;
}

const chromiumAccess = new WeakMap<Page, Promise<ChromiumAccess>>();

function accessFor(page: Page): Promise<ChromiumAccess> {
  let access = chromiumAccess.get(page);
  if (!access) {
    access = page
      .context()
      .newCDPSession(page)
      .then((cdp) => ({ cdp, world: null, queue: Promise.resolve() }));
    chromiumAccess.set(page, access);
  }
  return access;
}

/**
 * Detaches the harness's devtools session from `page` (the next `inOverlay` opens a new one). The session
 * keeps the DOM domain on (`DOM.getDocument` enables it), which makes the browser report the page's DOM
 * changes to it: a measurement of the page's own main-thread time must not carry that on one side only.
 */
export async function releaseOverlayAccess(page: Page): Promise<void> {
  const access = chromiumAccess.get(page);
  if (!access) return;
  chromiumAccess.delete(page);
  const { cdp, queue } = await access;
  await queue;
  await cdp.detach().catch(() => undefined);
}

/** The harness's isolated world: Chromium keeps one world per name and frame, so init scripts added with this name share it. */
export const WORLD_NAME = 'liqguard-e2e';

/** The CDP session the harness uses for `page` (to add init scripts or bindings in `WORLD_NAME`). */
export async function harnessSession(page: Page): Promise<CDPSession> {
  return (await accessFor(page)).cdp;
}

async function isolatedWorld(access: ChromiumAccess): Promise<number> {
  if (access.world !== null) return access.world;
  const { frameTree } = (await access.cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
  const { executionContextId } = (await access.cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: WORLD_NAME })) as { executionContextId: number };
  access.world = executionContextId;
  return executionContextId;
}

/** The backend node id of the overlay host's shadow root (closed or open), or null when there is no overlay. */
async function rootNodeId(cdp: CDPSession): Promise<number | null> {
  const { root } = (await cdp.send('DOM.getDocument', { depth: 0 })) as { root: { nodeId: number } };
  const { nodeId } = (await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'liqguard-overlay' })) as { nodeId: number };
  if (!nodeId) return null;
  const { node } = (await cdp.send('DOM.describeNode', { nodeId, depth: 1, pierce: true })) as { node: { shadowRoots?: { backendNodeId: number }[] } };
  return node.shadowRoots?.[0]?.backendNodeId ?? null;
}

// A navigation between two steps: the world or the node went with the old document.
const STALE_WORLD = /Cannot find context|Execution context was destroyed|No frame|Cannot find default execution context|Node with given id does not belong|Could not find node with given id|No node with given id/i;

/** Evaluates a script's source (a library such as axe-core) in the harness's isolated world of `page`. */
export async function loadIntoOverlayWorld(page: Page, source: string): Promise<void> {
  const access = await accessFor(page);
  const run = access.queue.then(async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        const r = (await access.cdp.send('Runtime.evaluate', { expression: source, contextId: await isolatedWorld(access) })) as { exceptionDetails?: { text: string } };
        if (r.exceptionDetails) throw new Error(`loading a script into the harness world: ${r.exceptionDetails.text}`);
        return;
      } catch (error) {
        if (attempt < 2 && STALE_WORLD.test(String((error as Error)?.message))) {
          access.world = null;
          continue;
        }
        throw error;
      }
    }
  });
  access.queue = run.catch(() => undefined);
  return run;
}

/**
 * Runs `fn(root, arg)` in the harness's isolated world of `page`, with the overlay's (closed)
 * shadow root, or null when the page has no overlay. Returns what `fn` returns (by value).
 * A Firefox page goes to `inOverlayFirefox`.
 */
export async function inOverlay<A, R>(page: AnyPage, fn: RootFunction<A, R>, arg?: A): Promise<R> {
  if (isFirefoxPage(page)) return inOverlayFirefox(page, fn, arg);
  const access = await accessFor(page);
  const run = access.queue.then(() => runInOverlay(access, fn, arg));
  access.queue = run.catch(() => undefined);
  return run;
}

async function runInOverlay<A, R>(access: ChromiumAccess, fn: RootFunction<A, R>, arg?: A): Promise<R> {
  const { cdp } = access;
  // `__name`: tsx (esbuild keepNames) wraps named inner functions in it; the world has no such helper.
  const declaration = `function (arg) { const __name = (f) => f; return (${String(fn)})(this === globalThis || this === undefined ? null : this, arg); }`;
  for (let attempt = 0; ; attempt++) {
    try {
      const world = await isolatedWorld(access);
      const backendNodeId = await rootNodeId(cdp);
      const target = backendNodeId === null ? null : ((await cdp.send('DOM.resolveNode', { backendNodeId, executionContextId: world })) as { object: { objectId?: string } }).object.objectId;
      const result = (await cdp.send('Runtime.callFunctionOn', {
        functionDeclaration: declaration,
        ...(target ? { objectId: target } : { executionContextId: world }),
        arguments: arg === undefined ? [] : [{ value: arg }],
        returnByValue: true,
        awaitPromise: true,
      })) as { result: { value?: unknown }; exceptionDetails?: { text: string; exception?: { description?: string } } };
      if (target) await cdp.send('Runtime.releaseObject', { objectId: target }).catch(() => undefined);
      if (result.exceptionDetails) throw new Error(`in the overlay: ${result.exceptionDetails.exception?.description ?? result.exceptionDetails.text}`);
      return result.result.value as R;
    } catch (error) {
      // A navigation destroys the harness's world with the document: make a new one and try again.
      if (attempt < 2 && STALE_WORLD.test(String((error as Error)?.message))) {
        access.world = null;
        continue;
      }
      throw error;
    }
  }
}

/**
 * The same for Firefox through puppeteer-core over WebDriver BiDi, in the page's main realm
 * (the Firefox suite runs no hostile page).
 */
export async function inOverlayFirefox<A, R>(page: PuppeteerPage, fn: RootFunction<A, R>, arg?: A): Promise<R> {
  const host = (await page.evaluateHandle(() => document.querySelector('liqguard-overlay'))) as PuppeteerElementHandle<Element> | null;
  try {
    type Remote = { type: string; value?: { shadowRoot?: { type: string; sharedId?: string } | null } };
    const remote = (host as unknown as { remoteValue(): Remote } | null)?.remoteValue();
    const shadow = remote?.type === 'node' ? remote.value?.shadowRoot : null;
    // puppeteer's evaluate types unwrap handles in arguments; these are plain JSON values.
    type Loose = (root: unknown, arg: unknown) => unknown;
    if (!host || !shadow?.sharedId) return (await page.evaluate(fn as Loose, null, arg as unknown)) as R;
    // puppeteer builds element handles from a BiDi node value; the shadow root's shared reference is one.
    const Handle = host.constructor as unknown as { from(value: unknown, realm: unknown): PuppeteerElementHandle<ShadowRoot> };
    const root = Handle.from(shadow, (host as unknown as { realm: unknown }).realm);
    return (await root.evaluate(fn as Loose, arg as unknown)) as R;
  } finally {
    await host?.dispose().catch(() => undefined);
  }
}
