import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBuild, REPO_ROOT } from './built-extension';

// The texts a store listing is made of must match what the build asks for: a permission without
// a justification, a host the privacy policy does not name, or a version the changelog skips is a
// rejected submission or a broken promise.

const read = (file: string) => readFileSync(path.join(REPO_ROOT, file), 'utf8');
const privacy = read('PRIVACY.md');
const listing = read('docs/store/listing.md');
const changelog = read('CHANGELOG.md');
const version = (JSON.parse(read('package.json')) as { version: string }).version;

function section(text: string, heading: string): string {
  const start = text.indexOf(`\n## ${heading}\n`);
  if (start < 0) return '';
  const rest = text.slice(start + heading.length + 5);
  const end = rest.search(/\n## /);
  return end < 0 ? rest : rest.slice(0, end);
}
const hostOf = (pattern: string) => pattern.replace(/^https:\/\//, '').replace(/\*$/, '').replace(/^([^/]+)\/$/, '$1');

describe.each(['chrome', 'firefox'] as const)('store texts for the %s build', (target) => {
  const { manifest } = readBuild(target);

  it('justify every permission and every host the manifest asks for', () => {
    const justified = section(listing, 'Permission justifications (Chrome Web Store)');
    for (const p of manifest.permissions ?? []) expect(justified, p).toContain(`**${p}**`);
    for (const h of manifest.host_permissions ?? []) expect(justified, h).toContain(hostOf(h));
  });

  it('the privacy policy names every permission and every host LiqGuard may contact', () => {
    for (const p of manifest.permissions ?? []) expect(privacy, p).toContain(`\`${p}\``);
    for (const h of manifest.host_permissions ?? []) expect(privacy, h).toContain(`\`${hostOf(h)}\``);
  });
});

describe('listing and changelog', () => {
  it('keeps the short description within the Chrome Web Store’s 132 characters', () => {
    const short = /^> (.+)$/m.exec(section(listing, 'Short description'))?.[1] ?? '';
    expect(short.length).toBeGreaterThan(40);
    expect(short.length).toBeLessThanOrEqual(132);
  });

  it('lists every version from 0.1.0 to package.json’s, newest first', () => {
    const versions = [...changelog.matchAll(/^## (\d+\.\d+\.\d+)/gm)].map((m) => m[1] ?? '');
    expect(versions[0]).toBe(version);
    expect(versions.at(-1)).toBe('0.1.0');
    const key = (v: string) => v.split('.').map((n) => n.padStart(6, '0')).join('.');
    expect([...versions].sort((a, b) => key(b).localeCompare(key(a)))).toEqual(versions);
  });

  it('the README’s privacy section points at the policy', () => {
    expect(read('README.md')).toMatch(/\[PRIVACY\.md\]\(PRIVACY\.md\)/);
  });
});

describe('README troubleshooting', () => {
  it('lists every address the content script runs on, and every one it skips', () => {
    const readme = read('README.md');
    const troubleshooting = readme.slice(readme.indexOf('## Troubleshooting'), readme.indexOf('\n## ', readme.indexOf('## Troubleshooting') + 5));
    const { manifest } = readBuild('chrome');
    for (const c of manifest.content_scripts ?? []) {
      for (const pattern of [...c.matches, ...(c.exclude_matches ?? [])]) expect(troubleshooting, pattern).toContain(`\`${pattern}\``);
    }
  });
});
