import { DataError } from '../errors/data-error.js';
import { tf } from '../tf.js';

/** Samples as the trainer sees them: row-major values plus the shape of one sample. */
export interface TrainingData {
  readonly x: Float32Array;
  readonly sampleShape: readonly number[];
}

export function sampleCount(data: TrainingData): number {
  return data.x.length / featureCount(data);
}

export function featureCount(data: TrainingData): number {
  return data.sampleShape.reduce((a, b) => a * b, 1);
}

/** Copies the rows `indices` into a batch tensor of shape [b, ...sampleShape]. */
export function batchTensor(data: TrainingData, indices: ArrayLike<number>): tf.Tensor {
  const features = featureCount(data);
  const values = new Float32Array(indices.length * features);
  for (let r = 0; r < indices.length; r++) {
    const i = indices[r] as number;
    values.set(data.x.subarray(i * features, (i + 1) * features), r * features);
  }
  return tf.tensor(values, [indices.length, ...data.sampleShape]);
}

/** Checks that x holds a whole number of samples. */
export function checkTrainingData(data: TrainingData): void {
  const features = featureCount(data);
  if (features <= 0 || data.x.length === 0 || data.x.length % features !== 0) {
    throw new DataError(`data of ${data.x.length} values does not hold whole samples of shape [${data.sampleShape.join(', ')}]`);
  }
}
