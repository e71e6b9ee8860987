import { type Tensor2D, type Tensor3D, tf } from '@gemlab/core';

/** ‖x_i − y_j‖², N×M, clamped at 0 (the expansion ‖x‖² + ‖y‖² − 2x·y can round below it). */
export function pairwiseSquaredEuclidean(x: Tensor2D, y: Tensor2D): Tensor2D {
  return tf.tidy(() => {
    const xx = tf.sum(tf.square(x), 1).expandDims(1);
    const yy = tf.sum(tf.square(y), 1).expandDims(0);
    return tf.relu(tf.sub(tf.add(xx, yy), tf.mul(2, tf.matMul(x, y, false, true)))) as Tensor2D;
  });
}

/** |x_id − y_jd|, N×M×d: the per-feature differences behind L1, L∞ and χ² affinities. */
export function pairwiseAbsoluteDifferences(x: Tensor2D, y: Tensor2D): Tensor3D {
  return tf.tidy(() => tf.abs(tf.sub(x.expandDims(1), y.expandDims(0))) as Tensor3D);
}

/** x_id + y_jd, N×M×d. */
export function pairwiseSums(x: Tensor2D, y: Tensor2D): Tensor3D {
  return tf.tidy(() => tf.add(x.expandDims(1), y.expandDims(0)) as Tensor3D);
}

/** Rows scaled to unit L2 norm; all-zero rows stay zero (as scikit-learn's `normalize`). */
export function normalizeRows(x: Tensor2D): Tensor2D {
  return tf.tidy(() => {
    const norms = tf.sqrt(tf.sum(tf.square(x), 1, true));
    return tf.div(x, tf.where(tf.greater(norms, 0), norms, tf.onesLike(norms))) as Tensor2D;
  });
}

/** The matrix with its diagonal set to exactly 0 (a distance of a point to itself). */
export function withZeroDiagonal(matrix: Tensor2D): Tensor2D {
  return tf.tidy(() => {
    const [rows, columns] = matrix.shape;
    const offDiagonal = tf.sub(1, tf.eye(rows, columns));
    return tf.mul(matrix, offDiagonal) as Tensor2D;
  });
}
