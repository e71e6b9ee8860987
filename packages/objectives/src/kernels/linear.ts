import { defineKernel, Type, tf } from '@gemlab/core';
import { batchAffinity } from '../affinities/batch-affinity.js';

/** κ(x, y) = x·y, the paper's default kernel for MMD. */
export const linear = defineKernel({
  name: 'linear',
  description: 'linear kernel x·y (the default for mmd)',
  schema: Type.Object({}),
  create: () => batchAffinity((x, y) => tf.matMul(x, y, false, true)),
});
