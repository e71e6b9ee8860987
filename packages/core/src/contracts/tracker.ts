import type { DatasetMeta } from './dataset.js';

export type RunStatus = 'RUNNING' | 'FINISHED' | 'FAILED' | 'KILLED';
export type ParamValue = string | number | boolean;

export interface StartRunOptions {
  /** Experiment name (created when missing). */
  readonly experiment: string;
  /** Human-readable run name, e.g. `tv-ova-k4-r0`. */
  readonly name: string;
  /** The sweep's parent run, for trials. */
  readonly parentRunId?: string;
  /** Tags set at creation (gemlab sets `gemlab.trialId`, `gemlab.sweepId`, `gemlab.backend`, ...). */
  readonly tags?: Readonly<Record<string, string>>;
}

/** A run as read back from a store (for resume, reports and sync). */
export interface RunRecord {
  readonly runId: string;
  readonly name: string;
  readonly experiment: string;
  readonly status: RunStatus;
  readonly parentRunId?: string;
  readonly startTime: number;
  readonly endTime?: number;
  readonly params: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
  /** The latest value of each metric (highest step). */
  readonly metrics: Readonly<Record<string, number>>;
}

export interface RunFilter {
  readonly experiment: string;
  readonly parentRunId?: string;
  /** Every listed tag must match exactly. */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * One open run. Calls are made by the trainer callbacks and the runner, in order, from one
 * task; logging may be buffered, but `flush` and `end` must have persisted everything logged
 * before they resolve. After `end`, every call rejects.
 * - params are write-once: the same key with a different value is an error;
 * - metrics append, keyed by (key, step); logging the same point twice stores one point;
 * - artifact paths are relative, '/'-separated (`figures/k_curve.svg`), and may be nested.
 */
export interface RunHandle {
  readonly runId: string;
  logParams(params: Readonly<Record<string, ParamValue>>): Promise<void>;
  logMetrics(metrics: Readonly<Record<string, number>>, step?: number): Promise<void>;
  setTags(tags: Readonly<Record<string, string>>): Promise<void>;
  logDatasetInput(dataset: DatasetMeta & { readonly digest: string }): Promise<void>;
  logArtifact(path: string, content: string | Uint8Array): Promise<void>;
  flush(): Promise<void>;
  end(status: Exclude<RunStatus, 'RUNNING'>): Promise<void>;
}

/**
 * Where runs live: the local run store (default) or an MLflow server. Implementations are
 * run through `describeTrackerConformance` (@gemlab/tracking/testing) against the real store.
 * - `startRun` creates the experiment if needed and returns an open run (status RUNNING);
 * - `searchRuns` sees every run whose `startRun` has resolved, with their latest status;
 * - `close` flushes and releases connections; a tracker is used by one process.
 */
export interface Tracker {
  /** 'local' or 'mlflow', logged as a tag and shown by the CLI. */
  readonly kind: string;
  /** Where the runs go (a directory or a URL without credentials). */
  readonly location: string;
  startRun(options: StartRunOptions): Promise<RunHandle>;
  /**
   * Reopens an existing run (status back to RUNNING) to log more: a resumed sweep's parent
   * run, or a run whose trial was killed and must be marked FAILED by the runner.
   */
  resumeRun(runId: string): Promise<RunHandle>;
  /**
   * Removes a run so that searches no longer return it (MLflow: soft delete). The runner
   * deletes the leftovers of killed or retried trials so that every trial is in the store once.
   */
  deleteRun(runId: string): Promise<void>;
  /** Active (not deleted) runs matching the filter. */
  searchRuns(filter: RunFilter): Promise<RunRecord[]>;
  close(): Promise<void>;
}
