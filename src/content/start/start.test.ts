import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { VenueAdapter } from '../venues/types';
import { ADAPTERS } from '../venues/all';
import { ACCOUNT_SPECS } from '../account/venues';

// Each venue's pages get a content script carrying that venue's adapters and no other: the manifest
// entry that injects src/content/start/<venue>.ts must match exactly the pages its adapters serve.
const started: VenueAdapter[][] = [];
const accounts = new Map<string, unknown>();
vi.mock('../main', () => ({
  startWith: (adapters: VenueAdapter[], specs: Record<string, unknown>) => {
    started.push(adapters);
    for (const [id, spec] of Object.entries(specs)) accounts.set(id, spec);
  },
}));

const REPO = path.resolve(import.meta.dirname, '../../..');
const manifest = JSON.parse(readFileSync(path.join(REPO, 'manifest.json'), 'utf8')) as { content_scripts: { matches: string[]; js: string[] }[] };

/** What each entry started, by its manifest path (each module runs once, when first imported). */
const byEntry = new Map<string, VenueAdapter[][]>();
beforeAll(async () => {
  for (const c of manifest.content_scripts) {
    started.length = 0;
    for (const js of c.js) await import(/* @vite-ignore */ path.join(REPO, js));
    byEntry.set(c.js.join(), [...started]);
  }
});

describe('per-venue content scripts', () => {
  it.each(manifest.content_scripts.map((c) => [c.js.join(), c] as const))('%s starts the adapters of exactly the pages it is injected on', (name, entry) => {
    expect(entry.js).toHaveLength(1);
    const runs = byEntry.get(name) ?? [];
    expect(runs).toHaveLength(1);
    const adapters = runs[0] ?? [];
    expect(adapters.length).toBeGreaterThan(0);
    expect(new Set(adapters.flatMap((a) => a.matches))).toEqual(new Set(entry.matches));
  });

  it('every adapter is started by exactly one content script', () => {
    const all = [...byEntry.values()].flat(2);
    expect(all.map((a) => a.id).sort()).toEqual(ADAPTERS.map((a) => a.id).sort());
  });

  it('each content script installs the positions-list specs of its own adapters, and together they are all of them', () => {
    for (const runs of byEntry.values()) for (const a of runs.flat()) expect(accounts.get(a.id), a.id).toBe(ACCOUNT_SPECS[a.id]);
    expect([...accounts.keys()].sort()).toEqual(Object.keys(ACCOUNT_SPECS).sort());
  });
});
