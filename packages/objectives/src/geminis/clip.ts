import { type Tensor2D, tf } from '@gemlab/core';

/**
 * p clipped to [ε, 1 − ε]. clipByValue passes no gradient to clipped entries, which is what
 * makes an all-zero (empty) cluster column leave every GEMINI and its gradient unchanged.
 */
export function clipProbabilities(p: Tensor2D, epsilon: number): Tensor2D {
  return tf.clipByValue(p, epsilon, 1 - epsilon);
}
