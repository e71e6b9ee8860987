import type { DatasetMeta, ParamValue, RunHandle, RunStatus } from '@gemlab/core';
import { eventLoopTurn } from '../event-loop-turn.js';
import type { LocalRunHandle } from '../local-store/local-run-handle.js';
import type { MlflowRunHandle } from '../mlflow/mlflow-run-handle.js';

/** What a mirrored run needs from its tracker. */
export interface MirrorSupervisor {
  /** False once the server is considered unreachable for this tracker. */
  readonly mirrorAvailable: boolean;
  mirrorFailed(error: unknown, runDir: string): Promise<void>;
  mirrorCompleted(runDir: string, mlflowRunId: string): Promise<void>;
  /** Hands over a run's remaining mirror work after its `end`, for `close` and back-pressure. */
  runEnded(handle: ResilientRunHandle, work: Promise<void>): void;
}

/**
 * A run written to the local store (the source of truth: each call resolves once it is there,
 * and its errors are the caller's) and mirrored to MLflow in the background, in call order.
 * `flush` waits for the mirror too; `end` does not (the tracker's `close` does). When the mirror
 * fails it is dropped for the rest of the run, which stays marked "not fully synced" in the store
 * for `syncStore` to complete.
 */
export class ResilientRunHandle implements RunHandle {
  readonly runId: string;
  private mirror: MlflowRunHandle | undefined;
  private chain: Promise<void>;

  constructor(
    private readonly local: LocalRunHandle,
    mirrorStart: Promise<MlflowRunHandle | undefined>,
    private readonly supervisor: MirrorSupervisor,
  ) {
    this.runId = local.runId;
    this.chain = mirrorStart.then((mirror) => {
      this.mirror = mirror;
    });
  }

  async logParams(params: Readonly<Record<string, ParamValue>>): Promise<void> {
    await this.local.logParams(params);
    this.toMirror((mirror) => mirror.logParams(params));
  }

  async logMetrics(metrics: Readonly<Record<string, number>>, step?: number): Promise<void> {
    await this.local.logMetrics(metrics, step);
    this.toMirror((mirror) => mirror.logMetrics(metrics, step));
    await eventLoopTurn(); // the mirror's requests progress even under a loop that never yields
  }

  async setTags(tags: Readonly<Record<string, string>>): Promise<void> {
    await this.local.setTags(tags);
    this.toMirror((mirror) => mirror.setTags(tags));
  }

  async logDatasetInput(dataset: DatasetMeta & { readonly digest: string }): Promise<void> {
    await this.local.logDatasetInput(dataset);
    this.toMirror((mirror) => mirror.logDatasetInput(dataset));
  }

  async logArtifact(path: string, content: string | Uint8Array): Promise<void> {
    await this.local.logArtifact(path, content);
    this.toMirror((mirror) => mirror.logArtifact(path, content));
  }

  /** Persists locally, then waits until the mirror has everything logged so far (or has failed). */
  async flush(): Promise<void> {
    await this.local.flush();
    this.toMirror((mirror) => mirror.flush());
    await this.chain;
  }

  async end(status: Exclude<RunStatus, 'RUNNING'>): Promise<void> {
    await this.local.end(status);
    const endTime = this.local.endTime;
    this.toMirror(async (mirror) => {
      await mirror.end(status, endTime);
      await this.supervisor.mirrorCompleted(this.local.runDir, mirror.runId);
    });
    this.supervisor.runEnded(this, this.chain);
  }

  /** Resolves when every mirror call made so far has been sent or dropped. */
  settled(): Promise<void> {
    return this.chain;
  }

  /** Queues one call for the mirror, after the earlier ones; a failure drops the mirror. */
  private toMirror(call: (mirror: MlflowRunHandle) => Promise<void>): void {
    this.chain = this.chain.then(async () => {
      const mirror = this.mirror;
      if (!mirror) return;
      if (!this.supervisor.mirrorAvailable) {
        this.mirror = undefined;
        return;
      }
      try {
        await call(mirror);
      } catch (error) {
        this.mirror = undefined;
        await this.supervisor.mirrorFailed(error, this.local.runDir).catch(() => undefined);
      }
    });
  }
}
