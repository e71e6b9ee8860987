import type { Tracker } from '@gemlab/core';
import { resultFromRecord } from '../../sweep/resume.js';
import type { TrialResult, TrialSpec } from '../../trial/trial-spec.js';

/**
 * What the store already holds of this trial: a FINISHED run is its result (the trial is not
 * run again, e.g. when a worker died after the run ended but before the job completed). Any
 * other run of it is a leftover of an attempt that lost its lock (killed worker, failed
 * attempt before a retry) and is deleted, so the store ends with the trial exactly once.
 */
export async function settlePreviousAttempts(
  tracker: Tracker,
  trial: TrialSpec,
  parentRunId: string | undefined,
): Promise<TrialResult | undefined> {
  const runs = await tracker.searchRuns({
    experiment: trial.config.experiment,
    ...(parentRunId ? { parentRunId } : {}),
    tags: { 'gemlab.trialId': trial.id },
  });
  const finished = runs.find((run) => run.status === 'FINISHED');
  for (const run of runs) if (run !== finished) await tracker.deleteRun(run.runId);
  return finished ? resultFromRecord(trial, finished) : undefined;
}
