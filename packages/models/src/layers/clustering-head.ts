import { tf } from '@gemlab/core';
import { layerInitializers, type WeightInit } from './seeded-initializers.js';

/** The name every architecture gives its last layer. */
export const CLUSTERING_HEAD = 'clustering_head';

/**
 * The last layer of every architecture: Dense(K) with softmax, so rows are cluster probabilities.
 * `fanIn` is the width of its input, `layerIndex` its position (for its own seed).
 */
export function clusteringHead(nClusters: number, seed: number, layerIndex: number, fanIn: number, init?: WeightInit) {
  return tf.layers.dense({
    units: nClusters,
    activation: 'softmax',
    ...layerInitializers(init, seed, layerIndex, fanIn),
    name: CLUSTERING_HEAD,
  });
}
