import { type Affinity, type Tensor, type Tensor2D, tf } from '@gemlab/core';

/**
 * A scope-'batch' affinity from a pure tensor function of (x, y), run in tf.tidy so only the
 * result survives. `same` is true when y was omitted (y = x), e.g. to zero a distance diagonal.
 */
export function batchAffinity(compute: (x: Tensor2D, y: Tensor2D, same: boolean) => Tensor): Affinity {
  return { scope: 'batch', compute: (x, y) => tf.tidy(() => compute(x, y ?? x, y === undefined) as Tensor2D) };
}
