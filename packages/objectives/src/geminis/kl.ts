import { defineObjective, type Tensor2D, Type, tf } from '@gemlab/core';
import { epsilonSchema, geminiObjective, modeSchema } from './gemini-objective.js';
import type { LawDivergence } from './law-divergence.js';

/**
 * KL(a_k ‖ b_l) = Σ_i a_ik log a_ik − Σ_i a_ik log b_il. With the cluster laws this gives the
 * doc's estimators: OvA (1/N)ΣΣ p log p − Σ π log π (the mutual information), OvO
 * (1/N)ΣΣ p log p − Σ_l π_l (1/N)Σ_i log p_il, which grows like −log ε for confident p.
 */
export const klDivergence: LawDivergence = (a, b) =>
  tf.sub(tf.sum(tf.mul(a, tf.log(a)), -2).expandDims(-1), tf.matMul(a, tf.log(b), true, false)) as Tensor2D;

export const kl = defineObjective({
  name: 'kl',
  description: 'Kullback–Leibler GEMINI (ova = mutual information)',
  schema: Type.Object({ mode: modeSchema(), epsilon: epsilonSchema() }),
  create: (params) => geminiObjective('kl', params, klDivergence, undefined, { replicas: true }),
  testParams: [{ mode: 'ova' }, { mode: 'ovo' }],
});
