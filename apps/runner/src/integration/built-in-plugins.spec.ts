import {
  adjustedRandIndex,
  BackendError,
  createPluginContext,
  type DataSet,
  GeminiClustering,
  initBackend,
  type PluginRegistry,
  SeededRng,
} from '@gemlab/core';
import { installedBackends } from '@gemlab/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRegistry } from '../config/builtin-modules.js';

// The built-in objectives, models and data sets working together through the estimator.
let registry: PluginRegistry;

async function dataset(config: { name: string; [key: string]: unknown }, seed = 0): Promise<DataSet> {
  const { name, ...params } = config;
  const spec = registry.get('dataset', name);
  const { SectionValidator } = await import('@gemlab/core');
  const { preprocess: _preprocess, ...defaulted } = new SectionValidator(registry).plugin(
    'dataset',
    { name, ...params },
    'dataset',
  );
  return spec.create(
    { ...defaulted, name: undefined },
    createPluginContext(registry, new SeededRng(seed), process.cwd()),
  ) as Promise<DataSet>;
}

describe('built-in plugins together', () => {
  beforeAll(async () => {
    registry = await createRegistry();
  });

  it('an MLP with MMD one-vs-all separates three well-separated blobs (ARI ≥ 0.95)', async () => {
    await initBackend('wasm');
    const data = await dataset({ name: 'blobs', n: 300, centers: 3, std: 0.6 });
    const model = await new GeminiClustering({
      registry,
      objective: { name: 'mmd', mode: 'ova' },
      model: { name: 'mlp', hidden: [16], activation: 'tanh' },
      nClusters: 3,
      training: { epochs: 40, batchSize: 100, optimizer: { learningRate: 0.01 } },
    }).fit(data);
    expect(adjustedRandIndex(data.y as Int32Array, model.labels)).toBeGreaterThanOrEqual(0.95);
    model.dispose();
  });

  // Conv training needs the filter gradient: cpu always has it, native TensorFlow where installed.
  it.each(installedBackends().filter((b) => b !== 'wasm'))(
    'LeNet-5 trains one epoch on 512 MNIST digits on %s',
    async (backend) => {
      await initBackend(backend);
      const data = await dataset({ name: 'mnist', n: 512 });
      expect(data.sampleShape).toEqual([28, 28, 1]);
      const model = await new GeminiClustering({
        registry,
        objective: { name: 'mi' },
        model: { name: 'lenet5' },
        nClusters: 10,
        training: { epochs: 1, batchSize: 128 },
      }).fit(data);
      expect(model.nIter).toBe(1);
      expect(Number.isFinite(model.history[0]?.gemini)).toBe(true);
      expect(model.labels).toHaveLength(512);
      model.dispose();
    },
  );

  it('refuses LeNet-5 training on wasm with a clear message instead of crashing', async () => {
    await initBackend('wasm');
    const data = await dataset({ name: 'mnist', n: 64 });
    const fit = new GeminiClustering({
      registry,
      objective: { name: 'mi' },
      model: { name: 'lenet5' },
      nClusters: 10,
      training: { epochs: 1 },
    }).fit(data);
    await expect(fit).rejects.toBeInstanceOf(BackendError);
    await expect(fit).rejects.toThrow(
      "training model 'lenet5' needs Conv2DBackpropFilter, which the 'wasm' backend lacks; use GEMLAB_BACKEND=cpu or tensorflow",
    );
  });
});
