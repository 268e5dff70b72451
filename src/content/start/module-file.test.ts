import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { asciiOnly, COMPILE_ALL_HINT, loaderCode, moduleBody, moduleFileOf } from './module-file';

describe('content-script modules', () => {
  it('names each venue script’s module beside it, and refuses any other path', () => {
    expect(moduleFileOf('src/content/start/binance.js')).toBe('src/content/start/binance.module.js');
    expect(() => moduleFileOf('src/content/on-demand.js')).toThrow(/not a venue content script/);
    expect(() => moduleFileOf('src/content/start/../../background.js')).toThrow();
  });

  it('the loader imports exactly its module, through the extension’s own runtime', () => {
    const code = loaderCode('src/content/start/okx.module.js');
    expect(code.match(/import\(/g)).toHaveLength(1);
    expect(code).toContain('chrome.runtime.getURL("src/content/start/okx.module.js")');
    // A classic script: parses as one (import() is an expression, not module syntax).
    expect(() => new Script(code)).not.toThrow();
    // And runs: asks the runtime for its module's URL and imports that URL.
    const asked: string[] = [];
    const imported: string[] = [];
    const run = new Script(code.replace('import(', 'load(')).runInNewContext({ chrome: { runtime: { getURL: (p: string) => (asked.push(p), `chrome-extension://x/${p}`) } }, load: (u: string) => imported.push(u) });
    expect(run).toBe(1);
    expect(asked).toEqual(['src/content/start/okx.module.js']);
    expect(imported).toEqual(['chrome-extension://x/src/content/start/okx.module.js']);
  });

  it('the module’s body is the IIFE’s body; any other shape is kept whole', () => {
    expect(moduleBody('(function(){var e=1;function t(){return e}t()})();')).toBe('var e=1;function t(){return e}t()');
    expect(moduleBody('(function(){var e=1})();\n')).toBe('var e=1');
    expect(moduleBody('var e=1;(function(){e++})();')).toBe('var e=1;(function(){e++})();');
    expect(moduleBody('(function(){var e=1})(window);')).toBe('(function(){var e=1})(window);');
  });

  it('the hint is V8’s whole-file compile hint, alone on the first line', () => {
    expect(COMPILE_ALL_HINT).toBe('//# allFunctionsCalledOnLoad\n');
  });

  it('the module’s source becomes ASCII-only and means the same: strings, templates, patterns (with and without u) and names', () => {
    const code = 'var \u00e9t\u00e9=1;const s="\u043f\u043b\u0435\u0447\u043e \u2014 \u6760\u6746 \u{1F4C8}",t=`\u8cc7\u91d1 ${\u00e9t\u00e9}`,r=/^[\u0430-\u044f\u00e9]+$/,u=/\u{1F4C8}|[\u{1F300}-\u{1F5FF}]/u,h=/\uc99d\uac70\uae08/i;[s,t,r.test("\u0446\u0435\u043d\u0430"),r.test("\u0446e"),u.test("\u{1F4C9}"),u.test("\uD83D"),h.test("\uc99d\uac70\uae08!")]';
    const ascii = asciiOnly(code);
    expect(ascii).not.toMatch(/[\u0080-\uffff]/);
    expect(ascii).toContain('\\u043f');
    expect(new Script(ascii).runInNewContext({})).toEqual(new Script(code).runInNewContext({}));
    expect(asciiOnly('var a="plain";')).toBe('var a="plain";');
  });

  it('refuses what an escape would change: a backslash before a non-ASCII character, a raw template', () => {
    expect(() => asciiOnly('var a=/\\\u2014/;')).toThrow(/backslash/);
    expect(() => asciiOnly('var a=String.raw`\u2014`;')).toThrow(/raw template/);
  });
});
