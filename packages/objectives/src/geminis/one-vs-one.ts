import { type Scalar, type Tensor2D, tf } from '@gemlab/core';
import { clusterLaws } from './cluster-laws.js';
import type { LawDivergence } from './law-divergence.js';

/**
 * One-vs-one: I = Σ_{k,l} π_k π_l D(p(x|k) ‖ p(x|l)) = πᵀ D π, over ordered pairs, k = l
 * included (those terms are 0). `divergence` receives the same tensor twice, so it may
 * exploit a = b (MMD reads its diagonal from one Gram matrix). With R stacked batches
 * [R, N, K] (and a divergence that takes them) it gives the R values.
 */
export function oneVsOne(p: Tensor2D, divergence: LawDivergence, affinity: Tensor2D | undefined): Scalar {
  const { proportions, laws } = clusterLaws(p);
  const pairwise = divergence(laws, laws, affinity);
  return tf.sum(tf.mul(tf.mul(pairwise, proportions.expandDims(-1)), proportions.expandDims(-2)), [-2, -1]);
}
