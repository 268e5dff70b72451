import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ON_DEMAND_FILE } from '../../src/content/on-demand-file';
import { contentScriptParts, readBuild } from './built-extension';

// Deterministic budgets: the bytes a trader's browser parses on every venue page. 48 KB is the
// ceiling for every content-script feature together (reading, overlay, picker, hardening).
const CONTENT_SCRIPT_BUDGET_GZIP = 48 * 1024;
// The content script's on-demand module (the page report) is parsed only when the trader asks for a
// report, never at page load; it carries its own copy of the page reader and of Preact.
const ON_DEMAND_BUDGET_GZIP = 48 * 1024;
const gzipped = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
const gzippedText = (text: string) => gzipSync(Buffer.from(text), { level: 9 }).length;

describe('content script budget', () => {
  const { dir, manifest } = readBuild('chrome');
  const scripts = (manifest.content_scripts ?? []).flatMap((c) => c.js ?? []);

  // What the page loads for the content script: its loader and the module the loader imports, together.
  it.each(scripts)('%s and its module are at most 48 KB gzipped', (script) => {
    const { loader, moduleFile, module } = contentScriptParts(dir, script);
    const gz = gzippedText(loader) + gzippedText(module);
    console.log(`[bundle size] ${script} + ${moduleFile}: ${gz} B gzipped of ${CONTENT_SCRIPT_BUDGET_GZIP}`);
    expect(gz).toBeLessThanOrEqual(CONTENT_SCRIPT_BUDGET_GZIP);
  });

  it(`${ON_DEMAND_FILE} (loaded only on the trader's request) is at most 48 KB gzipped`, () => {
    const gz = gzipped(path.join(dir, ON_DEMAND_FILE));
    console.log(`[bundle size] ${ON_DEMAND_FILE}: ${gz} B gzipped of ${ON_DEMAND_BUDGET_GZIP}`);
    expect(gz).toBeLessThanOrEqual(ON_DEMAND_BUDGET_GZIP);
  });

  it.each([...scripts, ON_DEMAND_FILE])('%s carries no decimal.js and no tier tables (money math stays in the background)', (script) => {
    const code = script === ON_DEMAND_FILE ? readFileSync(path.join(dir, script), 'utf8') : contentScriptParts(dir, script).module;
    expect(code).not.toContain('[DecimalError]');
    expect(code).not.toMatch(/maintenanceMarginRate|maintMarginRatio|notionalCap/);
  });
});
