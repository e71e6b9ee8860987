import { defineKernel } from '@gemlab/core';
import { datasetMatrixAffinity, requireSymmetric } from '../affinities/dataset-matrix.js';
import { loadPrecomputed, precomputedSchema } from '../affinities/precomputed-params.js';

const what = "kernel 'precomputed'";

/** A user's n×n kernel matrix of the whole data set (scope 'dataset'; the trainer slices batches). */
export const precomputedKernel = defineKernel({
  name: 'precomputed',
  description: 'a user-supplied n×n kernel matrix of the whole data set (file path or inline values)',
  schema: precomputedSchema('kernel'),
  create: (params, ctx) => {
    const matrix = loadPrecomputed(params, ctx);
    requireSymmetric(matrix, what);
    return datasetMatrixAffinity(what, matrix);
  },
  // A PSD 6×6 matrix (0.5 I + 0.5 𝟙𝟙ᵀ) for the suite's 6 samples.
  testParams: [{ values: Array.from({ length: 6 }, (_, i) => Array.from({ length: 6 }, (_, j) => (i === j ? 1 : 0.5))) }],
});
