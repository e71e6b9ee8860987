import type { TrainingConfig } from '../config/run-config-schema.js';
import type { Objective } from '../contracts/objective.js';
import { CancelledError } from '../errors/cancelled-error.js';
import type { SeededRng } from '../random/seeded-rng.js';
import { tf } from '../tf.js';
import type { AffinityProvider } from './affinity-provider.js';
import { createOptimizer } from './optimizers.js';
import { batchTensor, checkTrainingData, sampleCount, type TrainingData } from './training-data.js';
import { vatLoss, vatTarget } from './vat.js';

/** What the trainer reports after each epoch. */
export interface EpochLogs {
  /** 1-based epoch number. */
  readonly epoch: number;
  /** Mean batch GEMINI over the epoch (weighted by batch size): the quantity maximised. */
  readonly gemini: number;
  /** Mean training loss: −GEMINI plus the weighted VAT term. */
  readonly loss: number;
  /** Mean VAT term, when VAT is on. */
  readonly vat?: number;
}

export interface TrainOptions {
  readonly model: tf.LayersModel;
  readonly objective: Objective;
  readonly data: TrainingData;
  readonly affinity: AffinityProvider;
  readonly training: TrainingConfig;
  /** Stream for batch order and VAT directions (derive it from the run seed). */
  readonly rng: SeededRng;
  /** Awaited after every epoch (tracking, progress); an exception stops training. */
  readonly onEpochEnd?: (logs: EpochLogs) => void | Promise<void>;
  readonly signal?: AbortSignal;
}

export interface TrainResult {
  readonly epochs: number;
  readonly history: readonly EpochLogs[];
  readonly stoppedEarly: boolean;
}

/**
 * Mini-batch training that maximises the objective: Adam or SGD, a fresh seeded shuffle every
 * epoch, the affinity of each batch from `affinity`, optional VAT and early stopping on the
 * epoch GEMINI. Leaves no tensor behind but the model's own weights.
 */
export async function train(options: TrainOptions): Promise<TrainResult> {
  const { model, data, training, signal } = options;
  checkTrainingData(data);
  const n = sampleCount(data);
  const shuffleRng = options.rng.derive('shuffle');
  const vatRng = options.rng.derive('vat');
  const optimizer = createOptimizer(training.optimizer);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const predict = (x: tf.Tensor) => model.apply(x, { training: true }) as tf.Tensor2D;
  const history: EpochLogs[] = [];
  let best = Number.NEGATIVE_INFINITY;
  let epochsWithoutGain = 0;
  let stoppedEarly = false;
  try {
    for (let epoch = 1; epoch <= training.epochs; epoch++) {
      const order = shuffleRng.permutation(n);
      let geminiSum = 0;
      let vatSum = 0;
      for (let start = 0; start < n; start += training.batchSize) {
        if (signal?.aborted) throw new CancelledError('training cancelled');
        const indices = order.subarray(start, Math.min(n, start + training.batchSize));
        const step = trainStep(options, optimizer, variables, predict, indices, vatRng);
        geminiSum += step.gemini * indices.length;
        vatSum += step.vat * indices.length;
      }
      const gemini = geminiSum / n;
      const vat = training.vat ? vatSum / n : undefined;
      const logs: EpochLogs = { epoch, gemini, loss: -gemini + (training.vat ? training.vat.weight * (vat as number) : 0), vat };
      history.push(logs);
      await options.onEpochEnd?.(logs);
      await new Promise((resolve) => setImmediate(resolve)); // let signals and progress run
      if (training.earlyStopping) {
        if (gemini > best + training.earlyStopping.tolerance) {
          best = gemini;
          epochsWithoutGain = 0;
        } else if (++epochsWithoutGain >= training.earlyStopping.patience) {
          stoppedEarly = true;
          break;
        }
      }
    }
  } finally {
    optimizer.dispose();
  }
  return { epochs: history.length, history, stoppedEarly };
}

function trainStep(
  options: TrainOptions,
  optimizer: tf.Optimizer,
  variables: tf.Variable[],
  predict: (x: tf.Tensor) => tf.Tensor2D,
  indices: Int32Array,
  vatRng: SeededRng,
): { gemini: number; vat: number } {
  const { objective, data, training } = options;
  const x = batchTensor(data, indices);
  const affinity = options.affinity(indices);
  const target = training.vat ? vatTarget(predict, x, training.vat, vatRng.seed31()) : undefined;
  let geminiValue: tf.Scalar | undefined;
  let vatValue: tf.Scalar | undefined;
  try {
    const cost = optimizer.minimize(
      () => {
        const gemini = objective.evaluate(predict(x), affinity);
        geminiValue = tf.keep(gemini.clone());
        if (!target || !training.vat) return gemini.neg() as tf.Scalar;
        const vat = vatLoss(predict, x, target);
        vatValue = tf.keep(vat.clone());
        return gemini.neg().add(vat.mul(training.vat.weight)) as tf.Scalar;
      },
      false,
      variables,
    );
    cost?.dispose();
    return { gemini: (geminiValue as tf.Scalar).dataSync()[0] as number, vat: vatValue?.dataSync()[0] ?? 0 };
  } finally {
    tf.dispose(
      [x, affinity, target?.clean, target?.perturbation, geminiValue, vatValue].filter((t): t is tf.Tensor => t !== undefined),
    );
  }
}
