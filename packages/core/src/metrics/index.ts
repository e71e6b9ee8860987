// Clustering metrics: labellings in, numbers out (float64, no tensors).

export { adjustedRandIndex } from './adjusted-rand-index.js';
export { argmaxRows } from './argmax-rows.js';
export { clusteringAccuracy } from './clustering-accuracy.js';
export { type ConfusionMatrix, confusionMatrix } from './confusion-matrix.js';
export { hungarianOrderedConfusion } from './hungarian-ordered-confusion.js';
export { normalizedMutualInfo } from './normalized-mutual-info.js';
export { purity } from './purity.js';
export { usedClusters } from './used-clusters.js';
