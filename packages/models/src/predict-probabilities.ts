import { DataError, tf } from '@gemlab/core';
import { formatShape } from './layers/input-shape.js';

/**
 * Cluster probabilities of every sample of `x` (row-major, N samples of `sampleShape`) as a
 * row-major N×K Float32Array, computed batch by batch in inference mode; leaves no tensors.
 */
export function predictProbabilities(
  model: tf.LayersModel,
  x: Float32Array,
  sampleShape: readonly number[],
  batchSize = 1024,
): Float32Array {
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const modelShape = (model.inputs[0] as tf.SymbolicTensor).shape.slice(1);
  if (modelShape.length !== sampleShape.length || modelShape.some((d, i) => d !== null && d !== sampleShape[i])) {
    throw new DataError(
      `model '${model.name}' takes samples of shape ${formatShape(modelShape.map((d) => d ?? -1))}; got ${formatShape(sampleShape)}`,
    );
  }
  const sampleSize = sampleShape.reduce((product, d) => product * d, 1);
  if (x.length % sampleSize !== 0) {
    throw new DataError(`${x.length} values are not a whole number of samples of shape ${formatShape(sampleShape)}`);
  }
  const n = x.length / sampleSize;
  const nClusters = (model.outputs[0] as tf.SymbolicTensor).shape.at(-1) as number;
  const probabilities = new Float32Array(n * nClusters);
  for (let start = 0; start < n; start += batchSize) {
    const end = Math.min(n, start + batchSize);
    const batch = tf.tidy(() => {
      const input = tf.tensor(x.subarray(start * sampleSize, end * sampleSize), [end - start, ...sampleShape]);
      return (model.predict(input) as tf.Tensor).dataSync() as Float32Array;
    });
    probabilities.set(batch, start * nClusters);
  }
  return probabilities;
}
