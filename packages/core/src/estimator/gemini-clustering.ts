import { requireKernels } from '../backend/bootstrap.js';
import { type TrainingConfig, TrainingSchema } from '../config/run-config-schema.js';
import { SectionValidator } from '../config/section-validator.js';
import type { Architecture } from '../contracts/architecture.js';
import type { Objective } from '../contracts/objective.js';
import type { PluginConfig } from '../contracts/plugin.js';
import { DataError } from '../errors/data-error.js';
import { GemlabError } from '../errors/gemlab-error.js';
import { argmaxRows, usedClusters } from '../metrics/index.js';
import { SeededRng } from '../random/seeded-rng.js';
import { createPluginContext } from '../registry/plugin-context.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import { tf } from '../tf.js';
import { type AffinityProvider, createAffinityProvider } from '../training/affinity-provider.js';
import { replicaEvaluator } from '../training/replicas/replica-objective.js';
import { trainReplicas } from '../training/replicas/replica-trainer.js';
import { type EpochLogs, train } from '../training/trainer.js';
import { batchTensor, checkTrainingData, sampleCount, type TrainingData } from '../training/training-data.js';
import { sortedJson, withoutScalars } from './replica-compatibility.js';

export interface GeminiClusteringOptions {
  /** Where the objective, kernel/distance and architecture plugins come from. */
  readonly registry: PluginRegistry;
  /** e.g. `{ name: 'mmd', mode: 'ovo', kernel: { name: 'rbf' } }`; defaults filled from the schema. */
  readonly objective: PluginConfig;
  /** e.g. `{ name: 'mlp', hidden: [20, 20], activation: 'tanh' }`; nClusters is given below. */
  readonly model: PluginConfig;
  /** K, a maximum: a GEMINI may leave clusters empty (see `usedClusters`). */
  readonly nClusters: number;
  /** Any part of the training section (epochs, batchSize, optimizer, earlyStopping, vat). */
  readonly training?: Readonly<Record<string, unknown>>;
  readonly seed?: number;
  /** Directory for relative paths in plugin params. */
  readonly baseDir?: string;
  readonly onEpochEnd?: (logs: EpochLogs) => void | Promise<void>;
}

/** Samples: rows of numbers, or row-major values with the shape of one sample. */
export type Samples = readonly (readonly number[])[] | TrainingData;

export interface FitOptions {
  /** A whole-set affinity (n×n kernel or cost matrix) to use instead of the objective's own. */
  readonly affinity?: Float32Array | readonly (readonly number[])[];
  readonly signal?: AbortSignal;
}

/**
 * Discriminative clustering by GEMINI maximisation, with scikit-learn's estimator shape:
 * `fit` then `predict`/`predictProba`/`score`, fitted state in `labels`, `nIter`,
 * `usedClusters`, `history`. Same options, data, seed and backend ⇒ identical numbers.
 */
export class GeminiClustering {
  readonly objectiveConfig: PluginConfig;
  readonly modelConfig: PluginConfig;
  readonly training: TrainingConfig;
  readonly nClusters: number;
  readonly seed: number;
  private readonly options: GeminiClusteringOptions;
  private fitted?: { model: tf.LayersModel; objective: Objective; labels: Int32Array; nIter: number; history: EpochLogs[] };

  constructor(options: GeminiClusteringOptions) {
    const validator = new SectionValidator(options.registry);
    if (!Number.isInteger(options.nClusters) || options.nClusters < 1) {
      throw new GemlabError('GEMLAB_CONFIG', `nClusters must be an integer >= 1. Got ${options.nClusters}`);
    }
    this.options = options;
    this.nClusters = options.nClusters;
    this.seed = options.seed ?? 0;
    this.objectiveConfig = validator.plugin('objective', options.objective, 'objective');
    this.modelConfig = validator.plugin('architecture', { ...options.model, nClusters: options.nClusters }, 'model');
    this.training = validator.schema<TrainingConfig>(TrainingSchema, options.training ?? {}, 'training');
  }

  /**
   * Why `fitReplicas` cannot train these estimators together, or undefined when it can: they
   * must share the registry, the model config (K aside), the training section (learning rate
   * aside; no VAT) and the objective up to its scalar params, and the architecture must
   * support replicas (`buildReplicas`).
   */
  static replicaBlocker(estimators: readonly GeminiClustering[]): string | undefined {
    const first = estimators[0];
    if (!first) return 'no estimators to fit';
    if (first.training.vat) return 'VAT is not batched across replicas';
    const shape = (e: GeminiClustering) => {
      const { nClusters: _k, ...model } = e.modelConfig;
      const optimizer = { ...e.training.optimizer, learningRate: undefined };
      return sortedJson({
        model,
        training: { ...e.training, optimizer },
        objective: withoutScalars(e.objectiveConfig),
        dir: e.baseDir,
      });
    };
    const reference = shape(first);
    for (const [i, e] of estimators.entries()) {
      if (e.options.registry !== first.options.registry) return `estimator ${i} uses another plugin registry`;
      if (shape(e) !== reference) {
        return `estimator ${i} differs from the first in more than seed, nClusters, learning rate and objective scalars`;
      }
    }
    if (!first.createArchitecture(new SeededRng(first.seed)).buildReplicas) {
      return `architecture '${first.modelConfig.name}' with these params does not train as stacked replicas`;
    }
    return undefined;
  }

