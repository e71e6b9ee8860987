import type { SeededRng } from '@gemlab/core';

/** x and y with their rows in a seeded random order (the same permutation for both). */
export function shuffleRows(
  rng: SeededRng,
  x: Float32Array,
  y: Int32Array,
  features: number,
): { x: Float32Array; y: Int32Array } {
  const order = rng.permutation(y.length);
  return { x: takeRows(x, order, features), y: Int32Array.from(order, (i) => y[i] as number) };
}

/** The rows of x at the given indices, in that order. */
export function takeRows(x: Float32Array, indices: ArrayLike<number>, features: number): Float32Array {
  const out = new Float32Array(indices.length * features);
  for (let r = 0; r < indices.length; r++) {
    const from = (indices[r] as number) * features;
    out.set(x.subarray(from, from + features), r * features);
  }
  return out;
}
