import type { TrialResult, TrialStatus } from '../../trial/trial-spec.js';
import type { QueuedTrial, SweepJobData } from './job-data.js';
import { QUEUE_PREFIX, TRIALS_QUEUE } from './settings.js';

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
