import type { SeededRng } from '@gemlab/core';

/** n independent draws of a component index with the given probabilities (summing to 1). */
export function drawCategorical(rng: SeededRng, n: number, probabilities: readonly number[]): Int32Array {
  const cumulative: number[] = [];
  let total = 0;
  for (const p of probabilities) {
    total += p;
    cumulative.push(total);
  }
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const u = rng.next() * total;
    let k = 0;
    while (k < cumulative.length - 1 && u >= (cumulative[k] as number)) k++;
    labels[i] = k;
  }
  return labels;
}

/** How many of the labels fall in each of `classes` classes. */
export function countLabels(labels: Int32Array, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const label of labels) counts[label] = (counts[label] as number) + 1;
  return counts;
}
