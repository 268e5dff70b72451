import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles, readBuild, REPO_ROOT } from './built-extension';

// the README's Privacy section, enforced on the source and the build: no account access, no cookies, no
// telemetry channels, no remote or evaluated code, one network path. The traffic itself is
// checked in a real browser (test/e2e/background/traffic.e2e.test.ts).

const SRC = path.join(REPO_ROOT, 'src');
const sources = listFiles(SRC)
  .filter((f) => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.includes('test-fakes') && !f.includes('fake-'))
  .map((f) => ({ file: `src/${f}`, code: readFileSync(path.join(SRC, f), 'utf8') }));

/** Code that would break a promise in the README's Privacy section, and why. */
const FORBIDDEN: [RegExp, string][] = [
  [/\beval\s*\(/, 'evaluated code'],
  [/\bnew\s+Function\s*\(/, 'evaluated code'],
  [/\bimportScripts\s*\(/, 'remote code'],
  [/document\.cookie|\.cookies\./, 'cookies'],
  [/\b(onMessageExternal|onConnectExternal)\s*\.\s*addListener/, 'messages from other extensions or pages'],
  [/\bsendBeacon\s*\(|\bnew\s+WebSocket\b|\bXMLHttpRequest\b|\bEventSource\b/, 'a network channel besides the market-data fetcher'],
  [/webRequest|declarativeNetRequest/, 'intercepting requests'],
];

/** The only modules that may call fetch(): the market-data fetcher's browser binding and the packaged-file loader. */
const FETCH_ALLOWED = new Set(['src/background/market/browser.ts', 'src/background/market/bundled.ts']);

describe('privacy in the source', () => {
  it.each(FORBIDDEN.map(([re, why]) => [why, re] as const))('has no %s', (_why, re) => {
    expect(sources.filter((s) => re.test(s.code)).map((s) => s.file)).toEqual([]);
  });

  it('calls fetch() only in the market-data fetcher (which refuses URLs off the allow-list)', () => {
    const callers = sources.filter((s) => /(^|[^.\w])fetch\s*\(/.test(s.code)).map((s) => s.file);
    expect(callers.filter((f) => !FETCH_ALLOWED.has(f))).toEqual([]);
  });
});

describe.each(['chrome', 'firefox'] as const)('privacy in the %s build', (target) => {
  const { dir } = readBuild(target);
  const scripts = listFiles(dir).filter((f) => f.endsWith('.js'));

  it('evaluates no strings as code', () => {
    for (const f of scripts) {
      const code = readFileSync(path.join(dir, f), 'utf8');
      expect(code, f).not.toMatch(/\beval\s*\(|\bnew\s+Function\s*\(/);
    }
  });

  it('loads no script from the network', () => {
    for (const f of listFiles(dir).filter((x) => /\.(js|html)$/.test(x))) {
      const code = readFileSync(path.join(dir, f), 'utf8');
      expect(code, f).not.toMatch(/<script[^>]+src=["']https?:|import\s*\(\s*["']https?:|importScripts\s*\(/);
    }
  });
});
