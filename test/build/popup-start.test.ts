import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readBuild } from './built-extension';

// The popup's first view: every file its page loads before it can render is one more request in
// the browser and more script to parse. Deterministic budgets, so a regression shows here and not
// only in the noisy timings of `npm run bench:e2e` ("popup first render ≤ 100 ms"). Before these
// budgets the popup loaded six module files (119 KB, 41.3 KB gzipped); the first view then needs
// one (100 KB, 33.2 KB gzipped; 106 KB, 34.3 KB by December), with the Stress, Venues and report-preview views loaded on use; without
// webextension-polyfill (the browser's own namespace, src/popup/extension-namespace.ts) 96 KB, 31.7 KB
// gzipped, so the budget is 34 KB, not the 40 KB it was. Its stylesheet
// is in the page itself: linked, it was a second request the first render waited for (16 ms of the median
// first render, measured with both pages opened alternately in one browser).
const POPUP_INITIAL_JS_BUDGET_GZIP = 34 * 1024;
/** The page itself, its stylesheet inlined (2.5 KB gzipped when it was inlined). */
const POPUP_PAGE_BUDGET_GZIP = 4 * 1024;

const gzipped = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
/** `/assets/x.js` or `./x.js` (relative to `from`) → the file's path inside the build. */
const resolveIn = (dir: string, from: string, spec: string) => (spec.startsWith('/') ? path.join(dir, spec) : path.join(path.dirname(from), spec));

/** The module files the page loads before its first script runs: the entry, what it imports statically, and their imports. */
function initialModules(dir: string, page: string): string[] {
  const html = readFileSync(path.join(dir, page), 'utf8');
  const refs = [...html.matchAll(/<(?:script type="module"[^>]*\ssrc|link rel="modulepreload"[^>]*\shref)="([^"]+)"/g)].map((m) => m[1] ?? '');
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    // Static imports only (`import{…}from"./x.js"`, `import"./x.js"`): a dynamic import() is loaded on use.
    for (const m of code.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{}\s,]+from\s*)?["']([^"']+\.js)["']/g)) visit(resolveIn(dir, file, m[1] ?? ''));
  };
  for (const ref of refs) visit(resolveIn(dir, path.join(dir, page), ref));
  return [...seen];
}

describe.each(['chrome', 'firefox'] as const)('popup first view (%s build)', (target) => {
  const { dir, manifest } = readBuild(target);
  const page = manifest.action?.default_popup ?? '';

  it('loads one module file, within its gzipped budget', () => {
    const files = initialModules(dir, page);
    const gz = files.reduce((sum, f) => sum + gzipped(f), 0);
    console.log(`[bundle size] ${target} popup first view: ${files.map((f) => path.relative(dir, f)).join(', ')}: ${gz} B gzipped of ${POPUP_INITIAL_JS_BUDGET_GZIP}`);
    expect(files.map((f) => path.relative(dir, f))).toHaveLength(1);
    expect(gz).toBeLessThanOrEqual(POPUP_INITIAL_JS_BUDGET_GZIP);
  });

  it('leaves the Stress and Venues views and the report preview out of it (loaded when opened)', () => {
    const code = initialModules(dir, page).map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(code).toMatch(/popup-first-render/);
    expect(code).not.toContain('stress-needs-position');
    expect(code).not.toContain('venue-list');
    expect(code).not.toContain('page-report-text');
  });

  it('takes the browser\'s own extension namespace, not webextension-polyfill (whose interop copy builds every API\'s bindings)', () => {
    const code = initialModules(dir, page).map((f) => readFileSync(f, 'utf8')).join('\n');
    // Strings only the package carries: its UMD define and the callback error it papers over.
    expect(code).not.toContain('define(`webextension-polyfill`');
    expect(code).not.toContain('The message port closed before a response was received');
    expect(code).toMatch(/should only be loaded in a browser extension/);
  });

  it('carries its stylesheet in the page (no stylesheet request) and loads no file of the other pages’ shared chunks', () => {
    const html = readFileSync(path.join(dir, page), 'utf8');
    // A linked stylesheet is one more request, and the browser holds the module (the first render) until it arrives.
    expect(html).not.toMatch(/<link rel="stylesheet"/);
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1] ?? '');
    expect(styles).toHaveLength(1);
    // The popup's own rules (tabs, the calculator's sticky answer), not some other page's.
    expect(styles[0]).toMatch(/\.tabs\b/);
    expect(styles[0]).toMatch(/\.result-strip\b/);
    const pageGz = gzipSync(html, { level: 9 }).length;
    console.log(`[bundle size] ${target} popup page with its stylesheet: ${pageGz} B gzipped of ${POPUP_PAGE_BUDGET_GZIP}`);
    expect(pageGz).toBeLessThanOrEqual(POPUP_PAGE_BUDGET_GZIP);
    for (const ref of [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] ?? '')) expect(ref).toMatch(/^\/assets\/popup\//);
  });
});
