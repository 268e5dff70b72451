import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

export interface BuiltManifest {
  manifest_version: number;
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: { matches: string[]; exclude_matches?: string[]; js?: string[]; css?: string[]; world?: string }[];
  web_accessible_resources?: { resources: string[]; matches?: string[]; use_dynamic_url?: boolean }[];
  background?: { service_worker?: string; scripts?: string[]; type?: string };
  externally_connectable?: unknown;
  content_security_policy?: unknown;
  browser_specific_settings?: { gecko?: { id?: string; strict_min_version?: string; data_collection_permissions?: unknown } };
  action?: { default_popup?: string };
  options_ui?: { page?: string };
}

/** Reads a build; fails with a line that says how to make it rather than an ENOENT. */
export function readBuild(target: 'chrome' | 'firefox'): { dir: string; manifest: BuiltManifest } {
  const dir = path.join(REPO_ROOT, 'dist', target);
  const file = path.join(dir, 'manifest.json');
  if (!existsSync(file)) {
    throw new Error(`dist/${target} is missing: run \`npm run build:all\` (npm test does this first).`);
  }
  return { dir, manifest: JSON.parse(readFileSync(file, 'utf8')) as BuiltManifest };
}

export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

/**
 * The code a venue page runs for a content script the manifest names: the loader (a few hundred bytes) and
 * the ES module it imports (src/content/start/module-file.ts), which holds the venue's reader and overlay.
 */
export function contentScriptParts(dir: string, script: string): { loader: string; moduleFile: string; module: string } {
  const loader = readFileSync(path.join(dir, script), 'utf8');
  const imported = [...loader.matchAll(/getURL\("([^"]+)"\)/g)].map((m) => m[1] ?? '');
  if (imported.length !== 1) throw new Error(`${script} should import exactly one module, not ${imported.length}`);
  const moduleFile = imported[0] as string;
  return { loader, moduleFile, module: readFileSync(path.join(dir, moduleFile), 'utf8') };
}
