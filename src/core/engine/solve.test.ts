import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { D } from '../decimal';
import { bracketOutward, findRoot } from './solve';

describe('findRoot (Illinois with bisection guard, bounded)', () => {
  it('finds √2 to below the tolerance with the g ≤ 0 and g > 0 ends bracketing it', () => {
    const r = findRoot((x) => x.mul(x).minus(2), new D(0), new D(2), new D('1e-20'));
    expect(r.converged).toBe(true);
    const root = new D(2).sqrt();
    expect(r.atOrBelowZero.lte(root) && r.aboveZero.gte(root)).toBe(true);
    expect(r.aboveZero.minus(r.atOrBelowZero).lt('1e-20')).toBe(true);
    expect(r.iterations).toBeLessThan(30);
  });

  it('works with the bracket given in either order', () => {
    const r = findRoot((x) => new D(10).minus(x), new D(20), new D(0), new D('1e-9'));
    expect(r.atOrBelowZero.minus(10).abs().lt('1e-9')).toBe(true);
  });

  it('never exceeds its iteration cap, and reports no convergence when it is not bracketed', () => {
    const r = findRoot((x) => x, new D(1), new D(2), new D('1e-9'));
    expect(r).toMatchObject({ iterations: 0, converged: false });
    const capped = findRoot((x) => x.minus(1), new D(0), new D(1e6), new D('1e-35'), 5);
    expect(capped.iterations).toBeLessThanOrEqual(5);
  });

  it('converges on any monotone cubic, at worst about three times bisection’s step count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 1000 }), (root, scale) => {
        const r0 = new D(root).div(7);
        const g = (x: D): D => x.minus(r0).pow(3).mul(scale).plus(x.minus(r0));
        const res = findRoot(g, new D(0), new D(20_000), new D('1e-12'));
        // Bisection needs log2(20000 / 1e-12) ≈ 54 steps; the guard allows at most about three times that.
        return res.converged && res.iterations <= 3 * 55 + 3 && res.atOrBelowZero.minus(r0).abs().lt('1e-12');
      }),
      { numRuns: 200 },
    );
  });
});

describe('bracketOutward', () => {
  it('doubles away from the start until the sign changes', () => {
    const br = bracketOutward((x) => x.minus(1000), new D(1), 'up', false);
    expect(br?.inside.lte(1000) && br.outside.gt(1000)).toBe(true);
  });
  it('gives up after its step cap', () => {
    expect(bracketOutward(() => new D(1), new D(1), 'down', true, 10)).toBeNull();
  });
});
