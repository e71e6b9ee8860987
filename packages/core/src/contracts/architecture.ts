import type { LayersModel } from '@tensorflow/tfjs';

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
}
