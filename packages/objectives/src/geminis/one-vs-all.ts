import { type Scalar, type Tensor2D, tf } from '@gemlab/core';
import { clusterLaws } from './cluster-laws.js';
import type { LawDivergence } from './law-divergence.js';

/** One-vs-all: I = Σ_k π_k D(p(x|k) ‖ p(x)), with p(x) the uniform law 1/N on the batch. */
export function oneVsAll(p: Tensor2D, divergence: LawDivergence, affinity: Tensor2D | undefined): Scalar {
  const { proportions, laws } = clusterLaws(p);
  const uniform = tf.fill([p.shape[0], 1], 1 / p.shape[0]) as Tensor2D;
  const perCluster = divergence(laws, uniform, affinity).reshape([-1]);
  return tf.sum(tf.mul(proportions, perCluster));
}
