import { FlowProducer, Job, Queue } from 'bullmq';
import type { ResolvedConfig } from '../../config/resolve-config.js';
import { type ExpandedSweep, expandSweep } from '../../sweep/expand-sweep.js';
import { openSweep } from '../../sweep/resume.js';
import { logSweepDefinition, sweepEnvironment } from '../../sweep/run-sweep.js';
import { trialParams, withAllKeys } from '../../trial/trial-params.js';
import type { TrialEnvironmentSpec } from '../trial-environment.js';
import type { SweepJobData, TrialJobData } from './job-data.js';
import { openRedis, probeRedis } from './redis-connection.js';
import {
  QUEUE_PREFIX,
  RETRY_BACKOFF_MS,
  SWEEP_JOB_ATTEMPTS,
  SWEEPS_QUEUE,
  sweepJobId,
  TRIALS_QUEUE,
  trialJobId,
} from './settings.js';
import { openSharedStore, type SharedStore, sharedStoreOf } from './shared-store.js';

export interface SubmitOptions {
  readonly redisUrl: string;
  readonly resume?: boolean;
  readonly force?: boolean;
}

export interface SubmitOutcome {
  readonly sweepId: string;
  readonly name: string;
  readonly parentRunId: string;
  /** Where the runs go: the MLflow server, or the local store. */
  readonly store: string;
  readonly trials: number;
  /** The sweep was already in the queue (not finished): nothing was added or changed. */
  readonly alreadyQueued: boolean;
}

/**
 * Enqueues a sweep as one BullMQ flow: a parent job for the sweep (its K report) and one child
 * job per trial, keyed by deterministic ids so that submitting again is a no-op while the
 * sweep is queued. The parent run is created (or, for a sweep seen before, reopened) here, in
 * the store shared with the workers. A sweep whose flow finished (or failed) is queued again
 * whole: workers skip its trials that already FINISHED in the store.
 */
export async function submitSweep(resolved: ResolvedConfig, options: SubmitOptions): Promise<SubmitOutcome> {
  const { config } = resolved;
  const sweep = expandSweep(resolved);
  await probeRedis(options.redisUrl);
  const connection = openRedis(options.redisUrl);
  const sweeps = new Queue<SweepJobData>(SWEEPS_QUEUE, { connection, prefix: QUEUE_PREFIX });
  const flows = new FlowProducer({ connection, prefix: QUEUE_PREFIX });
  const store = sharedStoreOf(config.tracking);
  try {
    const existing = await Job.fromId<SweepJobData>(sweeps, sweepJobId(sweep.sweepId));
    if (existing) {
      const state = await existing.getState();
      if (state !== 'completed' && state !== 'failed') {
        return {
          sweepId: sweep.sweepId,
          name: sweep.name,
          parentRunId: existing.data.parentRunId,
          store: store.uri ?? store.store,
          trials: existing.data.trials.length,
          alreadyQueued: true,
        };
      }
      await existing.remove({ removeChildren: true });
    }
    const tracker = openSharedStore(store);
    try {
      const state = await openSweep(tracker, config.experiment, sweep, {
        resume: options.resume ?? false,
        force: options.force ?? false,
      });
      if (!state.resumed) await logSweepDefinition(state.parent, resolved, sweep);
      await state.parent.setTags({ 'gemlab.executor': 'bullmq' });
      const environment = sweepEnvironment(resolved, sweep, state.parent.runId);
      await flows.add(sweepFlow(resolved, sweep, environment, store));
      return {
        sweepId: sweep.sweepId,
        name: sweep.name,
        parentRunId: state.parent.runId,
        store: tracker.location,
        trials: sweep.trials.length,
        alreadyQueued: false,
      };
    } finally {
      await tracker.close();
    }
  } finally {
    await flows.close();
    await sweeps.close();
    connection.disconnect();
  }
}

/** The flow: attempts and backoff from sweep.retries; a child that fails for good still lets the report run. */
function sweepFlow(resolved: ResolvedConfig, sweep: ExpandedSweep, environment: TrialEnvironmentSpec, store: SharedStore) {
  const settings = resolved.config.sweep;
  const paramKeys = environment.paramKeys ?? [];
  const data: SweepJobData = {
    sweepId: sweep.sweepId,
    name: sweep.name,
    experiment: resolved.config.experiment,
    parentRunId: environment.parentRunId as string,
    store,
    paramKeys,
    trials: sweep.trials.map((trial) => ({
      id: trial.id,
      name: trial.name,
      jobId: trialJobId(sweep.sweepId, trial.id),
      point: trial.point,
      repeat: trial.repeat,
      params: withAllKeys(trialParams(trial.config), paramKeys),
    })),
    submittedAt: Date.now(),
  };
  return {
    name: sweep.name,
    queueName: SWEEPS_QUEUE,
    data,
    opts: {
      jobId: sweepJobId(sweep.sweepId),
      attempts: SWEEP_JOB_ATTEMPTS,
      backoff: { type: 'exponential', delay: RETRY_BACKOFF_MS },
    },
    children: sweep.trials.map((trial) => ({
      name: trial.name,
      queueName: TRIALS_QUEUE,
      data: {
        trial,
        environment,
        store,
        ...(settings?.timeout ? { timeoutSeconds: settings.timeout } : {}),
      } satisfies TrialJobData,
      opts: {
        jobId: trialJobId(sweep.sweepId, trial.id),
        attempts: (settings?.retries ?? 0) + 1,
        backoff: { type: 'exponential', delay: RETRY_BACKOFF_MS },
        ignoreDependencyOnFailure: true,
      },
    })),
  };
}
