import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';

const css = readFileSync(new URL('./overlay.css', import.meta.url), 'utf8');

/**
 * The overlay's stylesheet is in every venue page the content script runs on, beside pages that rewrite
 * their order book 20 times a second: nothing in it may make the browser do work for the page's own DOM.
 */
describe('overlay stylesheet', () => {
  it('has no :has() rule (the browser would check it against the page’s own DOM changes)', () => {
    expect(css).not.toMatch(/:has\(/);
  });

  it('keeps the host out of the page’s flow: fixed, 0×0, with layout, size and style containment, all !important', () => {
    const host = /:host\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
    for (const rule of ['all: initial !important', 'position: fixed !important', 'width: 0 !important', 'height: 0 !important', 'contain: layout size style !important']) expect(host).toContain(rule);
    // Paint containment would clip the panel to the 0×0 host.
    expect(host).not.toMatch(/contain:[^;]*(paint|strict|content)/);
  });
});
