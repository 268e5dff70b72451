import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readBuild } from './built-extension';

// Deterministic budgets: the bytes a trader's browser parses on every venue page. 48 KB is the
// ceiling for every content-script feature together (reading, overlay, picker, hardening).
const CONTENT_SCRIPT_BUDGET_GZIP = 48 * 1024;

describe('content script budget', () => {
  const { dir, manifest } = readBuild('chrome');
  const scripts = (manifest.content_scripts ?? []).flatMap((c) => c.js ?? []);

  it.each(scripts)('%s is at most 48 KB gzipped', (script) => {
    const gz = gzipSync(readFileSync(path.join(dir, script)), { level: 9 }).length;
    expect(gz).toBeLessThanOrEqual(CONTENT_SCRIPT_BUDGET_GZIP);
  });

  it.each(scripts)('%s carries no decimal.js and no tier tables (money math stays in the background)', (script) => {
    const code = readFileSync(path.join(dir, script), 'utf8');
    expect(code).not.toContain('[DecimalError]');
    expect(code).not.toMatch(/maintenanceMarginRate|maintMarginRatio|notionalCap/);
  });
});
