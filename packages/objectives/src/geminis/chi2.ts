import { defineObjective, type Tensor2D, Type, tf } from '@gemlab/core';
import { epsilonSchema, geminiObjective, modeSchema } from './gemini-objective.js';
import type { LawDivergence } from './law-divergence.js';

/**
 * χ²(a_k ‖ b_l) = Σ_i a_ik²/b_il − 1, so OvA = (1/N)ΣΣ p²/π − 1 and
 * OvO = (1/N) Σ_i (Σ_k p_ik²/π_k)(Σ_l π_l²/p_il) − 1.
 *
 * This is the divergence's definition, as gemlab's math doc states it. gemclus's ChiSquareGEMINI
 * returns ½ (1/N)ΣΣ p²/π (OvA) and ½ (1/N) Σ_i A_i B_i (OvO) instead, without the −1:
 * gemlab = 2·gemclus − 1. The OvO value depends strongly on ε (it holds 1/p).
 */
export const chiSquared: LawDivergence = (a, b) => tf.sub(tf.matMul(tf.square(a), tf.reciprocal(b), true, false), 1) as Tensor2D;

export const chi2 = defineObjective({
  name: 'chi2',
  description: 'chi-squared GEMINI (definition with −1, no ½; gemclus reports (value + 1)/2)',
  schema: Type.Object({ mode: modeSchema(), epsilon: epsilonSchema() }),
  create: (params) => geminiObjective('chi2', params, chiSquared, undefined, { replicas: true }),
  testParams: [{ mode: 'ova' }, { mode: 'ovo' }],
});
