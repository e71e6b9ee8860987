import { initBackend, tf } from '@gemlab/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFromSpec, evaluateObjective } from '../testing.js';
import { tv } from './tv.js';

// Four points, two clusters, π = (½, ½). Computed by hand:
//   OvA = (1/2N) ΣΣ |p_ik − π_k| = (1/8)·2·(0.3 + 0.1 + 0.1 + 0.3) = 0.2
//   OvO = (1/2N) Σ_i Σ_{k,l} |π_k p_il − π_l p_ik| = (1/8) Σ_i 2·½|p_i2 − p_i1| = (1/8)(0.6 + 0.2 + 0.2 + 0.6) = 0.2
// (K = 2: OvA = OvO, TV is an IPM.)
const p = [
  [0.8, 0.2],
  [0.6, 0.4],
  [0.4, 0.6],
  [0.2, 0.8],
];
// Three points, one-hot in three clusters, π = ⅓ each:
//   OvA = (1/6)·3·(⅔ + ⅓ + ⅓) = ⅔;  OvO = (1/6)·⅓ Σ_i Σ_{k,l} |p_il − p_ik| = (1/18)·3·4 = ⅔
const identity = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
];

describe('tv GEMINI', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it('matches the hand-computed values', () => {
    expect(evaluateObjective(createFromSpec(tv, { mode: 'ova' }), p)).toBeCloseTo(0.2, 6);
    expect(evaluateObjective(createFromSpec(tv, { mode: 'ovo' }), p)).toBeCloseTo(0.2, 6);
    expect(evaluateObjective(createFromSpec(tv, { mode: 'ova' }), identity)).toBeCloseTo(2 / 3, 6);
    expect(evaluateObjective(createFromSpec(tv, { mode: 'ovo' }), identity)).toBeCloseTo(2 / 3, 6);
  });

  it('takes sign(0) = 0 at ties: zero gradient when every row equals π', () => {
    // Every |p_ik − π_k| is 0; tf.abs would back-propagate −1 there.
    for (const mode of ['ova', 'ovo']) {
      const objective = createFromSpec(tv, { mode });
      const gradient = tf.tidy(() =>
        Array.from(
          tf
            .grad((q: tf.Tensor) => objective.evaluate(q as tf.Tensor2D))(
              tf.tensor2d([
                [0.3, 0.7],
                [0.3, 0.7],
                [0.3, 0.7],
              ]),
            )
            .dataSync(),
        ),
      );
      expect(gradient).toEqual([0, 0, 0, 0, 0, 0]);
    }
  });
});
