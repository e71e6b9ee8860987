import { defineKernel, Type, tf } from '@gemlab/core';
import { batchAffinity } from '../affinities/batch-affinity.js';
import { chiSquaredSums } from './chi-squared-sums.js';

/** Exponential χ² kernel exp(−γ Σ (x − y)²/(x + y)), for non-negative data (histograms). */
export const chi2 = defineKernel({
  name: 'chi2',
  description: 'exponential chi-squared kernel exp(−γ Σ(x−y)²/(x+y)), non-negative data only',
  schema: Type.Object({ gamma: Type.Number({ exclusiveMinimum: 0, default: 1, description: 'γ > 0' }) }),
  create: ({ gamma }) => batchAffinity((x, y) => tf.exp(tf.mul(-gamma, chiSquaredSums('chi2', x, y)))),
});
