import { SeededRng } from '@gemlab/core';

/** Row-major n×d values drawn by `draw` from a generator seeded with `seed`. */
export function randomValues(seed: number, n: number, d: number, draw: (rng: SeededRng) => number): Float32Array {
  const rng = new SeededRng(seed);
  return Float32Array.from({ length: n * d }, () => draw(rng));
}

/** Row-wise softmax of row-major n×k logits, in float64, returned as float32. */
export function softmaxRows(logits: ArrayLike<number>, n: number, k: number): Float32Array {
  const out = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let j = 0; j < k; j++) max = Math.max(max, logits[i * k + j] as number);
    let sum = 0;
    for (let j = 0; j < k; j++) sum += Math.exp((logits[i * k + j] as number) - max);
    for (let j = 0; j < k; j++) out[i * k + j] = Math.exp((logits[i * k + j] as number) - max) / sum;
  }
  return out;
}

/** n one-hot rows over k clusters, row i in cluster labels[i]. */
export function oneHotRows(labels: readonly number[], k: number): Float32Array {
  const out = new Float32Array(labels.length * k);
  labels.forEach((label, i) => {
    out[i * k + label] = 1;
  });
  return out;
}
