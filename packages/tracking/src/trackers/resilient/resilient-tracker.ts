import type { RunFilter, RunRecord, StartRunOptions, Tracker } from '@gemlab/core';
import { LOCAL_RUN_ID_TAG } from '../../run-context/system-tags.js';
import type { LocalRunHandle } from '../local-store/local-run-handle.js';
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
  /** Ended runs whose mirroring may still be in progress before `startRun` waits (default 16). */
  readonly maxBackgroundRuns?: number;
}

function defaultWarn(message: string): void {
  process.stderr.write(`gemlab: warning: ${message}\n`);
}

/**
 * What the runner gets when an MLflow URI is configured: every run goes to the local store and
 * is mirrored to MLflow (tagged `gemlab.localRunId`) in the background, so training waits on the
 * disk, not on the network. Run ids, and `searchRuns`, are the local store's. When the server
 * stops answering (retries exhausted), one warning is printed, mirroring stops, training goes on,
 * the store keeps everything and marks the runs not fully synced; `syncStore` completes them.
 * `close` waits until the mirror has caught up.
 */
export class ResilientTracker implements Tracker, MirrorSupervisor {
  readonly kind = 'mlflow';
  private readonly local: LocalStoreTracker;
  private readonly mirror: MlflowTracker;
  private readonly warn: (message: string) => void;
  private readonly maxBackgroundRuns: number;
  /** Local run id → its MLflow run id (undefined when it is not mirrored), as soon as it is known. */
  private readonly mirrorIds = new Map<string, Promise<string | undefined>>();
  private readonly open = new Set<ResilientRunHandle>();
  private readonly pending = new Set<Promise<void>>();
  /** Ended runs whose mirror calls are still in flight, by local run id. */
  private readonly endedWork = new Map<string, Promise<void>>();
  private unreachable = false;
  private warned = false;

