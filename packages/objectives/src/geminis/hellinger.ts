import { defineObjective, type Tensor2D, Type, tf } from '@gemlab/core';
import { safeSqrt } from '../tensor-math/safe-sqrt.js';
import { epsilonSchema, geminiObjective, modeSchema } from './gemini-objective.js';
import type { LawDivergence } from './law-divergence.js';

/**
 * Squared Hellinger H²(a_k, b_l) = 1 − Σ_i √(a_ik b_il), so OvA = 1 − (1/N)ΣΣ √(π_k p_ik)
 * and OvO = 1 − (1/N) Σ_i (Σ_k √(π_k p_ik))².
 */
export const squaredHellinger: LawDivergence = (a, b) => tf.sub(1, tf.matMul(safeSqrt(a), safeSqrt(b), true, false)) as Tensor2D;

export const hellinger = defineObjective({
  name: 'hellinger',
  description: 'squared Hellinger GEMINI',
  schema: Type.Object({ mode: modeSchema(), epsilon: epsilonSchema() }),
  create: (params) => geminiObjective('hellinger', params, squaredHellinger, undefined, { replicas: true }),
  testParams: [{ mode: 'ova' }, { mode: 'ovo' }],
});
