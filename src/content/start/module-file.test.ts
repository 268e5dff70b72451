import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { COMPILE_ALL_HINT, loaderCode, moduleFileOf } from './module-file';

describe('content-script modules', () => {
  it('names each venue script’s module beside it, and refuses any other path', () => {
    expect(moduleFileOf('src/content/start/binance.js')).toBe('src/content/start/binance.module.js');
    expect(() => moduleFileOf('src/content/on-demand.js')).toThrow(/not a venue content script/);
    expect(() => moduleFileOf('src/content/start/../../background.js')).toThrow();
  });

  it('the loader imports exactly its module, through the extension’s own runtime, and says when it cannot', () => {
    const code = loaderCode('src/content/start/okx.module.js');
    expect(code.match(/import\(/g)).toHaveLength(1);
    expect(code).toContain('getURL("src/content/start/okx.module.js")');
    expect(code).toContain('globalThis.browser?.runtime??globalThis.chrome?.runtime');
    expect(code).toMatch(/\.catch\(/);
    // A classic script: parses as one (import() is an expression, not module syntax).
    expect(() => new Script(code)).not.toThrow();
  });

  it('the hint is V8’s whole-file compile hint, alone on the first line', () => {
    expect(COMPILE_ALL_HINT).toBe('//# allFunctionsCalledOnLoad\n');
  });
});
