import { deriveSeed, Type, tf } from '@gemlab/core';

/**
 * How a layer's weights start. 'glorot': Keras's default, Glorot-uniform kernels and zero biases.
 * 'torch': PyTorch's default for Linear and Conv2d (kaiming-uniform with a = √5), kernels and
 * biases drawn from U(−1/√fan_in, 1/√fan_in), to reproduce results trained with PyTorch.
 */
export type WeightInit = 'glorot' | 'torch';

export const WeightInitSchema = Type.Optional(
  Type.Union([Type.Literal('glorot'), Type.Literal('torch')], {
    description:
      "weight initialisation: 'glorot' (default: Glorot-uniform, zero biases) or 'torch' (PyTorch's default: weights and biases U(±1/√fan_in))",
  }),
);

/**
 * The kernel and bias initialisers of layer `layerIndex` of a model built with `seed`, whose
 * kernel has `fanIn` inputs per unit. Each layer draws from its own derived seed, so the same
 * seed gives bitwise-identical weights and adding a layer does not shift the others' draws.
 */
export function layerInitializers(init: WeightInit | undefined, seed: number, layerIndex: number, fanIn: number) {
  const kernelSeed = deriveSeed(seed, 'layer', layerIndex);
  if (init !== 'torch') {
    return { kernelInitializer: tf.initializers.glorotUniform({ seed: kernelSeed }), biasInitializer: tf.initializers.zeros() };
  }
  const bound = 1 / Math.sqrt(fanIn);
  return {
    // variance scaling, uniform: limit √(3 · scale / fan_in) = 1/√fan_in with scale 1/3
    kernelInitializer: tf.initializers.varianceScaling({
      scale: 1 / 3,
      mode: 'fanIn',
      distribution: 'uniform',
      seed: kernelSeed,
    }),
    biasInitializer: tf.initializers.randomUniform({ minval: -bound, maxval: bound, seed: deriveSeed(seed, 'bias', layerIndex) }),
  };
}
