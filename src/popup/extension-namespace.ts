import type Browser from 'webextension-polyfill';

/**
 * What `import browser from 'webextension-polyfill'` gives the popup's build (vite.config.ts aliases
 * the package to this module there): the browser's own promise-based namespace, `browser` (Firefox;
 * Chromium since it added the alias) or else `chrome` (Chromium's MV3 APIs return promises when no
 * callback is passed, as the content script relies on too).
 *
 * Why not the package itself: where the native `browser` exists the package only hands it back, but
 * bundled as CommonJS its default import goes through an interop copy of every property of that object,
 * and reading a property's descriptor makes Chromium build that API's bindings (action, windows, tabs,
 * storage, …): about a quarter of the popup's first script run, before its first render, for APIs the
 * first view never calls. The package is also 21 KB of the first module file to fetch and parse.
 */
type Namespace = Browser.Browser;

function nativeNamespace(): Namespace {
  const g = globalThis as { browser?: Namespace; chrome?: Namespace };
  const native = g.browser?.runtime?.id ? g.browser : g.chrome?.runtime?.id ? g.chrome : undefined;
  // As the package does: the popup is an extension page; anywhere else there is nothing to talk to.
  if (!native) throw new Error('This script should only be loaded in a browser extension.');
  return native;
}

const browser: Namespace = nativeNamespace();
export default browser;
