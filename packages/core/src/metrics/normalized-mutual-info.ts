import { confusionMatrix, marginals } from './confusion-matrix.js';

/**
 * Normalised mutual information with arithmetic normalisation, MI / ((H(true) + H(pred)) / 2),
 * natural logarithms, as scikit-learn's `normalized_mutual_info_score` default: 1 when both
 * labellings are a single cluster, 0 when the mutual information is 0.
 */
export function normalizedMutualInfo(labelsTrue: ArrayLike<number>, labelsPred: ArrayLike<number>): number {
  const matrix = confusionMatrix(labelsTrue, labelsPred);
  if (matrix.classes.length === 1 && matrix.clusters.length === 1) return 1;
  const { rowSums, columnSums } = marginals(matrix);
  const n = labelsTrue.length;
  let mutualInfo = 0;
  matrix.counts.forEach((row, i) => {
    row.forEach((count, j) => {
      if (count > 0) mutualInfo += (count / n) * (Math.log(count) + Math.log(n) - Math.log(rowSums[i] * columnSums[j]));
    });
  });
  mutualInfo = Math.max(mutualInfo, 0); // rounding can push an exact 0 below it
  if (mutualInfo === 0) return 0;
  return mutualInfo / ((entropy(rowSums, n) + entropy(columnSums, n)) / 2);
}

/** Shannon entropy (nats) of a partition given its part sizes. */
function entropy(sizes: readonly number[], n: number): number {
  return -sizes.reduce((sum, size) => sum + (size / n) * (Math.log(size) - Math.log(n)), 0);
}
