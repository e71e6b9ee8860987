import { initBackend, type RunConfig, type RunHandle, type Tracker } from '@gemlab/core';
import { createTracker } from '@gemlab/tracking';
import { stringify } from 'yaml';
import type { ResolvedConfig } from '../config/resolve-config.js';
import type { Executor } from '../executors/executor.js';
import { InProcessExecutor } from '../executors/in-process.js';
import { LocalPoolExecutor } from '../executors/local-pool.js';
import type { TrialEnvironmentSpec } from '../executors/trial-environment.js';
import type { KReport } from '../report/k-report.js';
import { logSweepArtifacts } from '../report/sweep-artifacts.js';
import { trialParams } from '../trial/trial-params.js';
import type { TrialResult } from '../trial/trial-spec.js';
import { groupTrials } from './batch-trials.js';
import { type ExpandedSweep, expandSweep } from './expand-sweep.js';
import { openSweep } from './resume.js';
import { type ScheduleOptions, schedule } from './schedule.js';

export interface SweepRunOptions {
  readonly resume?: boolean;
  readonly force?: boolean;
  readonly signal?: AbortSignal;
  readonly hooks?: Pick<ScheduleOptions, 'onTrialStart' | 'onEpoch' | 'onTrialEnd'> & {
    readonly onPlan?: (plan: { total: number; done: number; epochs: number }) => void;
  };
  readonly warn?: (message: string) => void;
}

export interface SweepOutcome {
  readonly sweepId: string;
  readonly name: string;
  readonly parentRunId: string;
  readonly location: string;
  /** Every trial of the sweep that has a result, in sweep order (skipped ones included). */
  readonly results: readonly TrialResult[];
  readonly report: KReport;
  readonly stoppedBy?: string;
}

/**
 * A whole sweep: expand and validate every trial, find what the store already has, run the
 * rest, then give the parent run its K report. Safe to interrupt (SIGINT → running trials
 * KILLED) or kill: running it again finishes the sweep with each trial in the store once.
 */
export async function runSweep(resolved: ResolvedConfig, options: SweepRunOptions = {}): Promise<SweepOutcome> {
  const { config } = resolved;
  const sweep = expandSweep(resolved);
  const backend = await initBackend(config.backend);
  const tracker = await createTracker({ store: config.tracking.store, uri: config.tracking.uri, warn: options.warn });
  try {
    const state = await openSweep(tracker, config.experiment, sweep, {
      resume: options.resume ?? false,
      force: options.force ?? false,
    });
    const settings = config.sweep;
    if (!state.resumed) {
      await logSweepDefinition(state.parent, resolved, sweep);
      await state.parent.setTags({ 'gemlab.backend': backend });
    }
    options.hooks?.onPlan?.({ total: sweep.trials.length, done: state.done.length, epochs: config.training.epochs });
    const environment = sweepEnvironment(resolved, sweep, state.parent.runId);
    const executor = createExecutor(config, resolved, tracker, environment, state.pending.length);
    // Only pending trials are grouped, so a resumed batch runs just its unfinished members.
    const batches = groupTrials(state.pending, settings?.batchTrials ?? 'off', {
      workers: executor.capacity,
      registry: resolved.registry,
      baseDir: resolved.baseDir,
    });
    let outcome: Awaited<ReturnType<typeof schedule>>;
    try {
      outcome = await schedule(state.pending, {
        executor,
        batches,
        retries: settings?.retries ?? 0,
        timeoutSeconds: settings?.timeout,
        failFast: settings?.failFast ?? 0,
        signal: options.signal ?? new AbortController().signal,
        beforeRetry: async (failed) => {
          if (failed.runId) await tracker.deleteRun(failed.runId);
        },
        ...options.hooks,
      });
    } finally {
      await executor.close();
    }
    const byId = new Map([...state.done, ...outcome.results].map((r) => [r.id, r]));
    const results = sweep.trials.flatMap((t) => byId.get(t.id) ?? []);
    const report = await finishParent(state.parent, sweep.name, results, outcome.stoppedBy);
    return {
      sweepId: sweep.sweepId,
      name: sweep.name,
      parentRunId: state.parent.runId,
      location: tracker.location,
      results,
      report,
      stoppedBy: outcome.stoppedBy,
    };
  } finally {
    await tracker.close();
  }
}

function createExecutor(
  config: RunConfig,
  resolved: ResolvedConfig,
  tracker: Tracker,
  environment: TrialEnvironmentSpec,
  pending: number,
): Executor {
  const workers = Math.min(config.sweep?.workers ?? 1, Math.max(pending, 1));
  if (workers <= 1) return new InProcessExecutor(resolved.registry, tracker, environment);
  return new LocalPoolExecutor(workers, environment, tracker);
}

/** The parent run's params and config artifact, logged when a sweep starts (local or queued). */
export async function logSweepDefinition(parent: RunHandle, resolved: ResolvedConfig, sweep: ExpandedSweep): Promise<void> {
  const settings = resolved.config.sweep;
  await parent.logParams({
    'sweep.name': sweep.name,
    'sweep.strategy': settings?.strategy ?? 'grid',
    'sweep.size': sweep.trials.length,
    'sweep.repeats': settings?.repeats ?? 1,
    'sweep.parameters': Object.keys(settings?.parameters ?? {}).join(' ') || 'none',
  });
  await parent.logArtifact('config.yaml', stringify(resolved.raw));
}

/** What every process running a trial of this sweep needs (local workers and queue workers alike). */
export function sweepEnvironment(resolved: ResolvedConfig, sweep: ExpandedSweep, parentRunId: string): TrialEnvironmentSpec {
  const { config } = resolved;
  return {
    plugins: config.plugins,
    baseDir: resolved.baseDir,
    backend: config.backend,
    tracking: config.tracking,
    parentRunId,
    sweepId: sweep.sweepId,
    paramKeys: [...new Set(sweep.trials.flatMap((t) => Object.keys(trialParams(t.config))))].sort(),
  };
}

/** Counts, K report, tables and figures on the parent run, then its end status (shared with the queue's sweep job). */
export async function finishParent(
  parent: RunHandle,
  name: string,
  results: readonly TrialResult[],
  stoppedBy: string | undefined,
): Promise<KReport> {
  const count = (status: string) => results.filter((r) => r.status === status).length;
  await parent.logMetrics({ trials_finished: count('FINISHED'), trials_failed: count('FAILED'), trials_killed: count('KILLED') });
  const report = await logSweepArtifacts(parent, name, results);
  if (stoppedBy) await parent.setTags({ 'gemlab.stoppedBy': stoppedBy.slice(0, 7000) });
  await parent.end(stoppedBy === 'cancelled' ? 'KILLED' : stoppedBy ? 'FAILED' : 'FINISHED');
  return report;
}
