import type { LayersModel, Tensor, Tensor3D, Variable } from '@tensorflow/tfjs';

export interface BuildOptions {
  /** Shape of one sample as the data set delivers it, e.g. [2] or [28, 28, 1]. */
  readonly inputShape: readonly number[];
  /** Number of clusters K (a maximum: a GEMINI may leave some empty). */
  readonly nClusters: number;
  /** Seed for the weight initialisers (derived from the run's root seed). */
  readonly seed: number;
}

/**
 * A clustering model family. The trainer calls `build` once per trial; the model maps a batch
 * of samples (shape [N, ...inputShape]) to N×K cluster probabilities: its last layer is
 * Dense(K) with softmax activation. Same options ⇒ identical initial weights.
 * `build` throws a DataError naming the architecture when it cannot take `inputShape`
 * (it may reshape, flatten or pad inputs it can handle, e.g. lenet5 pads 28×28 to 32×32).
 */
export interface Architecture {
  build(options: BuildOptions): LayersModel;
  /**
   * tfjs kernels that training this model needs beyond dense layers (e.g. 'Conv2DBackpropFilter'
   * for conv nets); the trainer checks them on the active backend and fails with a clear message.
   */
  readonly requiredKernels?: readonly string[];
  /**
   * Present when the model (with these params) can be trained as R stacked replicas; a
   * runner batches trials only then, and trains one model per trial otherwise.
   */
  readonly buildReplicas?: (options: ReplicaBuildOptions) => ReplicaModel;
}

/** What `buildReplicas` needs: one seed and one K per replica, everything else shared. */
export interface ReplicaBuildOptions {
  readonly inputShape: readonly number[];
  /** K of each replica; the stacked model has max(nClusters) outputs, the rest masked. */
  readonly nClusters: readonly number[];
  /** Seed of each replica: replica r starts from the weights `build` gives for seeds[r]. */
  readonly seeds: readonly number[];
}

/**
 * R copies of one architecture trained as one tensor program: every weight carries a leading
 * replica axis R, and `logits` maps a stack of R batches [R, B, ...inputShape] to [R, B, Kmax]
 * logits (the softmax, with the mask for replicas of smaller K, is the trainer's). Replicas
 * never interact, so the gradient of a sum over replicas is each replica's own gradient.
 */
export interface ReplicaModel {
  readonly replicas: number;
  /** Width of the logits: the largest K of the replicas. */
  readonly maxClusters: number;
  /** The trainable weights, each of shape [R, ...shape of the single model's weight]. */
  readonly variables: readonly Variable[];
  /** Forward pass of all replicas at once; differentiable in `variables`. */
  logits(x: Tensor): Tensor3D;
  /** Replica r as the LayersModel `build` gives for its seed and K, holding its current weights. */
  extract(replica: number): LayersModel;
  dispose(): void;
}
