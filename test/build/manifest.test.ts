import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALLOWED_HOST_PERMISSIONS, ALLOWED_PERMISSIONS } from '../../src/shared/network-allowlist';
import { ON_DEMAND_FILE } from '../../src/content/on-demand-file';
import { contentScriptParts, listFiles, readBuild } from './built-extension';

// What the built manifests may ask for. Everything here is derived from the reviewed
// allow-list in src/shared/network-allowlist.ts; a new permission has to pass review there.
describe.each(['chrome', 'firefox'] as const)('built %s manifest', (target) => {
  const { dir, manifest } = readBuild(target);
  const everyPattern = [
    ...(manifest.host_permissions ?? []),
    ...(manifest.optional_host_permissions ?? []),
    ...(manifest.content_scripts ?? []).flatMap((c) => c.matches),
    ...(manifest.web_accessible_resources ?? []).flatMap((w) => w.matches ?? []),
  ];

  it('is Manifest V3', () => {
    expect(manifest.manifest_version).toBe(3);
  });

  it('asks only for allow-listed API permissions', () => {
    const asked = [...(manifest.permissions ?? []), ...(manifest.optional_permissions ?? [])];
    expect(asked.filter((p) => !ALLOWED_PERMISSIONS.includes(p))).toEqual([]);
    for (const risky of ['tabs', 'scripting', 'cookies', 'webRequest', 'webRequestBlocking', 'debugger', 'history']) {
      expect(asked).not.toContain(risky);
    }
  });

  it('asks for host access only to allow-listed market-data hosts', () => {
    const hosts = [...(manifest.host_permissions ?? []), ...(manifest.optional_host_permissions ?? [])];
    expect(hosts.filter((h) => !ALLOWED_HOST_PERMISSIONS.includes(h))).toEqual([]);
  });

  it('never matches every site', () => {
    for (const pattern of everyPattern) {
      expect(pattern).not.toBe('<all_urls>');
      expect(pattern).toMatch(/^https:\/\/[a-z0-9.-]+\.[a-z]+\//);
      expect(pattern).not.toMatch(/^https:\/\/\*/);
    }
  });

  it('exposes only the content scripts’ modules, each to its own venue’s hosts, and the on-demand module to the venue hosts', () => {
    const hostOf = (m: string) => new URL(m.replace(/\*/g, 'x')).host;
    const hosts = [...new Set((manifest.content_scripts ?? []).flatMap((c) => c.matches).map(hostOf))].sort();
    expect(hosts.length).toBeGreaterThan(5);
    // Chrome: only under the per-session dynamic ID, so a page cannot probe the fixed extension URL for them.
    const dynamic = target === 'chrome' ? { use_dynamic_url: true } : {};
    expect(manifest.web_accessible_resources).toEqual([
      { resources: [ON_DEMAND_FILE], matches: hosts.map((h) => `https://${h}/*`), ...dynamic },
      ...(manifest.content_scripts ?? []).map((c) => ({
        resources: [contentScriptParts(dir, c.js?.[0] ?? '').moduleFile],
        matches: [...new Set(c.matches.map(hostOf))].map((h) => `https://${h}/*`),
        ...dynamic,
      })),
    ]);
    for (const script of (manifest.content_scripts ?? []).flatMap((c) => c.js ?? [])) expect(ON_DEMAND_FILE).not.toBe(script);
  });

  it('ships each content script as a loader of one self-contained module, and its on-demand part as one more', () => {
    const scripts = (manifest.content_scripts ?? []).flatMap((c) => c.js ?? []);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      const { loader, moduleFile, module } = contentScriptParts(dir, script);
      // The loader: a classic script (no static import/export) whose one import() is its module's, named by the extension's own URL.
      expect(loader).not.toMatch(/(^|[;\s])(?:import|export)\s*[\w{*]/);
      expect(loader.match(/\bimport\s*\(/g)).toHaveLength(1);
      expect(loader.length).toBeLessThan(400);
      expect(moduleFile).toBe(script.replace(/\.js$/, '.module.js'));
      // The module starts with V8's compile-everything hint and has no static import/export; its one import() is the on-demand module's.
      expect(module.startsWith('//# allFunctionsCalledOnLoad\n')).toBe(true);
      expect(module).not.toMatch(/(^|[;\s])import\s*[\w{*]/);
      expect(module.match(/\bimport\s*\(/g)).toHaveLength(1);
      expect(module.includes(ON_DEMAND_FILE)).toBe(true);
      expect(module).not.toMatch(/(^|[;\s])export\s*[{*]/);
    }
    // An ES module that imports nothing: everything it needs is inside it.
    const onDemand = readFileSync(path.join(dir, ON_DEMAND_FILE), 'utf8');
    expect(onDemand).not.toMatch(/(^|[;\s])import\s*[\w{*"']/);
    expect(onDemand).not.toMatch(/\bimport\s*\(/);
    expect(onDemand).toMatch(/export\s*\{[^}]*\breportPage\b/);
  });

  it('has no dynamic import() in the background (it crashes under Vite 8: crxjs #1235)', () => {
    const loader = manifest.background?.service_worker ?? manifest.background?.scripts?.[0];
    expect(loader).toBeDefined();
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(path.join(dir, file), 'utf8');
      expect(code, `${file} contains a dynamic import()`).not.toMatch(/\bimport\s*\(/);
      for (const m of code.matchAll(/\bfrom\s*["']([^"']+)["']|\bimport\s*["']([^"']+)["']/g)) {
        const spec = m[1] ?? m[2];
        if (spec?.startsWith('.') || spec?.startsWith('/')) {
          visit(path.normalize(spec.startsWith('/') ? spec.slice(1) : path.join(path.dirname(file), spec)));
        }
      }
    };
    visit(loader ?? '');
    expect(seen.size).toBeGreaterThan(1);
  });

  it('declares no externally_connectable and keeps the default content security policy', () => {
    expect(manifest.externally_connectable).toBeUndefined();
    expect(manifest.content_security_policy).toBeUndefined();
  });

  it('contains no source maps or dev loaders', () => {
    const files = listFiles(dir);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => /vite\/dist\/client|@vite\/client|hmr/i.test(f))).toEqual([]);
  });
});

describe('firefox-specific manifest', () => {
  const { manifest } = readBuild('firefox');
  it('falls back to background scripts and declares an id and data collection', () => {
    expect(manifest.background?.scripts?.length).toBeGreaterThan(0);
    expect(manifest.background?.service_worker).toBeUndefined();
    expect(manifest.browser_specific_settings?.gecko?.id).toMatch(/@/);
    expect(manifest.browser_specific_settings?.gecko?.data_collection_permissions).toEqual({ required: ['none'] });
  });
});
