import type { Tensor2D } from '@tensorflow/tfjs';

/**
 * A kernel or a distance: builds the N×M affinity matrix between the rows of x and y.
 *
 * Called by the trainer once per mini-batch (scope 'batch'), or once per run on the whole
 * data set when the affinity needs every sample (scope 'dataset': graph distances,
 * precomputed matrices); the trainer then slices the batch block out of it.
 * `compute` must not keep or leak tensors: the caller owns and disposes the result.
 * It is never differentiated (the affinity depends on the data only).
 */
export interface Affinity {
  readonly scope: 'batch' | 'dataset';
  compute(x: Tensor2D, y?: Tensor2D): Tensor2D;
}
