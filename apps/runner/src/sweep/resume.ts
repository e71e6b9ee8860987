import type { RunHandle, RunRecord, Tracker } from '@gemlab/core';
import type { TrialResult, TrialSpec } from '../trial/trial-spec.js';
import type { ExpandedSweep } from './expand-sweep.js';
import { SweepChangedError, SweepNotFoundError } from './sweep-errors.js';

export interface SweepState {
  readonly parent: RunHandle;
  /** Trials already FINISHED in the store: not run again. */
  readonly done: TrialResult[];
  /** Trials to run now, in sweep order. */
  readonly pending: TrialSpec[];
  readonly resumed: boolean;
}

/**
 * Finds or creates the sweep's parent run and splits the trials into done and pending.
 * Leftovers of killed or failed attempts are deleted, so that after the sweep every trial
 * is in the store exactly once.
 */
export async function openSweep(
  tracker: Tracker,
  experiment: string,
  sweep: ExpandedSweep,
  options: { readonly resume: boolean; readonly force: boolean },
): Promise<SweepState> {
  const parents = await tracker.searchRuns({ experiment, tags: { 'gemlab.sweepId': sweep.sweepId, 'gemlab.role': 'sweep' } });
  const existing = parents.sort((a, b) => b.startTime - a.startTime)[0];
  if (!existing) {
    if (options.resume) throw new SweepNotFoundError(sweep.name, tracker.location);
    const parent = await tracker.startRun({
      experiment,
      name: `sweep-${sweep.name}`,
      tags: { 'gemlab.role': 'sweep', 'gemlab.sweepId': sweep.sweepId, 'gemlab.sweepDefinition': sweep.definitionHash },
    });
    return { parent, done: [], pending: [...sweep.trials], resumed: false };
  }
  if (existing.tags['gemlab.sweepDefinition'] !== sweep.definitionHash && !options.force) throw new SweepChangedError(sweep.name);
  const parent = await tracker.resumeRun(existing.runId);
  if (options.force) await parent.setTags({ 'gemlab.sweepDefinition': sweep.definitionHash });
  const children = await tracker.searchRuns({ experiment, parentRunId: existing.runId });
  const finished = new Map<string, RunRecord>();
  for (const child of children) {
    const id = child.tags['gemlab.trialId'];
    if (id && child.status === 'FINISHED' && !finished.has(id)) finished.set(id, child);
  }
  for (const child of children) {
    const id = child.tags['gemlab.trialId'];
    if (!id || finished.get(id)?.runId !== child.runId) await tracker.deleteRun(child.runId);
  }
  const done: TrialResult[] = [];
  const pending: TrialSpec[] = [];
  for (const trial of sweep.trials) {
    const record = finished.get(trial.id);
    if (!record) pending.push(trial);
    else done.push(resultFromRecord(trial, record));
  }
  return { parent, done, pending, resumed: true };
}

/** A trial's result as the store has it (for trials not run again). */
export function resultFromRecord(trial: TrialSpec, record: RunRecord): TrialResult {
  return {
    id: trial.id,
    name: trial.name,
    status: record.status === 'RUNNING' ? 'KILLED' : record.status,
    runId: record.runId,
    point: trial.point,
    repeat: trial.repeat,
    params: record.params,
    metrics: record.metrics,
    skipped: true,
  };
}
