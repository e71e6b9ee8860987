import { deriveSeed, initBackend, SeededRng, tf } from '@gemlab/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { lenet5 } from '../architectures/lenet5.js';
import { linear } from '../architectures/linear.js';
import { mlp } from '../architectures/mlp.js';

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

/** [kernel, bias] values of every layer that has weights, in order. */
function weightsOf(model: tf.LayersModel): Float32Array[][] {
  return model.layers
    .map((layer) => layer.getWeights().map((t) => t.dataSync() as Float32Array))
    .filter((weights) => weights.length > 0);
}

// Inputs per unit of each weighted layer, counted by hand (PyTorch's fan_in).
const CASES = [
  {
    name: 'mlp 784→1200→10',
    build: (init?: 'glorot' | 'torch') =>
      mlp
        .create({ hidden: [1200], activation: 'relu', batchNorm: false, dropout: 0, init }, ctx)
        .build({ inputShape: [784], nClusters: 10, seed: 3 }),
    fanIns: [784, 1200],
  },
  {
    name: 'lenet5 on 28×28×1',
    build: (init?: 'glorot' | 'torch') => lenet5.create({ init }, ctx).build({ inputShape: [28, 28, 1], nClusters: 10, seed: 3 }),
    fanIns: [25, 150, 400, 120, 84], // 5·5·1, 5·5·6, 5·5·16, then dense 120 and 84 inputs
  },
  {
    name: 'linear on 4×3 samples',
    build: (init?: 'glorot' | 'torch') => linear.create({ init }, ctx).build({ inputShape: [4, 3], nClusters: 5, seed: 3 }),
    fanIns: [12],
  },
];

describe('weight initialisation', () => {
  for (const { name, build, fanIns } of CASES) {
    it(`'torch' draws ${name} kernels and biases from U(±1/√fan_in), PyTorch's Linear/Conv2d default`, () => {
      const model = build('torch');
      const layers = weightsOf(model);
      expect(layers).toHaveLength(fanIns.length);
      layers.forEach(([kernel, bias], i) => {
        const bound = 1 / Math.sqrt(fanIns[i] as number);
        for (const values of [kernel, bias] as Float32Array[]) {
          const largest = values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
          expect(largest).toBeLessThanOrEqual(bound * (1 + 1e-6));
          // a uniform draw reaches close to its bound: the largest of n draws is within 1/n of it
          expect(largest).toBeGreaterThan(bound * (1 - 20 / values.length));
        }
        // U(−b, b) has variance b²/3; over the 940 800 weights of the MLP's hidden layer to ±1 %
        if (kernel!.length > 100_000) {
          const variance = kernel!.reduce((s, v) => s + v * v, 0) / kernel!.length;
          expect(variance / ((bound * bound) / 3)).toBeCloseTo(1, 1);
        }
      });
      model.dispose();
    });

    it(`${name}: no init is 'glorot': Glorot-uniform kernels, zero biases, the same weights as before 'init' existed`, () => {
      const [absent, glorot] = [build(undefined), build('glorot')];
      const [a, g] = [weightsOf(absent), weightsOf(glorot)];
      a.forEach(([kernel, bias], i) => {
        expect(kernel).toEqual(g[i]![0]);
        expect(Array.from(bias!).every((v) => v === 0)).toBe(true);
      });
      // The first kernel is what the builders drew before: Glorot-uniform from the layer's derived seed.
      const [kernel] = a[0]!;
      const shape = absent.layers.flatMap((layer) => layer.getWeights()).at(0)!.shape;
      const before = tf.initializers.glorotUniform({ seed: deriveSeed(3, 'layer', 0) }).apply(shape);
      expect(kernel).toEqual(before.dataSync());
      before.dispose();
      absent.dispose();
      glorot.dispose();
    });
  }
});
