import { startContent } from './controller';
import { extensionApi, nativeApi } from './extension-api';
import { installAdapters } from './venues/registry';
import type { VenueAdapter } from './venues/types';

/**
 * What every content-script bundle runs (src/content/start/<venue>.ts, each built as a standalone
 * IIFE by crxjs): installs that venue's adapters and wires the browser into the controller.
 */
export function startWith(adapters: readonly VenueAdapter[]): void {
  installAdapters(adapters);
  const native = nativeApi();
  if (native) startContent(extensionApi(native), window);
}
