import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, listFiles, readBuild } from './built-extension';

// The bundled tier snapshots must ship as separate files that the worker fetches lazily: never inlined
// into the worker bundle (it would parse 100 KB at every worker start) and never in a content script.
const SNAPSHOTS = ['binance-usdm', 'binance-coinm', 'hyperliquid'];
const DATA_MARKERS = [/"1000BONKUSDC"/, /\["600000","3000000","0\.0065"/, /"kBONK"/];

describe('bundled snapshot assets', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'liqguard-assets-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('bundled.ts imports every snapshot as a non-inlined URL (no dynamic import)', () => {
    const src = readFileSync(path.join(REPO_ROOT, 'src/background/market/bundled.ts'), 'utf8');
    for (const name of SNAPSHOTS) expect(src).toContain(`../data/${name}.json?url&no-inline`);
    expect(src).not.toMatch(/\bimport\s*\(/);
  });

  it('a Vite build of the loader emits each snapshot as its own asset and keeps the data out of the JS', async () => {
    await build({
      root: REPO_ROOT,
      configFile: false,
      logLevel: 'silent',
      build: { outDir: out, emptyOutDir: true, minify: true, target: 'es2022', rollupOptions: { input: path.join(REPO_ROOT, 'src/background/market/bundled.ts') } },
    });
    const files = listFiles(out);
    for (const name of SNAPSHOTS) {
      const asset = files.find((f) => new RegExp(`${name}-[\\w-]+\\.json$`).test(f));
      expect(asset, `${name}.json emitted`).toBeDefined();
      expect(readFileSync(path.join(out, asset!), 'utf8')).toBe(readFileSync(path.join(REPO_ROOT, `src/background/data/${name}.json`), 'utf8'));
    }
    for (const js of files.filter((f) => f.endsWith('.js'))) {
      const code = readFileSync(path.join(out, js), 'utf8');
      for (const marker of DATA_MARKERS) expect(code, js).not.toMatch(marker);
      expect(code).not.toMatch(/data:application\/json/);
    }
  }, 60_000);

  it('the built extension: no content script carries snapshot data; if the worker uses the snapshots, they are separate files', () => {
    const { dir, manifest } = readBuild('chrome');
    for (const script of (manifest.content_scripts ?? []).flatMap((c) => c.js ?? [])) {
      const code = readFileSync(path.join(dir, script), 'utf8');
      for (const marker of DATA_MARKERS) expect(code, script).not.toMatch(marker);
      expect(code).not.toMatch(/binance-usdm[\w-]*\.json/);
    }
    const assets = existsSync(path.join(dir, 'assets')) ? readdirSync(path.join(dir, 'assets')) : [];
    const js = listFiles(dir).filter((f) => f.endsWith('.js'));
    const referencing = js.filter((f) => /assets\/binance-usdm-[\w-]+\.json/.test(readFileSync(path.join(dir, f), 'utf8')));
    for (const f of js) {
      const code = readFileSync(path.join(dir, f), 'utf8');
      for (const marker of DATA_MARKERS) expect(code, f).not.toMatch(marker);
    }
    if (referencing.length > 0) {
      // Wired into the worker by the message router: every snapshot must be a packaged file.
      for (const name of SNAPSHOTS) expect(assets.some((a) => a.startsWith(`${name}-`) && a.endsWith('.json')), name).toBe(true);
    }
  });
});
