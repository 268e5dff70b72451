import { describe, expect, it } from 'vitest';
import { foldVocab, VOCAB, type VocabKey } from '../../src/content/read/vocab';
import { asciiOnly } from '../../src/content/start/module-file';
import { contentScriptParts, readBuild } from './built-extension';

// The build folds the order-form vocabulary once, so a page's first read folds none of it: each
// content script carries every meaning's words folded exactly as the reader folds them, and not
// the written table beside it.
describe.each(['chrome', 'firefox'] as const)('%s content scripts carry the vocabulary folded', (target) => {
  const { dir, manifest } = readBuild(target);
  const scripts = (manifest.content_scripts ?? []).flatMap((c) => c.js ?? []);
  const folded = foldVocab(VOCAB);
  const keys = Object.keys(VOCAB) as VocabKey[];

  it.each(scripts)('%s', (script) => {
    // The module is written ASCII-only (src/content/start/module-file.ts): its words are compared as it spells them.
    const code = asciiOnly(contentScriptParts(dir, script).module);
    for (const key of keys) expect(code, key).toContain(asciiOnly(folded[key]));
    const written = keys.filter((key) => folded[key] !== VOCAB[key]);
    expect(written.length).toBeGreaterThan(0);
    for (const key of written) expect(code, key).not.toContain(asciiOnly(VOCAB[key]));
  });
});
