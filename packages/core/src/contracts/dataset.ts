/** What a tracker logs as the run's dataset input. */
export interface DatasetMeta {
  readonly name: string;
  /** Number of samples. */
  readonly n: number;
  /** Number of features per sample (product of the sample shape). */
  readonly features: number;
  /** Number of distinct classes when labels exist. */
  readonly classes?: number;
  /** Where it came from: a file path, an npm package or 'synthetic'. */
  readonly source: string;
}

/**
 * A loaded data set, plain arrays (no tensors, so it can cross worker boundaries).
 * Returned by a dataset plugin's `create(params, ctx)` (possibly as a Promise), once per run;
 * it must be a pure function of params and `ctx.rng`, and fail with a DataError naming the
 * file and row for bad input files.
 */
export interface DataSet {
  /** n × features values, row-major, sample i at [i*features, (i+1)*features). */
  readonly x: Float32Array;
  /** Shape of one sample, e.g. [2] for points or [28, 28, 1] for images. */
  readonly sampleShape: readonly number[];
  /** Integer class labels 0..classes-1, when the data set has them. */
  readonly y?: Int32Array;
  readonly meta: DatasetMeta;
}
