import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './built-extension';

// A fresh clone with nothing beside it must build and pass: no source, script, test or config may reach
// for a folder next to the repository. The data they need lives in data/, each file with its provenance.
const SCANNED = ['src', 'scripts', 'test', 'bench', '.ci'];
const ROOT_FILES = ['package.json', 'vite.config.ts', 'vitest.config.ts', 'vitest.e2e.config.ts', 'tsconfig.json', 'tsconfig.core.json', 'eslint.config.js'];
const TEXT = /\.(?:[cm]?[jt]sx?|json|md|html|css|sh)$|^run$/;
// `..` climbing out of the repository towards the sibling research folder (its data or research
// subfolders), written as a relative path or as path segments.
const OUTSIDE = [/(?:\.\.\/)+shared\/(?:data|research)\b/, /['"]\.\.['"]\s*,\s*['"]shared['"]/];

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    return statSync(full).isDirectory() ? files(full) : TEXT.test(name) ? [full] : [];
  });
}

describe('the repository stands alone', () => {
  it('no file reads data from outside the repository', () => {
    const scanned = [...SCANNED.flatMap((d) => files(path.join(REPO_ROOT, d))), ...ROOT_FILES.map((f) => path.join(REPO_ROOT, f))];
    expect(scanned.length).toBeGreaterThan(100);
    const offenders = scanned.filter((f) => existsSync(f) && OUTSIDE.some((re) => re.test(readFileSync(f, 'utf8'))));
    expect(offenders.map((f) => path.relative(REPO_ROOT, f))).toEqual([]);
  });

  it('every file in data/ has a provenance entry', () => {
    const provenance = readFileSync(path.join(REPO_ROOT, 'data/PROVENANCE.md'), 'utf8');
    const dataFiles = readdirSync(path.join(REPO_ROOT, 'data')).filter((f) => f !== 'PROVENANCE.md');
    expect(dataFiles.length).toBeGreaterThan(0);
    for (const f of dataFiles) expect(provenance, f).toContain(f.replace(/\.(json|md)$/, ''));
  });
});
