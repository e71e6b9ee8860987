import { defineDistance, Type, tf } from '@gemlab/core';
import { batchAffinity } from '../affinities/batch-affinity.js';
import { pairwiseAbsoluteDifferences } from '../tensor-math/pairwise.js';

/** ‖x − y‖∞ = max_d |x_d − y_d|. */
export const chebyshev = defineDistance({
  name: 'chebyshev',
  description: 'Chebyshev (L∞) distance max_d |x_d − y_d|',
  schema: Type.Object({}),
  create: () => batchAffinity((x, y) => tf.max(pairwiseAbsoluteDifferences(x, y), 2)),
});
