import { DataError, initBackend, SeededRng, tf } from '@gemlab/core';
import { expectNoLeakedTensors } from '@gemlab/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linear } from './architectures/linear.js';
import { predictProbabilities } from './predict-probabilities.js';

const ctx = {
  rng: new SeededRng(0),
  baseDir: '.',
  create: () => {
    throw new Error('architectures take no nested plugins');
  },
};
let model: tf.LayersModel;
const rng = new SeededRng(4);
const x = Float32Array.from({ length: 10 * 6 }, () => rng.normal()); // 10 samples of shape [2, 3]

beforeAll(async () => {
  await initBackend('cpu');
  model = linear.create({}, ctx).build({ inputShape: [2, 3], nClusters: 4, seed: 0 });
});

afterAll(() => {
  model.dispose();
});

describe('predictProbabilities', () => {
  it("returns model.predict's N×K probabilities, whatever the batch size", () => {
    const expected = tf.tidy(() => Array.from((model.predict(tf.tensor(x, [10, 2, 3])) as tf.Tensor).dataSync()));
    expect(Array.from(predictProbabilities(model, x, [2, 3]))).toEqual(expected);
    expect(Array.from(predictProbabilities(model, x, [2, 3], 3))).toEqual(expected); // batches 3, 3, 3, 1
    expect(predictProbabilities(model, new Float32Array(0), [2, 3])).toHaveLength(0);
  });

  it('leaves no tensors behind', () => {
    expectNoLeakedTensors('predictProbabilities', () => predictProbabilities(model, x, [2, 3], 4));
  });

  it('rejects samples of another shape and a partial sample with a DataError', () => {
    expect(() => predictProbabilities(model, x, [6])).toThrow(
      new DataError("model 'linear' takes samples of shape [2, 3]; got [6]"),
    );
    expect(() => predictProbabilities(model, x.subarray(0, 10), [2, 3])).toThrow(
      new DataError('10 values are not a whole number of samples of shape [2, 3]'),
    );
    expect(() => predictProbabilities(model, x, [2, 3], 0)).toThrow(RangeError);
  });
});
