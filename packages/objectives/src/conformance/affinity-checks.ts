import type { Affinity, Tensor2D } from '@gemlab/core';
import { tf } from '@gemlab/core';

/** The suite's samples: 6 rows × 3 features, uniform in [0, 1) (so χ² kernels apply), seeded. */
export const CONFORMANCE_SAMPLE_COUNT = 6;
export const CONFORMANCE_FEATURE_COUNT = 3;

/** compute(x) (and compute(x, y) when given) as plain arrays, disposing every tensor. */
export function computeMatrix(
  affinity: Affinity,
  x: Float32Array,
  rows: number,
  y?: Float32Array,
  columns?: number,
): { shape: [number, number]; values: Float64Array } {
  const xs = tf.tensor2d(x, [rows, CONFORMANCE_FEATURE_COUNT]);
  const ys = y ? tf.tensor2d(y, [columns ?? 0, CONFORMANCE_FEATURE_COUNT]) : undefined;
  const matrix: Tensor2D = affinity.compute(xs, ys);
  const result = { shape: matrix.shape, values: Float64Array.from(matrix.dataSync()) };
  tf.dispose([xs, ys, matrix].filter((t) => t !== undefined));
  return result;
}

/** The largest |A_ij − A_ji| of a row-major n×n matrix, and where. */
export function asymmetry(values: Float64Array, n: number): { gap: number; row: number; column: number } {
  let worst = { gap: 0, row: 0, column: 0 };
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const gap = Math.abs((values[i * n + j] as number) - (values[j * n + i] as number));
      if (gap > worst.gap) worst = { gap, row: i + 1, column: j + 1 };
    }
  }
  return worst;
}
