import { type Scalar, type Tensor2D, tf } from '@gemlab/core';
import { clusterLaws, sampleAxisLength } from './cluster-laws.js';
import type { LawDivergence } from './law-divergence.js';

/**
 * One-vs-all: I = Σ_k π_k D(p(x|k) ‖ p(x)), with p(x) the uniform law 1/N on the batch.
 * With R stacked batches [R, N, K] (and a divergence that takes them) it gives the R values.
 */
export function oneVsAll(p: Tensor2D, divergence: LawDivergence, affinity: Tensor2D | undefined): Scalar {
  const { proportions, laws } = clusterLaws(p);
  const n = sampleAxisLength(p);
  const shape = [...p.shape.slice(0, -1), 1] as [number, number]; // [N, 1], or [R, N, 1] for stacked batches
  const uniform = tf.fill(shape, 1 / n) as Tensor2D;
  const perCluster = divergence(laws, uniform, affinity).reshape(proportions.shape);
  return tf.sum(tf.mul(proportions, perCluster), -1);
}
