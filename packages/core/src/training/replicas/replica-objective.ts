import type { Objective } from '../../contracts/objective.js';
import { tf } from '../../tf.js';

/** The GEMINIs [R] of R replicas' batch probabilities [R, B, Kmax] (and affinities [R, B, B]). */
export type ReplicaEvaluator = (p: tf.Tensor3D, affinity?: tf.Tensor3D) => tf.Tensor1D;

/**
 * One evaluation for all replicas when they share one objective config and it implements
 * `evaluateReplicas` (it then sees Kmax columns, the masked ones all zero: a GEMINI ignores
 * empty clusters). Otherwise each replica's own objective evaluates its slice, cut to its own
 * K, exactly as a separate run would: the path for external plugins and for objectives whose
 * scalar params differ between replicas.
 */
export function replicaEvaluator(
  objectives: readonly Objective[],
  nClusters: readonly number[],
  shared: boolean,
): ReplicaEvaluator {
  const first = objectives[0] as Objective;
  if (shared && first.evaluateReplicas)
    return (p, affinity) => (first.evaluateReplicas as NonNullable<Objective['evaluateReplicas']>)(p, affinity);
  return (p, affinity) =>
    tf.tidy(() => {
      const [replicas, b] = p.shape;
      const values = objectives.map((objective, r) => {
        const k = nClusters[r] as number;
        const own = p.slice([r, 0, 0], [1, b, k]).reshape([b, k]) as tf.Tensor2D;
        const ownAffinity = affinity?.slice([r, 0, 0], [1, b, b]).reshape([b, b]) as tf.Tensor2D | undefined;
        return objective.evaluate(own, ownAffinity);
      });
      return tf.stack(values).reshape([replicas]) as tf.Tensor1D;
    });
}