  /**
   * Fits R estimators as one batched tensor program (see `trainReplicas`): stacked weights,
   * one forward/backward pass and one Adam/SGD step per mini-batch for all of them. Each
   * estimator ends fitted as its own `fit` would leave it (same initial weights, batch order
   * and optimizer math, to float tolerance), and its `onEpochEnd` sees its own epochs.
   * `x` is one data set for all, or one per estimator (all of one size).
   * Throws a GemlabError when `replicaBlocker` names a reason.
   */
  static async fitReplicas(
    estimators: readonly GeminiClustering[],
    x: Samples | readonly Samples[],
    options: Pick<FitOptions, 'signal'> = {},
  ): Promise<void> {
    const blocker = GeminiClustering.replicaBlocker(estimators);
    if (blocker) throw new GemlabError('GEMLAB_CONFIG', `these estimators cannot be fitted as replicas: ${blocker}`);
    const first = estimators[0] as GeminiClustering;
    const perEstimator = isSamplesList(x, estimators.length) ? (x as readonly Samples[]) : estimators.map(() => x as Samples);
    const converted = new Map<Samples, TrainingData>();
    const data = perEstimator.map((samples) => {
      if (!converted.has(samples)) converted.set(samples, toTrainingData(samples));
      return converted.get(samples) as TrainingData;
    });
    for (const e of estimators) e.dispose();
    const rngs = estimators.map((e) => new SeededRng(e.seed));
    const objectives = estimators.map((e, r) => e.createObjective(rngs[r] as SeededRng));
    const architecture = first.createArchitecture(rngs[0] as SeededRng);
    if (architecture.requiredKernels) requireKernels(architecture.requiredKernels, `training model '${first.modelConfig.name}'`);
    const nClusters = estimators.map((e) => e.nClusters);
    const model = (architecture.buildReplicas as NonNullable<Architecture['buildReplicas']>)({
      inputShape: (data[0] as TrainingData).sampleShape,
      nClusters,
      seeds: rngs.map((rng) => rng.derive('init').seed31()),
    });
    try {
      const shared = estimators.every((e) => sortedJson(e.objectiveConfig) === sortedJson(first.objectiveConfig));
      const affinities =
        (objectives[0] as Objective).affinity === 'none' ? undefined : replicaAffinities(objectives, data, shared);
      const results = await trainReplicas({
        model,
        nClusters,
        evaluate: replicaEvaluator(objectives, nClusters, shared),
        data,
        affinities,
        training: first.training,
        learningRates: estimators.map((e) => e.training.optimizer.learningRate),
        rngs: rngs.map((rng) => rng.derive('training')),
        onEpochEnd: (r, logs) => (estimators[r] as GeminiClustering).options.onEpochEnd?.(logs),
        signal: options.signal,
      });
      estimators.forEach((e, r) => {
        const fitted = model.extract(r);
        const labels = argmaxRows(predictOn(fitted, data[r] as TrainingData, e.nClusters, e.training.batchSize), e.nClusters);
        const result = results[r] as (typeof results)[number];
        e.fitted = {
          model: fitted,
          objective: objectives[r] as Objective,
          labels,
          nIter: result.epochs,
          history: [...result.history],
        };
      });
    } catch (error) {
      for (const e of estimators) e.dispose();
      throw error;
    } finally {
      model.dispose();
    }
  }

  async fit(x: Samples, options: FitOptions = {}): Promise<this> {
    const data = toTrainingData(x);
    this.dispose();
    const rng = new SeededRng(this.seed);
    const objective = this.createObjective(rng);
    const architecture = this.createArchitecture(rng);
    if (architecture.requiredKernels) requireKernels(architecture.requiredKernels, `training model '${this.modelConfig.name}'`);
    const model = architecture.build({
      inputShape: data.sampleShape,
      nClusters: this.nClusters,
      seed: rng.derive('init').seed31(),
    });
    try {
      const affinity = createAffinityProvider(objective, data, toAffinity(options.affinity));
      const result = await train({
        model,
        objective,
        data,
        affinity,
        training: this.training,
        rng: rng.derive('training'),
        onEpochEnd: this.options.onEpochEnd,
        signal: options.signal,
      });
      const labels = argmaxRows(predictOn(model, data, this.nClusters, this.training.batchSize), this.nClusters);
      this.fitted = { model, objective, labels, nIter: result.epochs, history: [...result.history] };
    } catch (error) {
      model.dispose();
      throw error;
    }
    return this;
  }

