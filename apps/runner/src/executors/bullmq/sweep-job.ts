// A sweep's parent job: BullMQ starts it once every trial job is done. Run in a sandboxed
// process too, since rendering the sweep figures is CPU-bound.

import type { Tracker } from '@gemlab/core';
import type { SandboxedJob } from 'bullmq';
import { finishParent } from '../../sweep/run-sweep.js';
import type { TrialResult, TrialStatus } from '../../trial/trial-spec.js';
import type { QueuedTrial, SweepJobData, SweepJobResult } from './job-data.js';
import { QUEUE_PREFIX, TRIALS_QUEUE } from './settings.js';
import { openSharedStore } from './shared-store.js';

process.on('disconnect', () => process.exit(1));

const CHILD_KEY_PREFIX = `${QUEUE_PREFIX}:${TRIALS_QUEUE}:`;

/** `gemlab:trials:<jobId>` → `<jobId>`. */
const jobIdOf = (key: string) => (key.startsWith(CHILD_KEY_PREFIX) ? key.slice(CHILD_KEY_PREFIX.length) : key);

/**
 * The trials' results in sweep order, from the children's return values; a child that failed
 * for good (its worker died too often) counts as FAILED, one removed by a cancel as KILLED.
 */
export function sweepResults(
  data: SweepJobData,
  values: Readonly<Record<string, TrialResult>>,
  failures: Readonly<Record<string, string>>,
): TrialResult[] {
  const returned = new Map(Object.entries(values).map(([key, value]) => [jobIdOf(key), value]));
  const failed = new Map(Object.entries(failures).map(([key, reason]) => [jobIdOf(key), reason]));
  return data.trials.flatMap((trial): TrialResult[] => {
    const result = returned.get(trial.jobId);
    if (result) return [result];
    const reason = failed.get(trial.jobId);
    if (reason !== undefined) return [lost(trial, 'FAILED', reason)];
    return data.cancelled ? [lost(trial, 'KILLED', 'cancelled')] : [];
  });
}

function lost(trial: QueuedTrial, status: TrialStatus, error: string): TrialResult {
  return {
    id: trial.id,
    name: trial.name,
    status,
    point: trial.point,
    repeat: trial.repeat,
    params: trial.params,
    metrics: {},
    error,
  };
}

/** Ends the runs that trials which failed for good left RUNNING (their worker was killed). */
async function closeLostRuns(tracker: Tracker, data: SweepJobData, results: readonly TrialResult[]): Promise<void> {
  const lostIds = new Set(results.filter((r) => r.runId === undefined).map((r) => r.id));
  if (lostIds.size === 0) return;
  for (const run of await tracker.searchRuns({ experiment: data.experiment, parentRunId: data.parentRunId })) {
    const id = run.tags['gemlab.trialId'];
    if (run.status !== 'RUNNING' || !id || !lostIds.has(id)) continue;
    const handle = await tracker.resumeRun(run.runId);
    await handle.setTags({ 'gemlab.error': 'its worker stopped answering too many times' });
    await handle.end(data.cancelled ? 'KILLED' : 'FAILED');
  }
}

export default async function processSweepJob(job: SandboxedJob<SweepJobData, SweepJobResult>): Promise<SweepJobResult> {
  const { data } = job;
  const results = sweepResults(data, await job.getChildrenValues<TrialResult>(), await job.getIgnoredChildrenFailures());
  const tracker = openSharedStore(data.store);
  try {
    await closeLostRuns(tracker, data, results);
    const parent = await tracker.resumeRun(data.parentRunId);
    const stoppedBy = data.cancelled ? 'cancelled' : undefined;
    const report = await finishParent(parent, data.name, results, stoppedBy);
    return {
      sweepId: data.sweepId,
      name: data.name,
      parentRunId: data.parentRunId,
      store: tracker.location,
      results,
      report,
      ...(stoppedBy ? { stoppedBy } : {}),
    };
  } finally {
    await tracker.close();
  }
}
