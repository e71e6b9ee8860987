import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BackendError,
  type BackendName,
  createAjv,
  DataError,
  initBackend,
  type PluginContext,
  type PluginSpec,
  requireKernels,
  SeededRng,
  type TObject,
  tf,
} from '@gemlab/core';
import { expectNoLeakedTensors } from '@gemlab/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModel, saveModel } from '../io/model-files.js';
import { CLUSTERING_HEAD } from '../layers/clustering-head.js';
import { predictProbabilities } from '../predict-probabilities.js';

export interface ArchitectureConformanceOptions {
  /** Sample shapes the architecture must accept; the first is used for the single-shape checks. Default [[5], [3, 2]]. */
  readonly inputShapes?: readonly (readonly number[])[];
  /** Sample shapes it must reject with a DataError. Default [], [0], [4, -1], [2.5]. */
  readonly invalidInputShapes?: readonly (readonly number[])[];
  /** Cluster counts the output checks try. Default [2, 5]. */
  readonly nClusters?: readonly number[];
  /** Backends to run on (e.g. `await availableBackends()`). Default ['cpu']. */
  readonly backends?: readonly BackendName[];
}

const BATCH = 6;

/**
 * The contract of `core/src/contracts/architecture.ts`, checked for one architecture plugin on
 * each backend and each of its `testParams`: N×K softmax rows ending in 'clustering_head',
 * seeded initialisation, DataError on a wrong sample shape, exact save/load round trip, no
 * tensor leak, and trainability (or, where the backend lacks a declared required kernel, that
 * training indeed fails there, so `requiredKernels` is truthful).
 */
