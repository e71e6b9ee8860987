import type { PluginRegistry, Tracker } from '@gemlab/core';
import { runTrial } from '../trial/run-trial.js';
import { runTrialBatch } from '../trial/run-trial-batch.js';
import type { TrialResult, TrialSpec } from '../trial/trial-spec.js';
import type { BatchExecuteOptions, ExecuteOptions, Executor } from './executor.js';
import type { TrialEnvironmentSpec } from './trial-environment.js';

/** Runs trials one at a time in this process (workers: 1, and `gemlab run`). */
export class InProcessExecutor implements Executor {
  readonly capacity = 1;

  constructor(
    private readonly registry: PluginRegistry,
    private readonly tracker: Tracker,
    private readonly environment: TrialEnvironmentSpec,
  ) {}

  execute(trial: TrialSpec, options: ExecuteOptions): Promise<TrialResult> {
    return runTrial(trial, { ...this.sweepContext(), signal: options.signal, onEpoch: options.onEpoch });
  }

  executeBatch(trials: readonly TrialSpec[], options: BatchExecuteOptions): Promise<TrialResult[]> {
    return runTrialBatch(trials, { ...this.sweepContext(), signal: options.signal, onEpoch: options.onEpoch });
  }

  /** What every trial of the sweep shares: this process's registry and tracker, the sweep's ids. */
  private sweepContext() {
    const { baseDir, parentRunId, sweepId, paramKeys } = this.environment;
    return { registry: this.registry, tracker: this.tracker, baseDir, parentRunId, sweepId, paramKeys };
  }

  async close(): Promise<void> {}
}
