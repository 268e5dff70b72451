import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBuild, REPO_ROOT, type BuiltManifest } from './built-extension';
import { readZip } from './zip-reader';

/**
 * `npm run package` on the build the other checks just read: both store archives are opened and
 * checked for what a store reviewer (and a trader who loads the zip) would trip over. The Firefox
 * archive is linted as AMO lints it; every warning must be listed in the README with its reason.
 */

const VERSION = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const TARGETS = ['chrome', 'firefox'] as const;
let out: string;
const archives = new Map<(typeof TARGETS)[number], Map<string, Buffer>>();

beforeAll(() => {
  for (const t of TARGETS) readBuild(t); // a missing build fails here with the command that makes it
  out = mkdtempSync(path.join(tmpdir(), 'liqguard-package-'));
  const run = spawnSync('node', ['scripts/package.mjs', '--skip-build', '--out', out], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`npm run package failed:\n${run.stderr}${run.stdout}`);
  // The sizes the script prints, in the test log.
  console.log(run.stdout.trim());
  for (const t of TARGETS) archives.set(t, readZip(readFileSync(path.join(out, `liqguard-${t}-${VERSION}.zip`))));
}, 120_000);
afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

/** Every file a manifest names: icons, pages, background, content scripts and their CSS, web-accessible resources. */
function namedByManifest(m: BuiltManifest & { icons?: Record<string, string>; action?: { default_popup?: string; default_icon?: Record<string, string> } }): string[] {
  return [
    ...Object.values(m.icons ?? {}),
    ...Object.values(m.action?.default_icon ?? {}),
    m.action?.default_popup,
    m.options_ui?.page,
    m.background?.service_worker,
    ...(m.background?.scripts ?? []),
    ...(m.content_scripts ?? []).flatMap((c) => [...(c.js ?? []), ...(c.css ?? [])]),
    ...(m.web_accessible_resources ?? []).flatMap((w) => w.resources),
  ].filter((f): f is string => typeof f === 'string');
}

/** Files that pages and scripts load by path (script and link tags, static and dynamic imports, bundled JSON). */
function referencesIn(file: string, text: string): string[] {
  const dir = path.posix.dirname(file);
  const found = new Set<string>();
  for (const m of text.matchAll(/["'`]((?:\.{1,2}\/|\/)?(?:[\w@.-]+\/)*[\w@.-]+\.(?:js|css|json|png|html))["'`]/g)) {
    const ref = m[1] ?? '';
    const resolved = ref.startsWith('/') ? ref.slice(1) : ref.startsWith('.') ? path.posix.normalize(path.posix.join(dir, ref)) : ref.includes('/') ? ref : null;
    if (resolved && /^(assets|src)\//.test(resolved)) found.add(resolved);
  }
  return [...found];
}

describe.each(TARGETS)('the %s store archive', (target) => {
  const files = () => archives.get(target) ?? new Map<string, Buffer>();
  const manifest = () => JSON.parse(files().get('manifest.json')?.toString('utf8') ?? 'null') as BuiltManifest & { version: string; name: string };

  it('is named after package.json’s version and carries the built manifest with that version at its root', () => {
    const { dir } = readBuild(target);
    expect(files().get('manifest.json')?.toString('utf8')).toBe(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    expect(manifest().version).toBe(VERSION);
    expect(manifest().manifest_version).toBe(3);
    // The built manifest, not the source one: the bundler's names, no TypeScript entry points.
    expect(JSON.stringify(manifest())).not.toMatch(/\.tsx?"/);
    if (target === 'chrome') expect(manifest().background?.service_worker).toMatch(/\.js$/);
    else expect(manifest().background?.scripts?.every((s) => s.endsWith('.js'))).toBe(true);
  });

  it('holds no source maps, sources, fixtures, tests or dotfiles', () => {
    const names = [...files().keys()];
    expect(names.length).toBeGreaterThan(5);
    expect(names.filter((n) => /\.map$|\.tsx?$|(^|\/)(test|fixtures?|node_modules)\/|(^|\/)\./.test(n))).toEqual([]);
    for (const [name, content] of files()) {
      if (!/\.(js|css|html)$/.test(name)) continue;
      expect(content.toString('utf8'), name).not.toMatch(/sourceMappingURL=/);
    }
  });

  it('holds every file the manifest names, and every file those load', () => {
    const missing: string[] = [];
    const seen = new Set<string>();
    const queue = namedByManifest(manifest());
    expect(queue.length).toBeGreaterThan(5);
    while (queue.length > 0) {
      const name = queue.shift() as string;
      if (seen.has(name)) continue;
      seen.add(name);
      const content = files().get(name);
      if (!content) {
        missing.push(name);
        continue;
      }
      if (/\.(js|html|css)$/.test(name)) queue.push(...referencesIn(name, content.toString('utf8')));
    }
    expect(missing).toEqual([]);
    // The closure reaches the pages' scripts and the bundled tables, not only the manifest's own names.
    expect([...seen].some((n) => n.endsWith('.json'))).toBe(true);
  });
});

describe('web-ext lint on the Firefox archive', () => {
  it('finds 0 errors, and every warning is listed in the README with why it is acceptable', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'liqguard-firefox-zip-'));
    try {
      for (const [name, content] of archives.get('firefox') ?? []) {
        mkdirSync(path.join(dir, path.dirname(name)), { recursive: true });
        writeFileSync(path.join(dir, name), content);
      }
      const lint = spawnSync('npx', ['web-ext', 'lint', '--source-dir', dir, '--output', 'json', '--no-config-discovery'], { cwd: REPO_ROOT, encoding: 'utf8' });
      const report = JSON.parse(lint.stdout) as { errors: { code: string; file?: string }[]; warnings: { code: string; file?: string; message: string }[]; summary: Record<string, number> };
      console.log(`web-ext lint on liqguard-firefox-${VERSION}.zip: ${JSON.stringify(report.summary)}`);
      expect(report.errors).toEqual([]);
      // README lists each warning as `CODE` in `file` (hashed bundle names with their hash as *).
      const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
      const section = /### web-ext lint warnings\n([\s\S]*?)\n#{2,3} /.exec(readme)?.[1] ?? '';
      expect(section, 'README needs a "### web-ext lint warnings" section').not.toBe('');
      const unlisted = report.warnings
        .map((w) => `${w.code} ${(w.file ?? '').replace(/-[\w-]{8}\.js$/, '-*.js')}`)
        .filter((w) => {
          const [code, file] = w.split(' ');
          return !section.split('\n').some((line) => line.includes(`\`${code}\``) && line.includes(`\`${file}\``));
        });
      expect(unlisted).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
