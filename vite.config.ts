import path from 'node:path';
import { build, defineConfig, type Plugin, type ResolvedConfig, type Rolldown } from 'vite';
import preact from '@preact/preset-vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import manifestSource from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };
import { ON_DEMAND_FILE } from './src/content/on-demand-file';
import { asciiOnly, COMPILE_ALL_HINT, loaderCode, moduleBody, moduleFileOf } from './src/content/start/module-file';
import { foldVocab, VOCAB } from './src/content/read/vocab';

// One config, two targets: `TARGET=firefox vite build` writes dist/firefox.
// crxjs strips `background.scripts` from a Chrome build, so Firefox gets its own
// manifest rather than one file that tries to serve both browsers.
const target = process.env.TARGET === 'firefox' ? 'firefox' : 'chrome';

/** One content script per venue (src/content/start/<venue>.ts): each carries only its venue's adapters. */
const CONTENT_SCRIPTS = manifestSource.content_scripts.flatMap((c) => c.js);
/** The content script's on-demand part (the page report); built to ON_DEMAND_FILE. */
const ON_DEMAND_ENTRY = 'src/content/on-demand.tsx';

// package.json is the one place the version is written: the built manifests (and the store
// archives `npm run package` names after it) take it from there.
const baseManifest = { ...manifestSource, version: pkg.version };

/** `https://host/*` for each host the content script runs on: the only pages that may load its on-demand module. */
const contentOrigins = [...new Set(manifestSource.content_scripts.flatMap((c) => c.matches).map((m) => `${new URL(m.replace(/\*/g, 'x')).origin}/*`))];

// The on-demand module must be web-accessible for the content script to import() it. Only the
// venue hosts the content script already runs on may load it (web_accessible_resources matches
// take an origin, so the path is `/*`), and there the overlay already shows that LiqGuard is
// installed, so the file gives those pages no fingerprint they lack; no other site can load it.
const withOnDemand = {
  ...baseManifest,
  web_accessible_resources: [{ resources: [ON_DEMAND_FILE], matches: contentOrigins }],
};

function manifestFor(browser: 'chrome' | 'firefox'): ManifestV3Export {
  if (browser === 'chrome') return withOnDemand as ManifestV3Export;
  return {
    ...withOnDemand,
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

/**
 * What a build nested in this one inherits from it (root, mode, aliases, defines, minifier, target):
 * the on-demand module and the popup's page are built apart but must see the same code the same way.
 */
function subBuild(config: ResolvedConfig) {
  return {
    configFile: false as const,
    logLevel: 'warn' as const,
    root: config.root,
    mode: config.mode,
    resolve: config.resolve,
    define: config.define,
    plugins: [],
    build: { write: false, emptyOutDir: false, minify: config.build.minify, sourcemap: false, target: config.build.target },
  };
}

/**
 * Builds the content script's on-demand part as one self-contained ES module (everything it
 * imports inlined, no chunk shared with the content script or the extension's pages), the way
 * crxjs builds the content script itself, and adds it to the bundle before the manifest is written.
 */
function onDemandModule(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'liqguard:on-demand-module',
    apply: 'build',
    enforce: 'pre',
    configResolved(resolved) {
      config = resolved;
    },
    async generateBundle() {
      const result = await build({
        ...subBuild(config),
        build: {
          ...subBuild(config).build,
          lib: { entry: ON_DEMAND_ENTRY, formats: ['es'], fileName: () => ON_DEMAND_FILE },
          // Minified as the content script is (a library build would keep its whitespace).
          rollupOptions: { output: { entryFileNames: ON_DEMAND_FILE, inlineDynamicImports: true, minify: true } },
        },
      });
      const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : []));
      const entry = outputs.find((o) => o.type === 'chunk' && o.isEntry);
      if (!entry || entry.type !== 'chunk' || outputs.length !== 1) throw new Error(`${ON_DEMAND_ENTRY} must build to one self-contained file, not ${outputs.map((o) => o.fileName).join(', ')}`);
      this.emitFile({ type: 'asset', fileName: ON_DEMAND_FILE, source: entry.code });
    },
  };
}

/**
 * Each content script crxjs built (one self-contained IIFE per venue) becomes that venue's ES module, with
 * V8's compile-everything hint on its first line; the content script itself becomes a loader that imports
 * it (src/content/start/module-file.ts says why). Each module is web-accessible only to the hosts its
 * content script runs on, so no other site can load it; in Chrome only under the per-session dynamic ID
 * (`use_dynamic_url`), which the page never learns, so even those pages cannot probe for the file. Firefox
 * has no such switch, but there every install has its own random UUID in the extension's URL already.
 */