  /** N×K cluster probabilities, row-major. */
  predictProba(x: Samples): Float32Array {
    return predictOn(this.require().model, toTrainingData(x), this.nClusters, this.training.batchSize);
  }

  predict(x: Samples): Int32Array {
    return argmaxRows(this.predictProba(x), this.nClusters);
  }

  async fitPredict(x: Samples, options?: FitOptions): Promise<Int32Array> {
    await this.fit(x, options);
    return this.labels;
  }

  /** The GEMINI of the fitted model on `x`, as one batch (the affinity of all of x). */
  score(x: Samples, options: Pick<FitOptions, 'affinity'> = {}): number {
    const { objective } = this.require();
    const data = toTrainingData(x);
    const probs = this.predictProba(data);
    const n = sampleCount(data);
    const all = Array.from({ length: n }, (_, i) => i);
    const affinity = createAffinityProvider(objective, data, toAffinity(options.affinity))(all);
    return tf.tidy(() => objective.evaluate(tf.tensor2d(probs, [n, this.nClusters]), affinity).dataSync()[0] as number);
  }

  private get baseDir(): string {
    return this.options.baseDir ?? process.cwd();
  }

  /** The objective plugin, from the run stream's 'objective' child (as `fit` makes it). */
  private createObjective(rng: SeededRng): Objective {
    const { registry } = this.options;
    return registry.create(
      'objective',
      this.objectiveConfig,
      createPluginContext(registry, rng.derive('objective'), this.baseDir),
    );
  }

  private createArchitecture(rng: SeededRng): Architecture {
    const { registry } = this.options;
    const { nClusters: _k, ...params } = this.modelConfig;
    return registry.create(
      'architecture',
      params as PluginConfig,
      createPluginContext(registry, rng.derive('architecture'), this.baseDir),
    ) as Architecture;
  }

  get labels(): Int32Array {
    return this.require().labels;
  }

  get nIter(): number {
    return this.require().nIter;
  }

  get usedClusters(): number {
    return usedClusters(this.require().labels);
  }

  get history(): readonly EpochLogs[] {
    return this.require().history;
  }

  /** The fitted tfjs model (for saving with @gemlab/models' saveModel). */
  get model(): tf.LayersModel {
    return this.require().model;
  }

  /** Frees the fitted model's weights. */
  dispose(): void {
    this.fitted?.model.dispose();
    this.fitted = undefined;
  }

  private require() {
    if (!this.fitted) throw new GemlabError('GEMLAB_NOT_FITTED', 'this GeminiClustering is not fitted yet; call fit(x) first');
    return this.fitted;
  }
}

function predictOn(model: tf.LayersModel, data: TrainingData, nClusters: number, batchSize: number): Float32Array {
  const n = sampleCount(data);
  const out = new Float32Array(n * nClusters);
  const chunk = Math.max(batchSize, 1024);
  for (let start = 0; start < n; start += chunk) {
    const indices = Array.from({ length: Math.min(chunk, n - start) }, (_, i) => start + i);
    const probs = tf.tidy(() => (model.predict(batchTensor(data, indices)) as tf.Tensor2D).dataSync());
    out.set(probs, start * nClusters);
  }
  return out;
}

function toTrainingData(x: Samples): TrainingData {
  if (!Array.isArray(x)) {
    checkTrainingData(x as TrainingData);
    return x as TrainingData;
  }
  const rows = x as readonly (readonly number[])[];
  const features = rows[0]?.length ?? 0;
  const values = new Float32Array(rows.length * features);
  rows.forEach((row, i) => {
    if (row.length !== features) throw new DataError(`row ${i + 1} has ${row.length} values; expected ${features} like row 1`);
    values.set(row, i * features);
  });
  const data = { x: values, sampleShape: [features] };
  checkTrainingData(data);
  return data;
}

/** One list of samples per estimator, rather than one data set (rows of numbers) for all. */
function isSamplesList(x: Samples | readonly Samples[], count: number): boolean {
  if (!Array.isArray(x) || x.length !== count || count === 0) return false;
  const head = x[0] as unknown;
  return !Array.isArray(head) || Array.isArray((head as unknown[])[0]);
}

/** Affinity providers per replica; replicas with one objective config and one data set share one (a whole-set matrix is then built once). */
function replicaAffinities(objectives: readonly Objective[], data: readonly TrainingData[], shared: boolean): AffinityProvider[] {
  const cache = new Map<TrainingData, AffinityProvider>();
  return objectives.map((objective, r) => {
    const own = data[r] as TrainingData;
    if (!shared) return createAffinityProvider(objective, own);
    if (!cache.has(own)) cache.set(own, createAffinityProvider(objective, own));
    return cache.get(own) as AffinityProvider;
  });
}

function toAffinity(affinity: FitOptions['affinity']): Float32Array | undefined {
  if (!affinity || affinity instanceof Float32Array) return affinity;
  return Float32Array.from((affinity as readonly (readonly number[])[]).flat());
}
