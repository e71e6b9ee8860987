import { defineDistance, Type, tf } from '@gemlab/core';
import { batchAffinity } from '../affinities/batch-affinity.js';
import { pairwiseAbsoluteDifferences } from '../tensor-math/pairwise.js';

/** ‖x − y‖₁. */
export const manhattan = defineDistance({
  name: 'manhattan',
  description: 'Manhattan (L1) distance ‖x−y‖₁',
  schema: Type.Object({}),
  create: () => batchAffinity((x, y) => tf.sum(pairwiseAbsoluteDifferences(x, y), 2)),
});