export function describeArchitectureConformance(
  spec: PluginSpec<'architecture', TObject>,
  options: ArchitectureConformanceOptions = {},
): void {
  const inputShapes = options.inputShapes ?? [[5], [3, 2]];
  const invalidInputShapes = options.invalidInputShapes ?? [[], [0], [4, -1], [2.5]];
  const clusterCounts = options.nClusters ?? [2, 5];
  const inputShape = inputShapes[0] as readonly number[];
  const paramSets = (spec.testParams ?? [{}]).map((params) => withDefaults(spec, params));

  describe(`architecture '${spec.name}' conformance`, () => {
    for (const backend of options.backends ?? ['cpu']) {
      describe(`on ${backend}`, () => {
        beforeAll(async () => {
          await initBackend(backend);
        });

        for (const params of paramSets) {
          describe(`params ${JSON.stringify(params)}`, () => {
            const architecture = () => spec.create(params, testContext());

            it("ends in Dense(K) softmax 'clustering_head' and outputs N×K rows that sum to 1", () => {
              for (const shape of inputShapes) {
                for (const nClusters of clusterCounts) {
                  const model = architecture().build({ inputShape: shape, nClusters, seed: 1 });
                  try {
                    const head = model.layers.at(-1) as tf.layers.Layer;
                    expect(head.name).toBe(CLUSTERING_HEAD);
                    expect(head.getClassName()).toBe('Dense');
                    expect(head.getConfig().activation).toBe('softmax');
                    expect((model.outputs[0] as tf.SymbolicTensor).shape).toEqual([null, nClusters]);
                    const probabilities = predictProbabilities(model, randomSamples(BATCH, shape, 2), shape);
                    expect(probabilities).toHaveLength(BATCH * nClusters);
                    for (let i = 0; i < BATCH; i++) {
                      const row = probabilities.subarray(i * nClusters, (i + 1) * nClusters);
                      for (const p of row) expect(p >= 0 && p <= 1).toBe(true);
                      expect(row.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 5);
                    }
                    if (nClusters > 1) {
                      const first = probabilities.subarray(0, nClusters).join();
                      const differs = [1, 2, 3, 4, 5].some(
                        (i) => probabilities.subarray(i * nClusters, (i + 1) * nClusters).join() !== first,
                      );
                      expect(differs, 'the output must depend on the input').toBe(true);
                    }
                  } finally {
                    model.dispose();
                  }
                }
              }
            });

            it('initialises bitwise-identically for the same seed and differently for another', () => {
              const build = (seed: number) => architecture().build({ inputShape, nClusters: 3, seed });
              const [a, b, c] = [build(11), build(11), build(12)];
              try {
                expect(a.trainableWeights.length).toBeGreaterThan(0);
                expect(sameBytes(weightBytes(b), weightBytes(a)), 'same seed, same weights').toBe(true);
                expect(sameBytes(weightBytes(c), weightBytes(a)), 'another seed, other weights').toBe(false);
              } finally {
                for (const model of [a, b, c]) model.dispose();
              }
            });

            it('rejects a sample shape it cannot take with a one-line DataError naming it', () => {
              for (const shape of invalidInputShapes) {
                let thrown: unknown;
                try {
                  architecture().build({ inputShape: shape, nClusters: 3, seed: 0 }).dispose();
                } catch (error) {
                  thrown = error;
                }
                expect(thrown, `shape [${shape.join(', ')}]`).toBeInstanceOf(DataError);
                const message = (thrown as DataError).message;
                expect(message).toContain(`'${spec.name}'`);
                expect(message).toContain(`[${shape.join(', ')}]`);
                expect(message).not.toContain('\n');
              }
            });

            it('predicts identically after a save → load round trip', async () => {
              const dir = await mkdtemp(join(tmpdir(), `gemlab-${spec.name}-`));
              const model = architecture().build({ inputShape, nClusters: 4, seed: 3 });
              try {
                await saveModel(model, dir);
                expect((await readdir(dir)).sort()).toEqual(['model.json', 'weights.bin']);
                const loaded = await loadModel(dir);
                try {
                  const x = randomSamples(BATCH, inputShape, 4);
                  const [reloaded, original] = [loaded, model].map((m) => bytesOf(predictProbabilities(m, x, inputShape)));
                  expect(equalBytes(reloaded as Uint8Array, original as Uint8Array), 'identical probabilities').toBe(true);
                  expect(sameBytes(weightBytes(loaded), weightBytes(model)), 'identical weights').toBe(true);
                } finally {
                  loaded.dispose();
                }
              } finally {
                model.dispose();
                await rm(dir, { recursive: true, force: true });
              }
            });

            it('leaks no tensors when building, predicting and disposing', () => {
              const x = randomSamples(BATCH, inputShape, 5);
              expectNoLeakedTensors(`architecture '${spec.name}' (build + predict + dispose)`, () => {
                const model = architecture().build({ inputShape, nClusters: 3, seed: 0 });
                predictProbabilities(model, x, inputShape, 4);
                model.dispose();
              });
            });

            it('buildReplicas (when present): replica r starts as build(seed r, K r) and its logits give that model’s probabilities', () => {
              const built = architecture();
              if (!built.buildReplicas) return; // optional: runners then train one model per trial
              const seeds = [21, 22, 23];
              const nClusters = [3, 2, 3];
              expectNoLeakedTensors(`architecture '${spec.name}' (buildReplicas + logits + extract + dispose)`, () => {
                const replicas = (built.buildReplicas as NonNullable<typeof built.buildReplicas>)({
                  inputShape,
                  nClusters,
                  seeds,
                });
                try {
                  expect(replicas.replicas).toBe(3);
                  expect(replicas.maxClusters).toBe(3);
                  for (const variable of replicas.variables) expect(variable.shape[0]).toBe(3);
                  const x = randomSamples(BATCH, inputShape, 7);
                  const stacked = tf.tensor(Float32Array.from([...x, ...x, ...x]), [3, BATCH, ...inputShape]);
                  const logits = replicas.logits(stacked);
                  const values = logits.dataSync();
                  tf.dispose([stacked, logits]);
                  seeds.forEach((seed, r) => {
                    const k = nClusters[r] as number;
                    const single = architecture().build({ inputShape, nClusters: k, seed });
                    const extracted = replicas.extract(r);
                    try {
                      expect(
                        sameBytes(weightBytes(extracted), weightBytes(single)),
                        `replica ${r}: the weights of build(seed ${seed})`,
                      ).toBe(true);
                      const expected = predictProbabilities(single, x, inputShape);
                      for (let i = 0; i < BATCH; i++) {
                        const row = Array.from({ length: k }, (_, j) => values[(r * BATCH + i) * 3 + j] as number);
                        const top = Math.max(...row);
                        const exp = row.map((v) => Math.exp(v - top));
                        const total = exp.reduce((a, b) => a + b, 0);
                        exp.forEach((e, j) => {
                          expect(e / total, `replica ${r} row ${i} cluster ${j}`).toBeCloseTo(expected[i * k + j] as number, 5);
                        });
                      }
                    } finally {
                      single.dispose();
                      extracted.dispose();
                    }
                  });
                } finally {
                  replicas.dispose();
                }
              });
            });

            it('trains: one gradient step changes every trainable weight, unless a declared required kernel is missing', () => {
              const built = architecture();
              const required = built.requiredKernels ?? [];
              const registered = new Set(tf.getKernelsForBackend(tf.getBackend()).map((k) => k.kernelName));
              const model = built.build({ inputShape, nClusters: 3, seed: 6 });
              try {
                if (required.some((kernel) => !registered.has(kernel))) {
                  // requiredKernels must be truthful: the trainer's check fails, and so would training.
                  expect(() => requireKernels(required, `architecture '${spec.name}'`)).toThrow(BackendError);
                  expect(() => gradientStep(model, inputShape, 3)).toThrow();
                  return;
                }
                const before = trainableBytes(model);
                const loss = gradientStep(model, inputShape, 3);
                expect(Number.isFinite(loss)).toBe(true);
                const after = trainableBytes(model);
                model.trainableWeights.forEach((weight, i) => {
                  expect(equalBytes(after[i] as Uint8Array, before[i] as Uint8Array), `${weight.name} must change`).toBe(false);
                });
                for (const weight of model.trainableWeights) {
                  expect((weight.read().dataSync() as Float32Array).every(Number.isFinite)).toBe(true);
                }
              } finally {
                model.dispose();
              }
            });
          });
        }
      });
    }
  });
}

