import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clip, escapeAttr, escapeText, hasDigit, maskDigits, scrub, scrubName } from './mask';

describe('masking page text', () => {
  it('masks digits of every script, keeping the separators', () => {
    expect(maskDigits('65,000.5 USDT')).toBe('##,###.# USDT');
    expect(maskDigits('٦٥٬٠٠٠٫٥')).toBe('##٬###٫#');
    expect(maskDigits('６５０００')).toBe('#####');
    expect(maskDigits('x² ½ Ⅻ ①')).toBe('x# # # #');
    expect(maskDigits('1 234 567,89 €')).toBe('# ### ###,## €');
  });

  it('leaves no numeric character in any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (s) => !hasDigit(scrub(s))));
    fc.assert(fc.property(fc.string({ maxLength: 400 }), fc.integer({ min: 1, max: 200 }), (s, max) => !hasDigit(clip(s, max))));
  });

  it('replaces identifiers a digit mask would not hide', () => {
    expect(scrub('Signed in as trader.joe+fx@example.co.uk')).toBe('Signed in as [email]');
    expect(scrub('UID 3f2504e0-4f89-11d3-9a0c-0305e82c3301')).toBe('UID [id]');
    expect(scrub('key vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A')).toBe('key [token]');
    expect(scrub('wallet 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed')).toBe('wallet [token]');
    expect(scrub('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U')).toBe('[token]');
    // Long words without digits are words, not keys.
    expect(scrub('okui-tabs-pane-spacing-active')).toBe('okui-tabs-pane-spacing-active');
  });

  it('keeps one- and two-digit groups in names the site wrote, and masks longer ones', () => {
    expect(scrubName('okui-a11y-text col-6 h-10')).toBe('okui-a11y-text col-6 h-10');
    expect(scrubName('row-1234567 price-65000')).toBe('row-####### price-#####');
    expect(scrubName('v2')).toBe('v2');
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (s) => !/\p{N}{3}/u.test(scrubName(s))));
  });

  it('clips long text with an ellipsis and collapses whitespace', () => {
    expect(clip('  Avbl \n  1,250.75   USDT ', 40)).toBe('Avbl #,###.## USDT');
    expect(clip('a'.repeat(50), 10)).toBe(`${'a'.repeat(10)}…`);
  });

  it('finds an identifier whole before it cuts the text', () => {
    expect(clip('Signed in as trader.joe@example.com', 20)).toBe('Signed in as [email]');
    expect(clip('Signed in as trader.joe@example.com, welcome back', 18)).toBe('Signed in as [emai…');
    expect(clip(`key ${'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A'}`, 10)).toBe('key [token…');
    fc.assert(
      // Page text before the address, in letters that cannot spell it.
      fc.property(fc.stringMatching(/^[abcdfghiklmnpqsuvwxyz ,.:]{0,100}$/), fc.integer({ min: 1, max: 140 }), (before, max) => !/trader|joe/.test(clip(`${before} trader.joe@example.com`, max))),
    );
  });

  it('escapes markup, names format characters and quotes attributes with apostrophes', () => {
    expect(escapeText('<img src=x onerror=alert(1)> & co')).toBe('&lt;img src=x onerror=alert(1)&gt; &amp; co');
    expect(escapeAttr(`it's "fine"`)).toBe('it&apos;s "fine"');
    expect(escapeText('\u202e12.5\u202c\u200e')).toBe('&lg-RLO;12.5&lg-PDF;&lrm;');
    expect(escapeText('a\u0000b\u0007c')).toBe('a b c');
    expect(hasDigit(escapeText('\u2066\u2067\u2068\u2069\ufeff\u061c'))).toBe(false);
  });
});
