import { type Static, Type } from '@sinclair/typebox';
import { pluginRef } from './plugin-ref.js';

/** Options every dataset accepts, whatever its plugin (applied after loading, in this order). */
export const PreprocessSchema = Type.Object(
  {
    subsample: Type.Optional(Type.Integer({ minimum: 1, description: 'keep n samples, chosen with the data seed' })),
    flatten: Type.Boolean({ default: false, description: 'reshape each sample to a vector' }),
    standardize: Type.Boolean({ default: false, description: 'zero mean, unit variance per feature' }),
    minMax: Type.Boolean({ default: false, description: 'scale each feature to [0, 1]' }),
    normalize: Type.Optional(
      Type.Object(
        { mean: Type.Number(), std: Type.Number({ exclusiveMinimum: 0 }) },
        {
          additionalProperties: false,
          description:
            "then map every value x to (x − mean) / std, fixed as torchvision's Normalize (mean 0.5, std 0.5 takes [0, 1] pixels to [−1, 1])",
        },
      ),
    ),
    testFraction: Type.Number({
      minimum: 0,
      exclusiveMaximum: 1,
      default: 0,
      description: 'hold out this fraction (seeded) as a test split, scored but not trained on',
    }),
  },
  { additionalProperties: false, default: {} },
);

export const OptimizerSchema = Type.Object(
  {
    name: Type.Union([Type.Literal('adam'), Type.Literal('sgd')], { default: 'adam' }),
    learningRate: Type.Number({ exclusiveMinimum: 0, default: 0.001 }),
    beta1: Type.Number({ minimum: 0, exclusiveMaximum: 1, default: 0.9, description: 'adam only' }),
    beta2: Type.Number({ minimum: 0, exclusiveMaximum: 1, default: 0.999, description: 'adam only' }),
    epsilon: Type.Number({ exclusiveMinimum: 0, default: 1e-8, description: 'adam only' }),
    momentum: Type.Number({ minimum: 0, exclusiveMaximum: 1, default: 0, description: 'sgd only' }),
    nesterov: Type.Boolean({ default: false, description: 'sgd only, needs momentum > 0' }),
  },
  { additionalProperties: false, default: {} },
);

export const EarlyStoppingSchema = Type.Object(
  {
    tolerance: Type.Number({ minimum: 0, default: 1e-4, description: 'minimum epoch GEMINI gain that counts' }),
    patience: Type.Integer({ minimum: 1, default: 10, description: 'epochs without gain before stopping' }),
  },
  { additionalProperties: false },
);

export const VatSchema = Type.Object(
  {
    weight: Type.Number({ minimum: 0, default: 1, description: 'weight of the VAT term in the loss' }),
    xi: Type.Number({ exclusiveMinimum: 0, default: 10, description: 'finite-difference step of the power iteration' }),
    epsilon: Type.Number({ exclusiveMinimum: 0, default: 1, description: 'radius of the adversarial perturbation' }),
    powerIterations: Type.Integer({ minimum: 1, default: 1 }),
  },
  { additionalProperties: false },
);

export const TrainingSchema = Type.Object(
  {
    epochs: Type.Integer({ minimum: 1, default: 100 }),
    batchSize: Type.Integer({ minimum: 1, default: 100 }),
    optimizer: OptimizerSchema,
    earlyStopping: Type.Optional(EarlyStoppingSchema),
    vat: Type.Optional(VatSchema),
  },
  { additionalProperties: false, default: {} },
);

export const TrackingSchema = Type.Object(
  {
    store: Type.String({ minLength: 1, default: './gemlab-runs', description: 'local run store directory' }),
    uri: Type.Optional(
      Type.String({ pattern: '^https?://', description: 'MLflow tracking server; MLFLOW_TRACKING_URI sets it when absent' }),
    ),
  },
  { additionalProperties: false, default: {} },
);

const SweepValuesSchema = Type.Union([
  Type.Array(Type.Unknown(), { minItems: 1, description: 'explicit values' }),
  Type.String({ pattern: '^\\s*range\\(', description: 'range(a, b[, step]), b excluded' }),
  Type.Object({ uniform: Type.Tuple([Type.Number(), Type.Number()]) }, { additionalProperties: false }),
  Type.Object(
    { logUniform: Type.Tuple([Type.Number({ exclusiveMinimum: 0 }), Type.Number({ exclusiveMinimum: 0 })]) },
    { additionalProperties: false },
  ),
  Type.Object({ int: Type.Tuple([Type.Integer(), Type.Integer()]) }, { additionalProperties: false }),
  Type.Object({ choice: Type.Array(Type.Unknown(), { minItems: 1 }) }, { additionalProperties: false }),
]);

export const SweepSchema = Type.Object(
  {
    name: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: "the sweep's identity for resume; default: the config file's name",
      }),
    ),
    strategy: Type.Union([Type.Literal('grid'), Type.Literal('random')], { default: 'grid' }),
    parameters: Type.Record(Type.String({ pattern: '^[A-Za-z_][\\w.\\[\\]]*$' }), SweepValuesSchema, {
      default: {},
      description: 'dotted config path -> values',
    }),
    samples: Type.Integer({ minimum: 1, default: 10, description: 'random strategy: number of points' }),
    repeats: Type.Integer({ minimum: 1, default: 1, description: 'seeds per point, derived from the root seed' }),
    workers: Type.Integer({ minimum: 1, default: 1, description: 'trials run in parallel on this machine' }),
    timeout: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'seconds per trial before it is killed' })),
    retries: Type.Integer({ minimum: 0, default: 0, description: 'extra attempts of a failed trial' }),
    failFast: Type.Integer({
      minimum: 0,
      default: 0,
      description: 'stop after this many consecutive trials fail with the same error (0 = never)',
    }),
    batchTrials: Type.Union([Type.Literal('auto'), Type.Literal('off'), Type.Integer({ minimum: 1 })], {
      default: 'off',
      description:
        "train trials that differ only in seed, nClusters, learning rate and objective scalars as one batched program: 'auto' (up to 20 a batch, split across workers), 'off', or the most trials a batch",
    }),
  },
  { additionalProperties: false },
);

/**
 * The whole run/sweep document, before plugin sections are expanded. `dataset`, `model`
 * and `objective` become discriminated unions (on `name`) of the registered plugins.
 */
export const RunConfigSchema = Type.Object(
  {
    experiment: Type.String({ minLength: 1, maxLength: 500, default: 'gemlab' }),
    seed: Type.Integer({ minimum: 0, maximum: 4294967295, default: 0 }),
    backend: Type.Union([Type.Literal('auto'), Type.Literal('tensorflow'), Type.Literal('wasm'), Type.Literal('cpu')], {
      default: 'auto',
      description: 'tensor backend; GEMLAB_BACKEND overrides auto',
    }),
    plugins: Type.Array(Type.String({ minLength: 1 }), { default: [], description: 'external plugin files or packages' }),
    dataset: pluginRef('dataset'),
    model: pluginRef('architecture'),
    objective: pluginRef('objective'),
    training: TrainingSchema,
    tracking: TrackingSchema,
    sweep: Type.Optional(SweepSchema),
  },
  { additionalProperties: false },
);

export type RunConfig = Static<typeof RunConfigSchema>;
export type SweepConfig = Static<typeof SweepSchema>;
export type TrainingConfig = Static<typeof TrainingSchema>;
export type PreprocessConfig = Static<typeof PreprocessSchema>;
