import type { LayersModel, ReplicaBuildOptions, ReplicaModel, Tensor, Tensor3D, Variable } from '@gemlab/core';
import { tf } from '@gemlab/core';

/** Builds the single model of one replica: the architecture's own `build` for that seed and K. */
export type BuildOne = (seed: number, nClusters: number) => LayersModel;

type Activation = 'linear' | 'relu' | 'tanh' | 'sigmoid' | 'softmax';

interface StackedDense {
  readonly kernel: Variable; // [R, in, out]
  readonly bias?: Variable; // [R, 1, out]
  readonly activation: Activation;
}

const ACTIVATIONS = new Set<string>(['linear', 'relu', 'tanh', 'sigmoid', 'softmax']);

/**
 * R replicas of a model made of Flatten and Dense layers only, ending in the softmax head:
 * each replica's model is built with its own seed and K (so its initial weights are exactly a
 * separate run's), then every Dense kernel is stacked into [R, in, out] and every bias into
 * [R, 1, out]; the head's columns beyond a replica's K are zero (the trainer masks them).
 * The forward pass is one batched matMul per layer for all replicas.
 */
export function denseReplicas(buildOne: BuildOne, options: ReplicaBuildOptions): ReplicaModel {
  const { seeds, nClusters } = options;
  const replicas = seeds.length;
  const maxClusters = Math.max(...nClusters);
  const models = seeds.map((seed, r) => buildOne(seed, nClusters[r] as number));
  let layers: StackedDense[];
  try {
    const perModel = models.map(denseLayersOf);
    layers = (perModel[0] as DenseWeights[]).map((_, l) => {
      const last = l === (perModel[0] as DenseWeights[]).length - 1;
      const pieces = perModel.map((m) => m[l] as DenseWeights);
      const kernel = toVariable(
        tf.tidy(() => tf.stack(pieces.map((piece) => (last ? padColumns(piece.kernel, maxClusters) : piece.kernel.clone())))),
      );
      const bias = pieces[0]?.bias
        ? toVariable(
            tf.tidy(() =>
              tf
                .stack(
                  pieces.map((piece) => (last ? padColumns(piece.bias as Tensor, maxClusters) : (piece.bias as Tensor).clone())),
                )
                .expandDims(1),
            ),
          )
        : undefined;
      return { kernel, bias, activation: (pieces[0] as DenseWeights).activation };
    });
  } finally {
    for (const model of models) model.dispose();
  }
  const head = layers[layers.length - 1] as StackedDense;
  if (head.activation !== 'softmax') throw new Error('denseReplicas: the last Dense layer must be the softmax clustering head');
  const variables = layers.flatMap((layer) => (layer.bias ? [layer.kernel, layer.bias] : [layer.kernel]));

  return {
    replicas,
    maxClusters,
    variables,
    logits(x: Tensor): Tensor3D {
      return tf.tidy(() => {
        const [r, b] = x.shape as [number, number];
        let h = x.reshape([r, b, -1]) as Tensor3D;
        layers.forEach((layer, l) => {
          // Plain batched matMul + add: wasm's fused matMul takes rank-1 biases only.
          const z = tf.matMul(h, layer.kernel);
          const affine = (layer.bias ? tf.add(z, layer.bias) : z) as Tensor3D;
          h = l === layers.length - 1 ? affine : activate(affine, layer.activation);
        });
        return h;
      });
    },
    extract(replica: number): LayersModel {
      const k = nClusters[replica] as number;
      const model = buildOne(seeds[replica] as number, k);
      const dense = model.layers.filter((layer) => layer.getClassName() === 'Dense');
      dense.forEach((layer, l) => {
        const stacked = layers[l] as StackedDense;
        const isHead = l === dense.length - 1;
        // Fresh tensors from the values: a reshaped slice shares its buffer, and wasm keeps the
        // slice's rank with the buffer (its fused matMul then refuses the bias).
        const copy = (tensor: Tensor, shape: number[]) => tf.tensor(tensor.dataSync() as Float32Array, shape);
        const kernel = tf.tidy(() => stacked.kernel.slice([replica, 0, 0], [1, -1, isHead ? k : -1]));
        const weights = [copy(kernel, kernel.shape.slice(1))];
        if (stacked.bias) {
          const bias = tf.tidy(() => (stacked.bias as Variable).slice([replica, 0, 0], [1, 1, isHead ? k : -1]));
          weights.push(copy(bias, [bias.shape[2] as number]));
          bias.dispose();
        }
        kernel.dispose();
        layer.setWeights(weights);
        tf.dispose(weights);
      });
      return model;
    },
    dispose(): void {
      tf.dispose(variables);
    },
  };
}

function activate(x: Tensor3D, activation: Activation): Tensor3D {
  if (activation === 'relu') return tf.relu(x);
  if (activation === 'tanh') return tf.tanh(x);
  if (activation === 'sigmoid') return tf.sigmoid(x);
  return x;
}

interface DenseWeights {
  readonly kernel: Tensor;
  readonly bias?: Tensor;
  readonly activation: Activation;
}

/** The Dense layers of a model, in order; any layer other than Input, Flatten and Dense is refused. */
function denseLayersOf(model: LayersModel): DenseWeights[] {
  const out: DenseWeights[] = [];
  for (const layer of model.layers) {
    const kind = layer.getClassName();
    if (kind === 'InputLayer' || kind === 'Flatten') continue;
    const activation = String((layer.getConfig() as { activation?: unknown }).activation ?? 'linear');
    if (kind !== 'Dense' || !ACTIVATIONS.has(activation)) {
      throw new Error(
        `denseReplicas: layer '${layer.name}' (${kind}, ${activation}) cannot be stacked; only Flatten and Dense layers can`,
      );
    }
    const [kernel, bias] = layer.getWeights();
    out.push({ kernel: kernel as Tensor, bias, activation: activation as Activation });
  }
  return out;
}

/** A variable holding `tensor`'s values; the tensor itself is released. */
function toVariable(tensor: Tensor): Variable {
  const variable = tf.variable(tensor);
  tensor.dispose();
  return variable;
}

/** A kernel [in, K] or bias [K] padded with zero columns to [in, Kmax] / [Kmax]. */
function padColumns(tensor: Tensor, width: number): Tensor {
  const missing = width - (tensor.shape[tensor.rank - 1] as number);
  if (missing === 0) return tensor.clone();
  const padding = tensor.shape.map((_, axis) => [0, axis === tensor.rank - 1 ? missing : 0] as [number, number]);
  return tf.pad(tensor, padding);
}