function contentModules(browser: 'chrome' | 'firefox'): Plugin {
  return {
    name: 'liqguard:content-modules',
    apply: 'build',
    generateBundle: {
      // After crxjs has emitted the content scripts and the manifest.
      order: 'post',
      handler(_options, bundle) {
        const manifestAsset = bundle['manifest.json'];
        if (!manifestAsset || manifestAsset.type !== 'asset') throw new Error('manifest.json is not in the bundle: the content scripts cannot become modules');
        const manifest = JSON.parse(String(manifestAsset.source)) as { content_scripts: { matches: string[]; js: string[] }[]; web_accessible_resources?: object[] };
        const exposed: object[] = [];
        for (const entry of manifest.content_scripts) {
          const [script, ...more] = entry.js;
          const built = script ? bundle[script] : undefined;
          if (!script || more.length > 0 || !built || built.type !== 'asset') throw new Error(`content script ${entry.js.join()} was not built as one file`);
          const moduleFile = moduleFileOf(script);
          // The IIFE is a valid module body: its sources are ES modules (strict code) and it refers to no module scope.
          // ASCII-only, so V8 keeps its source as a one-byte string (asciiOnly says why).
          this.emitFile({ type: 'asset', fileName: moduleFile, source: `${COMPILE_ALL_HINT}${asciiOnly(moduleBody(String(built.source)))}` });
          built.source = loaderCode(moduleFile);
          const origins = [...new Set(entry.matches.map((m) => `${new URL(m.replace(/\*/g, 'x')).origin}/*`))];
          exposed.push({ resources: [moduleFile], matches: origins });
        }
        // Chrome: every exposed file only under the extension's per-session dynamic ID, never its fixed
        // one, so a page cannot probe chrome-extension://<id>/… to learn that LiqGuard is installed.
        manifest.web_accessible_resources = [...(manifest.web_accessible_resources ?? []), ...exposed].map((w) => (browser === 'chrome' ? { ...w, use_dynamic_url: true } : w));
        manifestAsset.source = `${JSON.stringify(manifest, null, 2)}\n`;
      },
    },
  };
}

/** The popup's page (the manifest's action.default_popup) and the module its first view starts from. */
const POPUP_HTML = 'src/popup/index.html';
const POPUP_ENTRY = 'src/popup/main.tsx';
/** Where the popup's own modules go: apart from the chunks the other pages and the background share. */
const POPUP_ASSETS = 'assets/popup';
/** The popup's stand-in for webextension-polyfill: the browser's own namespace (why: the module's comment). */
const POPUP_EXTENSION_NAMESPACE = 'src/popup/extension-namespace.ts';

/**
 * Builds the popup's modules apart from the rest of the extension, so that its first view loads as
 * ONE module file, its stylesheet inlined in the page. In the main build the popup's code is spread over the chunks it
 * shares with the options and diagnostics pages and the background (six module files), and each file
 * is one more request the popup's page makes before it can render: measured, that cost about 20 ms of
 * the popup's first render. Views the first screen does not show (Stress, Venues, the page report's
 * preview) stay separate chunks, loaded when asked for. The popup's HTML then points at these files;
 * the main build's popup chunks that nothing else uses are dropped. Shared code is duplicated in the
 * package (a few tens of KB on disk), never loaded twice by one page.
 */
