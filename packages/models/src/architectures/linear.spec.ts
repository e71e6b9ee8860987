import { initBackend, SeededRng, tf } from '@gemlab/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { predictProbabilities } from '../predict-probabilities.js';
import { linear } from './linear.js';

const ctx = {
  rng: new SeededRng(0),
  baseDir: '.',
  create: () => {
    throw new Error('architectures take no nested plugins');
  },
};

beforeAll(async () => {
  await initBackend('cpu');
});

describe("architecture 'linear'", () => {
  it('flattens a [4, 3] sample and has (12 + 1)·K parameters', () => {
    const model = linear.create({}, ctx).build({ inputShape: [4, 3], nClusters: 5, seed: 0 });
    expect(model.layers.map((layer) => layer.getClassName())).toEqual(['InputLayer', 'Flatten', 'Dense']);
    expect(model.countParams()).toBe(13 * 5); // W is 12×5, b is 5
    model.dispose();
  });

  it('computes softmax(xW + b), checked against a float64 transcription', () => {
    const model = linear.create({}, ctx).build({ inputShape: [3], nClusters: 4, seed: 2 });
    const rng = new SeededRng(5);
    const head = model.layers.at(-1) as tf.layers.Layer;
    const bias = Float32Array.from({ length: 4 }, () => rng.normal()); // non-zero, so b is exercised
    head.setWeights([head.getWeights()[0] as tf.Tensor, tf.tensor1d(bias)]);
    const w = (head.getWeights()[0] as tf.Tensor).dataSync();
    const x = Float32Array.from({ length: 5 * 3 }, () => rng.normal());
    const probabilities = predictProbabilities(model, x, [3]);
    for (let i = 0; i < 5; i++) {
      const logits = [0, 1, 2, 3].map((k) => bias[k] + [0, 1, 2].reduce((s, d) => s + x[i * 3 + d] * w[d * 4 + k], 0));
      const top = Math.max(...logits);
      const exps = logits.map((z) => Math.exp(z - top));
      const total = exps.reduce((s, e) => s + e, 0);
      exps.forEach((e, k) => {
        expect(probabilities[i * 4 + k]).toBeCloseTo(e / total, 6);
      });
    }
    model.dispose();
  });
});
