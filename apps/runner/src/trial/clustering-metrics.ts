import { adjustedRandIndex, clusteringAccuracy, normalizedMutualInfo, purity, usedClusters } from '@gemlab/core';

/** The final scores of a clustering: used clusters always, agreement with labels when there are any. */
export function clusteringMetrics(predicted: Int32Array, labels: Int32Array | undefined, prefix = ''): Record<string, number> {
  const metrics: Record<string, number> = { [`${prefix}used_clusters`]: usedClusters(predicted) };
  if (labels) {
    metrics[`${prefix}ari`] = adjustedRandIndex(labels, predicted);
    metrics[`${prefix}nmi`] = normalizedMutualInfo(labels, predicted);
    metrics[`${prefix}acc`] = clusteringAccuracy(labels, predicted);
    metrics[`${prefix}purity`] = purity(labels, predicted);
  }
  return metrics;
}
