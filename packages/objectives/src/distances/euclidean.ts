import { defineDistance, Type } from '@gemlab/core';
import { batchAffinity } from '../affinities/batch-affinity.js';
import { pairwiseSquaredEuclidean, withZeroDiagonal } from '../tensor-math/pairwise.js';
import { safeSqrt } from '../tensor-math/safe-sqrt.js';

/** ‖x − y‖₂ (a metric: the default cost of wasserstein). */
export const euclidean = defineDistance({
  name: 'euclidean',
  description: 'Euclidean distance ‖x−y‖₂ (a metric; the default cost for wasserstein)',
  schema: Type.Object({}),
  create: () =>
    batchAffinity((x, y, same) => {
      const squared = pairwiseSquaredEuclidean(x, y);
      return safeSqrt(same ? withZeroDiagonal(squared) : squared);
    }),
});
