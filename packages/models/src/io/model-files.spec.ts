import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataError, initBackend, SeededRng, tf } from '@gemlab/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mlp } from '../architectures/mlp.js';
import { predictProbabilities } from '../predict-probabilities.js';
import { loadModel, saveModel } from './model-files.js';

const ctx = {
  rng: new SeededRng(0),
  baseDir: '.',
  create: () => {
    throw new Error('architectures take no nested plugins');
  },
};
let root: string;

beforeAll(async () => {
  await initBackend('cpu');
  root = await mkdtemp(join(tmpdir(), 'gemlab-model-files-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** hidden [4] with batch norm and dropout, input 2, K 3: 39 float32 parameters (31 trainable + 8 moving stats). */
const buildModel = () =>
  mlp
    .create({ hidden: [4], activation: 'tanh', batchNorm: true, dropout: 0.2 }, ctx)
    .build({ inputShape: [2], nClusters: 3, seed: 1 });

describe('saveModel / loadModel', () => {
  it('writes model.json and weights.bin in the tfjs layers-model format', async () => {
    const dir = join(root, 'format');
    const model = buildModel();
    await saveModel(model, dir);
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    expect(json.format).toBe('layers-model');
    expect(json.weightsManifest).toHaveLength(1);
    expect(json.weightsManifest[0].paths).toEqual(['./weights.bin']);
    expect(json.weightsManifest[0].weights.map((w: { name: string }) => w.name)).toContain('clustering_head/kernel');
    expect((await readFile(join(dir, 'weights.bin'))).byteLength).toBe(39 * 4);
    model.dispose();
  });

  it('restores a trained model (moving statistics and the custom dropout layer included) exactly', async () => {
    const dir = join(root, 'trained');
    const model = buildModel();
    // Train a few steps, so weights and batch-norm moving statistics differ from their initial values.
    const rng = new SeededRng(2);
    const x = tf.tensor2d(
      Float32Array.from({ length: 32 }, () => rng.normal()),
      [16, 2],
    );
    const y = tf.oneHot(
      tf.tensor1d(
        Int32Array.from({ length: 16 }, () => rng.int(3)),
        'int32',
      ),
      3,
    );
    model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy' });
    await model.fit(x, y, { epochs: 3, batchSize: 8, verbose: 0 });
    await saveModel(model, dir);
    const loaded = await loadModel(dir);
    expect(loaded.getLayer('dropout_1').getClassName()).toBe('GemlabSeededDropout');
    const movingMean = (m: tf.LayersModel) => Array.from(m.getLayer('batch_norm_1').getWeights()[2].dataSync());
    expect(movingMean(model).some((v) => v !== 0)).toBe(true);
    expect(movingMean(loaded)).toEqual(movingMean(model));
    const samples = x.dataSync() as Float32Array;
    expect(Array.from(predictProbabilities(loaded, samples, [2]))).toEqual(Array.from(predictProbabilities(model, samples, [2])));
    tf.dispose([x, y]);
    model.dispose();
    loaded.dispose();
  });

  it('fails with a DataError naming the directory when model.json is missing or damaged', async () => {
    const missing = join(root, 'nowhere');
    await expect(loadModel(missing)).rejects.toThrow(DataError);
    await expect(loadModel(missing)).rejects.toThrow(`cannot load a model from ${missing}: model.json is unreadable`);
    const damaged = join(root, 'damaged');
    await saveModel(buildModel(), damaged);
    await writeFile(join(damaged, 'model.json'), '{"modelTopology": ');
    await expect(loadModel(damaged)).rejects.toThrow(/model\.json is not JSON/);
    await writeFile(join(damaged, 'model.json'), '{"format": "layers-model"}');
    await expect(loadModel(damaged)).rejects.toThrow(/lacks modelTopology or weightsManifest/);
  });

  it('fails with a DataError when weights.bin is truncated', async () => {
    const dir = join(root, 'truncated');
    const model = buildModel();
    await saveModel(model, dir);
    const weights = await readFile(join(dir, 'weights.bin'));
    await writeFile(join(dir, 'weights.bin'), weights.subarray(0, 100));
    await expect(loadModel(dir)).rejects.toThrow(
      new DataError(`cannot load a model from ${dir}: weights.bin has 100 bytes, model.json describes 156`),
    );
    model.dispose();
  });
});
