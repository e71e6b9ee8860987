import { defineKernel, type Tensor2D, Type, tf } from '@gemlab/core';
import { batchAffinity } from '../affinities/batch-affinity.js';
import { gammaOrDefault, gammaSchema } from './gamma.js';

/** Polynomial kernel (γ x·y + c₀)^d. */
export const polynomial = defineKernel({
  name: 'polynomial',
  description: 'polynomial kernel (γ x·y + coef0)^degree',
  schema: Type.Object({
    gamma: gammaSchema(),
    coef0: Type.Number({ default: 1, description: 'c₀ (≥ 0 keeps the kernel positive semi-definite)' }),
    degree: Type.Integer({ minimum: 1, default: 3, description: 'd, a positive integer' }),
  }),
  create: ({ gamma, coef0, degree }) =>
    batchAffinity((x, y) => integerPower(tf.add(tf.mul(gammaOrDefault(gamma, x), tf.matMul(x, y, false, true)), coef0), degree)),
});

/** base^degree by repeated products: exact for negative bases, unlike a float pow on some backends. */
function integerPower(base: Tensor2D, degree: number): Tensor2D {
  let result = base;
  for (let i = 1; i < degree; i++) result = tf.mul(result, base);
  return result;
}