function popupPage(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'liqguard:popup-page',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    generateBundle: {
      // After Vite has written the pages' HTML into the bundle.
      order: 'post',
      async handler(_options, bundle) {
        const page = bundle[POPUP_HTML];
        if (!page || page.type !== 'asset') throw new Error(`${POPUP_HTML} is not in the bundle: the popup page cannot be rewritten`);
        const inherited = subBuild(config);
        const result = await build({
          ...inherited,
          // Every module of the popup's build (its own and the shared ones) gets the native namespace.
          resolve: { ...inherited.resolve, alias: [...inherited.resolve.alias, { find: /^webextension-polyfill$/, replacement: path.resolve(config.root, POPUP_EXTENSION_NAMESPACE) }] },
          build: {
            ...inherited.build,
            rollupOptions: {
              input: { popup: POPUP_ENTRY },
              output: {
                entryFileNames: `${POPUP_ASSETS}/[name]-[hash].js`,
                chunkFileNames: `${POPUP_ASSETS}/[name]-[hash].js`,
                assetFileNames: `${POPUP_ASSETS}/[name]-[hash][extname]`,
              },
            },
          },
        });
        const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : []));
        const entry = outputs.find((o): o is Rolldown.OutputChunk => o.type === 'chunk' && o.isEntry);
        if (!entry) throw new Error(`${POPUP_ENTRY} built to no entry chunk`);
        const inlined = new Set(entry.viteMetadata?.importedCss ?? []);
        for (const o of outputs) if (!inlined.has(o.fileName)) this.emitFile({ type: 'asset', fileName: o.fileName, source: o.type === 'chunk' ? o.code : o.source });

        // The main build's popup entry, and what only it loaded, are no longer used by any page.
        const dropped = Object.values(bundle).filter((o) => o.type === 'chunk' && o.isEntry && o.facadeModuleId?.endsWith(POPUP_HTML));
        for (const chunk of dropped) delete bundle[chunk.fileName];
        dropOrphans(bundle, new Set(dropped.flatMap((c) => (c.type === 'chunk' ? [...c.imports, ...c.dynamicImports] : []))));

        // The stylesheet goes into the page itself: a linked one is one more request, and the browser holds
        // the module's evaluation (the first render) until every stylesheet has arrived.
        const css = [...(entry.viteMetadata?.importedCss ?? [])].map((f) => {
          const sheet = outputs.find((o) => o.fileName === f);
          if (!sheet || sheet.type !== 'asset') throw new Error(`the popup's stylesheet ${f} was not built`);
          return { fileName: f, text: inlineableCss(f, String(sheet.source)) };
        });
        const tags = [
          `<script type="module" crossorigin src="/${entry.fileName}"></script>`,
          ...entry.imports.map((f) => `<link rel="modulepreload" crossorigin href="/${f}">`),
          ...css.map((c) => `<style>${c.text}</style>`),
        ];
        const html = String(page.source)
          .replace(/^[ \t]*<(script type="module"|link rel="modulepreload"|link rel="stylesheet")[^>]*>(<\/script>)?\n/gm, '')
          .replace(/[ \t]*<\/head>/, `${tags.map((t) => `    ${t}\n`).join('')}  </head>`);
        if (/\/assets\/(?!popup\/)[^"]*\.(js|css)"/.test(html)) throw new Error(`${POPUP_HTML} still loads a main-build file after the rewrite`);
        page.source = html;
      },
    },
  };
}

/**
 * A built stylesheet as the text of a `<style>` element in the popup's page: refused when it could end the
 * element early or when it holds a relative url(), which would resolve against the page instead of the sheet.
 */
function inlineableCss(fileName: string, css: string): string {
  if (/<\/style/i.test(css)) throw new Error(`${fileName} contains "</style": it cannot be inlined into the popup's page`);
  const relative = [...css.matchAll(/url\(\s*['"]?([^'")\s]+)/g)].map((m) => m[1] ?? '').find((u) => !/^(\/|data:|#)/.test(u));
  if (relative) throw new Error(`${fileName} refers to ${relative} by a relative url(): inlined into the popup's page it would resolve elsewhere`);
  return css;
}

/** Deletes the chunks in `candidates` (and then theirs) that no remaining chunk or page imports. */
function dropOrphans(bundle: Rolldown.OutputBundle, candidates: Set<string>): void {
  let changed = true;
  while (changed) {
    changed = false;
    const used = new Set<string>();
    for (const o of Object.values(bundle)) {
      if (o.type === 'chunk') for (const f of [...o.imports, ...o.dynamicImports]) used.add(f);
      else if (o.fileName.endsWith('.html') || o.fileName.endsWith('.js')) for (const m of String(o.source).matchAll(/[\w./-]+\.js/g)) used.add(m[0].replace(/^\//, ''));
    }
    for (const f of candidates) {
      const o = bundle[f];
      if (!o || o.type !== 'chunk' || o.isEntry || used.has(f)) continue;
      for (const next of [...o.imports, ...o.dynamicImports]) candidates.add(next);
      candidates.delete(f);
      delete bundle[f];
      changed = true;
    }
  }
}

export default defineConfig({
  // Stage marks (performance.mark) for `npm run bench:e2e`, which builds with LIQGUARD_MARKS=1: where a
  // keystroke's time goes, from the page's read to the background's reply. Every other build is
  // without them: `if (__LG_MARKS__) …` folds away, so they cost the shipped bundles no byte.
  // The order-form vocabulary, folded here rather than on a page's first read (src/content/read/vocab.ts).
  define: { __LG_MARKS__: JSON.stringify(process.env.LIQGUARD_MARKS === '1'), LIQGUARD_FOLDED_VOCAB: JSON.stringify(foldVocab(VOCAB)) },
  plugins: [
    onDemandModule(),
    popupPage(),
    contentModules(target),
    preact(),
    crx({
      manifest: manifestFor(target),
      browser: target,
      // Content scripts ship as self-contained IIFE files: no async loader (so run_at
      // holds and the overlay appears sooner) and no web-accessible chunk a page could
      // probe to fingerprint the extension.
      contentScripts: { standaloneFiles: CONTENT_SCRIPTS },
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
