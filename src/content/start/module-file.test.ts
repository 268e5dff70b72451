import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { COMPILE_ALL_HINT, loaderCode, moduleBody, moduleFileOf } from './module-file';

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
});
