import { type Tensor2D, tf } from '@gemlab/core';
import { requireNonNegative } from '../affinities/require-non-negative.js';

/**
 * S_ij = Σ_d (x_id − y_jd)² / (x_id + y_jd), N×M, with 0/0 terms counted as 0 (scikit-learn's
 * convention). Both χ² kernels are defined on non-negative data only: a negative entry is a
 * DataError naming the kernel.
 */
export function chiSquaredSums(kernelName: string, x: Tensor2D, y: Tensor2D): Tensor2D {
  requireNonNegative(`kernel '${kernelName}'`, x, y);
  return tf.tidy(() => {
    const differences = tf.sub(x.expandDims(1), y.expandDims(0));
    const sums = tf.add(x.expandDims(1), y.expandDims(0));
    const positive = tf.greater(sums, 0);
    const terms = tf.where(
      positive,
      tf.div(tf.square(differences), tf.where(positive, sums, tf.onesLike(sums))),
      tf.zerosLike(sums),
    );
    return tf.sum(terms, 2) as Tensor2D;
  });
}
