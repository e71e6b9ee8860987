import { defineObjective, type Tensor2D, Type, tf } from '@gemlab/core';
import { absWithZeroSubgradient } from '../tensor-math/abs-with-zero-subgradient.js';
import { epsilonSchema, geminiObjective, modeSchema } from './gemini-objective.js';
import type { LawDivergence } from './law-divergence.js';

/**
 * TV(a_k, b_l) = ½ Σ_i |a_ik − b_il|, so OvA = (1/2N) Σ_iΣ_k |p_ik − π_k| and
 * OvO = (1/2N) Σ_i Σ_{k,l} |π_k p_il − π_l p_ik|. |·| has derivative sign(·), 0 at ties.
 */
export const totalVariation: LawDivergence = (a, b) =>
  tf.mul(0.5, tf.sum(absWithZeroSubgradient(tf.sub(a.expandDims(-1), b.expandDims(-2))), -3)) as Tensor2D;

export const tv = defineObjective({
  name: 'tv',
  description: 'total variation GEMINI (an IPM: ova = ovo for K = 2)',
  schema: Type.Object({ mode: modeSchema(), epsilon: epsilonSchema() }),
  create: (params) => geminiObjective('tv', params, totalVariation, undefined, { replicas: true }),
  testParams: [{ mode: 'ova' }, { mode: 'ovo' }],
});
