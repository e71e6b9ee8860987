import { describe, expect, it } from 'vitest';
import { deriveSeed } from './derive-seed.js';
import { SeededRng } from './seeded-rng.js';

const draws = (rng: SeededRng, n: number, f: (r: SeededRng) => number) => Array.from({ length: n }, () => f(rng));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: number[]) => {
  const m = mean(xs);
  return xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
};

describe('SeededRng', () => {
  it('repeats its stream for the same seed and differs for another', () => {
    expect(draws(new SeededRng(42), 5, (r) => r.nextUint32())).toEqual(draws(new SeededRng(42), 5, (r) => r.nextUint32()));
    expect(draws(new SeededRng(42), 5, (r) => r.nextUint32())).not.toEqual(draws(new SeededRng(43), 5, (r) => r.nextUint32()));
  });

  it('derives streams that do not depend on how much a sibling drew', () => {
    const root = new SeededRng(1);
    const init = root.derive('init');
    draws(root.derive('shuffle'), 1000, (r) => r.next());
    expect(init.next()).toBe(new SeededRng(1).derive('init').next());
    expect(deriveSeed(1, 'ab', 'c')).not.toBe(deriveSeed(1, 'a', 'bc'));
  });

  it('draws uniforms, normals and chi-squared values with the right moments', () => {
    const n = 40_000;
    // Standard errors: uniform mean 1/sqrt(12n) ≈ 0.0014; normal mean 1/sqrt(n) = 0.005; chi2(3) mean sqrt(6/n) ≈ 0.012.
    const u = draws(new SeededRng(2), n, (r) => r.next());
    expect(Math.abs(mean(u) - 0.5)).toBeLessThan(0.006);
    expect(Math.abs(variance(u) - 1 / 12)).toBeLessThan(0.003);
    const z = draws(new SeededRng(3), n, (r) => r.normal());
    expect(Math.abs(mean(z))).toBeLessThan(0.02);
    expect(Math.abs(variance(z) - 1)).toBeLessThan(0.03);
    const c = draws(new SeededRng(4), n, (r) => r.chiSquared(3));
    expect(Math.abs(mean(c) - 3)).toBeLessThan(0.05);
    expect(Math.abs(variance(c) - 6)).toBeLessThan(0.3);
    const g = draws(new SeededRng(5), n, (r) => r.gamma(0.5)); // mean 0.5, variance 0.5
    expect(Math.abs(mean(g) - 0.5)).toBeLessThan(0.02);
  });

  it('draws unbiased integers and valid permutations', () => {
    const counts = [0, 0, 0];
    for (const v of draws(new SeededRng(6), 30_000, (r) => r.int(3))) counts[v] = (counts[v] as number) + 1;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400); // 4.9 binomial sd
    const p = new SeededRng(7).permutation(100);
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(() => new SeededRng(1).int(0)).toThrow(RangeError);
  });
});
