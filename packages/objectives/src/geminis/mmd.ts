import { defineObjective, pluginRef, type Tensor2D, Type, tf } from '@gemlab/core';
import { safeSqrt } from '../tensor-math/safe-sqrt.js';
import { epsilonSchema, geminiObjective, modeSchema } from './gemini-objective.js';
import type { LawDivergence } from './law-divergence.js';

/**
 * The un-squared MMD between laws on the batch, from Gram products only (O(N²K) time, O(NK)
 * extra memory; never an N×N×K×K tensor): MMD(a_k, b_l)² = (a_k − b_l)ᵀ Kmat (a_k − b_l).
 * The laws are centred at the uniform law 1/N first (c = a − 1/N, the doc's (α − 1)/N):
 * the differences, hence Ω_kk + Ω_ll − 2Ω_kl, are unchanged, but near-equal laws no longer
 * cancel two large terms in float32. For OvA (b = 1/N) this is exactly δ_k² = cᵀ Kmat c.
 * √ is masked at 0 (an empty or duplicated cluster) so the gradient is 0, not NaN.
 */
export const maximumMeanDiscrepancy: LawDivergence = (a, b, kernel) => {
  if (!kernel) throw new Error('mmd needs the batch kernel matrix');
  const n = a.shape[a.rank - 2] as number;
  const centredA = tf.sub(a, 1 / n);
  if (a === b) {
    // OvO: Δ_kl² = Ω_kk + Ω_ll − 2Ω_kl with Ω = cᵀ Kmat c; the diagonal is read from Ω so Δ_kk is exactly 0.
    const kernelA = tf.matMul(kernel, centredA);
    const omega = tf.matMul(centredA, kernelA, true, false);
    const self = tf.sum(tf.mul(omega, tf.eye(omega.shape[omega.rank - 1] as number)), -1);
    return safeSqrt(tf.sub(tf.add(self.expandDims(-1), self.expandDims(-2)), tf.mul(2, omega))) as Tensor2D;
  }
  // One pass over the N×N kernel for both sides.
  const centredB = tf.sub(b, 1 / n);
  const widths = [a.shape[a.rank - 1] as number, b.shape[b.rank - 1] as number];
  const [kernelA, kernelB] = tf.split(tf.matMul(kernel, tf.concat([centredA, centredB], -1)), widths, -1) as [Tensor2D, Tensor2D];
  const selfA = tf.sum(tf.mul(centredA, kernelA), -2).expandDims(-1);
  const selfB = tf.sum(tf.mul(centredB, kernelB), -2).expandDims(-2);
  const cross = tf.matMul(centredA, kernelB, true, false);
  return safeSqrt(tf.sub(tf.add(selfA, selfB), tf.mul(2, cross))) as Tensor2D;
};

export const mmd = defineObjective({
  name: 'mmd',
  description: 'maximum mean discrepancy GEMINI (un-squared MMD; an IPM: ova = ovo for K = 2)',
  schema: Type.Object({
    mode: modeSchema(),
    epsilon: epsilonSchema(),
    kernel: pluginRef('kernel', { default: { name: 'linear' }, description: 'the kernel κ of the MMD' }),
  }),
  create: (params, ctx) =>
    geminiObjective(
      'mmd',
      params,
      maximumMeanDiscrepancy,
      { kind: 'kernel', build: ctx.create('kernel', params.kernel) },
      { replicas: true },
    ),
  testParams: [
    { mode: 'ova' },
    { mode: 'ovo' },
    { mode: 'ova', kernel: { name: 'rbf' } },
    { mode: 'ovo', kernel: { name: 'rbf' } },
  ],
});
