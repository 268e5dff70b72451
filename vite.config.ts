import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import manifestSource from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };

// One config, two targets: `TARGET=firefox vite build` writes dist/firefox.
// crxjs strips `background.scripts` from a Chrome build, so Firefox gets its own
// manifest rather than one file that tries to serve both browsers.
const target = process.env.TARGET === 'firefox' ? 'firefox' : 'chrome';

const CONTENT_SCRIPT = 'src/content/main.ts';

// package.json is the one place the version is written: the built manifests (and the store
// archives `npm run package` names after it) take it from there.
const baseManifest = { ...manifestSource, version: pkg.version };

function manifestFor(browser: 'chrome' | 'firefox'): ManifestV3Export {
  if (browser === 'chrome') return baseManifest as ManifestV3Export;
  return {
    ...baseManifest,
    background: { scripts: [baseManifest.background.service_worker], type: 'module' },
    browser_specific_settings: {
      gecko: {
        id: 'liqguard@liqguard.app',
        // data_collection_permissions needs Firefox 140 (desktop) / 142 (Android).
        strict_min_version: '142.0',
        data_collection_permissions: { required: ['none'] },
      },
    },
  } as ManifestV3Export;
}

export default defineConfig({
  plugins: [
    preact(),
    crx({
      manifest: manifestFor(target),
      browser: target,
      // Content scripts ship as self-contained IIFE files: no async loader (so run_at
      // holds and the overlay appears sooner) and no web-accessible chunk a page could
      // probe to fingerprint the extension.
      contentScripts: { standaloneFiles: [CONTENT_SCRIPT] },
    }),
  ],
  build: {
    outDir: `dist/${target}`,
    emptyOutDir: true,
    // Readable bundles make store review and bug reports easier; size is gated by tests.
    minify: true,
    sourcemap: false,
    target: 'es2022',
    // Pages not named in the manifest must be listed for Vite to build them.
    rollupOptions: { input: { diagnostics: 'src/diagnostics/index.html' } },
  },
});
