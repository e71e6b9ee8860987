import { DataError, defineArchitecture, Type, tf } from '@gemlab/core';
import { clusteringHead } from '../layers/clustering-head.js';
import { formatShape } from '../layers/input-shape.js';
import { layerInitializers, WeightInitSchema } from '../layers/seeded-initializers.js';

/** LeNet-5 takes 32×32×C images; 28×28×C ones (MNIST) are zero-padded by 2 on each side. */
function paddingFor(inputShape: readonly number[]): number {
  const [height, width, channels] = inputShape;
  const isImage = inputShape.length === 3 && Number.isInteger(channels) && (channels as number) > 0;
  if (isImage && height === 32 && width === 32) return 0;
  if (isImage && height === 28 && width === 28) return 2;
  throw new DataError(
    `architecture 'lenet5' takes images of shape [32, 32, C] or [28, 28, C] (zero-padded to 32×32); got ${formatShape(inputShape)}`,
  );
}

/**
 * LeNet-5 (LeCun et al., 1998) as usually reproduced: conv 6@5×5 tanh, average-pool 2,
 * conv 16@5×5 tanh, average-pool 2, conv 120@5×5 tanh, dense 84 tanh, then the softmax
 * clustering head (the paper's sparse C3 connections and RBF output become dense ones).
 */
export const lenet5 = defineArchitecture({
  name: 'lenet5',
  description: 'LeNet-5 conv net for 32×32×C images (28×28×C zero-padded), then Dense(K) softmax',
  schema: Type.Object({ init: WeightInitSchema }),
  create: ({ init }) => ({
    requiredKernels: ['Conv2DBackpropFilter'],
    build({ inputShape, nClusters, seed }) {
      const padding = paddingFor(inputShape);
      // A 5×5 kernel over `channels` input maps has 25·channels inputs per unit.
      const conv = (filters: number, layerIndex: number, channels: number) =>
        tf.layers.conv2d({
          filters,
          kernelSize: 5,
          activation: 'tanh',
          ...layerInitializers(init, seed, layerIndex, 25 * channels),
          name: `conv_${layerIndex + 1}`,
        });
      const input = tf.input({ shape: [...inputShape] });
      const layers = [
        ...(padding > 0 ? [tf.layers.zeroPadding2d({ padding, name: 'zero_padding' })] : []),
        conv(6, 0, inputShape[2] as number), // 32×32 → 28×28×6
        tf.layers.averagePooling2d({ poolSize: 2, name: 'pool_1' }), // → 14×14×6
        conv(16, 1, 6), // → 10×10×16
        tf.layers.averagePooling2d({ poolSize: 2, name: 'pool_2' }), // → 5×5×16
        conv(120, 2, 16), // → 1×1×120
        tf.layers.flatten({ name: 'flatten' }),
        tf.layers.dense({ units: 84, activation: 'tanh', ...layerInitializers(init, seed, 3, 120), name: 'dense_84' }),
        clusteringHead(nClusters, seed, 4, 84, init),
      ];
      const output = layers.reduce((x, layer) => layer.apply(x) as tf.SymbolicTensor, input);
      return tf.model({ inputs: input, outputs: output, name: 'lenet5' });
    },
  }),
});
