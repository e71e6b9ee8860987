import { confusionMatrix } from './confusion-matrix.js';
import { maxWeightAssignment } from './hungarian.js';

/**
 * Clustering accuracy: the fraction of samples whose cluster maps to their class under the
 * best one-to-one matching of clusters to classes (Hungarian algorithm). When there are more
 * clusters than classes, the extra clusters stay unmatched and their samples count as errors.
 */
export function clusteringAccuracy(labelsTrue: ArrayLike<number>, labelsPred: ArrayLike<number>): number {
  const { counts } = confusionMatrix(labelsTrue, labelsPred);
  const classToCluster = maxWeightAssignment(counts);
  let matched = 0;
  classToCluster.forEach((cluster, row) => {
    if (cluster >= 0) matched += counts[row][cluster];
  });
  return matched / labelsTrue.length;
}
