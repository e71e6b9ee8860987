import { tf } from '../tf.js';

/**
 * Runs `fn` twice and fails when the live-tensor count grew by more than `expectedNewTensors`
 * per call (the tensors it returns and the caller owns), in the tfjs `expectNoLeakedTensors` style.
 */
export function expectNoLeakedTensors(what: string, fn: () => unknown, expectedNewTensors = 0): void {
  fn(); // warm-up: lazily created constants are not leaks
  const before = tf.memory().numTensors;
  const result = fn();
  const grown = tf.memory().numTensors - before;
  disposeAll(result);
  if (grown !== expectedNewTensors) {
    throw new Error(
      `${what} leaked ${grown - expectedNewTensors} tensors per call (expected ${expectedNewTensors}); wrap the body in tf.tidy`,
    );
  }
}

function disposeAll(value: unknown): void {
  if (value instanceof tf.Tensor) value.dispose();
  else if (Array.isArray(value)) for (const v of value) disposeAll(v);
}
