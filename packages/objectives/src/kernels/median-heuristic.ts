import type { Tensor2D } from '@gemlab/core';

/**
 * γ = 1/(2σ²) with σ the median pairwise Euclidean distance (Gretton et al.'s heuristic), over
 * the pairs i < j when y = x, over every (x_i, y_j) otherwise. Falls back to 1/n_features when
 * σ = 0 (fewer than two distinct points), where any γ gives the same all-ones kernel on them.
 */
export function medianHeuristicGamma(squaredDistances: Tensor2D, same: boolean, features: number): number {
  const [rows, columns] = squaredDistances.shape;
  const values = squaredDistances.dataSync();
  const pairs: number[] = [];
  for (let i = 0; i < rows; i++) {
    for (let j = same ? i + 1 : 0; j < columns; j++) pairs.push(Math.sqrt(values[i * columns + j] as number));
  }
  pairs.sort((a, b) => a - b);
  const middle = pairs.length / 2;
  const sigma =
    pairs.length === 0
      ? 0
      : pairs.length % 2 === 1
        ? (pairs[Math.floor(middle)] as number)
        : ((pairs[middle - 1] as number) + (pairs[middle] as number)) / 2;
  return sigma > 0 ? 1 / (2 * sigma * sigma) : 1 / features;
}
