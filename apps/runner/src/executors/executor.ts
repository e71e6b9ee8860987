import type { EpochLogs } from '@gemlab/core';
import type { TrialResult, TrialSpec } from '../trial/trial-spec.js';

export interface ExecuteOptions {
  /** Aborted on timeout, cancel or SIGINT: the trial must end KILLED/FAILED promptly. */
  readonly signal: AbortSignal;
  readonly onEpoch?: (logs: EpochLogs) => void;
}

export interface BatchExecuteOptions {
  /** Aborted on timeout, cancel or SIGINT: every trial of the batch must end promptly. */
  readonly signal: AbortSignal;
  readonly onEpoch?: (trial: TrialSpec, logs: EpochLogs) => void;
}

/**
 * Where trials run: in this process, in a pool of local worker processes, or on remote
 * workers. The sweep scheduler calls `execute` at most `capacity` times concurrently, once
 * per attempt of a trial; it resolves with the trial's result (a failing trial resolves
 * FAILED, it does not reject) and leaves the trial's run ended in the store, whatever happens.
 * `close` is called once, after the last trial.
 */
export interface Executor {
  readonly capacity: number;
  execute(trial: TrialSpec, options: ExecuteOptions): Promise<TrialResult>;
  /**
   * Optional: trials trained together as one batched program (sweep.batchTrials), one result
   * per trial in their order, each trial's run ended in the store. Executors without it get
   * every trial through `execute`.
   */
  executeBatch?(trials: readonly TrialSpec[], options: BatchExecuteOptions): Promise<TrialResult[]>;
  close(): Promise<void>;
}
