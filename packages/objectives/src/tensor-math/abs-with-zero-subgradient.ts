import { type Tensor, tf } from '@gemlab/core';

/**
 * |x| with derivative sign(x), so 0 at x = 0. tf.abs back-propagates −1 at 0, which would
 * bias TV's gradient wherever two terms tie (e.g. the k = l terms of OvO).
 */
export function absWithZeroSubgradient<T extends Tensor>(x: T): T {
  return tf.tidy(() => tf.mul(x, tf.sign(x)) as T);
}
