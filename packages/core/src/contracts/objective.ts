import type { Scalar, Tensor1D, Tensor2D, Tensor3D } from '@tensorflow/tfjs';
import type { Affinity } from './affinity.js';

/**
 * A GEMINI: a generalised mutual information between the data and the cluster assignment,
 * to be MAXIMISED (the trainer's loss is −evaluate).
 *
 * The trainer calls `evaluate` once per mini-batch inside a gradient tape, with p the N×K
 * softmax output (rows sum to 1) and, when `affinity` is not 'none', the N×N affinity of the
 * batch built by `affinityFunction`. Guarantees an implementation must give (checked by
 * `describeObjectiveConformance` in @gemlab/objectives/testing):
 * - finite value and gradient for any row-stochastic p, including one-hot rows, N = 1, N < K;
 * - an all-zero cluster column changes nothing and gets a zero gradient (K is a maximum);
 * - 0 when every row of p is equal; > 0 for a clean clustering of separated points;
 * - no tensor left behind: the only new tensor is the returned scalar.
 */
export interface Objective {
  /** What `evaluate`'s second argument is: a kernel (similarity), a distance (cost) or nothing. */
  readonly affinity: 'kernel' | 'distance' | 'none';
  /** Builds that affinity; present exactly when `affinity` is not 'none'. */
  readonly affinityFunction?: Affinity;
  evaluate(p: Tensor2D, affinity?: Tensor2D): Scalar;
  /**
   * Optional: the GEMINIs of R independent batches at once, p of shape [R, N, K] and the
   * affinities [R, N, N]; entry r must equal `evaluate(p[r], affinity[r])` (to float
   * tolerance) and depend on replica r only. Without it a batched trainer calls `evaluate`
   * once per replica, so objectives written before batching keep working.
   */
  evaluateReplicas?(p: Tensor3D, affinity?: Tensor3D): Tensor1D;
}
