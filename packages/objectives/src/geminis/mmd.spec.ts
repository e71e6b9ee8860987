import { DataError, initBackend, tf } from '@gemlab/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFromSpec, evaluateObjective } from '../testing.js';
import { mmd } from './mmd.js';

// Four points on a line, x = 0, 1, 2, 3, linear kernel, π = (½, ½), α_1 = p_1/π_1 = (1.6, 1.2, 0.8, 0.4).
// Computed by hand: δ_1² = ((α_1 − 1)·x)²/N² = (0 + 0.2 − 0.4 − 1.8)²/16 = 0.25, δ_1 = 0.5, and δ_2 = 0.5
// (α_2 − 1 = −(α_1 − 1)). OvA = ½·0.5 + ½·0.5 = 0.5. Equivalently the cluster means under w_k are
// 1.0 and 2.0, the data mean 1.5. OvO: Δ_12 = |1.0 − 2.0| = 1, πᵀΔπ = 2·¼·1 = 0.5 (K = 2: OvA = OvO).
const x = [[0], [1], [2], [3]];
const p = [
  [0.8, 0.2],
  [0.6, 0.4],
  [0.4, 0.6],
  [0.2, 0.8],
];

describe('mmd GEMINI', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it('matches the hand-computed values with the default linear kernel', () => {
    expect(evaluateObjective(createFromSpec(mmd, { mode: 'ova' }), p, x)).toBeCloseTo(0.5, 5);
    expect(evaluateObjective(createFromSpec(mmd, { mode: 'ovo' }), p, x)).toBeCloseTo(0.5, 5);
  });

  it('gives the distance between cluster means for a one-hot split (linear kernel)', () => {
    // Means 0.5 and 2.5, data mean 1.5: OvA = ½·1 + ½·1 = 1, OvO = 2·¼·2 = 1.
    const oneHot = [
      [1, 0],
      [1, 0],
      [0, 1],
      [0, 1],
    ];
    expect(evaluateObjective(createFromSpec(mmd, { mode: 'ova' }), oneHot, x)).toBeCloseTo(1, 5);
    expect(evaluateObjective(createFromSpec(mmd, { mode: 'ovo' }), oneHot, x)).toBeCloseTo(1, 5);
  });

  it('masks √ at 0: zero, finite gradient when every δ is 0', () => {
    for (const mode of ['ova', 'ovo']) {
      const objective = createFromSpec(mmd, { mode, kernel: { name: 'rbf' } });
      const gradient = tf.tidy(() => {
        const kernel = objective.affinityFunction?.compute(tf.tensor2d(x)) as tf.Tensor2D;
        const same = tf.tensor2d([
          [0.3, 0.7],
          [0.3, 0.7],
          [0.3, 0.7],
          [0.3, 0.7],
        ]);
        return Array.from(
          tf
            .grad((q: tf.Tensor) => objective.evaluate(q as tf.Tensor2D, kernel))(same)
            .dataSync(),
        );
      });
      expect(gradient).toEqual(new Array(8).fill(0));
    }
  });

  it('exposes its kernel and refuses to evaluate without the kernel matrix', () => {
    const objective = createFromSpec(mmd, { kernel: { name: 'rbf', gamma: 0.5 } });
    expect(objective.affinity).toBe('kernel');
    expect(objective.affinityFunction?.scope).toBe('batch');
    expect(() => objective.evaluate(tf.tensor2d(p))).toThrow(DataError);
    expect(() => objective.evaluate(tf.tensor2d(p), tf.eye(3) as tf.Tensor2D)).toThrow(
      /4×4 kernel matrix for a batch of 4; got 3×3/,
    );
  });
});
