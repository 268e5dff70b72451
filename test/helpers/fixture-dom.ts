import { readFileSync } from 'node:fs';
import path from 'node:path';
import { install, type FixtureRuntime } from '../fixtures/_runtime/app.js';

/**
 * Test-only: loads a fixture page into happy-dom's document. Only tests may turn HTML into
 * DOM this way; src code never does (eslint forbids innerHTML in src).
 */
export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

export function fixtureHtml(file: string): string {
  return readFileSync(path.join(FIXTURES, file), 'utf8');
}

/** Pages that include the shared runtime get it run once, without timers, as the browser would after load. */
const RUNTIME_TAG = '/__fixtures__/_runtime/boot.js';
let runtime: FixtureRuntime | null = null;

export function loadFixture(file: string): Document {
  return loadHtml(fixtureHtml(file));
}

/** Test-only: loads a whole page's HTML (doctype, comments and <html> included) into happy-dom's document. */
export function loadHtml(html: string): Document {
  runtime?.stop();
  runtime = null;
  const open = /<html([^>]*)>/i.exec(html);
  const inner = html.slice((open?.index ?? 0) + (open?.[0].length ?? 0)).replace(/<\/html>\s*$/i, '');
  const root = document.documentElement;
  for (const attr of [...root.attributes]) root.removeAttribute(attr.name);
  for (const m of (open?.[1] ?? '').matchAll(/([\w-]+)="([^"]*)"/g)) if (m[1]) root.setAttribute(m[1], m[2] ?? '');
  // Inline fixture scripts simulate the SPA in real browsers only; they are not needed (and not run) here.
  root.innerHTML = inner.replace(/<script[\s\S]*?<\/script>/gi, '');
  // A browser's parser chooses a <select>'s option marked `selected`; happy-dom's innerHTML may choose another.
  for (const select of root.querySelectorAll('select')) {
    let marked = -1;
    [...(select as HTMLSelectElement).options].forEach((o, i) => (marked = o.hasAttribute('selected') ? i : marked));
    if (marked >= 0) (select as HTMLSelectElement).selectedIndex = marked;
  }
  if (html.includes(RUNTIME_TAG)) runtime = install(window, { static: true });
  return document;
}

/** Test-only: replaces the body with markup written in the test itself. */
export function setBody(markup: string): void {
  document.body.innerHTML = markup;
}
