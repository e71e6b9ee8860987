import { type Tensor, type Tensor1D, type Tensor2D, tf } from '@gemlab/core';

/**
 * The batch estimates every GEMINI is built from: the cluster proportions π_k = (1/N) Σ_i p_ik
 * and the cluster laws w_ki = p_ik / (N π_k), column k of `laws` (N×K), each a probability
 * vector over the batch: the empirical law of cluster k (p(x|k) by Bayes).
 */
export interface ClusterLaws {
  readonly proportions: Tensor1D;
  readonly laws: Tensor2D;
}

/**
 * Works on one batch p [N, K] or on R stacked ones [R, N, K] (proportions [R, K], laws
 * [R, N, K]): every axis is counted from the end.
 */
export function clusterLaws(p: Tensor2D): ClusterLaws {
  const proportions = tf.mean(p, -2) as Tensor1D;
  return { proportions, laws: tf.div(p, tf.mul(proportions.expandDims(-2), sampleAxisLength(p))) as Tensor2D };
}

/** N, the length of the sample axis (the second to last). */
export function sampleAxisLength(p: Tensor): number {
  return p.shape[p.rank - 2] as number;
}
