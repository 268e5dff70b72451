import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerLine } from '../../src/cli/calc';
import { REPO_ROOT } from './built-extension';

// The README's calculator examples are promises: each command, run through the CLI's own code, must
// still give the figures the README prints after it.
const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], body: (m[2] ?? '').trim() }));
const examples = blocks.flatMap((b, i) => {
  const input = /npm run --silent calc -- '(\{.*\})'$/.exec(b.body)?.[1] ?? /^echo '(\{.*\})' \| npm run --silent calc$/.exec(b.body)?.[1];
  const next = blocks[i + 1];
  return input && b.lang === 'sh' && next?.lang === 'json' ? [{ input, printed: next.body }] : [];
});

describe('README calculator examples', () => {
  it('has the three documented examples', () => {
    expect(examples).toHaveLength(3);
  });

  it.each(examples.map((e, i) => [i + 1, e] as const))('example %i still prints what the README shows', (_n, { input, printed }) => {
    const out = answerLine(input, '2026-11-22T00:00:00Z');
    const seen = new Set<string>();
    const nested = (key: string): Record<string, unknown> => (key === 'headline' || (key === 'verdict' && out.canLoseMoreThanMargin) ? out.canLoseMoreThanMargin : out.selfCheck) as Record<string, unknown>;
    for (const m of printed.matchAll(/"(liquidationPrice|bankruptcyPrice|distancePercent|initialMargin|maintenanceMargin|lossAtLiquidation|verdict|headline|ours|gapPercent)":"([^"]*)"/g)) {
      const [, key, value] = m;
      // Top-level figures come first; a later key of the same name (display.liquidationPrice) is not one.
      if (seen.has(key ?? '')) continue;
      seen.add(key ?? '');
      const actual = ['verdict', 'headline', 'ours', 'gapPercent'].includes(key ?? '') ? nested(key ?? '')[key ?? ''] : out[key ?? ''];
      expect(actual, key).toBe(value);
    }
    expect(out.ok).toBe(true);
  });
});
