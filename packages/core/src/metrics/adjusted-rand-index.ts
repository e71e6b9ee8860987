import { confusionMatrix, marginals } from './confusion-matrix.js';

/**
 * Adjusted Rand index (Hubert & Arabie), computed from the pair confusion matrix as
 * scikit-learn's `adjusted_rand_score`: 1 for identical partitions (up to relabelling),
 * about 0 for independent ones, negative below chance.
 */
export function adjustedRandIndex(labelsTrue: ArrayLike<number>, labelsPred: ArrayLike<number>): number {
  const matrix = confusionMatrix(labelsTrue, labelsPred);
  const { rowSums, columnSums } = marginals(matrix);
  const n = labelsTrue.length;
  const sumSquares = matrix.counts.reduce((sum, row) => sum + row.reduce((s, c) => s + c * c, 0), 0);
  const squares = (values: number[]) => values.reduce((sum, value) => sum + value * value, 0);
  // Ordered pairs: together in both, only in the clustering, only in the classes, in neither.
  const together = sumSquares - n;
  const onlyPred = squares(columnSums) - sumSquares;
  const onlyTrue = squares(rowSums) - sumSquares;
  const apart = n * n - onlyPred - onlyTrue - sumSquares;
  if (onlyPred === 0 && onlyTrue === 0) return 1;
  return (
    (2 * (together * apart - onlyTrue * onlyPred)) /
    ((together + onlyTrue) * (onlyTrue + apart) + (together + onlyPred) * (onlyPred + apart))
  );
}
