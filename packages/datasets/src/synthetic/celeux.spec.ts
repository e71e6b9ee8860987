import { runPython } from '@gemlab/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../conformance/load-dataset.js';
import { counts, covariance, mean, rowsOf, TEST_SEED } from '../test-support/statistics.js';
import { celeuxOne } from './celeux-one.js';
import { celeuxTwo } from './celeux-two.js';

const N = 20_000;

/** Per-class size, mean and covariance of a sample drawn by gemclus itself. */
interface ClassSummary {
  size: number;
  mean: number[];
  covariance: number[][];
}

let reference: { one: ClassSummary[]; two: ClassSummary[] };

beforeAll(() => {
  reference = runPython(
    `import json, sys
import numpy as np
from gemclus.data import celeux_one, celeux_two
n = json.load(sys.stdin)
def summary(X, y):
    return [{'size': int((y == k).sum()), 'mean': X[y == k].mean(0).tolist(), 'covariance': np.cov(X[y == k].T).tolist()}
            for k in sorted(set(y.tolist()))]
print(json.dumps({
  'one': summary(*celeux_one(n=n, p=3, mu=1.7, random_state=0)),
  'two': summary(*celeux_two(n=n, random_state=0)),
}))`,
    N,
  );
});

/**
 * Two independent samples of the same recipe: each class's proportion, mean and covariance
 * agree within 5 standard errors of the difference (variances taken from gemclus's sample).
 */
function expectSameDistribution(x: Float32Array, y: Int32Array, features: number, expected: ClassSummary[]): void {
  const sizes = counts(y, expected.length);
  expected.forEach((ref, k) => {
    const size = sizes[k] as number;
    const p = ref.size / N;
    expect(Math.abs(size / N - p), `class ${k} proportion`).toBeLessThan(5 * Math.sqrt((2 * p * (1 - p)) / N));
    const rows = rowsOf(x, features, y, k);
    const m = mean(rows);
    const c = covariance(rows);
    const inverseSizes = 1 / size + 1 / ref.size;
    const s = ref.covariance;
    for (let i = 0; i < features; i++) {
      const sii = s[i]?.[i] as number;
      expect(Math.abs((m[i] as number) - (ref.mean[i] as number)), `class ${k} mean ${i}`).toBeLessThan(
        5 * Math.sqrt(sii * inverseSizes),
      );
      for (let j = 0; j < features; j++) {
        const sij = s[i]?.[j] as number;
        const se = Math.sqrt((sii * (s[j]?.[j] as number) + sij * sij) * inverseSizes);
        expect(Math.abs((c[i]?.[j] as number) - sij), `class ${k} covariance ${i},${j}`).toBeLessThan(5 * se);
      }
    }
  });
}

describe('celeux-one', () => {
  it('matches gemclus celeux_one: 3 balanced classes at ±mu·1 and 0 in 5-D, then p noise variables', async () => {
    const data = await loadDataset(celeuxOne, { n: N, p: 3, mu: 1.7 }, { seed: TEST_SEED });
    expect(data.meta).toEqual({ name: 'celeux-one', n: N, features: 8, classes: 3, source: 'synthetic' });
    expectSameDistribution(data.x, data.y as Int32Array, 8, reference.one);
  });
});

describe('celeux-two', () => {
  it('matches gemclus celeux_two: 14 variables, 4 balanced classes, redundant and noise variables', async () => {
    const data = await loadDataset(celeuxTwo, { n: N }, { seed: TEST_SEED });
    expect(data.meta).toEqual({ name: 'celeux-two', n: N, features: 14, classes: 4, source: 'synthetic' });
    expectSameDistribution(data.x, data.y as Int32Array, 14, reference.two);
  });

  it('defaults to gemclus defaults (n = 2000)', async () => {
    expect((await loadDataset(celeuxTwo)).meta.n).toBe(2000);
    expect((await loadDataset(celeuxOne)).meta).toMatchObject({ n: 300, features: 25 });
  });
});
