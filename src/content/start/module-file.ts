/**
 * Each venue's content script (`src/content/start/<venue>.js` in the build, named by the manifest) is a
 * loader of a few hundred bytes that imports the venue's code from an ES module beside it, built from the
 * same entry: `src/content/start/<venue>.module.js`. vite.config.ts writes both and makes the module
 * web-accessible to that venue's hosts only.
 *
 * Why a module: Chromium keeps no compiled code for a content script, not even across restarts (the
 * benchmark's restart row), so every fresh tab parsed and compiled the whole script on the page's main
 * thread, then compiled each function the first read ran. A module imported from the extension is
 * compiled while it streams in, off the main thread, and its compiled code is cached with the profile:
 * from the third load on it is taken from that cache. The module's first line asks V8 to compile every
 * function at once (`//# allFunctionsCalledOnLoad`), so the cache holds the functions the first read
 * needs, and the first read compiles none. The loader runs at document_start, so the module is fetched
 * and compiled while the page loads, and the controller starts as soon as the document is parsed
 * (src/content/main.ts): the overlay comes sooner than when the whole script waited for document_idle.
 */
export function moduleFileOf(script: string): string {
  if (!/^src\/content\/start\/[a-z0-9-]+\.js$/.test(script)) throw new Error(`${script} is not a venue content script`);
  return script.replace(/\.js$/, '.module.js');
}

/** V8's explicit compile hint for a whole file (Chromium 136+; other engines read it as a comment). */
export const COMPILE_ALL_HINT = '//# allFunctionsCalledOnLoad\n';

/**
 * The loader's whole code: the extension's runtime names the module's URL (`chrome` is the extension
 * namespace in Firefox's content scripts too). Nothing can be shown without the module, so a failed
 * import (the extension was updated or removed meanwhile) is left to the browser, which reports the
 * rejected import with the module's URL in the page's console. Every byte here counts towards the
 * content script's gzipped budget.
 */
export function loaderCode(moduleFile: string): string {
  return `import(chrome.runtime.getURL(${JSON.stringify(moduleFile)}));\n`;
}

/**
 * crxjs builds each content script as an IIFE, `(function(){…})();`. As a module's body the wrapper is
 * redundant: a module has its own scope and is strict code already (the sources are ES modules, so the
 * IIFE's body is strict-clean). Without it the module is a few bytes smaller; any other shape is kept whole.
 */
export function moduleBody(iife: string): string {
  const m = /^\(function\(\)\{([\s\S]*)\}\)\(\);?\s*$/.exec(iife);
  return m?.[1] ?? iife;
}

/**
 * The module's source with every character above U+007F written as a `\uXXXX` escape (astral ones as their
 * two surrogates), so the whole file is ASCII. The vocabulary and the readers' patterns carry Cyrillic, Arabic,
 * CJK, Hangul…: with even one such character V8 holds the module's source as a two-byte string (about 245 KB
 * instead of 123 KB) and its parser scans twice the bytes on a fresh tab. Outside comments, non-ASCII
 * characters occur only in string, template and regular-expression literals and identifiers, where a
 * `\uXXXX` escape means the same character (also in a `u`-flag pattern: a surrogate pair of escapes is one
 * code point there). Two places where it would not, a character escaped by a backslash (`\é`) and a raw
 * template (String.raw), are refused rather than rewritten.
 */
export function asciiOnly(code: string): string {
  if (/\\[\u0080-\uffff]/.test(code)) throw new Error('the module escapes a non-ASCII character with a backslash: it cannot be made ASCII-only safely');
  if (/String\.raw|\braw`/.test(code) && /[\u0080-\uffff]/.test(code)) throw new Error('the module has a raw template and non-ASCII characters: it cannot be made ASCII-only safely');
  return code.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
