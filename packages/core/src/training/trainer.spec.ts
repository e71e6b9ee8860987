import { Type } from '@sinclair/typebox';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/bootstrap.js';
import { defineArchitecture, defineKernel, defineObjective } from '../contracts/plugin.js';
import { CancelledError } from '../errors/cancelled-error.js';
import { ConfigError } from '../errors/config-error.js';
import { GeminiClustering } from '../estimator/gemini-clustering.js';
import { SeededRng } from '../random/seeded-rng.js';
import { definePluginModule } from '../registry/plugin-module.js';
import { PluginRegistry } from '../registry/plugin-registry.js';
import { installedBackends } from '../testing/backends.js';
import { tf } from '../tf.js';
import { createAffinityProvider } from './affinity-provider.js';
import type { EpochLogs } from './trainer.js';

// Minimal plugins written here so core's tests need no other package: TV one-vs-all
// (1/2N Σ|p_ik − π_k|), a linear kernel, and a softmax-regression architecture.
const tvOva = defineObjective({
  name: 'tv-test',
  description: 'TV one-vs-all',
  schema: Type.Object({}),
  create: () => ({
    affinity: 'none',
    evaluate: (p) =>
      tf.tidy(() => {
        const q = tf.clipByValue(p, 1e-12, 1 - 1e-12);
        return tf
          .abs(q.sub(tf.mean(q, 0, true)))
          .sum()
          .div(2 * (p.shape[0] as number)) as tf.Scalar;
      }),
  }),
});
const linearKernel = defineKernel({
  name: 'linear-test',
  description: 'x·y',
  schema: Type.Object({}),
  create: () => ({ scope: 'batch', compute: (x, y) => tf.matMul(x, y ?? x, false, true) }),
});
// A kernel that must see the whole data set: its value depends on the row's global index (the first feature).
const wholeSetKernel = defineKernel({
  name: 'whole-set-test',
  description: 'outer product of the first feature, computed once',
  schema: Type.Object({}),
  create: () => ({
    scope: 'dataset',
    compute: (x) => tf.tidy(() => tf.matMul(x.slice([0, 0], [-1, 1]), x.slice([0, 0], [-1, 1]), false, true)),
  }),
});
const softmaxRegression = defineArchitecture({
  name: 'softmax-test',
  description: 'Dense(K) + softmax',
  schema: Type.Object({}),
  create: () => ({
    build: ({ inputShape, nClusters, seed }) =>
      tf.sequential({
        layers: [
          tf.layers.dense({
            inputShape: [...inputShape],
            units: nClusters,
            activation: 'softmax',
            kernelInitializer: tf.initializers.glorotUniform({ seed }),
          }),
        ],
      }),
  }),
});
const registry = new PluginRegistry([definePluginModule('test', [tvOva, linearKernel, wholeSetKernel, softmaxRegression])]);

/** Three separated 2-D blobs of 60 points each, and their labels. */
function blobs(seed: number): { rows: number[][]; labels: number[] } {
  const rng = new SeededRng(seed);
  const centres = [
    [-6, 0],
    [6, 0],
    [0, 8],
  ];
  const rows: number[][] = [];
  const labels: number[] = [];
  centres.forEach(([cx, cy], label) => {
    for (let i = 0; i < 60; i++) {
      rows.push([(cx as number) + rng.normal(0, 0.6), (cy as number) + rng.normal(0, 0.6)]);
      labels.push(label);
    }
  });
  return { rows, labels };
}

const estimator = (options: Partial<ConstructorParameters<typeof GeminiClustering>[0]> = {}) =>
  new GeminiClustering({
    registry,
    objective: { name: 'tv-test' },
    model: { name: 'softmax-test' },
    nClusters: 3,
    training: { epochs: 30, batchSize: 45, optimizer: { learningRate: 0.05 } },
    ...options,
  });

