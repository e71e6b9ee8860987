// A sweep's parent job: BullMQ starts it once every trial job is done. Run in a sandboxed
// process too, since rendering the sweep figures is CPU-bound.

import type { Tracker } from '@gemlab/core';
import type { SandboxedJob } from 'bullmq';
import { finishParent } from '../../sweep/run-sweep.js';
import type { TrialResult } from '../../trial/trial-spec.js';
import type { SweepJobData, SweepJobResult } from './job-data.js';
import { openSharedStore } from './shared-store.js';
import { sweepResults } from './sweep-results.js';

process.on('disconnect', () => process.exit(1));

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
