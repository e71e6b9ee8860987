import {
  type BuildOptions,
  ConfigError,
  defineArchitecture,
  deriveSeed,
  type ReplicaBuildOptions,
  type Static,
  Type,
  tf,
} from '@gemlab/core';
import { clusteringHead } from '../layers/clustering-head.js';
import { denseReplicas } from '../layers/dense-replicas.js';
import { checkSampleShape } from '../layers/input-shape.js';
import { SeededDropout } from '../layers/seeded-dropout.js';
import { layerInitializers, WeightInitSchema } from '../layers/seeded-initializers.js';

const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'linear'] as const;
type Activation = (typeof ACTIVATIONS)[number];
const ActivationSchema = Type.Union(ACTIVATIONS.map((name) => Type.Literal(name)));

const schema = Type.Object({
  hidden: Type.Array(Type.Integer({ minimum: 1 }), { default: [20], description: 'units of each hidden layer' }),
  activation: Type.Union([ActivationSchema, Type.Array(ActivationSchema)], {
    default: 'relu',
    description: 'one activation for every hidden layer, or a list with one per hidden layer',
  }),
  batchNorm: Type.Boolean({ default: false, description: 'batch normalisation before each hidden activation' }),
  dropout: Type.Number({ minimum: 0, exclusiveMaximum: 1, default: 0, description: 'dropout rate after each hidden layer' }),
  init: WeightInitSchema,
});
type MlpParams = Static<typeof schema>;

/** One activation per hidden layer; a list whose length differs from `hidden` is a config error. */
function activationsPerLayer({ hidden, activation }: MlpParams): Activation[] {
  if (!Array.isArray(activation)) return hidden.map(() => activation);
  if (activation.length !== hidden.length) {
    throw new ConfigError([
      {
        path: 'model.activation',
        message: `has ${activation.length} entries but model.hidden has ${hidden.length} layers; give one activation per hidden layer or a single one`,
      },
    ]);
  }
  return activation;
}

/**
 * A multilayer perceptron: hidden Dense layers (each optionally followed by batch normalisation
 * and dropout), then the softmax clustering head. Samples of rank > 1 are flattened first.
 */
export const mlp = defineArchitecture({
  name: 'mlp',
  description: 'multilayer perceptron: hidden dense layers (optional batch norm, dropout), then Dense(K) softmax',
  schema,
  testParams: [{}, { hidden: [8, 6], activation: ['tanh', 'sigmoid'], batchNorm: true, dropout: 0.25 }],
  create(params) {
    const activations = activationsPerLayer(params); // cross-field check the schema cannot express
    const build = ({ inputShape, nClusters, seed }: BuildOptions) => {
      checkSampleShape('mlp', inputShape);
      const input = tf.input({ shape: [...inputShape] });
      let x = inputShape.length > 1 ? (tf.layers.flatten({ name: 'flatten' }).apply(input) as tf.SymbolicTensor) : input;
      // Inputs per unit of each dense layer, the clustering head last.
      const fanIns = [inputShape.reduce((a, b) => a * b, 1), ...params.hidden];
      params.hidden.forEach((units, i) => {
        const layer = i + 1;
        const activation = activations[i];
        x = tf.layers
          .dense({
            units,
            activation: params.batchNorm ? 'linear' : activation,
            useBias: !params.batchNorm, // batch norm's beta takes the bias's role
            ...layerInitializers(params.init, seed, i, fanIns[i] as number),
            name: `hidden_${layer}`,
          })
          .apply(x) as tf.SymbolicTensor;
        if (params.batchNorm) {
          x = tf.layers.batchNormalization({ name: `batch_norm_${layer}` }).apply(x) as tf.SymbolicTensor;
          x = tf.layers.activation({ activation, name: `activation_${layer}` }).apply(x) as tf.SymbolicTensor;
        }
        if (params.dropout > 0) {
          x = new SeededDropout({ rate: params.dropout, seed: deriveSeed(seed, 'dropout', i), name: `dropout_${layer}` }).apply(
            x,
          ) as tf.SymbolicTensor;
        }
      });
      const last = params.hidden.length;
      const output = clusteringHead(nClusters, seed, last, fanIns[last] as number, params.init).apply(x) as tf.SymbolicTensor;
      return tf.model({ inputs: input, outputs: output, name: 'mlp' });
    };
    // Batch normalisation and dropout have per-replica state or randomness: those MLPs train one by one.
    if (params.batchNorm || params.dropout > 0) return { build };
    return {
      build,
      buildReplicas: (options: ReplicaBuildOptions) =>
        denseReplicas((seed, nClusters) => build({ inputShape: options.inputShape, nClusters, seed }), options),
    };
  },
});
