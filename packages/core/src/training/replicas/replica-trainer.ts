import type { TrainingConfig } from '../../config/run-config-schema.js';
import type { ReplicaModel } from '../../contracts/architecture.js';
import { CancelledError } from '../../errors/cancelled-error.js';
import { ConfigError } from '../../errors/config-error.js';
import { DataError } from '../../errors/data-error.js';
import type { SeededRng } from '../../random/seeded-rng.js';
import { tf } from '../../tf.js';
import type { AffinityProvider } from '../affinity-provider.js';
import type { EpochLogs, TrainResult } from '../trainer.js';
import { checkTrainingData, sampleCount, type TrainingData } from '../training-data.js';
import { replicaBatchTensor } from './replica-batch.js';
import type { ReplicaEvaluator } from './replica-objective.js';
import { ReplicaOptimizer } from './replica-optimizer.js';

/** Added to the logits of clusters ≥ K_r: their softmax probability is exactly 0 in float32. */
const MASKED_LOGIT = -1e9;

export interface ReplicaTrainOptions {
  readonly model: ReplicaModel;
  /** K of each replica (≤ model.maxClusters). */
  readonly nClusters: readonly number[];
  readonly evaluate: ReplicaEvaluator;
  /** The data of each replica (the same object for replicas that share it); all of one size. */
  readonly data: readonly TrainingData[];
  /** The affinity provider of each replica, or none when the objective needs none. */
  readonly affinities?: readonly AffinityProvider[];
  /** Shared settings: epochs, batch size, optimizer (its learning rate is overridden below), early stopping. */
  readonly training: TrainingConfig;
  /** Learning rate of each replica. */
  readonly learningRates: readonly number[];
  /** Each replica's training stream, as `train` gets it (batch order). */
  readonly rngs: readonly SeededRng[];
  readonly onEpochEnd?: (replica: number, logs: EpochLogs) => void | Promise<void>;
  readonly signal?: AbortSignal;
}

/**
 * `train` for R replicas as one tensor program: one stacked forward pass [R, B, ·], one
 * evaluation of the R GEMINIs, one gradient of their sum (replicas do not interact, so each
 * replica gets its own gradient) and one optimizer step with per-replica moments and learning
 * rates. Replica r draws its batch order from its own stream as `train` would, so it follows
 * the trajectory of a separate run to float tolerance. With early stopping a replica that
 * stops is frozen and drops out of the logs; training ends when every replica has stopped.
 * VAT is not batched.
 */
export async function trainReplicas(options: ReplicaTrainOptions): Promise<TrainResult[]> {
  const { model, training, signal } = options;
  const replicas = model.replicas;
  checkReplicaOptions(options);
  const n = sampleCount(options.data[0] as TrainingData);
  const shuffles = options.rngs.map((rng) => rng.derive('shuffle'));
  const optimizer = new ReplicaOptimizer(training.optimizer, model.variables, options.learningRates);
  const mask = maskBias(options.nClusters, model.maxClusters);
  const histories: EpochLogs[][] = Array.from({ length: replicas }, () => []);
  const running = Array.from({ length: replicas }, () => true);
  const stoppedEarly = Array.from({ length: replicas }, () => false);
  const best = Array.from({ length: replicas }, () => Number.NEGATIVE_INFINITY);
  const withoutGain = Array.from({ length: replicas }, () => 0);
  try {
    for (let epoch = 1; epoch <= training.epochs && running.some(Boolean); epoch++) {
      const orders = shuffles.map((rng) => rng.permutation(n));
      const sums = new Float64Array(replicas);
      for (let start = 0; start < n; start += training.batchSize) {
        if (signal?.aborted) throw new CancelledError('training cancelled');
        const end = Math.min(n, start + training.batchSize);
        const indices = orders.map((order) => order.subarray(start, end));
        const values = step(options, optimizer, mask, indices);
        values.forEach((value, r) => {
          sums[r] = (sums[r] as number) + value * (end - start);
        });
      }
      for (let r = 0; r < replicas; r++) {
        if (!running[r]) continue;
        const gemini = (sums[r] as number) / n;
        const logs: EpochLogs = { epoch, gemini, loss: -gemini };
        (histories[r] as EpochLogs[]).push(logs);
        await options.onEpochEnd?.(r, logs);
        if (training.earlyStopping) {
          withoutGain[r] = gemini > (best[r] as number) + training.earlyStopping.tolerance ? 0 : (withoutGain[r] as number) + 1;
          if (withoutGain[r] === 0) best[r] = gemini;
          else if ((withoutGain[r] as number) >= training.earlyStopping.patience) {
            running[r] = false;
            stoppedEarly[r] = true;
            optimizer.freeze(r);
          }
        }
      }
      await new Promise((resolve) => setImmediate(resolve)); // let signals and progress run
    }
  } finally {
    optimizer.dispose();
    mask?.dispose();
  }
  return histories.map((history, r) => ({ epochs: history.length, history, stoppedEarly: stoppedEarly[r] as boolean }));
}

