import { type BuildOptions, defineArchitecture, type ReplicaBuildOptions, Type, tf } from '@gemlab/core';
import { clusteringHead } from '../layers/clustering-head.js';
import { denseReplicas } from '../layers/dense-replicas.js';
import { checkSampleShape } from '../layers/input-shape.js';
import { WeightInitSchema } from '../layers/seeded-initializers.js';

/**
 * softmax(xW + b): "unsupervised logistic regression", the simplest discriminative clustering
 * model. Samples of rank > 1 are flattened first.
 */
export const linear = defineArchitecture({
  name: 'linear',
  description: 'softmax(xW + b) over the flattened sample (unsupervised logistic regression)',
  schema: Type.Object({ init: WeightInitSchema }),
  create: ({ init }) => {
    const build = ({ inputShape, nClusters, seed }: BuildOptions) => {
      checkSampleShape('linear', inputShape);
      const input = tf.input({ shape: [...inputShape] });
      const flat = inputShape.length > 1 ? tf.layers.flatten({ name: 'flatten' }).apply(input) : input;
      const features = inputShape.reduce((a, b) => a * b, 1);
      const output = clusteringHead(nClusters, seed, 0, features, init).apply(flat) as tf.SymbolicTensor;
      return tf.model({ inputs: input, outputs: output, name: 'linear' });
    };
    return {
      build,
      buildReplicas: (options: ReplicaBuildOptions) =>
        denseReplicas((seed, nClusters) => build({ inputShape: options.inputShape, nClusters, seed }), options),
    };
  },
});
