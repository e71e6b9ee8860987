import {
  createPluginContext,
  type DataSet,
  type EpochLogs,
  GeminiClustering,
  initBackend,
  type PluginConfig,
  type PluginRegistry,
  SectionValidator,
  SeededRng,
  tf,
} from '@gemlab/core';
import { installedBackends } from '@gemlab/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRegistry } from '../config/builtin-modules.js';

// Batched replicas (GeminiClustering.fitReplicas) against separate fits with the same seeds:
// same initial weights, batch orders and Adam math per replica, so the per-epoch GEMINIs agree
// to float tolerance. One replica has a smaller K (its extra logits masked), one its own
// learning rate.
let registry: PluginRegistry;

const SEEDS = [11, 12, 13, 14];
const K = [4, 4, 3, 4];
const LEARNING_RATES = [0.01, 0.01, 0.01, 0.004];
const EPOCHS = 6;

async function blobs(seed: number, n = 240): Promise<DataSet> {
  const {
    name: _name,
    preprocess: _preprocess,
    ...params
  } = new SectionValidator(registry).plugin('dataset', { name: 'blobs', n, centers: 4, std: 1.2 }, 'dataset');
  const context = createPluginContext(registry, new SeededRng(seed), process.cwd());
  return (await registry.get('dataset', 'blobs').create(params, context)) as DataSet;
}

function estimator(objective: PluginConfig, r: number, history: EpochLogs[], training: Record<string, unknown> = {}) {
  return new GeminiClustering({
    registry,
    objective,
    model: { name: 'mlp', hidden: [12, 8], activation: ['tanh', 'linear'] },
    nClusters: K[r] as number,
    training: { epochs: EPOCHS, batchSize: 50, optimizer: { learningRate: LEARNING_RATES[r] }, ...training },
    seed: SEEDS[r],
    onEpochEnd: (logs) => void history.push(logs),
  });
}

/** Fits the 4 replicas separately and batched; returns both histories and both label sets. */
async function compare(objective: PluginConfig, data: DataSet | DataSet[], training?: Record<string, unknown>) {
  const own = (r: number) => (Array.isArray(data) ? (data[r] as DataSet) : data);
  const separate = SEEDS.map(() => [] as EpochLogs[]);
  const separateLabels: Int32Array[] = [];
  for (let r = 0; r < SEEDS.length; r++) {
    const e = await estimator(objective, r, separate[r] as EpochLogs[], training).fit(own(r));
    separateLabels.push(e.labels);
    e.dispose();
  }
  const batched = SEEDS.map(() => [] as EpochLogs[]);
  const estimators = SEEDS.map((_, r) => estimator(objective, r, batched[r] as EpochLogs[], training));
  const before = tf.memory().numTensors;
  await GeminiClustering.fitReplicas(estimators, Array.isArray(data) ? data : data);
  const labels = estimators.map((e) => e.labels);
  const nIter = estimators.map((e) => e.nIter);
  const predicted = estimators.map((e, r) => e.predict(own(r)));
  for (const e of estimators) e.dispose();
  const leaked = tf.memory().numTensors - before;
  return { separate, batched, separateLabels, labels, nIter, predicted, leaked };
}

function expectSameCurves(separate: EpochLogs[][], batched: EpochLogs[][], tolerance = 1e-4): void {
  separate.forEach((curve, r) => {
    const other = batched[r] as EpochLogs[];
    expect(
      other.map((l) => l.epoch),
      `replica ${r} epochs`,
    ).toEqual(curve.map((l) => l.epoch));
    curve.forEach((logs, e) => {
      const value = (other[e] as EpochLogs).gemini;
      expect(
        Math.abs(value - logs.gemini) / Math.abs(logs.gemini),
        `replica ${r} epoch ${e + 1}: ${value} vs ${logs.gemini}`,
      ).toBeLessThan(tolerance);
    });
  });
}

