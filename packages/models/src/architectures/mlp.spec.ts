import { ConfigError, initBackend, SeededRng, type Static, tf } from '@gemlab/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SeededDropout } from '../layers/seeded-dropout.js';
import { predictProbabilities } from '../predict-probabilities.js';
import { mlp } from './mlp.js';

type MlpParams = Static<typeof mlp.schema>;
const ctx = {
  rng: new SeededRng(0),
  baseDir: '.',
  create: () => {
    throw new Error('architectures take no nested plugins');
  },
};
const DEFAULTS: MlpParams = { hidden: [20], activation: 'relu', batchNorm: false, dropout: 0 };
const build = (params: Partial<MlpParams>, inputShape: number[], nClusters: number, seed = 0) =>
  mlp.create({ ...DEFAULTS, ...params }, ctx).build({ inputShape, nClusters, seed });

beforeAll(async () => {
  await initBackend('cpu');
});

describe("architecture 'mlp'", () => {
  it('has 2·20 + 20 + 20·3 + 3 = 123 parameters with the default hidden layer', () => {
    const model = build({}, [2], 3);
    expect(model.countParams()).toBe(123);
    model.dispose();
  });

  it('rejects an activation list whose length differs from hidden with a one-line ConfigError', () => {
    const create = () => mlp.create({ ...DEFAULTS, hidden: [8, 4], activation: ['tanh'] }, ctx);
    expect(create).toThrow(ConfigError);
    expect(create).toThrow(
      'model.activation: has 1 entries but model.hidden has 2 layers; give one activation per hidden layer or a single one',
    );
  });

  it('applies one activation per layer: tanh, sigmoid, then softmax (float64 transcription)', () => {
    const model = build({ hidden: [4, 3], activation: ['tanh', 'sigmoid'] }, [2], 2, 4);
    const rng = new SeededRng(1);
    const dense = model.layers.filter((layer) => layer.getClassName() === 'Dense');
    expect(dense.map((layer) => layer.getConfig().activation)).toEqual(['tanh', 'sigmoid', 'softmax']);
    // Random non-zero biases, so every term of the transcription is exercised.
    for (const layer of dense) {
      const [kernel, bias] = layer.getWeights() as [tf.Tensor, tf.Tensor];
      layer.setWeights([kernel, tf.tensor1d(Array.from({ length: bias.size }, () => rng.normal()))]);
    }
    const params = dense.map((layer) => layer.getWeights().map((t) => Array.from(t.dataSync())));
    // Dense: out_k = b_k + Σ_d in_d · W[d, k], with W row-major (inputs × units).
    const affine = (input: number[], [w, b]: number[][]) =>
      b.map((bk, k) => bk + input.reduce((s, v, d) => s + v * w[d * b.length + k], 0));
    const x = Float32Array.from({ length: 3 * 2 }, () => rng.normal());
    const probabilities = predictProbabilities(model, x, [2]);
    for (let i = 0; i < 3; i++) {
      const h1 = affine([x[i * 2], x[i * 2 + 1]], params[0]).map(Math.tanh);
      const h2 = affine(h1, params[1]).map((z) => 1 / (1 + Math.exp(-z)));
      const logits = affine(h2, params[2]);
      const p0 = 1 / (1 + Math.exp(logits[1] - logits[0])); // softmax over two logits
      expect(probabilities[i * 2]).toBeCloseTo(p0, 6);
      expect(probabilities[i * 2 + 1]).toBeCloseTo(1 - p0, 6);
    }
    model.dispose();
  });

  it('with batchNorm: bias-free dense, then batch norm, then the activation', () => {
    // Input 2, hidden [4], K = 3: dense 2·4 (no bias) + gamma, beta 4 + 4 + head 4·3 + 3 = 31 trainable;
    // plus moving mean and variance 4 + 4 = 8 non-trainable.
    const model = build({ hidden: [4], activation: 'tanh', batchNorm: true }, [2], 3);
    expect(model.layers.map((layer) => layer.name)).toEqual([
      model.layers[0].name,
      'hidden_1',
      'batch_norm_1',
      'activation_1',
      'clustering_head',
    ]);
    expect(model.countParams()).toBe(39);
    const sizes = model.trainableWeights.map((weight) => weight.read().size);
    expect(sizes.reduce((total, size) => total + size, 0)).toBe(31);
    model.dispose();
  });

  it('with dropout: same weights and predictions as without, fresh yet reproducible masks in training', () => {
    const x = tf.randomNormal([16, 2], 0, 1, 'float32', 3);
    const plain = build({ hidden: [32] }, [2], 3, 8);
    const [a, b] = [build({ hidden: [32], dropout: 0.5 }, [2], 3, 8), build({ hidden: [32], dropout: 0.5 }, [2], 3, 8)];
    const values = (t: tf.Tensor) => Array.from(t.dataSync());
    expect(a.getWeights().map(values)).toEqual(plain.getWeights().map(values));
    expect(values(a.predict(x) as tf.Tensor)).toEqual(values(plain.predict(x) as tf.Tensor));
    const trainA = [1, 2].map(() => values(a.apply(x, { training: true }) as tf.Tensor));
    const trainB = [1, 2].map(() => values(b.apply(x, { training: true }) as tf.Tensor));
    expect(trainA[0]).not.toEqual(trainA[1]); // a new mask at each training call
    expect(trainB).toEqual(trainA); // the same sequence of masks for the same seed
    for (const model of [plain, a, b]) model.dispose();
    x.dispose();
  });

  it('SeededDropout zeroes about `rate` of the units and scales the rest by 1/(1 − rate)', () => {
    const layer = new SeededDropout({ rate: 0.3, seed: 1 });
    const out = tf.tidy(() => Array.from((layer.apply(tf.ones([4000]), { training: true }) as tf.Tensor).dataSync()));
    const dropped = out.filter((v) => v === 0).length / out.length;
    expect(dropped).toBeGreaterThan(0.27);
    expect(dropped).toBeLessThan(0.33);
    for (const v of out.filter((v) => v !== 0)) expect(v).toBeCloseTo(1 / 0.7, 6);
    const inference = tf.tidy(() => Array.from((layer.apply(tf.ones([5])) as tf.Tensor).dataSync()));
    expect(inference).toEqual([1, 1, 1, 1, 1]); // identity outside training
  });
});