/** One step for every replica; returns each replica's batch GEMINI. */
function step(
  options: ReplicaTrainOptions,
  optimizer: ReplicaOptimizer,
  mask: tf.Tensor | undefined,
  indices: Int32Array[],
): number[] {
  const { model } = options;
  const x = replicaBatchTensor(options.data, indices);
  const affinity = stackAffinities(options.affinities, indices);
  let geminis: tf.Tensor1D | undefined;
  try {
    const { value, grads } = tf.variableGrads(() => {
      const logits = model.logits(x);
      const p = tf.softmax(mask ? tf.add(logits, mask) : logits) as tf.Tensor3D;
      const values = options.evaluate(p, affinity);
      geminis = tf.keep(values.clone());
      return tf.neg(tf.sum(values)) as tf.Scalar;
    }, model.variables as tf.Variable[]);
    optimizer.apply(model.variables.map((variable) => grads[variable.name] as tf.Tensor));
    tf.dispose([value, ...Object.values(grads)]);
    return Array.from((geminis as unknown as tf.Tensor1D).dataSync());
  } finally {
    tf.dispose([x, ...(affinity ? [affinity] : []), ...(geminis ? [geminis] : [])]);
  }
}

/** Each replica's batch affinity, stacked [R, B, B]; undefined when the objective needs none. */
function stackAffinities(providers: readonly AffinityProvider[] | undefined, indices: Int32Array[]): tf.Tensor3D | undefined {
  if (!providers) return undefined;
  const blocks = indices.map((rows, r) => (providers[r] as AffinityProvider)(rows));
  if (blocks.some((block) => block === undefined)) {
    tf.dispose(blocks.filter((block): block is tf.Tensor2D => block !== undefined));
    return undefined;
  }
  const stacked = tf.stack(blocks as tf.Tensor2D[]) as tf.Tensor3D;
  tf.dispose(blocks as tf.Tensor2D[]);
  return stacked;
}

/** [R, 1, Kmax]: 0 for a replica's own clusters, MASKED_LOGIT beyond its K; undefined when no replica is masked. */
function maskBias(nClusters: readonly number[], maxClusters: number): tf.Tensor | undefined {
  if (nClusters.every((k) => k === maxClusters)) return undefined;
  const values = nClusters.flatMap((k) => Array.from({ length: maxClusters }, (_, j) => (j < k ? 0 : MASKED_LOGIT)));
  return tf.tensor(values, [nClusters.length, 1, maxClusters]);
}

function checkReplicaOptions(options: ReplicaTrainOptions): void {
  const { model, training } = options;
  const replicas = model.replicas;
  if (training.vat) {
    throw new ConfigError([
      { path: 'training.vat', message: 'VAT is not batched across replicas; train these trials one by one' },
    ]);
  }
  const perReplica = {
    nClusters: options.nClusters,
    data: options.data,
    learningRates: options.learningRates,
    rngs: options.rngs,
  };
  for (const [name, values] of Object.entries(perReplica)) {
    if (values.length !== replicas)
      throw new DataError(`trainReplicas: ${name} has ${values.length} entries for ${replicas} replicas`);
  }
  if (options.affinities && options.affinities.length !== replicas) {
    throw new DataError(`trainReplicas: affinities has ${options.affinities.length} entries for ${replicas} replicas`);
  }
  options.data.forEach(checkTrainingData);
  const n = sampleCount(options.data[0] as TrainingData);
  const shape = (options.data[0] as TrainingData).sampleShape.join(',');
  options.data.forEach((data, r) => {
    if (sampleCount(data) !== n || data.sampleShape.join(',') !== shape) {
      throw new DataError(
        `replica ${r} has ${sampleCount(data)} samples of shape [${data.sampleShape.join(', ')}]; replica 0 has ${n} of shape [${shape}] (replicas need data of one size)`,
      );
    }
  });
  options.nClusters.forEach((k, r) => {
    if (!Number.isInteger(k) || k < 1 || k > model.maxClusters) {
      throw new DataError(`replica ${r} has K = ${k}; it must be an integer in [1, ${model.maxClusters}]`);
    }
  });
}
