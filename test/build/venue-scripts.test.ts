import { describe, expect, it } from 'vitest';
import { contentScriptParts, readBuild } from './built-extension';

// A venue page parses and compiles only its own venue's reader: each content script names the
// hosts of the pages it is injected on (its adapters' match patterns) and no other venue's.
describe.each(['chrome', 'firefox'] as const)('%s content scripts', (target) => {
  const { dir, manifest } = readBuild(target);
  const entries = manifest.content_scripts ?? [];
  const hostOf = (pattern: string) => new URL(pattern.replace(/\*/g, 'x')).host;

  it('one script per venue, each on its own hosts', () => {
    expect(entries.length).toBeGreaterThan(5);
    const hosts = entries.map((c) => new Set(c.matches.map(hostOf)));
    for (const [i, a] of hosts.entries()) for (const b of hosts.slice(i + 1)) expect([...a].filter((h) => b.has(h))).toEqual([]);
  });

  it.each(entries.map((c) => [c.js?.join() ?? '', c] as const))('%s carries only its own venue’s adapters', (_name, entry) => {
    expect(entry.js).toHaveLength(1);
    const code = contentScriptParts(dir, entry.js?.[0] ?? '').module;
    const named = new Set([...code.matchAll(/https:\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)+)\//g)].map((m) => m[1]));
    expect(named).toEqual(new Set(entry.matches.map(hostOf)));
  });
});
