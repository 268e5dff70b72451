import { startContent } from './controller';
import { extensionApi, nativeApi } from './extension-api';
import { installAccountSpecs, type AccountSpec } from './account/venues';
import { afterDomContentLoaded } from './lifecycle';
import { installAdapters } from './venues/registry';
import type { VenueAdapter } from './venues/types';

/**
 * What every venue's module runs (src/content/start/<venue>.ts, built by crxjs as a standalone bundle and
 * loaded as a module by the content script, src/content/start/module-file.ts): installs that venue's
 * adapters and their positions-list specs (no other venue's) and wires the browser into the controller. The loader runs at document_start, so the module
 * loads while the page does; the controller starts once the page's own deferred scripts have run (lifecycle.ts).
 */
export function startWith(adapters: readonly VenueAdapter[], accounts: Record<string, AccountSpec>): void {
  installAdapters(adapters);
  installAccountSpecs(accounts);
  const native = nativeApi();
  if (!native) return;
  afterDomContentLoaded(window, () => void startContent(extensionApi(native), window));
}
