import { tf } from '../../tf.js';
import { featureCount, type TrainingData } from '../training-data.js';

/**
 * Stacks the batches of R replicas into one tensor [R, B, ...sampleShape]: replica r's rows
 * `indices[r]` of its own data set (replicas may share one). Every batch has the same size B.
 */
export function replicaBatchTensor(data: readonly TrainingData[], indices: readonly ArrayLike<number>[]): tf.Tensor {
  const first = data[0] as TrainingData;
  const features = featureCount(first);
  const b = (indices[0] as ArrayLike<number>).length;
  const values = new Float32Array(indices.length * b * features);
  indices.forEach((rows, r) => {
    const x = (data[r] as TrainingData).x;
    for (let i = 0; i < b; i++) {
      const row = rows[i] as number;
      values.set(x.subarray(row * features, (row + 1) * features), (r * b + i) * features);
    }
  });
  return tf.tensor(values, [indices.length, b, ...first.sampleShape]);
}
