import {
  createAffinityProvider,
  createPluginContext,
  DataError,
  type PluginConfig,
  type PluginRegistry,
  type Samples,
  SectionValidator,
  SeededRng,
  type TrainingData,
  tf,
} from '@gemlab/core';

export interface ScoreOptions {
  readonly registry: PluginRegistry;
  /** `{ name, ...params }` of the objective; validated and defaulted here (errors name `objective.<param>`). */
  readonly objective: PluginConfig;
  /** N×K cluster probabilities: rows, or row-major values with `sampleShape: [K]`. */
  readonly probs: Samples;
  /** The N samples; needed when the objective has a kernel or distance. */
  readonly x?: Samples;
  /** A whole-set N×N affinity to use instead of the objective's own kernel/distance. */
  readonly affinity?: Float32Array | readonly (readonly number[])[];
  /** Directory relative paths in params resolve against (default: the working directory). */
  readonly baseDir?: string;
  /** Root seed of the plugin context (default 0). */
  readonly seed?: number;
}

/** How far a row of probabilities may sum from 1. */
const ROW_SUM_TOLERANCE = 1e-6;

/**
 * The GEMINI of given cluster probabilities, all N rows as one batch (for `gemlab score`).
 * Rows of `probs` must be non-negative and sum to 1 within 1e-6, and match the rows of x;
 * a violation is a DataError naming the 1-based row. Runs on the active tensor backend.
 */
export function scoreProbabilities(options: ScoreOptions): number {
  const { registry } = options;
  const config = new SectionValidator(registry).plugin('objective', options.objective, 'objective');
  const probs = toMatrix(options.probs, 'probs');
  checkProbabilityRows(probs);
  const x = options.x === undefined ? undefined : toMatrix(options.x, 'x');
  if (x) {
    checkFinite(x);
    if (x.rows !== probs.rows) throw new DataError(`probs has ${probs.rows} rows but x has ${x.rows}; they must match`);
  }
  const rng = new SeededRng(options.seed ?? 0);
  const objective = registry.create(
    'objective',
    config,
    createPluginContext(registry, rng.derive('objective'), options.baseDir ?? process.cwd()),
  );
  let affinity: tf.Tensor2D | undefined;
  if (objective.affinity !== 'none') {
    if (!x && !options.affinity) {
      throw new DataError(`objective '${config.name}' needs x to build its ${objective.affinity} matrix; none was given`);
    }
    const data: TrainingData = x ? x.data : { x: new Float32Array(probs.rows), sampleShape: [1] };
    affinity = createAffinityProvider(objective, data, toAffinity(options.affinity))(range(probs.rows));
  }
  try {
    return tf.tidy(
      () => objective.evaluate(tf.tensor2d(probs.data.x, [probs.rows, probs.columns]), affinity).dataSync()[0] as number,
    );
  } finally {
    affinity?.dispose();
  }
}

interface Matrix {
  readonly rows: number;
  readonly columns: number;
  readonly data: TrainingData;
  /** The rows as given, when given as numbers (checked before float32 rounding). */
  readonly given?: readonly (readonly number[])[];
}

function toMatrix(samples: Samples, name: string): Matrix {
  if (!Array.isArray(samples)) {
    const data = samples as TrainingData;
    const columns = data.sampleShape.reduce((a, b) => a * b, 1);
    if (columns <= 0 || data.x.length === 0 || data.x.length % columns !== 0) {
      throw new DataError(`${name}: ${data.x.length} values do not hold whole rows of shape [${data.sampleShape.join(', ')}]`);
    }
    return { rows: data.x.length / columns, columns, data };
  }
  const rows = samples as readonly (readonly number[])[];
  const columns = rows[0]?.length ?? 0;
  if (rows.length === 0 || columns === 0) throw new DataError(`${name} is empty`);
  const values = new Float32Array(rows.length * columns);
  rows.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== columns) {
      throw new DataError(
        `${name} row ${i + 1} has ${Array.isArray(row) ? row.length : 'no'} values; expected ${columns} like row 1`,
      );
    }
    values.set(row, i * columns);
  });
  return { rows: rows.length, columns, data: { x: values, sampleShape: [columns] }, given: rows };
}

function checkProbabilityRows(probs: Matrix): void {
  for (let r = 0; r < probs.rows; r++) {
    const row = probs.given?.[r] ?? probs.data.x.subarray(r * probs.columns, (r + 1) * probs.columns);
    let sum = 0;
    for (const value of row) {
      if (typeof value !== 'number' || Number.isNaN(value) || !Number.isFinite(value)) {
        throw new DataError(`probs row ${r + 1} has a value that is not a finite number (${String(value)})`);
      }
      if (value < 0) throw new DataError(`probs row ${r + 1} has a negative probability (${value})`);
      sum += value;
    }
    if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
      // float32 inputs (CSV) would print 1.0999999940395355 for 1.1: seven digits say enough.
      throw new DataError(`probs row ${r + 1} sums to ${Number(sum.toPrecision(7))}; each row must sum to 1 (within 1e-6)`);
    }
  }
}

function checkFinite(x: Matrix): void {
  const at = x.data.x.findIndex((v) => !Number.isFinite(v));
  if (at >= 0) throw new DataError(`x row ${Math.floor(at / x.columns) + 1} has a value that is not a finite number`);
}

function toAffinity(affinity: ScoreOptions['affinity']): Float32Array | undefined {
  if (!affinity || affinity instanceof Float32Array) return affinity;
  return Float32Array.from((affinity as readonly (readonly number[])[]).flat());
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
