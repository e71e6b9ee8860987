import { DataError, defineDistance } from '@gemlab/core';
import { datasetMatrixAffinity, requireSymmetric, type SquareMatrix } from '../affinities/dataset-matrix.js';
import { loadPrecomputed, precomputedSchema } from '../affinities/precomputed-params.js';

const what = "distance 'precomputed'";

/** A user's n×n cost matrix of the whole data set (scope 'dataset'; the trainer slices batches). */
export const precomputedDistance = defineDistance({
  name: 'precomputed',
  description: 'a user-supplied n×n distance matrix of the whole data set (file path or inline values)',
  schema: precomputedSchema('distance'),
  create: (params, ctx) => {
    const matrix = loadPrecomputed(params, ctx);
    requireSymmetric(matrix, what);
    requireDistanceEntries(matrix);
    return datasetMatrixAffinity(what, matrix);
  },
  // |i − j|, a metric on 6 points of a line, for the suite's 6 samples.
  testParams: [{ values: Array.from({ length: 6 }, (_, i) => Array.from({ length: 6 }, (_, j) => Math.abs(i - j))) }],
});

/** A cost matrix needs D_ij ≥ 0 and D_ii = 0. */
function requireDistanceEntries({ size, values, source }: SquareMatrix): void {
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const value = values[r * size + c] as number;
      if (value < 0) throw new DataError(`${what} (${source}): entry (${r + 1}, ${c + 1}) is ${value}; distances must be ≥ 0`);
      if (r === c && value !== 0) {
        throw new DataError(`${what} (${source}): diagonal entry (${r + 1}, ${r + 1}) is ${value}; it must be 0`);
      }
    }
  }
}