  constructor(options: ResilientTrackerOptions) {
    this.local = options.local;
    this.mirror = options.mirror;
    this.warn = options.warn ?? defaultWarn;
    // A queued 200-epoch × 10-metric run holds ~0.2 MB: 16 of them absorb a slow spell of the
    // server without training waiting on it (with 4, ten 4-s runs on a loaded machine waited
    // 2.1 s of their 62 s in startRun), and still bound the memory when the server cannot keep up.
    this.maxBackgroundRuns = options.maxBackgroundRuns ?? 16;
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

  /**
   * Starts the run locally, then on the server. A run without a parent (a sweep's parent, a single
   * run) is created on the server before this resolves, so that trials started by other processes
   * find its MLflow id in its sync.json; a trial is created in the background.
   */
  async startRun(options: StartRunOptions): Promise<ResilientRunHandle> {
    while (this.pending.size >= this.maxBackgroundRuns) await Promise.race(this.pending);
    const local = await this.local.startRun(options);
    recordSyncState(local.runDir, this.mirror.location, { complete: false });
    const mirror = this.startMirror(local, options);
    if (options.parentRunId === undefined) await mirror;
    return this.track(new ResilientRunHandle(local, mirror, this));
  }

  /** Reopens the local run and, in the background, the server's copy named in its sync.json. */
  async resumeRun(runId: string): Promise<ResilientRunHandle> {
    const local = await this.local.resumeRun(runId);
    const known = this.mirrorIds.get(runId);
    const mirror = (async (): Promise<MlflowRunHandle | undefined> => {
      const mlflowRunId = known ? await known : readSyncFile(local.runDir)[this.mirror.location]?.mlflowRunId;
      // Reopening on the server before the earlier `end` got there would leave the copy ended.
      await this.endedWork.get(runId);
      recordSyncState(local.runDir, this.mirror.location, { complete: false });
      if (this.unreachable || mlflowRunId === undefined) return undefined;
      try {
        return await this.mirror.resumeRun(mlflowRunId);
      } catch (error) {
        this.report(error);
        return undefined;
      }
    })();
    this.mirrorIds.set(
      runId,
      mirror.then((handle) => handle?.runId),
    );
    return this.track(new ResilientRunHandle(local, mirror, this));
  }

  /** Deletes the local run now and the server's copy in the background (or at the next `syncStore`). */
  async deleteRun(runId: string): Promise<void> {
    const runDir = await this.local.findRun(runId);
    await this.local.deleteRun(runId);
    const known = this.mirrorIds.get(runId);
    this.background(
      (async () => {
        const mlflowRunId = known ? await known : readSyncFile(runDir)[this.mirror.location]?.mlflowRunId;
        // MLflow refuses updates to a deleted run, so the run's queued calls (its `end`) go first.
        await this.mirrorCaughtUp(runId);
        if (this.unreachable || mlflowRunId === undefined) return;
        try {
          await this.mirror.deleteRun(mlflowRunId);
        } catch (error) {
          this.report(error);
          recordSyncState(runDir, this.mirror.location, { complete: false });
        }
      })(),
    );
  }

  searchRuns(filter: RunFilter): Promise<RunRecord[]> {
    return this.local.searchRuns(filter);
  }

  /** Resolves once the mirror has caught up with (or given up on) every call made so far. */
  async settled(): Promise<void> {
    await Promise.all([...this.open].map((handle) => handle.settled()));
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /** Waits for the local writes and for the mirror to catch up (or fail) on every run. */
  async close(): Promise<void> {
    await this.local.close();
    for (const handle of this.open) await handle.flush().catch(() => undefined);
    await this.settled();
    if (!this.unreachable) await this.mirror.close().catch((error: unknown) => this.report(error));
  }

  runEnded(handle: ResilientRunHandle, work: Promise<void>): void {
    this.open.delete(handle);
    const tracked = work.finally(() => {
      if (this.endedWork.get(handle.runId) === tracked) this.endedWork.delete(handle.runId);
    });
    this.endedWork.set(handle.runId, tracked);
    this.background(tracked);
  }

  /** Waits until every mirror call queued for one run (open or ended) has been sent or dropped. */
  private async mirrorCaughtUp(runId: string): Promise<void> {
    const open = [...this.open].filter((handle) => handle.runId === runId).map((handle) => handle.settled());
    await Promise.all([...open, this.endedWork.get(runId)]).catch(() => undefined);
  }

  private background(work: Promise<void>): void {
    const tracked = work.catch(() => undefined).finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  async mirrorFailed(error: unknown, runDir: string): Promise<void> {
    this.report(error);
    recordSyncState(runDir, this.mirror.location, { complete: false });
  }

  async mirrorCompleted(runDir: string, mlflowRunId: string): Promise<void> {
    recordSyncState(runDir, this.mirror.location, { mlflowRunId, complete: true });
  }

  private track(handle: ResilientRunHandle): ResilientRunHandle {
    this.open.add(handle);
    return handle;
  }

  /** Creates the server's copy (with the parent's MLflow id) and records its id in sync.json. */
  private startMirror(local: LocalRunHandle, options: StartRunOptions): Promise<MlflowRunHandle | undefined> {
    const mirror = (async (): Promise<MlflowRunHandle | undefined> => {
      if (this.unreachable) return undefined;
      let parent: string | undefined;
      if (options.parentRunId !== undefined) {
        parent = await this.mirrorIdOf(options.parentRunId, options.experiment);
        // A parent the server does not have: leave the run to `syncStore`, which links it properly.
        if (parent === undefined || this.unreachable) return undefined;
      }
      try {
        const handle = await this.mirror.startRun(
          { ...options, parentRunId: parent, tags: { ...(options.tags ?? {}), [LOCAL_RUN_ID_TAG]: local.runId } },
          local.startTime,
        );
        recordSyncState(local.runDir, this.mirror.location, { mlflowRunId: handle.runId, complete: false });
        return handle;
      } catch (error) {
        this.report(error);
        return undefined;
      }
    })();
    this.mirrorIds.set(
      local.runId,
      mirror.then((handle) => handle?.runId),
    );
    return mirror;
  }

  /** The MLflow id of a parent: mirrored by this tracker, or by another process (its sync.json). */
  private async mirrorIdOf(parentRunId: string, experiment: string): Promise<string | undefined> {
    const known = this.mirrorIds.get(parentRunId);
    if (known) return known;
    const sync = readSyncFile(this.local.runDirectory(experiment, parentRunId));
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
