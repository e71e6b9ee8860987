import { confusionMatrix } from './confusion-matrix.js';

/** Purity: each cluster votes for its majority class; the fraction of samples in the majority. */
export function purity(labelsTrue: ArrayLike<number>, labelsPred: ArrayLike<number>): number {
  const { counts, clusters } = confusionMatrix(labelsTrue, labelsPred);
  const majority = clusters.reduce((sum, _, j) => sum + Math.max(...counts.map((row) => row[j])), 0);
  return majority / labelsTrue.length;
}
