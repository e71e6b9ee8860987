import type { RunFilter, RunRecord, RunStatus } from '@gemlab/core';
import { SYSTEM_TAG } from '../../run-context/system-tags.js';
import { decodeServerMetricValue } from '../../validation/metric-value.js';
import type { Int64, MlflowRun, MlflowRunStatus } from './rest-types.js';

export function int64(value: Int64 | undefined): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

/** SCHEDULED runs have not ended, so they read back as RUNNING. */
export function runStatus(status: MlflowRunStatus): RunStatus {
  return status === 'SCHEDULED' ? 'RUNNING' : status;
}

/** An MLflow run as the contract's RunRecord (latest metric values are the server's: highest step). */
export function toRunRecord(run: MlflowRun, experiment: string): RunRecord {
  const tags = Object.fromEntries((run.data?.tags ?? []).map((t) => [t.key, t.value]));
  const params = Object.fromEntries((run.data?.params ?? []).map((p) => [p.key, p.value]));
  const metrics = Object.fromEntries((run.data?.metrics ?? []).map((m) => [m.key, decodeServerMetricValue(m.value)]));
  const parentRunId = tags[SYSTEM_TAG.parentRunId];
  const endTime = int64(run.info.end_time);
  return {
    runId: run.info.run_id,
    name: run.info.run_name ?? tags[SYSTEM_TAG.runName] ?? '',
    experiment,
    status: runStatus(run.info.status),
    ...(parentRunId !== undefined ? { parentRunId } : {}),
    startTime: int64(run.info.start_time) ?? 0,
    // A resumed run keeps its old end_time on the server until it ends again.
    ...(endTime !== undefined && endTime > 0 && run.info.status !== 'RUNNING' ? { endTime } : {}),
    params,
    tags,
    metrics,
  };
}

/** Exact check of a RunFilter on a record (the server filter may leave out conditions it cannot quote). */
export function matchesFilter(record: RunRecord, filter: RunFilter): boolean {
  if (record.experiment !== filter.experiment) return false;
  if (filter.parentRunId !== undefined && record.parentRunId !== filter.parentRunId) return false;
  return Object.entries(filter.tags ?? {}).every(([key, value]) => record.tags[key] === value);
}
