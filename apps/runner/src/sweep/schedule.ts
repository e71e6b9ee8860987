import type { EpochLogs } from '@gemlab/core';
import { timeoutReason } from '../executors/abort-reasons.js';
import type { Executor } from '../executors/executor.js';
import type { TrialResult, TrialSpec } from '../trial/trial-spec.js';

export interface ScheduleOptions {
  readonly executor: Executor;
  /** Extra attempts of a FAILED trial. */
  readonly retries: number;
  readonly timeoutSeconds?: number;
  /** Stop the sweep after this many consecutive trials fail with the same error (0 = never). */
  readonly failFast: number;
  /** Aborting it cancels the sweep: running trials end KILLED, pending ones do not start. */
  readonly signal: AbortSignal;
  readonly onTrialStart?: (trial: TrialSpec) => void;
  readonly onEpoch?: (trial: TrialSpec, logs: EpochLogs) => void;
  readonly onTrialEnd?: (result: TrialResult) => void;
  /** Called before a retry with the failed attempt (the runner deletes its run). */
  readonly beforeRetry?: (failed: TrialResult) => Promise<void>;
  /**
   * Trials to run together through `executor.executeBatch` (from groupTrials; every trial of a
   * batch is in `trials`). A batch takes one lane, the timeout applies to the batch as a whole,
   * and a member that fails is retried on its own. Ignored when the executor cannot batch.
   */
  readonly batches?: readonly (readonly TrialSpec[])[];
}

export interface ScheduleOutcome {
  /** One result per trial that ran, in the order of `trials`. */
  readonly results: TrialResult[];
  /** Why the sweep stopped early, if it did. */
  readonly stoppedBy?: string;
}

/**
 * Runs trials on an executor, `executor.capacity` at a time (a batch counts as one), with
 * per-trial timeout, retries and fail-fast. Never rejects because a trial failed.
 */
export async function schedule(trials: readonly TrialSpec[], options: ScheduleOptions): Promise<ScheduleOutcome> {
  const stop = new AbortController();
  const cancel = () => stop.abort(options.signal.reason ?? 'cancelled');
  if (options.signal.aborted) cancel();
  options.signal.addEventListener('abort', cancel);
  const results = new Map<string, TrialResult>();
  let next = 0;
  let streak: { error: string; count: number } | undefined;
  let stoppedBy: string | undefined;

  const attemptSignal = () => {
    const signals = [stop.signal];
    if (options.timeoutSeconds) signals.push(timeoutSignal(options.timeoutSeconds));
    return AbortSignal.any(signals);
  };
  const canRetry = (result: TrialResult, attemptNumber: number) =>
    result.status === 'FAILED' && attemptNumber < options.retries && !stop.signal.aborted;

  const attempt = async (trial: TrialSpec, firstAttempt = 0): Promise<TrialResult> => {
    for (let attemptNumber = firstAttempt; ; attemptNumber++) {
      const result = await options.executor.execute(trial, {
        signal: attemptSignal(),
        onEpoch: (logs) => options.onEpoch?.(trial, logs),
      });
      if (!canRetry(result, attemptNumber)) return result;
      await options.beforeRetry?.(result);
    }
  };

  /** A batch's first attempt together; members that fail are retried one by one. */
  const attemptBatch = async (batch: readonly TrialSpec[]): Promise<void> => {
    const executeBatch = options.executor.executeBatch?.bind(options.executor);
    if (!executeBatch) throw new Error('schedule: batches need an executor with executeBatch');
    const results = await executeBatch(batch, {
      signal: attemptSignal(),
      onEpoch: (trial, logs) => options.onEpoch?.(trial, logs),
    });
    for (const [i, trial] of batch.entries()) {
      let result = results[i] as TrialResult;
      if (canRetry(result, 0)) {
        await options.beforeRetry?.(result);
        result = await attempt(trial, 1);
      }
      record(trial, result);
    }
  };

  const record = (trial: TrialSpec, result: TrialResult) => {
    results.set(trial.id, result);
    options.onTrialEnd?.(result);
    if (result.status === 'FAILED' && options.failFast > 0) {
      const error = result.error ?? '';
      const count = streak?.error === error ? streak.count + 1 : 1;
      streak = { error, count };
      if (count >= options.failFast && !stop.signal.aborted) {
        stoppedBy = `${count} consecutive trials failed with: ${error}`;
        stop.abort(stoppedBy);
      }
    } else if (result.status === 'FINISHED') {
      streak = undefined;
    }
  };

  // Units in the order of their first trial: a batch, or a single trial.
  const batchOf = new Map<string, readonly TrialSpec[]>();
  if (options.executor.executeBatch) {
    for (const batch of options.batches ?? []) if (batch.length > 1) for (const trial of batch) batchOf.set(trial.id, batch);
  }
  const units: (readonly TrialSpec[])[] = [];
  const queued = new Set<readonly TrialSpec[]>();
  for (const trial of trials) {
    const batch = batchOf.get(trial.id);
    if (!batch) units.push([trial]);
    else if (!queued.has(batch)) {
      queued.add(batch);
      units.push(batch);
    }
  }

  const lane = async () => {
    while (!stop.signal.aborted && next < units.length) {
      const unit = units[next++] as readonly TrialSpec[];
      for (const trial of unit) options.onTrialStart?.(trial);
      if (unit.length > 1) {
        await attemptBatch(unit);
        continue;
      }
      const trial = unit[0] as TrialSpec;
      record(trial, await attempt(trial));
    }
  };

  try {
    await Promise.all(Array.from({ length: Math.max(1, options.executor.capacity) }, lane));
  } finally {
    options.signal.removeEventListener('abort', cancel);
  }
  if (!stoppedBy && options.signal.aborted) stoppedBy = 'cancelled';
  return { results: trials.flatMap((t) => results.get(t.id) ?? []), stoppedBy };
}

function timeoutSignal(seconds: number): AbortSignal {
  const controller = new AbortController();
  setTimeout(() => controller.abort(timeoutReason(seconds)), seconds * 1000).unref();
  return controller.signal;
}
