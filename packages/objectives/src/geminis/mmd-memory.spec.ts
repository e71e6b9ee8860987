import { initBackend, tf } from '@gemlab/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFromSpec } from '../testing.js';
import { mmd } from './mmd.js';

// The acceptance of the Gram-form MMD: at N = 2000, K = 15 the value and its gradient take
// O(N² + NK) floats beyond their inputs, never the N×N×K×K tensor of the original code
// (which would be 900·N² floats). Measured as tf.profile's peak bytes above the inputs' bytes.
// tfjs counts bytes per tensor, so the tape's clone of the kernel input (one per matMul, sharing
// its buffer on every backend) shows as one N²: the measured peak is about N² + a few NK.
const N = 2000;
const K = 15;

describe('mmd memory', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  for (const mode of ['ovo', 'ova'] as const) {
    it(`${mode}: value and gradient at N = ${N}, K = ${K} stay within 3·(N² + NK) floats`, async () => {
      const objective = createFromSpec(mmd, { mode });
      const kernel = tf.tidy(() => {
        const x = tf.randomNormal([N, 2], 0, 1, 'float32', 1);
        return tf.matMul(x, x, false, true) as tf.Tensor2D;
      });
      const p = tf.tidy(() => tf.softmax(tf.randomNormal([N, K], 0, 1, 'float32', 2)) as tf.Tensor2D);
      const before = tf.memory().numBytes;
      const profile = await tf.profile(() => {
        const [value, gradient] = tf.tidy(() => {
          const { value, grad } = tf.valueAndGrad((q: tf.Tensor) => objective.evaluate(q as tf.Tensor2D, kernel))(p);
          return [value, grad];
        });
        tf.dispose([value, gradient]);
      });
      const extraFloats = (profile.peakBytes - before) / 4;
      // Logged for the record: the bound allows 3·(N² + NK); the Gram form needs a few N×K.
      console.log(`mmd ${mode}: peak ${extraFloats} extra floats (N² = ${N * N}, NK = ${N * K})`);
      expect(extraFloats).toBeLessThanOrEqual(3 * (N * N + N * K));
      // Tighter: room for the tape's kernel record and O(NK) work, not for one more N×N temporary.
      expect(extraFloats).toBeLessThanOrEqual(N * N + 50 * N * K);
      tf.dispose([kernel, p]);
    });
  }
});
