import { defineKernel, Type, tf } from '@gemlab/core';
import { batchAffinity } from '../affinities/batch-affinity.js';
import { pairwiseSquaredEuclidean } from '../tensor-math/pairwise.js';
import { gammaOrDefault } from './gamma.js';
import { medianHeuristicGamma } from './median-heuristic.js';

/** Gaussian kernel exp(−γ‖x − y‖²). */
export const rbf = defineKernel({
  name: 'rbf',
  description: 'Gaussian kernel exp(−γ‖x−y‖²); γ a number, or median for the median heuristic on each batch',
  schema: Type.Object({
    gamma: Type.Optional(
      Type.Union(
        [
          Type.Number({ exclusiveMinimum: 0, description: 'a number > 0' }),
          Type.Literal('median', { description: "'median' (γ = 1/(2σ²), σ the median pairwise distance in the batch)" }),
        ],
        { description: 'γ (default 1/n_features)' },
      ),
    ),
  }),
  create: ({ gamma }) =>
    batchAffinity((x, y, same) => {
      const squared = pairwiseSquaredEuclidean(x, y);
      const g = gamma === 'median' ? medianHeuristicGamma(squared, same, x.shape[1]) : gammaOrDefault(gamma, x);
      return tf.exp(tf.mul(-g, squared));
    }),
});
