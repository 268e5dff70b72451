import type { VenueAdapter } from './types';

/**
 * The adapters this copy of the reader knows. Each content-script bundle installs only its venue's
 * (src/content/start/<venue>.ts), the on-demand module and the tests install all of them
 * (./all.ts). Nothing installed is a wiring mistake, not "no adapter for this page": it throws, so
 * the page never silently falls back to the generic reader.
 */
let installed: readonly VenueAdapter[] | null = null;

export function installAdapters(adapters: readonly VenueAdapter[]): void {
  installed = adapters;
}

function adapters(): readonly VenueAdapter[] {
  if (!installed) throw new Error('no venue adapters installed');
  return installed;
}

/** The adapter whose order page this URL is, or null (the generic reader then takes over). */
export function adapterFor(url: URL): VenueAdapter | null {
  return adapters().find((a) => a.isOrderPage(url)) ?? null;
}

/** The venue a host belongs to, even off its order pages: the generic reader still reports it. */
export function venueOfHost(hostname: string): VenueAdapter | null {
  return adapters().find((a) => a.matches.some((m) => new URL(m.replace(/\*/g, 'x')).hostname === hostname)) ?? null;
}
