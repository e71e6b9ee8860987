import { type Tensor, tf } from '@gemlab/core';

/**
 * √max(0, x) whose gradient is 0 where x ≤ 0 instead of ∞/NaN (an empty or duplicated cluster
 * makes an MMD exactly 0). A custom gradient, because the mask must not be on the tape:
 * comparison ops have no gradient in tfjs.
 */
export function safeSqrt<T extends Tensor>(x: T): T {
  return maskedSqrt(x) as T;
}

const maskedSqrt = tf.customGrad((...inputs: (Tensor | tf.GradSaveFunc)[]) => {
  const [x, save] = inputs as [Tensor, tf.GradSaveFunc];
  const root = tf.sqrt(tf.relu(x));
  save([root]);
  return {
    value: root,
    gradFunc: (dy: Tensor, saved: Tensor[]) => {
      const [r] = saved as [Tensor];
      const positive = tf.greater(r, 0);
      return tf.where(positive, tf.div(dy, tf.mul(2, tf.where(positive, r, tf.onesLike(r)))), tf.zerosLike(r));
    },
  };
});
