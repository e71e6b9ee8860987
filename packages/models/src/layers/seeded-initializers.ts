import { deriveSeed, tf } from '@gemlab/core';

/**
 * Glorot-uniform weights for layer `layerIndex` of a model built with `seed`: each layer
 * draws from its own derived seed, so the same seed gives bitwise-identical weights and adding
 * a layer does not shift the others' draws.
 */
export function glorotUniformFor(seed: number, layerIndex: number) {
  return tf.initializers.glorotUniform({ seed: deriveSeed(seed, 'layer', layerIndex) });
}
