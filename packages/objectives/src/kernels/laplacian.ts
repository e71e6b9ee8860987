import { defineKernel, Type, tf } from '@gemlab/core';
import { batchAffinity } from '../affinities/batch-affinity.js';
import { pairwiseAbsoluteDifferences } from '../tensor-math/pairwise.js';
import { gammaOrDefault, gammaSchema } from './gamma.js';

/** Laplacian kernel exp(−γ‖x − y‖₁). */
export const laplacian = defineKernel({
  name: 'laplacian',
  description: 'Laplacian kernel exp(−γ‖x−y‖₁)',
  schema: Type.Object({ gamma: gammaSchema() }),
  create: ({ gamma }) =>
    batchAffinity((x, y) => tf.exp(tf.mul(-gammaOrDefault(gamma, x), tf.sum(pairwiseAbsoluteDifferences(x, y), 2)))),
});
