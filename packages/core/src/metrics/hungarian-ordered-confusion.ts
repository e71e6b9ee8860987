import { type ConfusionMatrix, confusionMatrix } from './confusion-matrix.js';
import { maxWeightAssignment } from './hungarian.js';

/**
 * The confusion matrix with its columns reordered by the Hungarian matching: the cluster
 * matched to the first class comes first, and so on; unmatched clusters (when there are more
 * clusters than classes) come last, in ascending label order. A perfect clustering then has
 * its counts on the diagonal.
 */
export function hungarianOrderedConfusion(labelsTrue: ArrayLike<number>, labelsPred: ArrayLike<number>): ConfusionMatrix {
  const matrix = confusionMatrix(labelsTrue, labelsPred);
  const classToCluster = maxWeightAssignment(matrix.counts);
  const matchedOrder = [...classToCluster].filter((cluster) => cluster >= 0);
  const matched = new Set(matchedOrder);
  const order = [...matchedOrder, ...matrix.clusters.map((_, j) => j).filter((j) => !matched.has(j))];
  return {
    classes: matrix.classes,
    clusters: order.map((j) => matrix.clusters[j]),
    counts: matrix.counts.map((row) => order.map((j) => row[j])),
  };
}
