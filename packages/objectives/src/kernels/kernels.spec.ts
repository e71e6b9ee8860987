import { DataError, initBackend, SeededRng, tf } from '@gemlab/core';
import { runPython } from '@gemlab/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFromSpec } from '../testing.js';
import { additiveChi2 } from './additive-chi2.js';
import { chi2 } from './chi2.js';
import { cosine } from './cosine.js';
import { laplacian } from './laplacian.js';
import { linear } from './linear.js';
import { polynomial } from './polynomial.js';
import { rbf } from './rbf.js';
import { sigmoid } from './sigmoid.js';

// Each batch kernel against scikit-learn's pairwise_kernels (float64) on random data, for
// compute(x) and compute(x, y); non-negative data so the χ² kernels apply too.
const rng = new SeededRng(7);
const x = Array.from({ length: 9 }, () => Array.from({ length: 4 }, () => rng.uniform(0, 2)));
const y = Array.from({ length: 5 }, () => Array.from({ length: 4 }, () => rng.uniform(0, 2)));

const cases = [
  { spec: linear, params: {}, sklearn: ['linear', {}] },
  { spec: rbf, params: {}, sklearn: ['rbf', {}] },
  { spec: rbf, params: { gamma: 0.7 }, sklearn: ['rbf', { gamma: 0.7 }] },
  { spec: laplacian, params: {}, sklearn: ['laplacian', {}] },
  { spec: laplacian, params: { gamma: 0.4 }, sklearn: ['laplacian', { gamma: 0.4 }] },
  { spec: polynomial, params: {}, sklearn: ['polynomial', {}] },
  {
    spec: polynomial,
    params: { gamma: 0.5, coef0: -1, degree: 2 },
    sklearn: ['polynomial', { gamma: 0.5, coef0: -1, degree: 2 }],
  },
  { spec: sigmoid, params: {}, sklearn: ['sigmoid', {}] },
  { spec: sigmoid, params: { gamma: 0.2, coef0: -0.5 }, sklearn: ['sigmoid', { gamma: 0.2, coef0: -0.5 }] },
  { spec: cosine, params: {}, sklearn: ['cosine', {}] },
  { spec: chi2, params: {}, sklearn: ['chi2', {}] },
  { spec: chi2, params: { gamma: 0.3 }, sklearn: ['chi2', { gamma: 0.3 }] },
  { spec: additiveChi2, params: {}, sklearn: ['additive_chi2', {}] },
] as const;

const SKLEARN = `
import json, sys
import numpy as np
from sklearn.metrics.pairwise import pairwise_kernels
data = json.load(sys.stdin)
x, y = np.array(data["x"]), np.array(data["y"])
print(json.dumps([[pairwise_kernels(x, metric=m, **kw).tolist(), pairwise_kernels(x, y, metric=m, **kw).tolist()] for m, kw in data["kernels"]]))
`;

describe('kernels against scikit-learn', () => {
  let expected: [number[][], number[][]][];
  beforeAll(async () => {
    await initBackend('cpu');
    expected = runPython(SKLEARN, { x, y, kernels: cases.map((c) => c.sklearn) });
  });

  for (const [index, c] of cases.entries()) {
    it(`${c.spec.name} ${JSON.stringify(c.params)} matches pairwise_kernels to 1e-5`, () => {
      const kernel = createFromSpec(c.spec, c.params);
      const [square, rectangular] = expected[index] as [number[][], number[][]];
      expectClose(
        tf.tidy(() => kernel.compute(tf.tensor2d(x)).arraySync()),
        square,
      );
      expectClose(
        tf.tidy(() => kernel.compute(tf.tensor2d(x), tf.tensor2d(y)).arraySync()),
        rectangular,
      );
    });
  }
});

describe('kernel details', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it("rbf gamma 'median' uses γ = 1/(2σ²) with σ the median pairwise distance", () => {
    // Points 0, 1, 3 on a line: pairwise distances 1, 2, 3, median σ = 2, γ = 1/8.
    const points = [[0], [1], [3]];
    const kernel = createFromSpec(rbf, { gamma: 'median' });
    const values = tf.tidy(() => kernel.compute(tf.tensor2d(points)).arraySync());
    expect(values[0]?.[1]).toBeCloseTo(Math.exp(-1 / 8), 6);
    expect(values[0]?.[2]).toBeCloseTo(Math.exp(-9 / 8), 6);
    // Duplicates only: σ = 0 falls back to γ = 1/n_features, every entry exp(0) = 1.
    expect(tf.tidy(() => kernel.compute(tf.tensor2d([[2], [2]])).arraySync())).toEqual([
      [1, 1],
      [1, 1],
    ]);
  });

  it('cosine gives 0 similarity for an all-zero row', () => {
    const values = tf.tidy(() =>
      createFromSpec(cosine)
        .compute(
          tf.tensor2d([
            [0, 0],
            [3, 4],
          ]),
        )
        .arraySync(),
    );
    expect(values[0]).toEqual([0, 0]);
    expect(values[1]?.[1]).toBeCloseTo(1, 6);
  });

  it('χ² kernels reject negative data with a DataError naming the kernel and the entry', () => {
    const negative = tf.tensor2d([
      [0.5, 1],
      [0.2, -0.1],
    ]);
    expect(() => createFromSpec(chi2).compute(negative)).toThrow(DataError);
    expect(() => createFromSpec(chi2).compute(negative)).toThrow("kernel 'chi2' needs non-negative data; row 2, column 2 is");
    expect(() => createFromSpec(additiveChi2).compute(negative)).toThrow("kernel 'additive_chi2' needs non-negative data");
    negative.dispose();
  });

  it('rejects invalid params through the schema, naming the path', () => {
    expect(() => createFromSpec(rbf, { gamma: -1 })).toThrow("kernel.gamma: must be a number > 0 or 'median'. Got -1");
    expect(() => createFromSpec(polynomial, { degree: 0 })).toThrow('kernel.degree: must be >= 1');
  });
});

function expectClose(actual: number[][], expected: number[][]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => {
    row.forEach((value, j) => {
      const reference = expected[i]?.[j] as number;
      expect(Math.abs(value - reference), `entry (${i + 1}, ${j + 1}): ${value} vs ${reference}`).toBeLessThanOrEqual(
        1e-5 * Math.max(1, Math.abs(reference)),
      );
    });
  });
}