/** The params the runner would pass: validated and defaulted against the plugin's own schema. */
function withDefaults(spec: PluginSpec<'architecture', TObject>, params: object): Record<string, unknown> {
  const validate = createAjv().compile(JSON.parse(JSON.stringify(spec.schema)));
  const copy = structuredClone(params) as Record<string, unknown>;
  if (!validate(copy)) {
    throw new Error(`testParams ${JSON.stringify(params)} of architecture '${spec.name}' violate its schema`);
  }
  return copy;
}

function testContext(): PluginContext {
  return {
    rng: new SeededRng(0),
    baseDir: process.cwd(),
    create: () => {
      throw new Error('architectures take no nested plugins');
    },
  };
}

function randomSamples(n: number, shape: readonly number[], seed: number): Float32Array {
  const rng = new SeededRng(seed);
  const size = n * shape.reduce((product, d) => product * d, 1);
  return Float32Array.from({ length: size }, () => rng.normal());
}

/** One SGD step on the cross-entropy to random cluster targets, in training mode; returns the loss. */
function gradientStep(model: tf.LayersModel, inputShape: readonly number[], nClusters: number): number {
  const optimizer = tf.train.sgd(0.5);
  const rng = new SeededRng(9);
  const labels = Int32Array.from({ length: 8 }, () => rng.int(nClusters));
  const x = tf.tensor(randomSamples(8, inputShape, 8), [8, ...inputShape]);
  const target = tf.oneHot(tf.tensor1d(labels, 'int32'), nClusters);
  try {
    const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
    const cost = optimizer.minimize(
      () => {
        const p = model.apply(x, { training: true }) as tf.Tensor;
        return tf.neg(tf.mean(tf.sum(tf.mul(target, tf.log(tf.add(p, 1e-7))), 1))) as tf.Scalar;
      },
      true,
      variables,
    );
    const value = (cost as tf.Scalar).dataSync()[0] as number;
    cost?.dispose();
    return value;
  } finally {
    tf.dispose([x, target]);
    optimizer.dispose();
  }
}

function weightBytes(model: tf.LayersModel): Uint8Array[] {
  return model.getWeights().map((tensor) => bytesOf(tensor.dataSync() as Float32Array));
}

function trainableBytes(model: tf.LayersModel): Uint8Array[] {
  return model.trainableWeights.map((weight) => bytesOf(weight.read().dataSync() as Float32Array));
}

function bytesOf(values: Float32Array): Uint8Array {
  return new Uint8Array(values.slice().buffer);
}

function sameBytes(a: readonly Uint8Array[], b: readonly Uint8Array[]): boolean {
  return a.length === b.length && a.every((bytes, i) => equalBytes(bytes, b[i] as Uint8Array));
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
