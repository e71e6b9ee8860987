import { initBackend, SeededRng, tf } from '@gemlab/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { predictProbabilities } from '../predict-probabilities.js';
import { lenet5 } from './lenet5.js';

const ctx = {
  rng: new SeededRng(0),
  baseDir: '.',
  create: () => {
    throw new Error('architectures take no nested plugins');
  },
};
const build = (inputShape: number[], nClusters: number, seed = 0) =>
  lenet5.create({}, ctx).build({ inputShape, nClusters, seed });

/**
 * LeNet-5's parameter count with C input channels and K outputs, by hand:
 *   conv 6@5×5:    5·5·C·6 + 6        = 150C + 6
 *   conv 16@5×5:   5·5·6·16 + 16      = 2 416
 *   conv 120@5×5:  5·5·16·120 + 120   = 48 120
 *   dense 84:      120·84 + 84        = 10 164
 *   Dense(K):      84·K + K           = 85K
 * (average pooling has no parameters) ⇒ 60 706 + 150C + 85K; for C = 1, K = 10: 61 706, the
 * count usually quoted for LeNet-5 with full C3 connections.
 */
const expectedParams = (channels: number, nClusters: number) => 60_706 + 150 * channels + 85 * nClusters;

describe("architecture 'lenet5'", () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it("has the paper's parameter count: 61 706 for 28×28×1 inputs and K = 10", () => {
    expect(expectedParams(1, 10)).toBe(61_706);
    for (const [shape, nClusters] of [
      [[28, 28, 1], 10],
      [[32, 32, 1], 4],
      [[32, 32, 3], 7],
    ] as const) {
      const model = build([...shape], nClusters);
      expect(model.countParams(), `${shape} K=${nClusters}`).toBe(expectedParams(shape[2], nClusters));
      model.dispose();
    }
  });

  it('pads 28×28 to 32×32 and keeps the layer sizes of the paper', () => {
    const model = build([28, 28, 1], 10);
    const shapes = model.layers.slice(1).map((layer) => [layer.name, (layer.output as tf.SymbolicTensor).shape.slice(1)]);
    expect(shapes).toEqual([
      ['zero_padding', [32, 32, 1]],
      ['conv_1', [28, 28, 6]],
      ['pool_1', [14, 14, 6]],
      ['conv_2', [10, 10, 16]],
      ['pool_2', [5, 5, 16]],
      ['conv_3', [1, 1, 120]],
      ['flatten', [120]],
      ['dense_84', [84]],
      ['clustering_head', [10]],
    ]);
    model.dispose();
  });

  it('predicts on a 28×28 image what the 32×32 model predicts on the zero-padded image', () => {
    const small = build([28, 28, 1], 3, 5);
    const large = build([32, 32, 1], 3, 5); // same seed ⇒ same weights: padding has none
    const x = tf.tidy(() => tf.randomNormal([2, 28, 28, 1], 0, 1, 'float32', 1));
    const padded = tf.tidy(() =>
      tf.pad(x, [
        [0, 0],
        [2, 2],
        [2, 2],
        [0, 0],
      ]),
    );
    const fromSmall = predictProbabilities(small, x.dataSync() as Float32Array, [28, 28, 1]);
    const fromLarge = predictProbabilities(large, padded.dataSync() as Float32Array, [32, 32, 1]);
    fromSmall.forEach((p, i) => {
      expect(p).toBeCloseTo(fromLarge[i], 6);
    });
    tf.dispose([x, padded]);
    small.dispose();
    large.dispose();
  });

  it('trains on cpu: one SGD step on a batch of 28×28×1 random images lowers the loss', () => {
    const model = build([28, 28, 1], 10, 2);
    const rng = new SeededRng(3);
    const x = tf.tensor4d(
      Float32Array.from({ length: 16 * 28 * 28 }, () => rng.uniform()),
      [16, 28, 28, 1],
    );
    const target = tf.oneHot(
      tf.tensor1d(
        Int32Array.from({ length: 16 }, () => rng.int(10)),
        'int32',
      ),
      10,
    );
    const loss = () => tf.tidy(() => tf.losses.logLoss(target, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar);
    const lossValue = () => tf.tidy(() => loss().dataSync()[0]);
    const before = lossValue();
    const kernelBefore = Array.from(model.getLayer('conv_1').getWeights()[0].dataSync());
    const optimizer = tf.train.sgd(0.05);
    optimizer.minimize(
      loss,
      false,
      model.trainableWeights.map((weight) => weight.read() as tf.Variable),
    );
    const after = lossValue();
    expect(Number.isFinite(after)).toBe(true);
    expect(after).toBeLessThan(before);
    expect(Array.from(model.getLayer('conv_1').getWeights()[0].dataSync())).not.toEqual(kernelBefore);
    optimizer.dispose();
    tf.dispose([x, target]);
    model.dispose();
  });

  it('declares Conv2DBackpropFilter, which the wasm backend lacks, as a required kernel', async () => {
    expect(lenet5.create({}, ctx).requiredKernels).toEqual(['Conv2DBackpropFilter']);
    await initBackend('wasm');
    const wasmKernels = tf.getKernelsForBackend('wasm').map((kernel) => kernel.kernelName);
    expect(wasmKernels).not.toContain('Conv2DBackpropFilter');
    expect(wasmKernels).toContain('Conv2D'); // the forward pass does run there
    await initBackend('cpu');
  });
});
