import type { Objective } from '../contracts/objective.js';
import { DataError } from '../errors/data-error.js';
import { tf } from '../tf.js';
import { batchTensor, featureCount, sampleCount, type TrainingData } from './training-data.js';

/** Returns the affinity block of a batch, or undefined when the objective needs none. */
export type AffinityProvider = (indices: ArrayLike<number>) => tf.Tensor2D | undefined;

/**
 * Decides once per run where a batch's affinity comes from: nowhere (f-divergence GEMINIs),
 * the kernel/distance applied to the batch (scope 'batch'), or a whole-set matrix, either the
 * user's or one computed once (scope 'dataset', e.g. graph hops), sliced per batch.
 */
export function createAffinityProvider(objective: Objective, data: TrainingData, precomputed?: Float32Array): AffinityProvider {
  if (objective.affinity === 'none') return () => undefined;
  const n = sampleCount(data);
  const flat: TrainingData = { x: data.x, sampleShape: [featureCount(data)] };
  let whole = precomputed;
  if (whole && whole.length !== n * n) {
    throw new DataError(`the precomputed affinity has ${whole.length} values; expected ${n}×${n} for ${n} samples`);
  }
  const fn = objective.affinityFunction;
  if (!whole && fn?.scope === 'dataset') {
    const all = batchTensor(
      flat,
      Array.from({ length: n }, (_, i) => i),
    ) as tf.Tensor2D;
    const matrix = fn.compute(all);
    whole = matrix.dataSync() as Float32Array;
    all.dispose();
    matrix.dispose();
  }
  if (whole) {
    const matrix = whole;
    return (indices) => sliceBlock(matrix, n, indices);
  }
  if (!fn) throw new DataError(`the objective needs a ${objective.affinity} but declares no affinityFunction`);
  return (indices) => tf.tidy(() => fn.compute(batchTensor(flat, indices) as tf.Tensor2D));
}

function sliceBlock(matrix: Float32Array, n: number, indices: ArrayLike<number>): tf.Tensor2D {
  const b = indices.length;
  const block = new Float32Array(b * b);
  for (let r = 0; r < b; r++) {
    const row = (indices[r] as number) * n;
    for (let c = 0; c < b; c++) block[r * b + c] = matrix[row + (indices[c] as number)] as number;
  }
  return tf.tensor2d(block, [b, b]);
}
