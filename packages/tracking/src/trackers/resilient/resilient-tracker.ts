import { join } from 'node:path';
import type { RunFilter, RunHandle, RunRecord, StartRunOptions, Tracker } from '@gemlab/core';
import { LOCAL_RUN_ID_TAG } from '../../run-context/system-tags.js';
import type { LocalStoreTracker } from '../local-store/local-store-tracker.js';
import { readSyncFile } from '../local-store/store-files.js';
import { recordSyncState } from '../local-store/sync-state.js';
import { MlflowApiError } from '../mlflow/mlflow-api-error.js';
import type { MlflowRunHandle } from '../mlflow/mlflow-run-handle.js';
import type { MlflowTracker } from '../mlflow/mlflow-tracker.js';
import { type MirrorSupervisor, ResilientRunHandle } from './resilient-run-handle.js';

export interface ResilientTrackerOptions {
  readonly local: LocalStoreTracker;
  readonly mirror: MlflowTracker;
  /** Where the one warning about a failing server goes (default: a line on stderr). */
  readonly warn?: (message: string) => void;
}

function defaultWarn(message: string): void {
  process.stderr.write(`gemlab: warning: ${message}\n`);
}

/**
 * What the runner gets when an MLflow URI is configured: every run goes to the local store
 * and is mirrored to MLflow (tagged `gemlab.localRunId`). When the server stops answering
 * (retries exhausted), one warning is printed, mirroring stops, training goes on, the store keeps
 * everything and marks the runs not fully synced; `syncStore` completes them later.
 * Run ids, and `searchRuns`, are the local store's.
 */
export class ResilientTracker implements Tracker, MirrorSupervisor {
  readonly kind = 'mlflow';
  private readonly local: LocalStoreTracker;
  private readonly mirror: MlflowTracker;
  private readonly warn: (message: string) => void;
  private readonly mirrorIds = new Map<string, string>();
  private unreachable = false;
  private warned = false;

  constructor(options: ResilientTrackerOptions) {
    this.local = options.local;
    this.mirror = options.mirror;
    this.warn = options.warn ?? defaultWarn;
  }

  get location(): string {
    return this.mirror.location;
  }

  /** The local store folder that holds every run. */
  get storeLocation(): string {
    return this.local.location;
  }

  get mirrorAvailable(): boolean {
    return !this.unreachable;
  }

  async startRun(options: StartRunOptions): Promise<RunHandle> {
    const local = await this.local.startRun(options);
    let mirror: MlflowRunHandle | undefined;
    if (!this.unreachable) {
      const parent = options.parentRunId === undefined ? undefined : await this.mirrorIdOf(options);
      if (options.parentRunId === undefined || parent !== undefined) {
        try {
          mirror = await this.mirror.startRun(
            {
              ...options,
              parentRunId: parent,
              tags: { ...(options.tags ?? {}), [LOCAL_RUN_ID_TAG]: local.runId },
            },
            local.startTime,
          );
          this.mirrorIds.set(local.runId, mirror.runId);
        } catch (error) {
          this.report(error);
        }
      }
    }
    await recordSyncState(local.runDir, this.mirror.location, { mlflowRunId: mirror?.runId, complete: false });
    return new ResilientRunHandle(local, mirror, this);
  }

  /** Reopens the local run and, when the server has a copy (sync.json), that copy too. */
  async resumeRun(runId: string): Promise<RunHandle> {
    const local = await this.local.resumeRun(runId);
    let mirror: MlflowRunHandle | undefined;
    const mlflowRunId = this.mirrorIds.get(runId) ?? (await readSyncFile(local.runDir))[this.mirror.location]?.mlflowRunId;
    if (!this.unreachable && mlflowRunId !== undefined) {
      try {
        mirror = await this.mirror.resumeRun(mlflowRunId);
        this.mirrorIds.set(runId, mlflowRunId);
      } catch (error) {
        this.report(error);
      }
    }
    await recordSyncState(local.runDir, this.mirror.location, { mlflowRunId: mirror?.runId, complete: false });
    return new ResilientRunHandle(local, mirror, this);
  }

  /** Deletes the local run and the server's copy; when the server fails, `syncStore` deletes it later. */
  async deleteRun(runId: string): Promise<void> {
    const runDir = await this.local.findRun(runId);
    await this.local.deleteRun(runId);
    const mlflowRunId = this.mirrorIds.get(runId) ?? (await readSyncFile(runDir))[this.mirror.location]?.mlflowRunId;
    if (this.unreachable || mlflowRunId === undefined) return;
    try {
      await this.mirror.deleteRun(mlflowRunId);
    } catch (error) {
      this.report(error);
      await recordSyncState(runDir, this.mirror.location, { complete: false });
    }
  }

  searchRuns(filter: RunFilter): Promise<RunRecord[]> {
    return this.local.searchRuns(filter);
  }

  async close(): Promise<void> {
    await this.local.close();
    if (!this.unreachable) await this.mirror.close().catch((error: unknown) => this.report(error));
  }

  async mirrorFailed(error: unknown, runDir: string): Promise<void> {
    if (error !== undefined) this.report(error);
    await recordSyncState(runDir, this.mirror.location, { complete: false });
  }

  async mirrorCompleted(runDir: string, mlflowRunId: string): Promise<void> {
    await recordSyncState(runDir, this.mirror.location, { mlflowRunId, complete: true });
  }

  /** The MLflow id of a parent run: mirrored by this tracker, or by another process (its sync.json). */
  private async mirrorIdOf(options: StartRunOptions): Promise<string | undefined> {
    const parentId = options.parentRunId!;
    const known = this.mirrorIds.get(parentId);
    if (known) return known;
    const sync = await readSyncFile(join(this.local.runDirectory(options.experiment, parentId)));
    return sync[this.mirror.location]?.mlflowRunId;
  }

  private report(error: unknown): void {
    // An unreachable or failing server stops mirroring for every run; a refused request, only for that run.
    if (!(error instanceof MlflowApiError) || error.transient) this.unreachable = true;
    if (this.warned) return;
    this.warned = true;
    const reason = error instanceof Error ? error.message : String(error);
    this.warn(
      `MLflow mirroring stopped (${reason}); training goes on and every run is kept in ${this.local.location}. ` +
        'Run `gemlab sync` once the server is back to complete them there.',
    );
  }
}
