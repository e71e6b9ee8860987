import { tf } from '@gemlab/core';
import { glorotUniformFor } from './seeded-initializers.js';

/** The name every architecture gives its last layer. */
export const CLUSTERING_HEAD = 'clustering_head';

/** The last layer of every architecture: Dense(K) with softmax, so rows are cluster probabilities. */
export function clusteringHead(nClusters: number, seed: number, layerIndex: number) {
  return tf.layers.dense({
    units: nClusters,
    activation: 'softmax',
    kernelInitializer: glorotUniformFor(seed, layerIndex),
    biasInitializer: 'zeros',
    name: CLUSTERING_HEAD,
  });
}
