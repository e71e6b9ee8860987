import { defineDistance, Type } from '@gemlab/core';
import { batchAffinity } from '../affinities/batch-affinity.js';
import { pairwiseSquaredEuclidean, withZeroDiagonal } from '../tensor-math/pairwise.js';

/** ‖x − y‖₂² (not a metric: the K = 2 OvA = OvO identity of Wasserstein fails with it). */
export const sqeuclidean = defineDistance({
  name: 'sqeuclidean',
  description: 'squared Euclidean distance ‖x−y‖₂² (used on MNIST in the paper; not a metric)',
  schema: Type.Object({}),
  create: () =>
    batchAffinity((x, y, same) => {
      const squared = pairwiseSquaredEuclidean(x, y);
      return same ? withZeroDiagonal(squared) : squared;
    }),
});
