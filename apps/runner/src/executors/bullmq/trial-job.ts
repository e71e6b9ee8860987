// A trial's job, run by BullMQ in a sandboxed process of `gemlab worker` (never on the worker's
// main thread, whose event loop must stay free to renew the job's lock while training runs).

import { initBackend, type PluginRegistry, type Tracker } from '@gemlab/core';
import type { SandboxedJob } from 'bullmq';
import { createRegistry } from '../../config/builtin-modules.js';
import { canonicalJson } from '../../trial/canonical.js';
import { runTrial } from '../../trial/run-trial.js';
import type { TrialResult } from '../../trial/trial-spec.js';
import { timeoutReason } from '../abort-reasons.js';
import type { TrialEnvironmentSpec } from '../trial-environment.js';
import type { TrialJobData } from './job-data.js';
import { settlePreviousAttempts } from './previous-attempts.js';
import { openSharedStore, type SharedStore } from './shared-store.js';

// The worker that forked this process died (SIGKILL): stop now, so that the attempt another
// worker starts is the only one writing this trial.
process.on('disconnect', () => process.exit(1));

let opened: { key: string; environment: Promise<{ registry: PluginRegistry; tracker: Tracker }> } | undefined;

/** Backend, plugins and the shared store, opened once per process for a given sweep setup. */
function open(environment: TrialEnvironmentSpec, store: SharedStore) {
  const { plugins, baseDir, backend } = environment;
  const key = canonicalJson({ plugins, baseDir, backend, store });
  if (opened?.key !== key) {
    opened = {
      key,
      environment: (async () => {
        await initBackend(backend);
        return { registry: await createRegistry(plugins, baseDir), tracker: openSharedStore(store) };
      })(),
    };
  }
  return opened.environment;
}

/**
 * Runs the trial (shared with the local executors: runTrial) unless it already FINISHED. A
 * FAILED attempt with attempts left throws, so that BullMQ retries it after its backoff;
 * the last attempt's result, FAILED or not, is the job's return value for the sweep's report.
 */
export default async function processTrialJob(
  job: SandboxedJob<TrialJobData, TrialResult>,
  _token?: string,
  signal?: AbortSignal,
): Promise<TrialResult> {
  const { trial, environment, store, timeoutSeconds } = job.data;
  const { registry, tracker } = await open(environment, store);
  const previous = await settlePreviousAttempts(tracker, trial, environment.parentRunId);
  if (previous) return previous;
  const signals = signal ? [signal] : [];
  let timer: NodeJS.Timeout | undefined;
  if (timeoutSeconds) {
    const timeout = new AbortController();
    timer = setTimeout(() => timeout.abort(timeoutReason(timeoutSeconds)), timeoutSeconds * 1000);
    signals.push(timeout.signal);
  }
  try {
    const result = await runTrial(trial, {
      registry,
      tracker,
      baseDir: environment.baseDir,
      parentRunId: environment.parentRunId,
      sweepId: environment.sweepId,
      paramKeys: environment.paramKeys,
      signal: AbortSignal.any(signals),
    });
    const attemptsLeft = job.attemptsMade + 1 < (job.opts.attempts ?? 1);
    if (result.status === 'FAILED' && attemptsLeft && !signal?.aborted) throw new Error(result.error ?? 'trial failed');
    return result;
  } finally {
    clearTimeout(timer);
  }
}
