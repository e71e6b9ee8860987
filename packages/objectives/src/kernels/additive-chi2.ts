import { defineKernel, Type, tf } from '@gemlab/core';
import { batchAffinity } from '../affinities/batch-affinity.js';
import { chiSquaredSums } from './chi-squared-sums.js';

/** Additive χ² kernel −Σ (x − y)²/(x + y), for non-negative data. */
export const additiveChi2 = defineKernel({
  name: 'additive_chi2',
  description: 'additive chi-squared kernel −Σ(x−y)²/(x+y), non-negative data only (conditionally PSD)',
  schema: Type.Object({}),
  create: () => batchAffinity((x, y) => tf.neg(chiSquaredSums('additive_chi2', x, y))),
  expectedFailures: {
    'is positive semi-definite on random x':
      'only conditionally positive definite (zero diagonal, negative elsewhere); MMD needs no more, since it applies the kernel to differences of laws',
  },
});
