import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../../../test/helpers/fixture-dom';
import { ADAPTERS } from './all';
import type { VenueAnchors } from './types';

// Every adapter carries what a reviewer needs to trust it: fixtures for each variant the
// venue has, a Test URLs block, manifest coverage, and dated, non-hashed anchors.
const REPO = path.resolve(import.meta.dirname, '../../..');
const manifest = JSON.parse(readFileSync(path.join(REPO, 'manifest.json'), 'utf8')) as { content_scripts: { matches: string[] }[] };
const manifestMatches = manifest.content_scripts.flatMap((c) => c.matches);
const testSources = readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => readFileSync(path.join(import.meta.dirname, f), 'utf8'))
  .join('\n');

function patternToRegExp(pattern: string): RegExp {
  const m = /^(https):\/\/([^/]+)(\/.*)$/.exec(pattern);
  if (!m) throw new Error(`bad match pattern ${pattern}`);
  const esc = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${m[1]}://${esc(m[2] ?? '')}${esc(m[3] ?? '')}$`);
}
const matchesUrl = (pattern: string, url: string) => patternToRegExp(pattern).test(url.replace(/[?#].*$/, ''));

function fixtureVariants(id: string): Map<string, string[]> {
  const dir = path.join(FIXTURES, id);
  const out = new Map<string, string[]>();
  if (!existsSync(dir)) return out;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.html'))) {
    const html = readFileSync(path.join(dir, file), 'utf8');
    const line = /Variants:\s*([^\n]+)/.exec(html)?.[1] ?? '';
    out.set(file, line.split(',').map((v) => v.trim()).filter(Boolean));
  }
  return out;
}

describe.each(ADAPTERS.map((a) => [a.id, a] as const))('adapter %s', (id, adapter) => {
  const source = readFileSync(path.join(import.meta.dirname, `${id}.ts`), 'utf8');

  it('has a fixture for every variant the venue offers', () => {
    const variants = fixtureVariants(id);
    const covered = new Set([...variants.values()].flat());
    const required = ['limit', 'market', 'cross', 'isolated', 'dark', 'i18n', 'broken', ...adapter.positionModes, ...adapter.quantityUnits.map((u) => `unit-${u}`)];
    expect(required.filter((v) => !covered.has(v))).toEqual([]);
  });

  it('names in every fixture the facts it relies on, with dates, and tests every fixture', () => {
    for (const [file] of fixtureVariants(id)) {
      const html = readFileSync(path.join(FIXTURES, id, file), 'utf8');
      expect(html, file).toMatch(/Relies on:/);
      expect(html, file).toMatch(/\b20\d\d\b|semantic anchors only|undated/);
      expect(html, `${file} must not load anything external`).not.toMatch(/\b(?:src|href)=["']?(?:https?:)?\/\//i);
      expect(testSources, `${id}/${file} is not used by any adapter test`).toContain(`${id}/${file}`);
    }
  });

  it('ends with a Test URLs block whose URLs it claims and the manifest matches', () => {
    const block = /\/\* Test URLs:\n([\s\S]*?)\*\/\s*$/.exec(source);
    expect(block, `${id}.ts must end with a Test URLs comment`).not.toBeNull();
    const urls = (block?.[1] ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) {
      expect(adapter.isOrderPage(new URL(url)), url).toBe(true);
      expect(adapter.matches.some((p) => matchesUrl(p, url)), `${url} vs adapter.matches`).toBe(true);
      expect(manifestMatches.some((p) => matchesUrl(p, url)), `${url} vs manifest`).toBe(true);
    }
  });

  it('declares only match patterns the manifest has', () => {
    expect(adapter.matches.filter((p) => !manifestMatches.includes(p))).toEqual([]);
  });

  it('dates every anchor and never uses hashed classes or positional paths', () => {
    const anchors = Object.values(adapter.anchors as VenueAnchors).flat();
    expect(anchors.length).toBeGreaterThan(10);
    for (const a of anchors) {
      expect(a.seen, a.css).toMatch(/^(?:20\d\d(?:-\d\d(?:-\d\d)?)?|20\d\d-\d\d|unverified|undated)$/);
      expect(a.source.length, a.css).toBeGreaterThan(5);
      expect(a.css).not.toMatch(/\.(?:css|sc)-[A-Za-z0-9]{4,}|__[A-Za-z0-9]{5}\b(?![-\w])|:nth-(?:child|of-type)|\/\//);
      expect(a.css).not.toMatch(/#_r_|#:r/);
    }
  });
});

describe('manifest coverage', () => {
  it('every content-script match pattern is served by an adapter', () => {
    const claimed = new Set(ADAPTERS.flatMap((a) => a.matches));
    expect(manifestMatches.filter((p) => !claimed.has(p))).toEqual([]);
  });

  it('adapter ids are unique and each has its fixture folder', () => {
    const ids = ADAPTERS.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(existsSync(path.join(FIXTURES, id)), id).toBe(true);
  });
});
