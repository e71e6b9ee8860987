import { defineDistance, type Tensor2D, Type, tf } from '@gemlab/core';
import { batchAffinity } from '../affinities/batch-affinity.js';
import { normalizeRows, withZeroDiagonal } from '../tensor-math/pairwise.js';

/** 1 − cos(x, y), clipped to [0, 2] as scikit-learn does; an all-zero row is at distance 1. */
export const cosineDistance = defineDistance({
  name: 'cosine',
  description: 'cosine distance 1 − x·y/(‖x‖‖y‖), in [0, 2]',
  schema: Type.Object({}),
  create: () =>
    batchAffinity((x, y, same) => {
      const distance = tf.clipByValue(tf.sub(1, tf.matMul(normalizeRows(x), normalizeRows(y), false, true)), 0, 2) as Tensor2D;
      return same ? withZeroDiagonal(distance) : distance;
    }),
});
