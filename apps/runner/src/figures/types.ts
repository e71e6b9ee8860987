/** One file a figure renderer produces; `path` is relative to the run's artifact root, e.g. 'figures/scatter.svg'. */
export interface Artifact {
  readonly path: string;
  readonly content: string | Uint8Array;
}

/** One epoch of a trial's training history. */
export interface TrainingHistoryEntry {
  readonly epoch: number;
  readonly gemini: number;
  readonly loss: number;
  readonly vat?: number;
}

/** Everything a trial's figures are drawn from. */
export interface TrialFigureInput {
  /** Shown on every figure, e.g. 'tv-ova-k4-r0'. */
  readonly title: string;
  /** n samples, row-major, each of shape `sampleShape`. */
  readonly x: Float32Array;
  readonly sampleShape: readonly number[];
  /** Predicted cluster per sample, in 0..nClusters-1. */
  readonly clusters: Int32Array;
  readonly nClusters: number;
  /** True classes, when the data set has them. */
  readonly labels?: Int32Array;
  readonly history: readonly TrainingHistoryEntry[];
}

/** One trial of a sweep, finished or not. */
export interface SweepTrial {
  readonly name: string;
  readonly status: 'FINISHED' | 'FAILED' | 'KILLED';
  /** A label like 'tv-ova' or 'mmd-ovo(linear)'. */
  readonly objective: string;
  readonly k: number;
  readonly repeat: number;
  /** Every hyperparameter, dotted keys, string values (numbers as numerals). */
  readonly params: Readonly<Record<string, string>>;
  /** gemini, used_clusters, and ari/nmi/acc when labels exist. */
  readonly metrics: Readonly<Record<string, number>>;
}

export interface SweepFigureInput {
  readonly title: string;
  readonly trials: readonly SweepTrial[];
}
