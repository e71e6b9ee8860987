import { type Tensor1D, type Tensor2D, tf } from '@gemlab/core';

/**
 * The batch estimates every GEMINI is built from: the cluster proportions π_k = (1/N) Σ_i p_ik
 * and the cluster laws w_ki = p_ik / (N π_k), column k of `laws` (N×K), each a probability
 * vector over the batch: the empirical law of cluster k (p(x|k) by Bayes).
 */
export interface ClusterLaws {
  readonly proportions: Tensor1D;
  readonly laws: Tensor2D;
}

export function clusterLaws(p: Tensor2D): ClusterLaws {
  const proportions = tf.mean(p, 0) as Tensor1D;
  return { proportions, laws: tf.div(p, tf.mul(proportions, p.shape[0])) as Tensor2D };
}
