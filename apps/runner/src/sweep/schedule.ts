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
}

export interface ScheduleOutcome {
  /** One result per trial that ran, in the order of `trials`. */
  readonly results: TrialResult[];
  /** Why the sweep stopped early, if it did. */
  readonly stoppedBy?: string;
}

/**
 * Runs trials on an executor, `executor.capacity` at a time, with per-trial timeout,
 * retries and fail-fast. Never rejects because a trial failed.
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

  const attempt = async (trial: TrialSpec): Promise<TrialResult> => {
    for (let attemptNumber = 0; ; attemptNumber++) {
      const signals = [stop.signal];
      if (options.timeoutSeconds) signals.push(timeoutSignal(options.timeoutSeconds));
      const result = await options.executor.execute(trial, {
        signal: AbortSignal.any(signals),
        onEpoch: (logs) => options.onEpoch?.(trial, logs),
      });
      if (result.status !== 'FAILED' || attemptNumber >= options.retries || stop.signal.aborted) return result;
      await options.beforeRetry?.(result);
    }
  };

  const lane = async () => {
    while (!stop.signal.aborted && next < trials.length) {
      const trial = trials[next++] as TrialSpec;
      options.onTrialStart?.(trial);
      const result = await attempt(trial);
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
