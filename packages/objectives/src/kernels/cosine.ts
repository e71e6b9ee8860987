import { defineKernel, Type, tf } from '@gemlab/core';
import { batchAffinity } from '../affinities/batch-affinity.js';
import { normalizeRows } from '../tensor-math/pairwise.js';

/** Cosine similarity x·y / (‖x‖‖y‖); an all-zero row has similarity 0 with everything. */
export const cosine = defineKernel({
  name: 'cosine',
  description: 'cosine similarity x·y/(‖x‖‖y‖) (0 for an all-zero row)',
  schema: Type.Object({}),
  create: () => batchAffinity((x, y) => tf.matMul(normalizeRows(x), normalizeRows(y), false, true)),
});