describe('batched replicas follow the trajectories of separate runs', () => {
  beforeAll(async () => {
    registry = await createRegistry();
  });

  it.each(installedBackends())('KL one-vs-all (an f-divergence), R = 4, one replica with K = 3, on %s', async (backend) => {
    await initBackend(backend);
    const data = await blobs(0);
    const run = await compare({ name: 'kl', mode: 'ova' }, data);
    expectSameCurves(run.separate, run.batched);
    // The GEMINI moves over the epochs: the comparison is not between flat curves.
    const first = run.separate[0] as EpochLogs[];
    expect((first[EPOCHS - 1] as EpochLogs).gemini - (first[0] as EpochLogs).gemini).toBeGreaterThan(0.05);
    expect(run.labels).toEqual(run.separateLabels);
    expect(run.predicted).toEqual(run.separateLabels);
    expect(Math.max(...(run.labels[2] as Int32Array))).toBeLessThan(3); // the K = 3 replica uses 3 clusters at most
    expect(run.leaked, 'tensors left behind besides the 4 fitted models').toBe(0);
  });

  it('MMD one-vs-one with a linear kernel, each replica on its own data set, on wasm', async () => {
    await initBackend('wasm');
    const data = await Promise.all(SEEDS.map((seed) => blobs(seed)));
    const run = await compare({ name: 'mmd', mode: 'ovo', kernel: { name: 'linear' } }, data);
    expectSameCurves(run.separate, run.batched);
    expect(run.labels).toEqual(run.separateLabels);
  });

  it('TV one-vs-all with early stopping: each replica stops at its own epoch', async () => {
    await initBackend('wasm');
    const data = await blobs(1);
    const training = { epochs: 25, earlyStopping: { patience: 2, tolerance: 0.002 } };
    const run = await compare({ name: 'tv', mode: 'ova' }, data, training);
    expectSameCurves(run.separate, run.batched);
    expect(run.nIter).toEqual(run.separate.map((curve) => curve.length));
    expect(new Set(run.nIter).size, `stopping epochs ${run.nIter}`).toBeGreaterThan(1);
  });

  it('Wasserstein one-vs-one: the exact OT runs per replica around the batched model', async () => {
    await initBackend('wasm');
    const data = await blobs(2, 120);
    const run = await compare({ name: 'wasserstein', mode: 'ovo', distance: { name: 'euclidean' } }, data, { epochs: 3 });
    expectSameCurves(run.separate, run.batched);
  });

  it('objectives that differ in a scalar param are evaluated per replica', async () => {
    await initBackend('wasm');
    const data = await blobs(3);
    const separate = SEEDS.map(() => [] as EpochLogs[]);
    const batched = SEEDS.map(() => [] as EpochLogs[]);
    const objective = (r: number) => ({ name: 'kl', mode: 'ovo', epsilon: r === 1 ? 1e-4 : 1e-8 });
    for (let r = 0; r < SEEDS.length; r++) (await estimator(objective(r), r, separate[r] as EpochLogs[]).fit(data)).dispose();
    const estimators = SEEDS.map((_, r) => estimator(objective(r), r, batched[r] as EpochLogs[]));
    await GeminiClustering.fitReplicas(estimators, data);
    for (const e of estimators) e.dispose();
    expectSameCurves(separate, batched);
  });

  it('names why estimators cannot be batched', () => {
    const history: EpochLogs[] = [];
    const tv = { name: 'tv', mode: 'ova' };
    const a = estimator(tv, 0, history);
    expect(GeminiClustering.replicaBlocker([a, estimator(tv, 1, history, { epochs: 3 })])).toMatch(/differs from the first/);
    expect(GeminiClustering.replicaBlocker([a, estimator({ name: 'tv', mode: 'ovo' }, 1, history)])).toMatch(/differs/);
    expect(GeminiClustering.replicaBlocker([a, estimator(tv, 1, history, { vat: {} })])).toMatch(/differs/);
    expect(GeminiClustering.replicaBlocker([estimator(tv, 0, history, { vat: {} })])).toMatch(/VAT/);
    const lenet = new GeminiClustering({ registry, objective: tv, model: { name: 'lenet5' }, nClusters: 3 });
    expect(GeminiClustering.replicaBlocker([lenet, lenet])).toMatch(/does not train as stacked replicas/);
    const dropout = new GeminiClustering({ registry, objective: tv, model: { name: 'mlp', dropout: 0.2 }, nClusters: 3 });
    expect(GeminiClustering.replicaBlocker([dropout])).toMatch(/does not train as stacked replicas/);
    expect(GeminiClustering.replicaBlocker([a, estimator(tv, 1, history), estimator(tv, 2, history)])).toBeUndefined();
  });
});
