import { type RunFilter, type RunRecord, type StartRunOptions, type Tracker, TrackingError } from '@gemlab/core';
import { SYSTEM_TAG, systemTags } from '../../run-context/system-tags.js';
import { checkExperimentName, checkRunName, checkTag } from '../../validation/entity-checks.js';
import { decodeServerMetricValue } from '../../validation/metric-value.js';
import { MlflowApiError } from './mlflow-api-error.js';
import { MlflowRunHandle, type MlflowRunHandleOptions } from './mlflow-run-handle.js';
import { MlflowRestClient, type MlflowRestClientOptions } from './rest-client.js';
import type { MlflowTag } from './rest-types.js';
import { int64, matchesFilter, toRunRecord } from './run-record.js';
import { searchFilter } from './search-filter.js';

export interface MlflowTrackerOptions extends MlflowRestClientOptions {
  /** A client to share (its uri, credentials and retry settings win over the ones above). */
  readonly client?: MlflowRestClient;
  /** Restore an experiment found deleted (default true); when false, refuse with a clear message. */
  readonly restoreDeleted?: boolean;
  /** Buffered metrics are sent at least this often while a run is logging, in ms (default 2000). */
  readonly flushIntervalMs?: number;
}

/**
 * The Tracker on an MLflow tracking server, through its REST API. Runs carry the UI's system
 * tags (user, source, git commit, parent); logging goes through buffered, chunked log-batch
 * requests; artifacts go through the server's artifact proxy.
 */
export class MlflowTracker implements Tracker {
  readonly kind = 'mlflow';
  readonly client: MlflowRestClient;
  private readonly restoreDeleted: boolean;
  private readonly flushIntervalMs: number;
  private readonly experiments = new Map<string, Promise<string>>();
  private readonly open = new Set<MlflowRunHandle>();

  constructor(options: MlflowTrackerOptions = {}) {
    this.client = options.client ?? new MlflowRestClient(options);
    this.restoreDeleted = options.restoreDeleted ?? true;
    this.flushIntervalMs = options.flushIntervalMs ?? 2000;
  }

  get location(): string {
    return this.client.uri;
  }

  /**
   * The id of the active experiment with that name, created when missing, race-free across
   * processes: get-by-name, else create, and on any 400 from create (another process won) get
   * it again. A deleted experiment is restored, or refused when `restoreDeleted` is false.
   */
  ensureExperiment(name: string): Promise<string> {
    checkExperimentName(name);
    let id = this.experiments.get(name);
    if (!id) {
      id = this.findOrCreateExperiment(name);
      id.catch(() => this.experiments.delete(name));
      this.experiments.set(name, id);
    }
    return id;
  }

  /** Starts a run; `startTime` (ms) lets a mirror record the same start time as the local store. */
  async startRun(options: StartRunOptions, startTime: number = Date.now()): Promise<MlflowRunHandle> {
    checkRunName(options.name);
    const tags: Record<string, string> = { ...systemTags() };
    if (options.parentRunId !== undefined) tags[SYSTEM_TAG.parentRunId] = options.parentRunId;
    for (const [key, value] of Object.entries(options.tags ?? {})) {
      checkTag(key, value);
      // run_name sets mlflow.runName; sending both with different values is an error on the server.
      if (key !== SYSTEM_TAG.runName) tags[key] = value;
    }
    const experimentId = await this.ensureExperiment(options.experiment);
    const run = await this.client.createRun({
      experiment_id: experimentId,
      run_name: options.name,
      start_time: startTime,
      tags: Object.entries(tags).map(([key, value]): MlflowTag => ({ key, value })),
    });
    return this.track(run.info.run_id, run.info.artifact_uri ?? '');
  }

  private track(runId: string, artifactUri: string, initial?: MlflowRunHandleOptions['initial']): MlflowRunHandle {
    const handle = new MlflowRunHandle(this.client, runId, artifactUri, {
      flushIntervalMs: this.flushIntervalMs,
      onEnd: () => this.open.delete(handle),
      initial,
    });
    this.open.add(handle);
    return handle;
  }

  /** Reopens a run (status RUNNING again); its params and metric points are loaded so the contract still holds. */
  async resumeRun(runId: string): Promise<MlflowRunHandle> {
    const run = await this.client.getRun(runId);
    if (!run || run.info.lifecycle_stage === 'deleted') {
      throw new TrackingError(`run ${runId} does not exist on ${this.client.uri} (or it was deleted)`);
    }
    await this.client.updateRun({ run_id: runId, status: 'RUNNING' });
    const points: { key: string; step: number; value: number }[] = [];
    for (const metric of run.data?.metrics ?? []) {
      for (const point of await this.client.getMetricHistory(runId, metric.key)) {
        points.push({ key: point.key, step: int64(point.step) ?? 0, value: decodeServerMetricValue(point.value) });
      }
    }
    const params = Object.fromEntries((run.data?.params ?? []).map((p) => [p.key, p.value]));
    return this.track(run.info.run_id, run.info.artifact_uri ?? '', { params, points });
  }

  /** Soft-deletes a run (MLflow keeps it in the trash; searches no longer return it). */
  async deleteRun(runId: string): Promise<void> {
    await this.client.deleteRun(runId);
  }

  async searchRuns(filter: RunFilter): Promise<RunRecord[]> {
    const experiment = await this.client.getExperimentByName(filter.experiment);
    if (!experiment || experiment.lifecycle_stage === 'deleted') return [];
    const runs = await this.client.searchRuns({
      experiment_ids: [experiment.experiment_id],
      filter: searchFilter(filter),
      run_view_type: 'ACTIVE_ONLY',
    });
    return runs.map((run) => toRunRecord(run, filter.experiment)).filter((record) => matchesFilter(record, filter));
  }

  /** Flushes every open run (runs stay open on the server until their `end`). */
  async close(): Promise<void> {
    const handles = [...this.open];
    this.open.clear();
    await Promise.all(handles.map((handle) => handle.flush()));
  }

  private async findOrCreateExperiment(name: string): Promise<string> {
    let experiment = await this.client.getExperimentByName(name);
    if (!experiment) {
      try {
        return await this.client.createExperiment(name);
      } catch (error) {
        // RESOURCE_ALREADY_EXISTS (or BAD_REQUEST on some SQL stores): someone else created it.
        if (!(error instanceof MlflowApiError && error.status === 400)) throw error;
      }
      experiment = await this.client.getExperimentByName(name);
      if (!experiment) throw new TrackingError(`MLflow at ${this.client.uri} refused to create experiment '${name}'`);
    }
    if (experiment.lifecycle_stage === 'deleted') {
      if (!this.restoreDeleted) {
        throw new TrackingError(
          `experiment '${name}' (id ${experiment.experiment_id}) is deleted on ${this.client.uri}; ` +
            'restore it in the MLflow UI or choose another experiment name',
        );
      }
      await this.restore(experiment.experiment_id);
    }
    return experiment.experiment_id;
  }

  private async restore(experimentId: string): Promise<void> {
    try {
      await this.client.restoreExperiment(experimentId);
    } catch (error) {
      // Restoring an active experiment fails (INVALID_STATE): a concurrent restore won, which is fine.
      if (!(error instanceof MlflowApiError) || error.status === 0) throw error;
      if ((await this.client.getExperiment(experimentId)).lifecycle_stage !== 'active') throw error;
    }
  }
}