describe.each(installedBackends())('trainer on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  it('raises the GEMINI and separates three blobs', async () => {
    const { rows } = blobs(1);
    const model = await estimator().fit(rows);
    const first = model.history[0]?.gemini as number;
    const last = model.history[model.history.length - 1]?.gemini as number;
    expect(last).toBeGreaterThan(first + 0.1);
    expect(model.usedClusters).toBe(3);
    expect(model.nIter).toBe(30);
    model.dispose();
  });

  it('leaves the live tensor count flat across epochs', async () => {
    const counts: number[] = [];
    const model = await estimator({ onEpochEnd: () => void counts.push(tf.memory().numTensors) }).fit(blobs(2).rows);
    expect(counts.length).toBe(30);
    expect(new Set(counts.slice(1)).size).toBe(1);
    const before = tf.memory().numTensors;
    model.dispose();
    expect(tf.memory().numTensors).toBeLessThan(before);
  });

  it('gives bitwise-identical predictions for the same seed and different ones for another seed', async () => {
    const { rows } = blobs(3);
    const a = await estimator({ seed: 7 }).fit(rows);
    const b = await estimator({ seed: 7 }).fit(rows);
    const c = await estimator({ seed: 8 }).fit(rows);
    expect(Buffer.from(a.predictProba(rows).buffer).equals(Buffer.from(b.predictProba(rows).buffer))).toBe(true);
    expect(Buffer.from(a.predictProba(rows).buffer).equals(Buffer.from(c.predictProba(rows).buffer))).toBe(false);
    for (const m of [a, b, c]) m.dispose();
  });

  it('stops early after `patience` epochs without a gain', async () => {
    // A learning rate of 1e-12 leaves the GEMINI unchanged: epoch 1 sets the best, epochs 2..4 do not beat it.
    const model = await estimator({
      training: {
        epochs: 50,
        batchSize: 180,
        optimizer: { learningRate: 1e-12 },
        earlyStopping: { tolerance: 1e-3, patience: 3 },
      },
    }).fit(blobs(4).rows);
    expect(model.nIter).toBe(4);
    model.dispose();
  });

  it('trains with SGD + Nesterov momentum and with VAT', async () => {
    const { rows } = blobs(5);
    const sgd = await estimator({
      training: { epochs: 20, batchSize: 60, optimizer: { name: 'sgd', learningRate: 0.5, momentum: 0.9, nesterov: true } },
    }).fit(rows);
    expect(sgd.history[19]?.gemini).toBeGreaterThan((sgd.history[0]?.gemini as number) + 0.05);
    sgd.dispose();
    const logs: EpochLogs[] = [];
    const vat = await estimator({
      training: { epochs: 5, batchSize: 60, vat: { weight: 2, epsilon: 0.5 } },
      onEpochEnd: (l) => void logs.push(l),
    }).fit(rows);
    for (const l of logs) {
      expect(l.vat).toBeGreaterThan(0);
      expect(l.loss).toBeCloseTo(-l.gemini + 2 * (l.vat as number), 5);
    }
    vat.dispose();
  });

  it('stops with a CancelledError when its signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(estimator().fit(blobs(6).rows, { signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
  });
});

describe('affinity provider', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it('slices the batch block out of a whole-set affinity computed once', () => {
    const x = Float32Array.from([1, 0, 2, 0, 3, 0, 4, 0]);
    const objective = {
      affinity: 'kernel' as const,
      affinityFunction: wholeSetKernel.create({}, {} as never),
      evaluate: () => tf.scalar(0),
    };
    const provider = createAffinityProvider(objective, { x, sampleShape: [2] });
    const block = provider([3, 1]) as tf.Tensor2D;
    // rows 3 and 1 have first features 4 and 2: the block is [[16, 8], [8, 4]].
    expect(Array.from(block.dataSync())).toEqual([16, 8, 8, 4]);
    block.dispose();
  });

  it('computes a batch-scope kernel on the batch rows only', () => {
    const x = Float32Array.from([1, 2, 3, 4, 5, 6]);
    const objective = {
      affinity: 'kernel' as const,
      affinityFunction: linearKernel.create({}, {} as never),
      evaluate: () => tf.scalar(0),
    };
    const block = createAffinityProvider(objective, { x, sampleShape: [2] })([2, 0]) as tf.Tensor2D;
    // rows (5,6) and (1,2): [[61, 17], [17, 5]]
    expect(Array.from(block.dataSync())).toEqual([61, 17, 17, 5]);
    block.dispose();
  });

  it('uses a user-supplied whole-set matrix and checks its size', () => {
    const objective = { affinity: 'distance' as const, evaluate: () => tf.scalar(0) };
    const data = { x: Float32Array.from([0, 1, 2]), sampleShape: [1] };
    const matrix = Float32Array.from([0, 1, 2, 1, 0, 3, 2, 3, 0]);
    const block = createAffinityProvider(objective, data, matrix)([0, 2]) as tf.Tensor2D;
    expect(Array.from(block.dataSync())).toEqual([0, 2, 2, 0]);
    block.dispose();
    expect(() => createAffinityProvider(objective, data, new Float32Array(4))).toThrow(/expected 3×3/);
  });
});

describe('GeminiClustering API', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it('rejects bad sections with path-named errors before any work', () => {
    expect(() => estimator({ objective: { name: 'tv-tets' } })).toThrow(
      "objective.name: unknown objective 'tv-tets' (did you mean 'tv-test'?); known: tv-test",
    );
    expect(() => estimator({ training: { epochs: 0 } })).toThrow(ConfigError);
    expect(() => estimator({ nClusters: 0 })).toThrow(/nClusters must be an integer >= 1/);
  });

  it('refuses to predict before fit, and fitPredict equals fit + labels', async () => {
    const { rows } = blobs(9);
    expect(() => estimator().predict(rows)).toThrow(/not fitted/);
    const a = estimator({ seed: 3 });
    const labels = await a.fitPredict(rows);
    expect(Array.from(a.predict(rows))).toEqual(Array.from(labels));
    expect(a.score(rows)).toBeCloseTo(tvOnRows(a.predictProba(rows), 3), 6);
    a.dispose();
  });
});

/** TV-OvA in float64 from the probabilities, to check `score` independently. */
function tvOnRows(probs: Float32Array, k: number): number {
  const n = probs.length / k;
  const pi = new Float64Array(k);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) pi[j] = (pi[j] as number) + (probs[i * k + j] as number) / n;
  let sum = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) sum += Math.abs((probs[i * k + j] as number) - (pi[j] as number));
  return sum / (2 * n);
}
